"""The window's integrity check, run beside the first paint on a connection of its own.

``PRAGMA quick_check`` reads every page: about 3 s on a book of 100,000 contacts and 1,000,000
interactions. Run before the window could paint, it was most of the wait to a usable window.
The promise is "checked before anything is written", not "before anything is shown", so the
window opens on a book that is already in WAL mode and needs no upgrade, reads from it at once,
and every write waits for this check (``Book.transaction``). A book that fails is never
written: each write raises the check's BookDamagedError, and the window offers the last good
backup. The daily backup is made here too, after the check, from this same connection.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from core.errors import BookError
from core.store import opening, safety
from core.i18n import _


class BackgroundCheck:
    """``quick_check`` (then the daily backup) on its own read-only connection, on a worker thread."""

    def __init__(self, path: Path, backup_daily: bool, busy_seconds: float) -> None:
        self.path = path
        self.error: BookError | None = None
        self.notice = ""  # the check could not run (the book was locked): said, and the book stays writable
        self.backup_problem = ""
        self._backup_daily = backup_daily
        self._busy = busy_seconds
        self._done = threading.Event()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name="quick-check", daemon=True)
        self._thread.start()

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    def wait(self) -> None:
        """Until the check is over; raises its BookDamagedError if the book failed it."""
        self._done.wait()
        if self.error is not None:
            raise self.error

    def cancel(self) -> None:
        """The book is closing: stop reading (SQLite interrupts the check) and make no backup."""
        self._cancelled = True
        conn = self._conn
        if conn is not None:
            try:
                conn.interrupt()
            except sqlite3.ProgrammingError:
                pass  # already closed
        self._thread.join()

    def _run(self) -> None:
        try:
            self._conn = sqlite3.connect(opening.uri(self.path), uri=True, check_same_thread=False,
                                         timeout=self._busy)
            try:
                if self._cancelled:  # closed before the check began: nothing to interrupt
                    return
                opening.quick_check(self._conn, self.path)
                if self._backup_daily and not self._cancelled:
                    self.backup_problem = safety.daily_backup(self._conn, self.path)
            finally:
                self._conn.close()
        except opening.BookDamagedError as exc:
            if not self._cancelled:
                self.error = exc
        except sqlite3.DatabaseError as exc:
            if not self._cancelled and opening.is_damage(exc):
                self.error = opening.BookDamagedError(_("The book {path} could not be checked ({exc}).").format(path=self.path, exc=exc))
            elif not self._cancelled:
                self.notice = self._not_checked(opening.unreadable_in_words(str(exc)))
        except opening.BookNotChecked as exc:  # it could not be read just now: not damage
            if not self._cancelled:
                self.notice = self._not_checked(exc.reason)
        finally:
            self._done.set()

    def _not_checked(self, reason: str) -> str:
        """Said to the owner when the check could not run: SQLite still reports a damaged page when it
        reads one, and every write is still all or nothing."""
        return _("The book {path} could not be checked this time ({reason}); it is checked again the next time it opens.").format(path=self.path, reason=reason)


def in_wal_mode(path: Path) -> bool:
    """Whether the file is already in WAL mode (bytes 18-19 of the header are 2): opening it then
    writes nothing, so reading can start before the check has finished."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2 and header[19] == 2
