"""The window's side of the integrity check that runs beside the first paint (the book's own check).

The window opens on the book at once; a quiet line says the check is running, and any change
the owner makes meanwhile waits for it. A book that fails is read-only from then on (the book
itself says so); the window shows why in the banner and offers the last good backup at once.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from core.books import last_good_backup
from core.errors import BookError
from core.i18n import _

if TYPE_CHECKING:
    from ui.window_parts import WindowParts

CHECKING = _("Checking the book… (a change waits for it)")
UNREADABLE = (_("Part of this book could not be read.\n\nRapport is checking all of it (up to a minute on a large "
              "book) and will then offer its last good backup."))
KEPT_DAMAGED = _("Part of this book could not be read, and it failed its check: nothing will be written to it.")
RESTORE_LATER = _("File → Restore from backup… brings back a good copy; the damaged file is kept beside it.")


def paint_first(window: WindowParts, paint: Callable[[], None]) -> bool:
    """The window's first read of a book whose check runs beside it; returns whether it painted.

    Should that read meet a damaged page, the check will fail too: the window shows none of the
    book, says the check is running, and goes on without waiting for it (seconds on a large
    book); ``watch_integrity_check`` then says why and offers the last good backup. Any other error
    is raised as ever (a damaged page is SQLite's DatabaseError itself; "locked" and the like are
    its OperationalError)."""
    try:
        paint()
    except sqlite3.DatabaseError as exc:
        check = window.book.integrity_check
        if check is None or isinstance(exc, sqlite3.OperationalError):
            raise
        window.model.forget()
        window.panel.clear()
        window.empty_view.setText(UNREADABLE)
        window.centre_stack.setCurrentWidget(window.empty_view)
        return False
    return True


def watch_integrity_check(window: WindowParts, repaint: Callable[[], None] | None = None) -> None:
    """Follow the open book's check, if one is running, and act on its outcome on the GUI thread.
    ``repaint`` is the first paint that met an unreadable page: should the check pass after all,
    it is tried again (and its error, if it fails again, reaches the owner as any other)."""
    book = window.book
    check = book.integrity_check
    if check is None:
        return
    timer = QTimer(window.widget)
    timer.setInterval(100)

    def poll() -> None:
        if book is not window.book or book.closed:
            timer.stop()
            return
        if not check.finished:
            return
        timer.stop()
        if window.statusBar().currentMessage() == CHECKING:
            window.statusBar().clearMessage()
        if check.error is not None:
            failed_check(window, check.error, shows_nothing=repaint is not None)
        elif repaint is not None:
            repaint()
        for problem in (check.notice, check.backup_problem):  # one line each; the owner keeps working
            if problem and check.error is None:
                window.notify(problem)

    if not check.finished:
        window.statusBar().showMessage(CHECKING)
    timer.timeout.connect(poll)
    timer.start()
    poll()


def failed_check(window: WindowParts, error: BookError, shows_nothing: bool = False) -> None:
    """The book, having failed its check, is read-only (core says why); the way back is its last good
    backup. ``shows_nothing``: the first paint met the damage, and the centre says what is left to do."""
    book = window.book
    window.banner.setText(book.read_only_reason)
    window.banner.show()
    window.commands.update_actions()
    window.panel.set_writable(False)
    window.panel.set_book_writable(False)
    good = last_good_backup(book.path)
    if shows_nothing:
        window.empty_view.setText(f"{KEPT_DAMAGED}\n\n{RESTORE_LATER}" if good else KEPT_DAMAGED)
    if good is None:
        QMessageBox.critical(window.widget, _("The book failed its check"), str(error))
        return
    answer = QMessageBox.question(window.widget, _("The book failed its check"),
                                  _("{error}\n\nRestore the last good backup now? The damaged file is kept beside it, renamed.").format(error=error))
    if answer == QMessageBox.StandardButton.Yes:
        window.files.restore_from(good)
