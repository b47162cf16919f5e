"""The log dialog: how it reads amounts and days, the kind it opens on, where the keyboard starts,
and that a form is gone once closed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.domain import Kind
from tests.ui.test_daily_flow import add_contact
from tests.ui.find import opened_by_key, shown
from ui.dialogs import LogDialog


def test_bad_amount_is_named_in_the_dialog_and_nothing_is_logged(qtbot, window) -> None:
    window.start_empty = True
    ana = add_contact(qtbot, window, "Ana")
    dialog = window.commands.log_interaction()
    dialog.set_kind(Kind.PURCHASE)
    qtbot.keyClicks(dialog.amount, "-5")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "Amount: an amount cannot be negative" in dialog.error.text()
    assert dialog.amount.text() == "-5", "the input is kept"
    assert window.book.interactions.for_contact(ana) == []
    assert window.undo_stack.count() == 1, "only the new contact is undoable; the refused log is not"


def log_for_a_new_contact(qtbot, window, kind: Kind):
    """Ana, added and chosen, with Ctrl+L's form open on ``kind``: (Ana, the form)."""
    ana = window.book.contacts.add("Ana")
    window.refresh()
    window.select_contact(ana.id)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = shown(window, LogDialog)
    dialog.set_kind(kind)
    return ana, dialog


def test_the_log_dialog_says_how_it_reads_an_amount(qtbot, window) -> None:
    window.book.update_settings(number_locale="de_DE", currency="EUR")
    ana, dialog = log_for_a_new_contact(qtbot, window, Kind.PURCHASE)
    qtbot.keyClicks(dialog.amount, "1.000")
    assert dialog.amount_hint.text() == "= 1.000,00 EUR"
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "1,000")
    assert dialog.amount_hint.text() == "Has 3 decimals; did you mean 1.000,00 or 1,00?"
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.error.text().startswith("Amount: has 3 decimals") and window.book.interactions.for_contact(ana.id) == []


def test_a_typed_day_that_does_not_exist_is_named_and_never_saved(qtbot, window) -> None:
    ana, dialog = log_for_a_new_contact(qtbot, window, Kind.NOTE)
    dialog.date.edit.selectAll()
    qtbot.keyClicks(dialog.date.edit, "31 Feb 2026")
    assert dialog.date.hint.text() == "There is no day 31 in February 2026"
    qtbot.keyClick(dialog.date.edit, Qt.Key.Key_Tab)  # Tab leaves the field: no day/month/year sections
    assert dialog.focusWidget() is not dialog.date.edit
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.error.text().startswith("When: there is no day 31 in February 2026")
    assert window.book.interactions.for_contact(ana.id) == []
    dialog.date.edit.selectAll()
    qtbot.keyClicks(dialog.date.edit, "yesterday")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    [logged] = window.book.interactions.for_contact(ana.id)
    from datetime import timedelta

    assert logged.occurred_on == window.today - timedelta(days=1)


def test_the_log_dialog_opens_on_the_kind_that_fits(qtbot, window) -> None:
    from datetime import timedelta

    buyer = window.book.contacts.add("Ana")
    window.book.interactions.log(buyer.id, "purchase", occurred_on=window.today - timedelta(days=3), amount="5")
    newcomer = window.book.contacts.add("Bo")
    window.refresh()
    window.select_contact(buyer.id)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert Kind(shown(window, LogDialog).kind.currentData()) is Kind.PURCHASE
    assert shown(window, LogDialog).amount.isVisibleTo(shown(window, LogDialog))
    shown(window, LogDialog).set_kind(Kind.JOINT_CAMPAIGN)
    assert not shown(window, LogDialog).amount.isVisibleTo(shown(window, LogDialog))  # an amount only for purchases
    qtbot.keyClick(shown(window, LogDialog).note, Qt.Key.Key_Return)
    # A joint campaign logged for Ana is never what Bo's form offers: one Enter would make Bo a partner.
    window.select_contact(newcomer.id)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert Kind(shown(window, LogDialog).kind.currentData()) is Kind.CONVERSATION
    qtbot.keyClick(shown(window, LogDialog).note, Qt.Key.Key_Return)
    assert window.book.status.evidence(newcomer.id).joint_campaigns == ()


def test_a_logged_or_cancelled_form_is_gone_once_closed(qtbot, window) -> None:
    """A day of logging leaves no forms behind: each one kept would slow every later one."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from ui.dialogs import LogDialog

    window.start_empty = True
    ana = window.book.contacts.add("Ana")
    window.refresh()
    window.select_contact(ana.id)
    for amount in ("12.50", "8", ""):
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        dialog = shown(window, LogDialog)
        if amount:
            dialog.set_kind(Kind.PURCHASE)
            qtbot.keyClicks(dialog.amount, amount)
            qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda dialog=dialog: not dialog.isVisible())
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(window.book.interactions.for_contact(ana.id)) == 2
    assert window.findChildren(LogDialog) == []


def test_ctrl_l_on_a_buyer_takes_the_amount_at_once(qtbot, window) -> None:
    """Ctrl+L, 12.50, Enter: the keyboard is already in the amount of a purchase."""
    from PySide6.QtWidgets import QApplication

    window.start_empty = True
    buyer = window.book.contacts.add("Ana")
    window.book.interactions.log(buyer.id, Kind.PURCHASE, amount="5", today=window.today)
    window.refresh()
    window.select_contact(buyer.id)
    dialog = opened_by_key(qtbot, window, Qt.Key.Key_L, LogDialog)
    typing = QApplication.focusWidget()
    assert typing is dialog.amount
    qtbot.keyClicks(typing, "12.50")
    qtbot.keyClick(typing, Qt.Key.Key_Return)
    assert [i.amount_cents for i in window.book.interactions.for_contact(buyer.id)] == [1250, 500]


def test_a_refused_amount_grows_the_form_instead_of_squeezing_its_fields(qtbot, window) -> None:
    """A long amount hint and a two-line error under the form: the dialog grows to hold them, and
    the date field keeps its height (at 1024×600 and 150 % it was squeezed flat)."""
    _ana, dialog = log_for_a_new_contact(qtbot, window, Kind.PURCHASE)
    dialog.resize(dialog.width(), dialog.minimumSizeHint().height())  # as tight as it opens on a netbook
    qtbot.keyClicks(dialog.amount, "12,50")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and dialog.amount_hint.text().startswith("Could be 1,250 or 12.5")
    edit = dialog.date.edit
    assert edit.height() >= edit.minimumSizeHint().height()
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())
