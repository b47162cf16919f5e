"""The window's integrity check runs beside the first paint: reading starts at once, writing waits
for the check, and a book that fails it is never written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.errors import BookError
from core.store import Book, opening
from core.store.checking import BackgroundCheck
from core.store.opening import BookDamagedError
from core.store.safety import list_backups
from tests.test_opening_safely import a_book, digest


def damaged_late(path: Path) -> None:
    """A book whose schema reads fine but whose last data pages are scribbled over."""
    a_book(path, tuple(f"Customer {n}" for n in range(2000)))
    data = bytearray(path.read_bytes())
    page = 4096
    pages = len(data) // page
    for number in range(pages - 6, pages - 1):
        data[number * page: number * page + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))


def test_a_sound_book_opens_at_once_and_writes_after_its_check(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    a_book(path)
    book = Book.open(path, check_integrity="background")
    try:
        assert book.integrity_check is not None, "a WAL book that needs no upgrade is checked beside the window"
        assert [c.name for c in book.contacts.in_view()] == ["Ana", "Bo"]
        book.contacts.add("Cleo")  # waits for the check, then writes
        assert book.integrity_check.finished and book.integrity_check.error is None
    finally:
        book.close()
    with Book.open(path) as again:
        assert [c.name for c in again.contacts.in_view()] == ["Ana", "Bo", "Cleo"]


def test_a_book_that_fails_its_check_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    damaged_late(path)
    before, backups_before = digest(path), list_backups(path)
    book = Book.open(path, check_integrity="background")  # the schema reads: the window can paint
    try:
        with pytest.raises(BookDamagedError, match=f"The book {path} is damaged"):
            book.contacts.add("Cleo")
        with pytest.raises(BookDamagedError):
            book.contacts.add("Dora")
        assert book.read_only, "the window then disables every change"
        reason = book.read_only_reason  # SQLite's own words for the damage sit in the brackets
        assert reason.startswith(f"The book {path} is damaged (")
        assert reason.endswith(f"). The last good backup is {list_backups(path)[0]}. Nothing will be written to it.")
    finally:
        book.close()
    assert digest(path) == before, "nothing reached the file, not even a checkpoint on close"
    assert list_backups(path) == backups_before, "no backup of the damage"


def test_the_daily_backup_follows_the_check_beside_the_window(tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "book.rapport"
    a_book(path)
    shutil.rmtree(path.with_name(path.name + ".backups"))  # no backup made today yet
    book = Book.open(path, check_integrity="background")
    try:
        assert book.integrity_check is not None
        book.integrity_check.wait()
        assert [p.name.rsplit("_", 1)[-1] for p in list_backups(path)] == ["daily.rapport"]
    finally:
        book.close()


def test_a_book_that_needs_an_upgrade_is_checked_before_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    damaged_late(path)
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")  # not in WAL mode: opening it would write
    conn.close()
    with pytest.raises(BookDamagedError, match="is damaged"):
        Book.open(path, check_integrity="background")


def held_exclusively(path: Path) -> sqlite3.Connection:
    """Another program holding the book so that nobody can read it for a moment (not damage)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO settings (key, value) VALUES ('held', '1')")
    return other


def test_a_book_that_cannot_be_read_for_a_moment_is_not_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    a_book(path)
    other = held_exclusively(path)
    try:
        conn = sqlite3.connect(opening.uri(path), uri=True, timeout=0.2)
        with pytest.raises(BookError) as caught:
            opening.quick_check(conn, path)
        conn.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not isinstance(caught.value, BookDamagedError), "no backup is offered for a lock"
    assert str(caught.value) == (f"The book {path} could not be checked just now (another program is using it). "
                                 "Nothing was changed; try again in a moment.")


def test_the_check_beside_the_window_says_a_lock_in_words_and_leaves_the_book_writable(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    a_book(path)
    other = held_exclusively(path)
    try:
        check = BackgroundCheck(path, backup_daily=False, busy_seconds=0.2)
        check._done.wait(10)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert check.error is None, "a lock is not damage: nothing is made read-only"
    assert check.notice == (f"The book {path} could not be checked this time (another program is using it); "
                            "it is checked again the next time it opens.")


def test_the_check_runs_in_a_process_of_its_own_and_a_child_killed_half_way_leaves_the_book_writable(tmp_path: Path) -> None:
    import os
    import signal
    import time

    path = tmp_path / "book.rapport"
    a_book(path)
    check = BackgroundCheck(path, backup_daily=True, busy_seconds=0.2)
    deadline = time.monotonic() + 10
    while check._child.pid is None and time.monotonic() < deadline:
        time.sleep(0.001)
    assert check._child.pid not in (None, os.getpid()), "the check is not made in the window's process"
    os.kill(check._child.pid, signal.SIGKILL)  # before its answer: a spawned child takes a tenth of a second to start
    assert check._done.wait(10)
    assert check.error is None, "a check that did not finish found no damage: nothing is made read-only"
    assert check.notice == (f"The book {path} could not be checked this time (the check stopped before it finished); "
                            "it is checked again the next time it opens.")
    assert check.backup_problem == ""


def test_closing_the_book_ends_its_check_and_leaves_no_half_made_backup(tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "book.rapport"
    a_book(path)
    shutil.rmtree(path.with_name(path.name + ".backups"))
    book = Book.open(path, check_integrity="background")
    check = book.integrity_check
    assert check is not None
    book.close()
    assert check.finished and not check._child.is_alive(), "nothing of the check outlives the book"
    assert check.error is None and check.notice == "", "a check stopped by the owner closing is no news"
    backups = path.with_name(path.name + ".backups")
    left = sorted(p.name for p in backups.iterdir()) if backups.exists() else []
    assert all(name.endswith("_daily.rapport") for name in left), left
    for backup in left:
        assert opening.quick_check(sqlite3.connect(backups / backup), backups / backup) is None


def test_closing_the_book_after_its_check_is_done_and_gone_never_hangs(tmp_path: Path) -> None:
    """The child's watcher waited on a shared Event when the child exited; a close then (the answer
    not yet heard by the window) set the Event and waited for that watcher to wake, which it never
    would: the window hung on close (seen as a test run that never ended)."""
    import threading

    path = tmp_path / "book.rapport"
    a_book(path)
    check = BackgroundCheck(path, backup_daily=False, busy_seconds=0.2)
    check.wait()  # checked, answered, the child ended
    closing = threading.Thread(target=check.cancel, name="closing", daemon=True)
    closing.start()
    closing.join(10)
    assert not closing.is_alive(), "closing the book waited for a child that was gone"


def test_closing_the_book_while_its_check_waits_on_a_lock_ends_it_in_moments_and_says_nothing(tmp_path: Path) -> None:
    """The check waits up to the busy time for another program's lock, where SQLite cannot be told to
    stop: a close then ends the child after its grace, not after the wait, and a check the owner's
    close stopped is no news (its 'stopped before it finished' is not said)."""
    import time

    from core.store import checking

    path = tmp_path / "book.rapport"
    a_book(path)
    other = held_exclusively(path)
    try:
        check = BackgroundCheck(path, backup_daily=False, busy_seconds=60)
        time.sleep(1.0)  # the child started and waits on the lock
        started = time.monotonic()
        check.cancel()
        took = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert took < checking.STOP_GRACE_SECONDS + 5, f"the close waited {took:.1f} s on the check's lock"
    assert check.finished and not check._child.is_alive()
    assert check.error is None and check.notice == "" and check.backup_problem == ""
