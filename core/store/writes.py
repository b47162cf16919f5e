"""The mark on every store method that changes the book.

Only ``core.operations`` (and the store itself) may call a marked method: the window and the
command line change a book through an operation, which is one transaction, reports its
``Changes`` and knows its way back. ``tests/test_one_way_to_write.py`` reads the marks and fails
when ``ui/`` or ``core/cli*`` calls a marked method directly.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections import deque
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, TypeVar

_Method = TypeVar("_Method", bound=Callable[..., object])

MARK = "__changes_the_book__"


def writes(method: _Method) -> _Method:
    """Mark ``method`` as one that changes the book."""
    setattr(method, MARK, True)
    return method


_savepoints = itertools.count(1)


@contextmanager
def savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """Part of the transaction under way, undone alone if it fails (a transaction nested in another).
    An error that already ended the whole transaction (a trigger's RAISE(ROLLBACK)) is raised as it
    is: undoing the savepoint then would hide it behind "no such savepoint"."""
    name = f"rapport_{next(_savepoints)}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    conn.execute(f"RELEASE SAVEPOINT {name}")


class TouchLog:
    """Whom each committed transaction of an open book re-tiered, in order, shared by all its
    connections (``Book.helper``): work that read the book a while ago (verdicts worked out in a
    process beside, ``verdicts_beside``) asks who was touched since, and works them out again.

    Only the last ``KEEP`` commits are kept: asked about a mark older than that, or about a commit
    too big to name its contacts (an import, the Trash emptied), it answers None: anyone."""

    KEEP = 4096

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0
        self._commits: deque[tuple[int, frozenset[int] | None]] = deque(maxlen=self.KEEP)

    def note(self, touched: Iterable[int], whole_book: bool = False) -> None:
        """A transaction committed, having re-tiered ``touched`` (or anyone, with ``whole_book``)."""
        with self._lock:
            self._count += 1
            self._commits.append((self._count, None if whole_book else frozenset(touched)))

    def mark(self) -> int:
        """Where the log stands now: ``touched_since`` this mark names what commits after it did."""
        with self._lock:
            return self._count

    def touched_since(self, mark: int) -> set[int] | None:
        """The contacts re-tiered by every commit after ``mark``, or None when that cannot be named."""
        with self._lock:
            if self._count == mark:
                return set()
            if not self._commits or self._commits[0][0] > mark + 1:
                return None  # commits after the mark have left the log
            touched: set[int] = set()
            for number, ids in self._commits:
                if number > mark:
                    if ids is None:
                        return None
                    touched |= ids
            return touched


OWNER_FIRST_SECONDS = 0.25  # background batches wait this long after the owner's last action began


class OwnerClock:
    """When the owner's last action began, shared by every connection of an open book and, once
    ``shared()`` is asked, by processes beside it: background work waits a moment after it
    (``Book.let_the_owner_go_first``), so that the owner's action runs alone."""

    def __init__(self) -> None:
        self.at = 0.0  # time.monotonic(): one clock for every process of the machine
        self._shared: Any = None

    def note(self, now: float) -> None:
        self.at = now
        if self._shared is not None:
            self._shared.value = now

    def shared(self) -> Any:
        """The same time in shared memory, to hand to a process started with ``spawn``."""
        if self._shared is None:
            import multiprocessing

            self._shared = multiprocessing.get_context("spawn").RawValue("d", self.at)
        return self._shared
