"""Reminders while the window is open: an occasion whose lead time has started shows in a quiet bar
above the list (and as a tray message where the desktop has a tray), with Open, Snooze and Done."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSystemTrayIcon, QToolButton, QVBoxLayout

from core.domain import PlanStep
from core import operations
from core.i18n import _

if TYPE_CHECKING:
    from ui.window_parts import WindowParts


class ReminderBar(QFrame):
    """One reminder at a time: "Reminder: Anna's birthday on Mon 7 Dec: call Anna by Sat 5 Dec" and what to do."""

    sig_open = Signal()
    sig_snooze = Signal(int)
    """Snooze for this many days."""
    sig_done = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet("ReminderBar { background: #e8f1fb; border-radius: 4px; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.buttons: dict[str, QToolButton] = {}
        self.current: tuple[int, PlanStep] | None = None  # the reminder shown, which its buttons act on
        self.told_in_tray: set[str] = set()  # the steps said once in the tray already
        self.tray: QSystemTrayIcon | None = None
        # The words take the whole width and the buttons go under them: on a netbook a row of four
        # buttons beside the text squeezed it into a tall, narrow column over the list.
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 4, 6, 4)
        column.setSpacing(2)
        column.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        column.addLayout(row)
        for key, shown in (("open", _("Open")), ("day", _("Tomorrow")), ("week", _("In a week")), ("done", _("Done"))):
            button = QToolButton()
            button.setText(shown)
            row.addWidget(button)
            self.buttons[key] = button
        self.buttons["day"].setToolTip(_("Snooze: remind me tomorrow"))
        self.buttons["week"].setToolTip(_("Snooze: remind me in a week"))
        self.buttons["done"].setToolTip(_("Done: logs the call (Ctrl+Z undoes it)"))
        self.buttons["open"].clicked.connect(self.sig_open)
        self.buttons["day"].clicked.connect(lambda: self.sig_snooze.emit(1))
        self.buttons["week"].clicked.connect(lambda: self.sig_snooze.emit(7))
        self.buttons["done"].clicked.connect(self.sig_done)
        self.hide()


def connect(window: WindowParts) -> None:
    bar = window.reminder
    bar.sig_open.connect(lambda: _open(window))
    bar.sig_snooze.connect(lambda days: _snooze(window, days))
    bar.sig_done.connect(lambda: _done(window))


def show_due(window: WindowParts) -> None:
    """Show the first reminder due today (none: the bar hides). Said once in the tray, where there is one."""
    bar = window.reminder
    due = [] if window.book.read_only else window.book.occasions.reminders(window.today)
    bar.current = due[0] if due else None
    if not due:
        bar.hide()
        return
    contact_id, step = due[0]
    contact = window.book.contacts.get(contact_id)
    pinned = f" · \u2691 {'; '.join(contact.pinned)}" if contact.pinned else ""
    more = f" (and {len(due) - 1} more)" if len(due) > 1 else ""
    bar.text.setText(_("Reminder: {text}{pinned}{more}").format(text=step.text, pinned=pinned, more=more))
    bar.show()
    if QSystemTrayIcon.isSystemTrayAvailable() and step.key not in bar.told_in_tray:
        bar.tray = bar.tray or QSystemTrayIcon(window.widget.windowIcon(), window.widget)
        bar.tray.show()
        bar.tray.showMessage("Rapport", step.text)
        bar.told_in_tray.add(step.key)


def _current(window: WindowParts) -> tuple[int, PlanStep] | None:
    return window.reminder.current


def _open(window: WindowParts) -> None:
    current = _current(window)
    if current is not None:
        window.search.clear()
        window.sidebar.choose("all")
        window.refresh()
        window.select_contact(current[0])


def _snooze(window: WindowParts, days: int) -> None:
    current = _current(window)
    if current is not None:
        window.commands.run("", lambda: operations.snooze_reminder(window.book, current[0], current[1].key,
                                                                   window.today + timedelta(days=days)))
        show_due(window)


def _done(window: WindowParts) -> None:
    current = _current(window)
    if current is None:
        return
    contact_id, step = current
    if window.commands.run(_("Done: {text}").format(text=step.text), lambda: operations.complete_step(window.book, contact_id, step,
                                                                                 window.today)):
        window.notify(_("Done: {text}. Ctrl+Z undoes it.").format(text=step.text))
    show_due(window)
