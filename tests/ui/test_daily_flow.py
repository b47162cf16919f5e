"""The owner's day, driven through the real widgets on a real book file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from core.domain import Answer, Kind, Question, Tier
from ui.contact_model import COLUMNS
from tests.ui.find import shown
from ui.moves_dialog import MovesDialog
from ui.settings_dialog import SettingsDialog


def type_into(qtbot, field, text: str) -> None:
    """Type like a person; QTest cannot synthesise some accented keys, so those are pasted."""
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        field.insert(text)


def add_contact(qtbot, window, name: str, phone: str = "") -> int:
    dialog = window.commands.new_contact()
    type_into(qtbot, dialog.name, name)
    if phone:
        qtbot.keyClicks(dialog.phone, phone)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert window.panel.contact_id is not None
    return window.panel.contact_id


def log(qtbot, window, kind: Kind, amount: str = "", referred: str = "", days_ago: int = 0) -> None:
    dialog = window.commands.log_interaction()
    dialog.set_kind(kind)
    if days_ago:
        from datetime import timedelta

        dialog.date.set_day(window.today - timedelta(days=days_ago))
    if amount:
        qtbot.keyClicks(dialog.amount, amount)
    if referred:
        type_into(qtbot, dialog.referred, referred)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter saves
    assert dialog.error.isHidden(), dialog.error.text()


def tier_cell(window, contact_id: int) -> str:
    return window.model.index(window.model.row_of(contact_id), 1).data()


def test_climbing_the_ladder_through_the_window(qtbot, window) -> None:
    window.start_empty = True
    maria = add_contact(qtbot, window, "Maria Lopez", "+34 612 345 678")
    assert tier_cell(window, maria) == "Suspect"
    log(qtbot, window, Kind.INQUIRY)
    assert tier_cell(window, maria) == "Prospect"
    assert window.last_notice == "Maria Lopez is now a Prospect"
    log(qtbot, window, Kind.PURCHASE, "42.50", days_ago=10)
    assert tier_cell(window, maria) == "Customer"
    log(qtbot, window, Kind.PURCHASE, "18")
    for question in Question:
        window.panel.client_test.choose(question, Answer.YES)
    assert tier_cell(window, maria) == "Client"
    assert window.last_notice == "Maria Lopez is now a Client"
    assert window.panel.tier.badge.text() == "Client"

    bob = add_contact(qtbot, window, "Bob Ødegård")
    window.select_contact(maria)
    log(qtbot, window, Kind.REFERRAL_GIVEN, referred="Bob Ø")
    log(qtbot, window, Kind.REFERRAL_RECEIVED, referred="Bob Ødegård")
    assert tier_cell(window, maria) == "Partner · also Client"
    assert window.panel.tier.badge.text() == "Partner · also Client"
    assert tier_cell(window, bob) == "Prospect", "Maria referred Bob to us"
    assert "Bob Ødegård" in window.panel.referrals.text.text()


def test_sidebar_counts_follow_a_log(qtbot, window) -> None:
    window.start_empty = True
    add_contact(qtbot, window, "Ana")
    row = window.sidebar.row_of
    assert window.sidebar.item(row("suspect")).text() == "Suspects  (1)"
    log(qtbot, window, Kind.PURCHASE, "10")
    assert window.sidebar.item(row("suspect")).text() == "Suspects  (0)"
    assert window.sidebar.item(row("customer")).text() == "Customers  (1)"


def test_search_with_an_accent(qtbot, window) -> None:
    window.start_empty = True
    zoe = add_contact(qtbot, window, "Zoë Fontaine")
    add_contact(qtbot, window, "Bob")
    window.commands.focus_search()
    qtbot.keyClicks(window.search, "zoe")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    assert window.model.contact_id(0) == zoe
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=3000)


def test_typing_in_the_table_starts_a_search(qtbot, window) -> None:
    window.start_empty = True
    add_contact(qtbot, window, "Łukasz Nowak")
    add_contact(qtbot, window, "Bob")
    window.table.setFocus()
    qtbot.keyClicks(window.table, "luk")
    assert window.search.text() == "luk"
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)


def test_delete_and_undo(qtbot, window) -> None:
    window.start_empty = True
    ana = add_contact(qtbot, window, "Ana")
    window.select_contact(ana)
    window.menu_actions["delete"].trigger()
    assert window.model.row_of(ana) is None
    assert window.sidebar.item(window.sidebar.count() - 1).text() == "Trash  (1)"
    assert window.menu_actions["undo"].text() == "&Undo Delete Ana"
    window.menu_actions["undo"].trigger()
    assert window.model.row_of(ana) is not None
    assert window.book.contacts.view_counts()["trash"] == 0
    assert window.last_notice == "Undid: Delete Ana"


def test_delete_then_delete_again_with_the_real_key(qtbot, window) -> None:
    window.start_empty = True
    ids = [window.book.contacts.add(name).id for name in ("Ana", "Bo", "Cy")]
    window.refresh()
    window.select_contact(ids[0])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.panel.contact_id == ids[1], "the next contact takes the deleted one's place"
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.book.contacts.view_counts()["trash"] == 2 and window.panel.contact_id == ids[2]
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.last_notice == "Undid: Delete Bo" and window.book.contacts.view_counts()["trash"] == 1


def test_a_trashed_contact_is_read_only_with_a_restore_button(qtbot, window) -> None:
    window.start_empty = True
    ana = window.book.contacts.add("Ana")
    window.book.contacts.delete(ana.id)
    window.sidebar.choose("trash")
    window.select_contact(ana.id)
    panel = window.panel
    assert panel.trash_bar.isVisibleTo(panel) and not panel.card.isEnabled() and not panel.plan.isEnabled()
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert window.book.contacts.view_counts()["trash"] == 0
    assert window.last_notice == "Restored Ana from the Trash."


def test_undo_a_log_and_an_answer(qtbot, window) -> None:
    window.start_empty = True
    ana = add_contact(qtbot, window, "Ana")
    log(qtbot, window, Kind.PURCHASE, "12")
    window.panel.client_test.choose(Question.TRUST, Answer.NO)
    assert window.menu_actions["undo"].text() == "&Undo Answer “Trust” for Ana"
    window.menu_actions["undo"].trigger()
    assert window.book.interactions.answers_for(ana) == {}
    assert window.menu_actions["undo"].text() == "&Undo Log purchase for Ana"
    window.menu_actions["undo"].trigger()
    assert window.book.interactions.for_contact(ana) == []
    assert tier_cell(window, ana) == "Suspect"


def test_restore_from_trash_and_empty_it(qtbot, window, monkeypatch) -> None:
    window.start_empty = True
    ana = add_contact(qtbot, window, "Ana")
    bob = add_contact(qtbot, window, "Bob")
    for contact_id in (ana, bob):
        window.select_contact(contact_id)
        window.menu_actions["delete"].trigger()
    window.sidebar.choose("trash")
    window.select_contact(ana)
    assert window.menu_actions["restore"].isEnabled()
    window.menu_actions["restore"].trigger()
    assert window.book.contacts.view_counts()["trash"] == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.menu_actions["empty_trash"].trigger()
    assert window.book.contacts.view_counts()["trash"] == 0
    assert [c.name for c in window.book.contacts.in_view()] == ["Ana"]


def test_settings_change_retiers_and_says_how_many_moved(qtbot, window) -> None:
    window.start_empty = True
    ana = add_contact(qtbot, window, "Ana")
    log(qtbot, window, Kind.PURCHASE, "10", days_ago=20)
    log(qtbot, window, Kind.PURCHASE, "10")
    for question in Question:
        window.panel.client_test.choose(question, Answer.YES)
    assert tier_cell(window, ana) == "Client"
    dialog = window.dialogs.open_settings()
    dialog.editors["client_min_purchases"].setValue(3)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: "1 contact moved on the ladder" in window.last_notice)  # worked out off the GUI thread
    assert tier_cell(window, ana) == "Customer"
    shown(window, MovesDialog).close()
    dialog = window.dialogs.open_settings()
    dialog.editors["business_name"].setText("Lina's Flowers")  # no number of the ladder: nothing to redo
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.last_notice == "Settings saved." and not window.book.status.is_stale(window.today)
    assert window.windowTitle() == f"Lina's Flowers — {window.book.path.name} — Rapport", "the title follows the name"


def test_the_settings_dialog_writes_back_only_what_the_owner_changed(qtbot, window) -> None:
    """A value set from the command line that an editor shows differently is never rewritten by OK."""
    window.book.update_settings(window_days=5000, slipping_gap_factor=2.125, today=window.today)  # 2.13 on screen
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = shown(window, SettingsDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.editors["window_days"].value() == 5000, "the editor offers what the book accepts"
    dialog.editors["business_name"].setText("Lina's Flowers")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    settings = window.book.settings()
    assert (settings.business_name, settings.window_days, settings.slipping_gap_factor) == (
        "Lina's Flowers", 5000, 2.125)


def test_scrolling_the_settings_past_a_number_changes_nothing(qtbot, window) -> None:
    """On a netbook the settings scroll; a wheel turned over a number on the way must not change it."""
    from tests.ui.conftest import turn_wheel

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = shown(window, SettingsDialog)
    qtbot.waitUntil(dialog.isVisible)
    for key in ("partner_cadence_days", "slipping_gap_factor", "paper_size"):
        turn_wheel(dialog.editors[key])
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    settings = window.book.settings()
    assert (settings.partner_cadence_days, settings.slipping_gap_factor, settings.paper_size) == (14, 2.0, "A4")


def test_bad_setting_keeps_the_dialog_open(qtbot, window) -> None:
    dialog = window.dialogs.open_settings()
    dialog.editors["business_name"].setText("   ")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "business needs a name" in dialog.error.text()


def test_ticking_a_plan_step_logs_it(qtbot, window) -> None:
    window.start_empty = True
    ana = add_contact(qtbot, window, "Ana Ruiz")
    log(qtbot, window, Kind.INQUIRY)
    boxes = window.panel.plan.step_boxes()
    assert boxes[0].step_text.startswith("Follow up on Ana's inquiry")
    boxes[0].click()
    qtbot.waitUntil(lambda: len(window.book.interactions.for_contact(ana)) == 2)
    logged = window.book.interactions.for_contact(ana)[0]
    assert logged.kind is Kind.CONVERSATION and logged.note.startswith("Done: Follow up on Ana's inquiry")


def when_asked(window, act) -> None:
    """Answer the modal question a tick asks, as soon as it is on screen."""
    from PySide6.QtCore import QTimer

    timer = QTimer(window)

    def check() -> None:
        box = shown(window, QMessageBox)
        if box is not None and box.isVisible():
            timer.stop()
            act(box)

    timer.timeout.connect(check)
    timer.start(20)


def click_choice(text: str):
    def act(box) -> None:
        [button] = [b for b in box.buttons() if b.text() == text]
        button.click()
    return act


def test_ticking_a_client_test_step_asks_and_never_records_yes_by_itself(qtbot, window) -> None:
    window.start_empty = True
    marcus = add_contact(qtbot, window, "Marcus Hale")
    log(qtbot, window, Kind.PURCHASE, "15", days_ago=20)  # the client test comes with the second visit
    log(qtbot, window, Kind.PURCHASE, "20")
    [needs] = [b for b in window.panel.plan.step_boxes() if b.step_text.startswith("Learn what else Marcus")]
    when_asked(window, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    needs.click()
    qtbot.waitUntil(lambda: window.last_notice.startswith("Logged a conversation with Marcus Hale: Learn"))
    assert window.book.interactions.answers_for(marcus) == {}  # Esc skipped the question: no answer recorded
    assert window.book.interactions.for_contact(marcus)[0].note.startswith("Done: Learn what else Marcus")
    [reference] = [b for b in window.panel.plan.step_boxes() if b.step_text.startswith("Find out what Marcus")]
    when_asked(window, click_choice("No"))
    reference.click()
    qtbot.waitUntil(lambda: window.last_notice.endswith("Reference: no. Ctrl+Z undoes it."))
    answers = window.book.interactions.answers_for(marcus)
    assert [(q.value, a.answer.value) for q, a in answers.items()] == [("reference", "no")]


def test_ticking_propose_a_joint_promotion_does_not_make_a_partner(qtbot, window) -> None:
    from datetime import timedelta

    window.start_empty = True
    shop = window.book.contacts.add("Hotel Lumen", organisation="Hotel Lumen")
    window.book.interactions.log(shop.id, "purchase", amount="10", occurred_on=window.today - timedelta(days=9))
    window.book.interactions.log(shop.id, "purchase", amount="10")
    for question in Question:
        window.book.interactions.record_answer(shop.id, question, "yes")
    window.refresh()
    window.select_contact(shop.id)
    assert tier_cell(window, shop.id) == "Client"
    [joint] = [b for b in window.panel.plan.step_boxes() if b.step_text.startswith("Propose a joint promotion")]
    when_asked(window, click_choice("Not yet"))
    joint.click()
    qtbot.waitUntil(lambda: window.last_notice.startswith("Logged a conversation with Hotel Lumen"))
    assert tier_cell(window, shop.id) == "Client"  # a tick is not a campaign
    assert window.book.interactions.for_contact(shop.id)[0].kind is Kind.CONVERSATION
    assert not [b for b in window.panel.plan.step_boxes() if b.step_text.startswith("Propose a joint promotion")]
    [intro] = [b for b in window.panel.plan.step_boxes() if b.step_text.startswith("Ask Hotel Lumen for an intro")]
    when_asked(window, click_choice("Yes, it happened"))
    intro.click()  # the owner says the introduction happened: now it is evidence
    qtbot.waitUntil(lambda: window.last_notice.endswith("referral received logged. Ctrl+Z undoes it."))
    assert [i.kind for i in window.book.interactions.for_contact(shop.id)[:2]] == [Kind.REFERRAL_RECEIVED,
                                                                            Kind.CONVERSATION]


def test_a_ticked_step_leaves_the_plan_and_ctrl_z_brings_it_back(qtbot, window) -> None:
    window.start_empty = True
    add_contact(qtbot, window, "Ana Ruiz")
    log(qtbot, window, Kind.INQUIRY)
    [follow] = window.panel.plan.step_boxes()
    qtbot.waitUntil(follow.isVisible)
    qtbot.mouseClick(follow, Qt.MouseButton.LeftButton)  # a real click: the box takes the keyboard focus
    qtbot.waitUntil(lambda: window.last_notice.startswith("Logged a conversation with Ana Ruiz: Follow up on Ana"))
    assert window.panel.plan.step_boxes() == [], "the step is done: it is gone from the plan"
    window.activateWindow()  # the log dialog closed; offscreen there is no window manager to do this
    qtbot.waitUntil(window.isActiveWindow)
    assert window.focusWidget() is window.panel.plan.print_button, "the keyboard stays in the plan"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(window.panel.plan.step_boxes()) == 1)
    assert window.panel.plan.step_boxes()[0].step_text.startswith("Follow up on Ana's inquiry")


def test_every_setting_has_an_editor(window) -> None:
    from dataclasses import fields

    from core.domain import Settings

    dialog = window.dialogs.open_settings()
    # Every setting of the book, and this computer's language beside them.
    assert set(dialog.editors) == {f.name for f in fields(Settings)} | {"language"}


def test_model_passes_the_model_tester(qtmodeltester, window, qtbot) -> None:
    window.start_empty = True
    for name in ("Ana", "Bob", "Zoë"):
        add_contact(qtbot, window, name)
    qtmodeltester.check(window.model)
    window.model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(window.model)
    assert [c for c, _ in COLUMNS][1] == "tier"


def test_first_run_offers_the_demo(qtbot, window) -> None:
    assert window.centre_stack.currentWidget() is window.first_run
    window.first_run.demo_button.click()
    qtbot.waitUntil(lambda: window.book.path.name == "demo.rapport", timeout=60_000)
    assert window.book.contacts.view_counts()["all"] == 70
    assert window.centre_stack.currentWidget() is window.table
    assert window.windowTitle() == "Bloom & Stem — demo.rapport — Rapport"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "Preparing the demo book…")
    assert window.last_notice.startswith("The demo book is open: Bloom & Stem.")
    tiers = {window.model.index(r, 1).data().split(" · ")[0] for r in range(window.model.rowCount())}
    assert Tier.PARTNER.label in tiers, tiers


def test_an_unexpected_sqlite_error_is_shown_in_words_and_changes_nothing(qtbot, window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from core import operations
    from core.domain import Contact

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    window.book.contacts.add("Ana")
    window.book.conn.execute("CREATE TRIGGER no_more BEFORE INSERT ON contacts BEGIN "
                             "SELECT RAISE(ABORT, 'database or disk is full'); END")
    assert window.commands.run("Add Bo", lambda: operations.add_contact(window.book, Contact(name="Bo"))) is None
    assert said == ["The book could not be changed (the disk is full). Nothing was changed; your book is as it was."]
    assert [c.name for c in window.book.contacts.in_view()] == ["Ana"] and window.undo_stack.count() == 0


def test_card_typing_is_saved_when_another_contact_is_clicked_and_survives_a_log(qtbot, window) -> None:
    ana = window.book.contacts.add("Ana")
    bo = window.book.contacts.add("Bo")
    window.refresh()
    window.select_contact(ana.id)
    card = window.panel.card
    card.address.setFocus()
    qtbot.keyClicks(card.address, "1 Rose Lane")
    window.book.interactions.log(ana.id, "note", note="called")  # something else refreshes the window
    window.refresh()
    assert card.address.text() == "1 Rose Lane"  # the typing stays on the card
    window.select_contact(bo.id)  # as a click on another row does
    assert window.book.contacts.get(ana.id).address == "1 Rose Lane"
    assert window.last_notice == "Saved your changes to Ana"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.book.contacts.get(ana.id).address == ""  # one undoable action


def test_closing_with_typing_that_cannot_be_saved_asks(qtbot, window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    ana = window.book.contacts.add("Ana")
    window.refresh()
    window.select_contact(ana.id)
    window.panel.card.emails.setText("not-an-email")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text: asked.append(title) or QMessageBox.StandardButton.No)
    assert window.close() is False and asked == ["Close without these changes?"]
    window.panel.card.emails.setText("ana@example.org")
    assert window.close() is True
    from core.store import Book

    with Book.open(window.book.path) as book:
        assert book.contacts.get(ana.id).emails == ("ana@example.org",)


def test_a_multi_selection_goes_to_the_trash_as_one_action_and_comes_back_as_one(qtbot, window) -> None:
    window.start_empty = True
    ids = [window.book.contacts.add(name).id for name in ("Ana", "Bo", "Cy", "Dee")]
    window.refresh()
    window.select_contact(ids[0])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    for _ in range(2):  # Ana, Bo and Cy: Shift+Down twice
        qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert window.selected_ids() == ids[:3]
    undo_steps = window.undo_stack.count()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.book.contacts.view_counts()["trash"] == 3 and window.model.rowCount() == 1
    assert window.undo_stack.count() == undo_steps + 1, "one action, one undo"
    assert window.last_notice == "Moved 3 contacts to the Trash. Ctrl+Z brings them back."
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.last_notice == "Undid: Delete 3 contacts"
    assert window.book.contacts.view_counts()["trash"] == 0 and window.model.rowCount() == 4


def test_a_squeezed_sidebar_shortens_the_view_name_never_its_count(window) -> None:
    """At 1024×600 and 150 % the sidebar is about 110 points wide: "Customers  (23)" must still say 23."""
    from ui.sidebar import name_and_count

    metrics = window.sidebar.fontMetrics()
    name, count = name_and_count("Customers  (1,234)", metrics, metrics.horizontalAdvance("Custom  (1,234)"))
    assert count == "(1,234)" and name.startswith("Cust") and name.endswith("…") and name != "Customers"
    assert name_and_count("Trash  (0)", metrics, 400) == ("Trash", "(0)")
    assert window.sidebar.item(1).text().startswith("All contacts  (")  # what is read aloud stays whole
    slipping = window.sidebar.item(window.sidebar.row_of("slipping"))
    assert slipping.toolTip() == "Slipping away", "hovering a shortened name says it whole"


def test_a_language_that_cannot_be_kept_is_said_and_the_other_settings_are_saved(qtbot, window, monkeypatch) -> None:
    """A config folder that cannot be written (a locked-down computer): the settings dialog says so in
    words and stays open; the book's own settings are saved all the same."""
    from PySide6.QtWidgets import QDialogButtonBox

    import ui.settings_dialog

    def refused(code: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ui.settings_dialog, "choose_language", refused)
    dialog = window.dialogs.open_settings()
    dialog.editors["business_name"].setText("Bloom & Stem")
    language = dialog.editors["language"]
    language.setCurrentIndex(language.findData("fr"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.error.text() == "The language could not be kept (Permission denied); the other settings are saved."
    assert window.book.settings().business_name == "Bloom & Stem"
    dialog.reject()
