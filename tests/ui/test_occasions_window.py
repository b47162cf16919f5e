"""Occasions in the window: added by Ctrl+Shift+O and its form, stopped with a reason, both undone by
Ctrl+Z; the pane lists them soonest first."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from core.text import format_day
from tests.ui.find import shown
from ui.occasion_actions import OccasionDialog


def fill_and_accept(qtbot, window, kind: str, day: str, note: str) -> None:
    def fill() -> None:
        dialog = shown(window, OccasionDialog)
        dialog.kind.setCurrentText(kind)
        qtbot.keyClicks(dialog.day, day)
        qtbot.keyClicks(dialog.note, note)
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    QTimer.singleShot(0, fill)


def test_add_an_occasion_by_keys_stop_it_and_undo_both(qtbot, window, monkeypatch) -> None:
    window.start_empty = True
    wei = window.book.contacts.add("Wei Zhang", today=window.today)
    window.refresh()
    window.select_contact(wei.id)
    box = window.panel.occasions
    assert box.list.isHidden() and not box.empty.isHidden()
    coming = window.today + timedelta(days=5)
    fill_and_accept(qtbot, window, "Wedding anniversary", f"{coming.day} {coming.strftime('%b')}", "red roses")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: box.list.count() == 1)
    assert box.list.item(0).text() == f"{format_day(coming)} — wedding anniversary: red roses"
    steps = [row.text.text() for row in window.panel.plan.rows[:window.panel.plan.shown]]
    assert steps[0].startswith("Wei's wedding anniversary on") and "— by" not in steps[0], "one 'by', its own"
    assert window.last_notice == "Added wedding anniversary for Wei Zhang. Ctrl+Z undoes it."

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *args, **kwargs: ("divorced", True)))
    box.stop_button.click()
    assert box.list.count() == 0 and window.book.occasions.of(wei.id) == []
    window.activateWindow()  # the form was modal: the window takes the keys again once it is active
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.list.count() == 1, "undo brings the stopped occasion back"
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.book.occasions.of(wei.id) == [] and box.list.isHidden(), "and undoes the add"
    QApplication.processEvents()


def test_a_form_with_a_wrong_day_stays_open_and_says_why(qtbot, window) -> None:
    window.start_empty = True
    wei = window.book.contacts.add("Wei Zhang", today=window.today)
    window.refresh()
    window.select_contact(wei.id)
    said: list[str] = []

    def fill() -> None:
        dialog = shown(window, OccasionDialog)
        dialog.kind.setCurrentText("Birthday")
        qtbot.keyClicks(dialog.day, "31 Feb")
        qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
        QTimer.singleShot(0, lambda: (said.append(dialog.error.text()), dialog.reject()))
    QTimer.singleShot(0, fill)
    window.menu_actions["add_occasion"].trigger()
    assert said and "31 Feb" in said[0]
    assert window.book.occasions.of(wei.id) == []


def test_the_yearly_rhythm_becomes_an_occasion_in_one_click(qtbot, window) -> None:
    window.start_empty = True
    wei = window.book.contacts.add("Wei Zhang", today=window.today - timedelta(days=800))
    for days in (740, 375):  # anniversary roses, a year apart
        window.book.interactions.log(wei.id, "purchase", window.today - timedelta(days=days), today=window.today)
    window.refresh()
    window.select_contact(wei.id)
    box = window.panel.occasions
    expected = window.today - timedelta(days=375) + timedelta(days=365)
    around = f"{expected.day} {expected.strftime('%b')}"
    assert box.offer_button.text() == f"Remind me of their yearly order (around {around})"
    assert not box.offer_button.isHidden()
    box.offer_button.click()
    [occasion] = window.book.occasions.of(wei.id)
    assert (occasion.kind.value, occasion.day) == ("yearly-order", f"--{expected.month:02d}-{expected.day:02d}")
    assert box.offer_button.isHidden(), "offered once: it is an occasion now"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.book.occasions.of(wei.id) == [] and not box.offer_button.isHidden()
