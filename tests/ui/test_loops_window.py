"""Closing loops, resolving complaints, money and referrals, as the owner sees them in the window."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication

from core.domain import Answer, Kind, Question, Tier
from core.text import format_day
from tests.ui.test_daily_flow import tier_cell
from tests.ui.find import shown
from ui.moves_dialog import MovesDialog
from ui.settings_dialog import SettingsDialog
from ui.dialogs import NewContactDialog
from ui.guide_dialog import GuideDialog


def choose(window, contact_id: int) -> None:
    window.refresh()
    window.select_contact(contact_id)


def test_close_a_prospect_as_not_a_fit_and_undo_it(qtbot, window) -> None:
    window.start_empty = True
    pia = window.book.contacts.add("Pia Prospect")
    window.book.interactions.log(pia.id, "inquiry", window.today - timedelta(days=10))
    choose(window, pia.id)
    assert window.menu_actions["close_not_a_fit"].isEnabled()
    window.menu_actions["close_not_a_fit"].trigger()  # a menu item without a shortcut
    assert tier_cell(window, pia.id) == "Prospect · not a fit"
    assert window.last_notice == "Closed Pia Prospect: not a fit. Ctrl+Z undoes it."
    assert "You closed this on" in window.panel.tier.reasons.text()
    assert window.panel.plan.step_boxes() == []
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tier_cell(window, pia.id) == "Prospect"


def test_resolve_is_offered_only_with_an_open_complaint(qtbot, window) -> None:
    window.start_empty = True
    lina = window.book.contacts.add("Lina Park")
    choose(window, lina.id)
    assert not window.menu_actions["resolve"].isEnabled()
    window.book.interactions.log(lina.id, "complaint", window.today - timedelta(days=2), note="wilted roses")
    choose(window, lina.id)
    assert window.menu_actions["resolve"].isEnabled()
    assert window.panel.plan.step_boxes()[0].step_text.startswith("Resolve Lina's complaint of")
    window.menu_actions["resolve"].trigger()
    assert window.last_notice == "Marked Lina Park's complaint resolved. Ctrl+Z undoes it."
    assert window.book.interactions.open_complaints(lina.id) == []
    assert not window.menu_actions["resolve"].isEnabled()
    made, fixed = format_day(window.today - timedelta(days=2)), format_day(window.today)
    assert window.panel.timeline.list.item(0).text() == f"{made}  Complaint, resolved {fixed} — wilted roses", \
        "the timeline keeps the complaint in sight with the day it was put right"
    assert f"Complaint of {made}, resolved {fixed}" in window.panel.tier.reasons.text()


def test_the_pane_shows_spend_who_referred_them_and_what_leads_bought(qtbot, window) -> None:
    window.start_empty = True
    book = window.book
    sofia = book.contacts.add("Sofia Marin")
    anna = book.contacts.add("Anna Berg")
    book.interactions.log(sofia.id, "referral_received", window.today - timedelta(days=20), referred_contact_id=anna.id)
    book.interactions.log(anna.id, "purchase", window.today - timedelta(days=3), amount="120.50")
    choose(window, anna.id)
    assert "Spent 120.50 EUR in the last 12 months, 120.50 EUR in all" in window.panel.tier.reasons.text()
    assert "Referred by" in window.panel.referrals.text.text() and "Sofia Marin" in window.panel.referrals.text.text()
    choose(window, sofia.id)
    ledger = window.panel.referrals.text.text()
    assert "They referred" in ledger and "Anna Berg" in ledger and "bought, 120.50 EUR" in ledger
    assert "Their leads have spent 120.50 EUR with us" in ledger
    assert window.panel.plan.step_boxes()[0].step_text == "Thank Sofia for sending us Anna"


def test_the_sidebar_tells_what_each_tier_spent(qtbot, window) -> None:
    window.start_empty = True
    ana = window.book.contacts.add("Ana")
    window.book.interactions.log(ana.id, "purchase", window.today, amount="42")
    choose(window, ana.id)
    row = window.sidebar.row_of("customer")
    rect = window.sidebar.visualItemRect(window.sidebar.item(row))
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), window.sidebar.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(window.sidebar.viewport(), event)
    assert window.sidebar.item(row).toolTip() == "Customers spent 42.00 EUR in the last 12 months"


def test_a_search_that_hides_the_shown_contact_clears_the_pane(qtbot, window) -> None:
    window.start_empty = True
    bo = window.book.contacts.add("Benjamin Cole")
    window.book.contacts.add("Zoë Fontaine")
    choose(window, bo.id)
    assert window.panel.title.text() == "Benjamin Cole"
    window.commands.focus_search()
    qtbot.keyClicks(window.search, "zoe")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    assert window.panel.contact_id is None and window.panel.placeholder.isVisibleTo(window.panel)
    window.sidebar.choose("client")  # a view without them: nobody stale in the pane either
    assert window.panel.contact_id is None


def test_the_pane_keeps_a_contact_the_search_still_shows(qtbot, window) -> None:
    window.start_empty = True
    zoe = window.book.contacts.add("Zoë Fontaine")
    window.book.contacts.add("Benjamin Cole")
    choose(window, zoe.id)
    window.commands.focus_search()
    qtbot.keyClicks(window.search, "zo")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    assert window.panel.contact_id == zoe.id
    assert window.selected_ids() == [zoe.id], "her row is still the one chosen"


def test_timeline_buttons_wait_for_a_selected_entry(qtbot, window) -> None:
    window.start_empty = True
    ana = window.book.contacts.add("Ana")
    window.book.interactions.log(ana.id, "note", note="likes tulips")
    choose(window, ana.id)
    timeline = window.panel.timeline
    assert (timeline.edit_button.text(), timeline.delete_button.text()) == ("Edit entry…", "Delete entry")
    assert not timeline.edit_button.isEnabled() and not timeline.delete_button.isEnabled()
    qtbot.waitUntil(timeline.list.isVisible)
    rect = timeline.list.visualItemRect(timeline.list.item(0))
    qtbot.mouseClick(timeline.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert timeline.delete_button.isEnabled()
    qtbot.mouseClick(timeline.delete_button, Qt.MouseButton.LeftButton)
    assert window.book.interactions.for_contact(ana.id) == []
    assert not window.panel.timeline.delete_button.isEnabled()


def test_the_pane_shows_the_moves_and_a_settings_change_lists_who_moved(qtbot, window) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    window.start_empty = True
    ana = window.book.contacts.add("Ana Ruiz")
    window.book.interactions.log(ana.id, "purchase", window.today - timedelta(days=60), amount="10")
    window.book.interactions.log(ana.id, "purchase", window.today - timedelta(days=40), amount="10")
    choose(window, ana.id)
    history = window.panel.history.text.text().splitlines()
    assert history[-1].endswith("Entered as a Suspect: Entered the book as a suspect: In the book, no inquiry or "
                                "purchase yet")
    assert "Suspect → Customer: Now a customer: 1 purchase" in history[-2]
    dialog = window.dialogs.open_settings()
    dialog.editors["window_days"].setValue(30)  # both purchases leave W: a customer stays a customer
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.last_notice == "Settings saved. 0 contacts moved on the ladder.")
    window.book.interactions.log(ana.id, "referral_received", window.today - timedelta(days=1))
    window.book.interactions.log(ana.id, "referral_given", window.today - timedelta(days=1))
    choose(window, ana.id)
    dialog = window.dialogs.open_settings()
    dialog.editors["window_days"].setValue(1)  # the exchange of yesterday leaves W: no longer a partner
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.last_notice == "Settings saved. 1 contact moved on the ladder.")
    moves = shown(window, MovesDialog)
    assert moves.isVisible() and moves.table.rowCount() == 1
    assert moves.table.item(0, 1).text() == "Ana Ruiz" and moves.table.item(0, 2).text() == "Partner → Customer"
    why = moves.table.item(0, 3)
    assert why.text().startswith("Dropped from partner to customer") and why.toolTip() == why.text()
    moves.resize(420, 300)  # a netbook's width
    qtbot.waitUntil(lambda: moves.width() <= 420)
    header = moves.table.horizontalHeader()
    assert header.sectionPosition(3) + header.sectionSize(3) <= moves.table.viewport().width(), \
        "the reason wraps within the view; its column (and its header) do not run off it"


def test_answering_the_client_test_never_moves_its_buttons(qtbot, window) -> None:
    from core.domain import Answer, Question

    window.start_empty = True
    ana = window.book.contacts.add("Ana Ruiz")
    for days in (40, 5):
        window.book.interactions.log(ana.id, "purchase", window.today - timedelta(days=days), amount="10")
    choose(window, ana.id)
    qtbot.waitUntil(window.panel.client_test.isVisible)
    client_test = window.panel.client_test
    qtbot.wait(50)  # the first layout pass
    where = [client_test.mapTo(window, client_test.rect().topLeft())]
    for question in Question:  # each yes shortens the "not yet yes on …" reason above
        client_test.choose(question, Answer.YES)
        qtbot.wait(50)
        where.append(client_test.mapTo(window, client_test.rect().topLeft()))
    assert window.book.status.tier_result(ana.id).tier is Tier.CLIENT
    assert len({(p.x(), p.y()) for p in where}) == 1, where


def test_start_empty_asks_the_business_then_offers_add_or_import(qtbot, window) -> None:
    from ui.first_run import BusinessPage

    panel = window.first_run
    assert window.centre_stack.currentWidget() is panel
    qtbot.mouseClick(panel.empty_button, Qt.MouseButton.LeftButton)
    page: BusinessPage = panel.business
    assert panel.pages.currentWidget() is page
    qtbot.keyClick(page.name, Qt.Key.Key_Return)  # no name yet
    assert page.error.isVisibleTo(page) and page.error.text().startswith("Business name: the business needs a name")
    qtbot.keyClicks(page.name, "Lina's Flowers")
    page.currency.setCurrentText("GBP")
    page.amounts.setCurrentIndex(page.amounts.findData("de_DE"))
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    settings = window.book.settings()
    assert (settings.business_name, settings.currency, settings.number_locale) == ("Lina's Flowers", "GBP", "de_DE")
    assert panel.pages.currentWidget() is panel.start
    assert panel.start.title.text() == "Lina's Flowers: your book is ready"
    assert panel.start.title.minimumSizeHint().width() < 300, "a narrow pane wraps the title, never cuts it"
    assert window.windowTitle().startswith("Lina's Flowers — ")
    qtbot.mouseClick(panel.start.add_button, Qt.MouseButton.LeftButton)
    assert window.start_empty and shown(window, NewContactDialog).isVisible()


def test_the_business_page_offers_this_computers_way_of_writing_amounts() -> None:
    from ui.first_run import BusinessPage

    assert BusinessPage("de_DE").amounts.currentData() == "de_DE"
    page = BusinessPage("pt_BR")
    assert page.amounts.currentData() == "pt_BR" and "pt_BR" in page.amounts.currentText()


def test_shift_f1_opens_the_guide_with_the_readme_sections(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    guide = shown(window, GuideDialog)
    titles = [guide.titles.item(i).text() for i in range(guide.titles.count())]
    assert titles[:4] == ["Installing", "Where your book lives", "Languages", "The ladder"]
    assert "The command line" in titles and "For developers" not in titles
    guide.titles.setCurrentRow(titles.index("The ladder"))
    assert "Rapport computes each contact's tier from the evidence" in guide.page.toPlainText()
    assert "docs/screenshots" not in guide.page.toMarkdown()
    # On a netbook the commands wrap with the text: nothing to scroll sideways for.
    guide.resize(640, 480)
    guide.titles.setCurrentRow(titles.index("Installing"))
    assert "sudo apt-get install libxcb-cursor0" in guide.page.toPlainText()
    qtbot.waitUntil(lambda: guide.page.viewport().width() < 420)
    qtbot.waitUntil(lambda: guide.page.horizontalScrollBar().maximum() == 0)
    guide.titles.setCurrentRow(titles.index("The command line"))
    assert "rapport list --view due  # This week; also: hybrid, slipping, occasions, trash" in guide.page.toPlainText(), \
        "a comment follows its command, not a column of spaces"


def test_a_dialog_opens_at_the_size_the_owner_gave_it_never_beyond_the_screen(qtbot, window) -> None:
    window.dialogs.show_recent_moves()
    first = shown(window, MovesDialog)
    first.resize(640, 300)
    first.close()
    window.dialogs.show_recent_moves()
    assert (shown(window, MovesDialog).width(), shown(window, MovesDialog).height()) == (640, 300)
    shown(window, MovesDialog).resize(5000, 5000)
    shown(window, MovesDialog).close()
    window.dialogs.show_recent_moves()
    free = shown(window, MovesDialog).screen().availableGeometry()
    assert shown(window, MovesDialog).width() <= free.width() and shown(window, MovesDialog).height() <= free.height()


def test_the_table_shows_an_overdue_step_as_due_today_as_the_pane_does(qtbot, window) -> None:
    from core.text import format_day

    window.start_empty = True
    ana = window.book.contacts.add("Ana Ruiz")
    window.book.interactions.log(ana.id, "inquiry", window.today - timedelta(days=30))
    choose(window, ana.id)
    [row] = window.book.contacts.rows([ana.id])
    assert row.due_on == window.today - timedelta(days=23), "the book keeps the step's own day"
    from ui.contact_model import COLUMNS

    due_column = [key for key, _ in COLUMNS].index("due")
    assert window.model.index(window.model.row_of(ana.id), due_column).data() == format_day(window.today)
    assert window.panel.plan.step_boxes()[0].parent().findChildren(type(window.panel.title))[0].text().endswith(
        f"by {format_day(window.today)}</span>")


def test_a_window_left_open_past_midnight_moves_to_the_new_day(qtbot, window) -> None:
    from datetime import date

    yesterday = date.today() - timedelta(days=1)
    window.today = window.model.today = yesterday  # as if opened yesterday and left open
    ana = window.book.contacts.add("Ana")
    window.book.interactions.log(ana.id, "inquiry", date.today() - timedelta(days=8))
    window.follow_the_calendar()
    assert window.today == date.today() and window.model.today == date.today()
    qtbot.waitUntil(lambda: not window.book.status.is_stale(date.today()))


def test_scrolling_the_pane_over_the_card_changes_nothing_on_it(qtbot, window) -> None:
    """A wheel turned to scroll the pane, passing over a drop-down of the card, scrolls the pane: it
    must not quietly make a person an organisation, or change what the owner calls them."""
    from tests.ui.conftest import turn_wheel

    window.start_empty = True
    ana = window.book.contacts.add("Ana")
    choose(window, ana.id)
    card = window.panel.card
    window.table.setFocus()
    for combo in (card.kind, card.label):
        before = combo.currentIndex()
        turn_wheel(combo)
        assert combo.currentIndex() == before, combo
    assert not card.is_dirty()
    window.select_contact(window.book.contacts.add("Bo").id)  # moving on saves a dirty card: nothing to save
    assert window.book.contacts.get(ana.id).kind.value == "person"


def test_a_long_line_on_the_card_shows_its_start(qtbot, window) -> None:
    """Four phones from an iPhone card in a narrow field: the owner sees the first, not the last."""
    window.start_empty = True
    phones = ("905-555-1234", "905-666-1234", "905-777-1234", "905-222-1234")
    john = window.book.contacts.add("John Doe", phones=phones, emails=("john.doe@ibm.com", "jdoe@example.com"))
    choose(window, john.id)
    card = window.panel.card
    assert card.phones.text() == ", ".join(phones)
    assert (card.phones.cursorPosition(), card.emails.cursorPosition()) == (0, 0)


def test_in_a_narrow_pane_the_words_wrap_within_what_it_shows(qtbot, window) -> None:
    """At 1024×600 and 150 % the pane is about 270 points wide: the reasons, the client test (its
    answers under each question), the plan and the card all stay within view."""
    from PySide6.QtCore import QPoint

    window.start_empty = True
    ana = window.book.contacts.add("Anastasia Konstantinopoulou-Papadimitriou", today=window.today)
    window.book.interactions.log(ana.id, Kind.INQUIRY, today=window.today)
    window.resize(683, 400)  # as narrow as the window goes
    window.show()
    choose(window, ana.id)
    panel = window.panel
    window.splitter.setSizes([110, 290, 283])
    qtbot.waitUntil(lambda: panel.viewport().width() < panel.client_test.wide_width())
    qtbot.wait(50)
    view = panel.viewport().width()
    client_test = panel.client_test
    for part in (panel.title, panel.tier.reasons, client_test, panel.plan, panel.card.kind, panel.card.notes):
        right = part.mapTo(panel.viewport(), QPoint(part.width(), 0)).x()
        assert right <= view, (part, right, view)
    assert not panel.horizontalScrollBar().isVisible()
    needs, yes = client_test.titles[Question.NEEDS], client_test.groups[Question.NEEDS].button(1)
    assert yes.y() > needs.y(), "the answers sit under their question"
    client_test.choose(Question.NEEDS, Answer.YES)  # and still answer it
    qtbot.waitUntil(lambda: window.book.interactions.answers_for(ana.id).get(Question.NEEDS) is not None)
    window.resize(1600, 600)
    window.splitter.setSizes([110, 490, 1000])  # a wide pane again: one line per question
    qtbot.waitUntil(lambda: not client_test.compact)
    assert abs(client_test.groups[Question.NEEDS].button(1).y() - client_test.titles[Question.NEEDS].y()) < 8


def test_the_settings_fit_a_small_screen_with_their_buttons_in_view(qtbot, window) -> None:
    """On a netbook (here the 800-point test screen; 1024×600 at 150 % is 683 × 400) the settings
    open inside the screen, every field reachable and OK in view."""
    from PySide6.QtWidgets import QDialogButtonBox

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = shown(window, SettingsDialog)
    qtbot.waitUntil(dialog.isVisible)
    free = dialog.screen().availableGeometry()
    assert free.contains(dialog.frameGeometry()), (dialog.frameGeometry(), free)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.rect().contains(ok.geometry().translated(ok.parentWidget().mapTo(dialog, ok.parentWidget().rect().topLeft())))
    dialog.reject()
