"""Verdicts worked out in processes beside the book's own, when thousands are due at once.

A verdict is about a hundred microseconds of Python a contact, so a new partner cadence (16,000
partners at 100,000 contacts), a new W (everyone) or a full re-tier is seconds of it. In a thread
of the window's process it takes turns with the window for the interpreter lock and uses one
core of two. Here the contacts due are handed out in chunks to processes started with ``spawn``
(nothing of the window's threads or Qt inherited; for the window's background work, at a lower
priority and letting the owner go first), each reading the book on a read-only connection of its own (a read-only connection never folds the
``-wal`` into the file as it closes, which a writer beside the window did). The rows come back
to the book's own connection, which writes them under its one-writer lock, 200 at a time.

A row worked out from what the book held when its chunk was read is written only if nothing
re-tiered that contact since (``TouchLog``): a purchase logged meanwhile has already written a
newer verdict, and that contact is worked out again here instead. A settings change meanwhile
ends the work, and the rest stays due; so does ``stop``.
"""

from __future__ import annotations

import gc
import logging
import os
import sqlite3
import time
from collections import deque
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from core.domain import Changes, Settings, TierChange
from core.i18n import language, use_language
from core.store import settings_reach, verdict_rows
from core.store.writes import OWNER_FIRST_SECONDS

if TYPE_CHECKING:
    from concurrent.futures import Future

    from core.store.book import Book

BESIDE_FROM = 4000  # fewer due than this are worked out in the book's process: starting two (0.3 s) costs more
# Chunks are sized by time: each should take a process about CHUNK_SECONDS of work, so that rows come
# back steadily whoever is due (a partner, with three times the evidence, takes longer than the
# book's average contact). The first ones, before any has been timed, hold CHUNK contacts.
CHUNK = 1000
CHUNK_SECONDS = 0.1
CHUNK_LIMITS = (100, 5000)  # never fewer (each chunk costs a round trip) nor more (memory, and the owner's stop)
# Background work's processes yield the cores to the window when both want them. A command's are the
# owner's own work and keep their priority: lowered, beside a busy browser, a new partner cadence
# took 13 s instead of 4.
NICENESS = 5
POLL_SECONDS = 0.05  # how often a wait for a chunk asks whether to stop
AHEAD = 2  # chunks handed out per process before the book has written the first: what waits in memory is bounded

# A chunk's ids, its status rows that changed (or are new), its moves, and the rows stored when it was
# read of those that changed (what they are compared with, to write only the columns that changed: a row
# a write changed since is worked out again anyway). A verdict that came out as stored is not handed back.
Worked = tuple[list[int], list[tuple], list[TierChange], dict[int, tuple]]

log = logging.getLogger(__name__)
_reader: Book | None = None  # in a process beside: the book, read-only
_owner_acted_at: Any = None  # in a process beside: when the owner's last action began (``OwnerClock.shared``)
EVERY = 50  # contacts worked out between two looks at the owner's clock
GC_EVERY = 20_000  # allocations between two passes of the cycle collector in a process beside (Python's: 700)
# Rows written in one transaction at least: worked out already, 200 take a few milliseconds to write, where
# the window's batches of 25 contacts to work out and write took 20-40 ms (each transaction costs its own).
WRITTEN_AT_ONCE = 200


def workers() -> int:
    """How many processes: one per core, two at most (the window keeps the machine it runs on)."""
    return max(1, min(2, os.cpu_count() or 1))


def _start(path: str, language_code: str, owner_acted_at: Any) -> None:
    """In a process beside: for background work (``owner_acted_at`` given), lower its priority; speak
    the owner's language; open the book to read."""
    global _reader, _owner_acted_at
    _owner_acted_at = owner_acted_at
    if owner_acted_at is not None and hasattr(os, "nice"):
        os.nice(NICENESS)
    use_language(language_code)  # the next steps stored are in the owner's words
    from core.store.book import Book

    _reader = Book.open_to_read(path)
    # A verdict makes a few hundred short-lived objects, none in a cycle: the collector's passes over
    # them every 700 allocations were 4-6 % of a process's time. What was made to start is kept out of
    # its passes for good, and a pass comes every GC_EVERY allocations.
    gc.freeze()
    gc.set_threshold(GC_EVERY, *gc.get_threshold()[1:])


def _work_out(ids: list[int], settings: Settings, today: date) -> tuple[list[tuple], list[TierChange], dict[int, tuple], float]:
    """In a process beside: the status rows of ``ids`` that differ from the stored ones (or have none),
    the moves they make against the stored rungs, the stored rows of those that differ, and the CPU
    seconds it took (the next chunks are sized by it). Most of a full re-tier's verdicts come out as
    stored: compared here, on a core of their own, they are never sent back to be compared by the
    book's process, which writes beside the two processes."""
    assert _reader is not None, "started by _start"
    began = time.process_time()
    status = _reader.status
    evidence = status.evidence_for(_reader.contacts.many(ids))
    stored = status._stored_rows(ids)
    rows: list[tuple] = []
    changes: list[TierChange] = []
    stored_of_changed: dict[int, tuple] = {}
    for done, (cid, ev) in enumerate(evidence.items()):
        if done % EVERY == 0:
            _let_the_owner_go_first()
        before = stored.get(cid)
        result, row = verdict_rows.verdict_of(cid, ev, settings, today, reasons=before is None)
        if before is None:
            rows.append(row)
        elif verdict_rows.changed_columns(before, row):
            rows.append(row)
            stored_of_changed[cid] = before
        change = verdict_rows.entry_or_move(cid, ev, result, verdict_rows.tier_of(before), settings, today)
        if change is not None:
            changes.append(change)
    return rows, changes, stored_of_changed, time.process_time() - began


def _let_the_owner_go_first() -> None:
    """In a process beside, every few contacts: as ``Book.let_the_owner_go_first``, so that a log
    the owner makes meanwhile has the cores to itself (with two processes on two cores, it shared
    them: a log took twice as long)."""
    if _owner_acted_at is not None:
        time.sleep(max(0.0, _owner_acted_at.value + OWNER_FIRST_SECONDS - time.monotonic()))


def worked_out(path: Path, ids: Sequence[int], settings: Settings, today: date,
               stop: Callable[[], bool] = lambda: False, owner_acted_at: Any = None) -> Iterator[Worked]:
    """The rows and moves of ``ids``, a chunk at a time in their order, as the processes beside finish
    them; each chunk is sized by the time the last ones took (``CHUNK_SECONDS``).
    With ``owner_acted_at`` (background work: ``OwnerClock.shared``), the processes run at a lower
    priority and wait a moment after each of the owner's actions.
    ``stop`` is asked while waiting; when it says so, the chunk in hand is still handed back (or
    work that steps aside for other work as soon as it starts, half a second of starting the
    processes, would never get anywhere), and then nothing more. If a process cannot start or
    dies, nothing more is handed back either: what the caller did not get, it works out itself."""
    if not ids:
        return  # no process is started for nothing
    # Imported here: a command whose few due verdicts are worked out in its own process never needs them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, TimeoutError as FutureTimeout
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(min(workers(), -(-len(ids) // CHUNK)), mp_context=context, initializer=_start,
                               initargs=(str(path), language(), owner_acted_at))
    sizes = _ChunkSizes()
    handed_out = 0
    ahead: deque[tuple[list[int], Future]] = deque()  # handed out, not yet back: never more than AHEAD a process
    try:
        while True:
            while len(ahead) < AHEAD * workers() and handed_out < len(ids):
                chunk = list(ids[handed_out:handed_out + sizes.next()])
                handed_out += len(chunk)
                ahead.append((chunk, pool.submit(_work_out, chunk, settings, today)))
            if not ahead:
                return
            chunk, future = ahead.popleft()
            stopping = False
            while True:
                try:
                    rows, changes, stored, seconds = future.result(timeout=POLL_SECONDS)
                    break
                except FutureTimeout:
                    stopping = stopping or stop()  # the chunk in hand is still finished and handed back
            sizes.timed(len(chunk), seconds)
            yield chunk, rows, changes, stored
            if stopping or stop():
                return
    except (BrokenProcessPool, OSError) as exc:  # a process could not start or was killed: the caller carries on here
        log.warning("verdicts beside the book stopped (%s); the rest are worked out in this process", exc)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _ChunkSizes:
    """How many contacts the next chunk holds: ``CHUNK`` until one is timed, then as many as take
    ``CHUNK_SECONDS`` at the pace of the chunks timed so far (each weighing as much as the rest)."""

    def __init__(self) -> None:
        self.per_contact: float | None = None

    def timed(self, contacts: int, seconds: float) -> None:
        pace = seconds / max(contacts, 1)
        self.per_contact = pace if self.per_contact is None else (self.per_contact + pace) / 2

    def next(self) -> int:
        if not self.per_contact:
            return CHUNK
        low, high = CHUNK_LIMITS
        return max(low, min(high, int(CHUNK_SECONDS / self.per_contact)))


def due_ids(book: Book, today: date) -> list[int]:
    """Whom a settings change reached and whose next change has come, each once."""
    reached = settings_reach.pending(book.conn, -1)
    come = [r[0] for r in book.conn.execute("SELECT contact_id FROM contact_status WHERE next_change_on <= ?",
                                            [today.isoformat()])]
    return list(dict.fromkeys(reached + come))


def bring_up_to_date(book: Book, today: date, batch: int, stop: Callable[[], bool]) -> Changes | None:
    """``Status.bring_up_to_date`` with the verdicts worked out beside, when ``BESIDE_FROM`` or more
    are due (else None: too few to be worth it). What is left (touched meanwhile, or stopped) stays due."""
    due = due_ids(book, today)
    if len(due) < BESIDE_FROM:
        return None
    settings, mark = book.settings(fresh=True), book.touch_log.mark()
    # Background work (the window's helper) lets the owner go first; a command is the owner's own work,
    # and its writes are the owner's actions: the processes would wait after each of them.
    clock = book.owner_clock.shared() if book.is_helper else None
    worked = worked_out(book.path, due, settings, today, stop, clock)
    return write_worked_out(book, settings, mark, worked, today, batch)


def write_worked_out(book: Book, settings: Settings, mark: int, worked: Iterable[Worked], today: date,
                     batch: int) -> Changes:
    """Write what was worked out beside from the book as it stood at ``mark`` under ``settings``, in
    transactions of ``batch`` contacts or ``WRITTEN_AT_ONCE``, whichever is more; whoever was
    re-tiered since ``mark`` is worked out again here."""
    total = Changes()
    with _pages_kept(book.conn):
        _write_each(book, settings, mark, worked, today, batch, total)
    return total


# Pages the connection keeps while it writes thousands of verdicts, in KiB (SQLite keeps 2,000): each
# row written changes its page and pages of four indexes, which were read again from the file every
# few rows (a new partner cadence's 16,000 rows: 1.4 s of writing, 0.9 s with these). Given back after:
# kept for good on each connection, they cost the window a hundred megabytes.
WRITING_CACHE_KIB = 32_768
# Meanwhile the log is folded into the file every 10,000 pages (40 MB) instead of every 1,000: each
# fold waits for the disk, and a page the next transactions change again is written once, not each
# time (the window's background writes took 1.3 s for a new partner cadence, 1.1 s so).
FOLDED_EVERY_PAGES = 10_000


@contextmanager
def _pages_kept(conn: sqlite3.Connection) -> Iterator[None]:
    """More pages kept in memory, and the log folded less often, while thousands of rows are written."""
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    folded_every = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{WRITING_CACHE_KIB}")
    conn.execute(f"PRAGMA wal_autocheckpoint = {FOLDED_EVERY_PAGES}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(folded_every)}")
        conn.execute("PRAGMA shrink_memory")


def _write_each(book: Book, settings: Settings, mark: int, worked: Iterable[Worked], today: date, batch: int,
                total: Changes) -> None:
    """``write_worked_out``'s loop, adding what each transaction did to ``total``.

    A chunk is written in one transaction, ``WRITTEN_AT_ONCE`` contacts at a time, unless the owner
    acts meanwhile: the transaction then ends after the part in hand, and the owner's action goes
    next. Each commit writes every page its rows changed (a status row and four or five indexes):
    a transaction of 200 rows wrote most of them again for the next 200, and a new partner cadence
    took 2.1 s where a chunk at a time takes 1.8; the owner waits for the part in hand and its commit."""
    for chunk, rows, changes, stored_then in worked:
        row_of = {row[0]: row for row in rows}
        move_of = {change.contact_id: change for change in changes}
        step = max(batch, WRITTEN_AT_ONCE)
        parts = deque(chunk[start:start + step] for start in range(0, len(chunk), step))
        while parts:  # all of a chunk handed back: ``stop`` is asked between chunks
            book.let_the_owner_go_first()
            with book.transaction() as done:
                if book.settings(fresh=True) != settings:
                    return  # changed meanwhile: the verdicts worked out under the old ones are not written
                began = time.monotonic()
                since = book.touch_log.touched_since(mark)  # nobody else commits until this transaction has
                while parts and book.owner_clock.at <= began:
                    part = parts.popleft()
                    again = set(part) if since is None else since.intersection(part)
                    kept = [cid for cid in part if cid not in again and cid in stored_then]
                    stored = {cid: stored_then[cid] for cid in kept}  # as they still are: nothing re-tiered them since
                    book.status.write_verdicts(stored, [row_of[cid] for cid in kept], [],
                                               [move_of[cid] for cid in kept if cid in move_of])
                    if again:
                        book.status.refresh(sorted(again), today)
                    settings_reach.done(book.conn, part)
            total.touched.update(done.touched)
            total.moves.extend(done.moves)
