"""One writer per book, for the window and the command line alike.

An OS file lock (``filelock``: flock on Unix, LockFileEx on Windows) on ``book.rapport.lock``:
the operating system drops it when the process ends, so a crash never leaves a stale lock.
Readers take no lock (WAL lets them read beside the writer).
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from core.errors import BookError
from core.i18n import _

WINDOW_WAIT = 0.2  # the window asks once: another window has the book, or it does not
COMMAND_WAIT = 3.0  # a command that writes waits a moment for a window's write to finish


class BookLockedError(BookError):
    """Another Rapport (a window or a command) is writing to this book."""


class WriterLock:
    def __init__(self, book_path: Path) -> None:
        self.path = Path(str(book_path) + ".lock")
        self._lock = FileLock(str(self.path), mode=0o600, thread_local=False)

    def acquire(self, wait: float) -> bool:
        """Take the lock within ``wait`` seconds; False when the folder cannot hold a lock file."""
        try:
            self._lock.acquire(timeout=wait)
        except Timeout:
            raise BookLockedError(
                _("This book is already open in another Rapport window, the one that may change it: {with_suffix}. Switch to that window, or close it first.").format(with_suffix=self.path.with_suffix(''))) from None
        except OSError:
            return False  # a read-only folder: nobody can write the book there anyway
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)
