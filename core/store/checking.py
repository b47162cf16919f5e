"""The window's integrity check, run beside the first paint in a process of its own.

``PRAGMA quick_check`` reads every page: about 3 s on a book of 100,000 contacts and 1,000,000
interactions. Run before the window could paint, it was most of the wait to a usable window.
The promise is "checked before anything is written", not "before anything is shown", so the
window opens on a book that is already in WAL mode and needs no upgrade, reads from it at once,
and every write waits for this check (``Book.transaction``). A book that fails is never
written: each write raises the check's BookDamagedError, and the window offers the last good
backup. The daily backup is made there too, after the check, from the same connection.

The check and the backup run in a child process started with ``spawn``, on a read-only connection
of its own: the window's process only waits for one short answer on a pipe, so neither the check
nor the backup's verification ever takes turns with the window for the interpreter lock. Closing
the book asks the child to stop: it interrupts its own connection and answers, so that its
``finally`` blocks run (a backup stopped half-way leaves no file that could pass for a backup).

The stop is one byte of shared memory that the child looks at, never a shared ``Event``: a child
that ended while a thread of it waited on one left it waiting for a sleeper that was gone, and
the window's close, setting it, hung for good.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from pathlib import Path
from typing import Any, Callable

from core.errors import BookError
from core.i18n import _, language
from core.store import opening

PASSED, DAMAGED, NOT_CHECKED, SAID, STOPPED = "passed", "damaged", "not checked", "said", "stopped"
Outcome = tuple[str, str, str]  # (one of the five, the damage, reason or sentence in words, the backup's problem)
STOP_GRACE_SECONDS = 3.0  # how long a stopped child may take to answer before it is ended
LOOK_EVERY_SECONDS = 0.05  # how often the child looks whether the book closed


class BackgroundCheck:
    """``quick_check`` (then the daily backup) on a read-only connection of a child process, waited
    for by a thread of this one."""

    def __init__(self, path: Path, backup_daily: bool, busy_seconds: float) -> None:
        self.path = path
        self.error: BookError | None = None
        self.notice = ""  # the check could not run (the book was locked): said, and the book stays writable
        self.backup_problem = ""
        self._done = threading.Event()
        context = multiprocessing.get_context("spawn")
        self._stop = context.RawValue("b", 0)  # 1 once the book closes: the child and this side look at it
        self._answers, answer = context.Pipe(duplex=False)
        self._child = context.Process(target=check_in_a_process, name="rapport-check", daemon=True,
                                      args=(str(path), backup_daily, busy_seconds, language(), self._stop, answer))
        self._thread = threading.Thread(target=self._run, args=(answer,), name="quick-check", daemon=True)
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
        """The book is closing: the child stops reading (SQLite interrupts the check) and makes no
        backup; its answer is waited for, so nothing of it outlives the book."""
        self._stop.value = 1
        self._thread.join()

    def _run(self, answer: Any) -> None:
        outcome: Outcome = (NOT_CHECKED, _("the check stopped before it finished"), "")
        try:
            self._child.start()
            answer.close()  # the child holds the sending end now: the pipe ends when the child does
            outcome = self._answer()
        except OSError as exc:  # no process could be started (out of memory, too many processes)
            outcome = (NOT_CHECKED, exc.strerror or str(exc), "")
        finally:
            self._done_with(outcome)  # whatever happened, a write waiting for the check goes on

    def _answer(self) -> Outcome:
        """The child's answer; a child ended without one (killed, crashed) left the book unchecked."""
        while not self._answers.poll(0.1):
            if self._stop.value:
                if not self._answers.poll(STOP_GRACE_SECONDS):
                    self._child.terminate()
                break
            if not self._child.is_alive() and not self._answers.poll(0):
                break
        try:
            outcome: Outcome = self._answers.recv()
        except (EOFError, OSError):
            outcome = (NOT_CHECKED, _("the check stopped before it finished"), "")
        self._answers.close()
        self._child.join()
        return outcome

    def _done_with(self, outcome: Outcome) -> None:
        kind, words, backup_problem = outcome
        if not self._stop.value:
            if kind == DAMAGED:
                self.error = opening.BookDamagedError(words)
            elif kind == NOT_CHECKED:
                self.notice = not_checked(self.path, words)
            elif kind == SAID:
                self.notice = words
            self.backup_problem = backup_problem
        self._done.set()


def not_checked(path: Path, reason: str) -> str:
    """Said to the owner when the check could not run: SQLite still reports a damaged page when it
    reads one, and every write is still all or nothing."""
    return _("The book {path} could not be checked this time ({reason}); it is checked again the next time it opens.").format(path=path, reason=reason)


def check_in_a_process(path: str, backup_daily: bool, busy_seconds: float, language_code: str,
                       stop: Any, answer: Any) -> None:
    """In the child: the check, then the daily backup; one ``Outcome`` sent back on ``answer``."""
    from core.i18n import use_language

    use_language(language_code)
    try:
        answer.send(_check_then_back_up(Path(path), backup_daily, busy_seconds, lambda: bool(stop.value)))
    finally:
        answer.close()


def _check_then_back_up(path: Path, backup_daily: bool, busy_seconds: float, stopped: Callable[[], bool]) -> Outcome:
    from core.store import safety

    try:
        conn = sqlite3.connect(opening.uri(path), uri=True, check_same_thread=False, timeout=busy_seconds)
        over = threading.Event()
        watcher = threading.Thread(target=_interrupt_when_stopped, args=(conn, stopped, over), name="stop-watch",
                                   daemon=True)
        watcher.start()
        try:
            if stopped():  # closed before the check began: nothing to interrupt
                return (STOPPED, "", "")
            opening.quick_check(conn, path)
            backup_problem = safety.daily_backup(conn, path, stop=stopped) if backup_daily and not stopped() else ""
            return (PASSED, "", backup_problem)
        finally:
            over.set()
            watcher.join()
            conn.close()
    except opening.BookDamagedError as exc:
        return (STOPPED, "", "") if stopped() else (DAMAGED, str(exc), "")
    except sqlite3.DatabaseError as exc:
        if stopped():
            return (STOPPED, "", "")
        if opening.is_damage(exc):
            return (DAMAGED, _("The book {path} could not be checked ({exc}).").format(path=path, exc=exc), "")
        return (NOT_CHECKED, opening.unreadable_in_words(str(exc)), "")
    except opening.BookNotChecked as exc:  # it could not be read just now: not damage
        return (STOPPED, "", "") if stopped() else (NOT_CHECKED, exc.reason, "")
    except BookError as exc:  # the disk is full, and the like: its own sentence
        return (STOPPED, "", "") if stopped() else (SAID, str(exc), "")


def _interrupt_when_stopped(conn: sqlite3.Connection, stopped: Callable[[], bool], over: threading.Event) -> None:
    """The child's second thread: when the book closes, SQLite is told to stop the check; when the
    work is over first, it ends before the connection closes."""
    while not over.wait(LOOK_EVERY_SECONDS):
        if stopped():
            conn.interrupt()
            return


def in_wal_mode(path: Path) -> bool:
    """Whether the file is already in WAL mode (bytes 18-19 of the header are 2): opening it then
    writes nothing, so reading can start before the check has finished."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2 and header[19] == 2
