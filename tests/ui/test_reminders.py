"""A reminder shows when an occasion's lead time has started: snoozed, it comes back when the day
does (the clock moved); Done logs the call, and Ctrl+Z takes it back."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt


def test_a_reminder_snoozed_comes_back_and_done_logs_the_call(qtbot, window) -> None:
    window.start_empty = True
    soon = window.today + timedelta(days=3)
    anna = window.book.contacts.add("Anna Berg", birthday=f"--{soon.month:02d}-{soon.day:02d}",
                                    pinned=("allergic to lilies",), today=window.today)
    window.dialogs.after_open()
    bar = window.reminder
    assert not bar.isHidden()
    assert bar.text.text().startswith("Reminder: Anna's birthday on ")
    assert bar.text.text().endswith("\u2691 allergic to lilies")
    bar.buttons["day"].click()
    assert bar.isHidden(), "snoozed until tomorrow"
    window.dialogs.after_open()
    assert bar.isHidden(), "still today: still snoozed"
    window.today = window.model.today = window.today + timedelta(days=1)  # the clock moves on a day
    window.dialogs.after_open()
    assert not bar.isHidden(), "tomorrow came"
    bar.buttons["open"].click()
    assert window.current_id() == anna.id
    bar.buttons["done"].click()
    assert bar.isHidden()
    [logged] = window.book.interactions.for_contact(anna.id)
    assert logged.step_key.startswith("occasion:birthday:") and logged.kind.value == "conversation"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.book.interactions.for_contact(anna.id) == []
    window.dialogs.after_open()
    assert not bar.isHidden(), "undone: reminded again"


def test_no_reminder_before_the_lead_time_nor_for_a_stopped_occasion(qtbot, window) -> None:
    window.start_empty = True
    later = window.today + timedelta(days=20)
    anna = window.book.contacts.add("Anna Berg", birthday=f"--{later.month:02d}-{later.day:02d}", today=window.today)
    window.dialogs.after_open()
    assert window.reminder.isHidden()
    soon = window.today + timedelta(days=2)
    window.book.occasions.add(anna.id, "memorial", f"--{soon.month:02d}-{soon.day:02d}", for_whom="her father",
                              today=window.today)
    window.dialogs.after_open()
    assert not window.reminder.isHidden()
    number = [o.kind.value for o in window.book.occasions.of(anna.id)].index("memorial") + 1
    window.book.occasions.stop(anna.id, number, "no more reminders", today=window.today)
    window.dialogs.after_open()
    assert window.reminder.isHidden()


def test_the_occasions_soon_view_lists_them(qtbot, window) -> None:
    from tests.ui.test_roles_window import sidebar_text

    window.start_empty = True
    soon = window.today + timedelta(days=10)
    anna = window.book.contacts.add("Anna Berg", birthday=f"--{soon.month:02d}-{soon.day:02d}", today=window.today)
    window.book.contacts.add("Bo Li", today=window.today)
    window.dialogs.after_open()  # as the window opens: the count is there at once
    assert sidebar_text(window, "occasions") == "Occasions soon  (1)"
    window.sidebar.choose("occasions")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.contact_id(0) == anna.id
