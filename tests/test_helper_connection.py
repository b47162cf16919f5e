"""Background work runs on a connection of its own: the window neither sees a batch half done nor
waits on it to read, and the owner's write waits only for the batch in hand."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.domain import Kind, TierChange
from core.store import Book

TODAY = date(2026, 11, 24)


def test_the_window_never_sees_a_batch_half_done_and_its_write_waits_for_it(tmp_path: Path) -> None:
    with Book.open(tmp_path / "book.rapport") as book:
        ana = book.contacts.add("Ana", today=TODAY)
        holding, release = threading.Event(), threading.Event()

        def batch() -> None:
            with book.helper() as helper, helper.transaction():
                helper.conn.execute("UPDATE contacts SET name = 'Ana (half done)' WHERE id = ?", [ana.id])
                holding.set()
                release.wait(5)

        worker = threading.Thread(target=batch)
        worker.start()
        assert holding.wait(5)
        assert book.contacts.get(ana.id).name == "Ana", "the window reads the last committed book"
        threading.Timer(0.3, release.set).start()
        started = time.perf_counter()
        bo = book.contacts.add("Bo", today=TODAY)  # waits in SQLite until the batch commits
        assert time.perf_counter() - started >= 0.2
        worker.join(5)
        assert book.contacts.get(ana.id).name == "Ana (half done)" and book.contacts.get(bo.id).name == "Bo"


def test_moves_worked_out_in_the_background_reach_the_windows_listeners(tmp_path: Path) -> None:
    heard: list[TierChange] = []
    with Book.open(tmp_path / "book.rapport") as book:
        ana = book.contacts.add("Ana", today=TODAY - timedelta(days=400))
        # A joint campaign 364 days ago: a partner today, a former partner (prospect) in two days.
        book.interactions.log(ana.id, Kind.JOINT_CAMPAIGN, TODAY - timedelta(days=364), today=TODAY)
        book.status.reevaluate_all(TODAY)
        assert book.status.tier_result(ana.id, TODAY).tier.value == "partner"
        book.tier_listeners.append(heard.extend)
        with book.helper() as helper:
            moved = helper.status.bring_up_to_date(TODAY + timedelta(days=2), batch=100).moves
        assert [(m.contact_name, m.from_tier.value, m.to_tier.value) for m in moved] == [("Ana", "partner", "prospect")]
        assert heard == moved
        assert book.contacts.rows([ana.id])[0].tier.value == "prospect", "the window's book reads the new verdict"


def test_a_batch_that_read_before_the_owners_write_still_writes_after_it(tmp_path: Path) -> None:
    """A batch reads its contacts' evidence, then writes their verdicts. The owner's log committed
    between the two once made SQLite refuse the batch's write at once ("database is locked"):
    after a settings change, a purchase logged meanwhile stopped the background re-tier and left
    most tiers worked out under the old numbers. The log now waits for the batch in hand."""
    with Book.open(tmp_path / "book.rapport") as book:
        ana = book.contacts.add("Ana", today=TODAY)
        has_read, failures = threading.Event(), []

        def batch() -> None:
            try:
                with book.helper() as helper, helper.transaction():
                    helper.conn.execute("SELECT count(*) FROM interactions").fetchone()  # the batch's reading
                    has_read.set()
                    time.sleep(0.3)  # the owner logs a purchase meanwhile
                    helper.conn.execute("UPDATE contact_status SET next_change_on = '' WHERE contact_id = ?", [ana.id])
            except Exception as exc:  # noqa: BLE001 - the failure is the finding
                failures.append(exc)

        worker = threading.Thread(target=batch)
        worker.start()
        assert has_read.wait(5)
        book.interactions.log(ana.id, Kind.PURCHASE, TODAY, amount="20.00", today=TODAY)  # waits for the batch
        worker.join(5)
        assert failures == []
        assert [i.kind for i in book.interactions.for_contact(ana.id)] == [Kind.PURCHASE]
        assert book.conn.execute("SELECT next_change_on FROM contact_status WHERE contact_id = ?",
                                 [ana.id]).fetchone()[0] != "", "the owner's log, after the batch, worked Ana out"


@pytest.mark.parametrize("writer", ["the background batch", "another connection"])
def test_the_checkpoint_when_the_owner_pauses_never_waits_for_a_writer(tmp_path: Path, writer: str) -> None:
    """The window folds the log into the book file a few seconds after each change. A full
    checkpoint waits for every writer: behind the background re-tier it froze the window for up
    to ten seconds (the busy timeout). The pause's checkpoint copies what it can and says so."""
    import sqlite3

    path = tmp_path / "book.rapport"
    with Book.open(path) as book:
        ana = book.contacts.add("Ana", today=TODAY)
        holding, release = threading.Event(), threading.Event()

        def batch() -> None:
            if writer == "the background batch":
                with book.helper() as helper, helper.transaction():
                    helper.conn.execute("UPDATE contact_status SET next_change_on = '' WHERE contact_id = ?", [ana.id])
                    holding.set()
                    release.wait(15)
                return
            other = sqlite3.connect(path, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE contacts SET notes = 'elsewhere' WHERE id = ?", [ana.id])
            holding.set()
            release.wait(15)
            other.execute("ROLLBACK")
            other.close()

        worker = threading.Thread(target=batch)
        worker.start()
        assert holding.wait(5)
        started = time.perf_counter()
        book.checkpoint(wait=False)
        waited = time.perf_counter() - started
        release.set()
        worker.join(5)
        assert waited < 2, f"waited {waited:.1f} s for {writer}"  # the busy timeout is 10 s
        assert book.checkpoint(wait=False), "nothing in the way now: all of the log is in the file"
        copy = tmp_path / "copy.rapport"
        copy.write_bytes(path.read_bytes())  # the book file alone, without its -wal
    with Book.open(copy, backup_daily=False) as alone:
        assert alone.contacts.get(ana.id).name == "Ana"


def test_a_transaction_holds_the_write_lock_from_its_start(tmp_path: Path) -> None:
    """Begun as a plain (deferred) transaction, a change read under a snapshot and then written
    after another connection's commit is refused at once ("database is locked"), whatever the
    busy timeout. Every transaction of the book takes the write lock when it begins: the other
    writer is the one that waits."""
    import sqlite3

    with Book.open(tmp_path / "book.rapport") as book:
        ana = book.contacts.add("Ana", today=TODAY)
        other = sqlite3.connect(book.path, timeout=0.2, isolation_level=None)
        refused = []
        with book.transaction():
            book.conn.execute("SELECT count(*) FROM contacts").fetchone()
            try:
                other.execute("UPDATE contacts SET notes = 'from elsewhere' WHERE id = ?", [ana.id])
            except sqlite3.OperationalError as exc:
                refused.append(str(exc))
            book.conn.execute("UPDATE contacts SET name = 'Ana Lima' WHERE id = ?", [ana.id])
        other.close()
        assert refused == ["database is locked"]
        assert book.contacts.get(ana.id).name == "Ana Lima"


def test_a_background_batch_begins_only_a_moment_after_the_owners_write(tmp_path: Path) -> None:
    """The owner goes first: a re-tier in the background begins its next batch a quarter of a
    second after the owner's last write began, so the window's refresh after a log does not take
    turns with a batch's Python."""
    from core.store.book import OWNER_FIRST_SECONDS

    with Book.open(tmp_path / "book.rapport") as book:
        for name in ("Ana", "Bo", "Cy"):
            book.contacts.add(name, today=TODAY)
        book.update_settings(today=TODAY, later=True, client_min_purchases=3)  # every verdict is due
        asked_at: list[float] = []

        def stop() -> bool:
            asked_at.append(time.monotonic())
            return len(asked_at) > 2

        wrote_at = time.monotonic()
        book.contacts.add("Dee", today=TODAY)  # the owner's write
        with book.helper() as helper:
            helper.status.bring_up_to_date(TODAY, batch=1, stop=stop)
        assert len(asked_at) == 3
        assert asked_at[0] - wrote_at >= OWNER_FIRST_SECONDS * 0.9


def test_a_reader_beside_the_writer_reads_what_was_committed_writes_nothing_and_never_makes_a_book(
        tmp_path: Path) -> None:
    """``Book.open_to_read`` is how threads and processes beside the window read the book: while
    the window holds the one-writer lock, and never an empty book made where the file went missing."""
    import sqlite3

    from core.errors import BookError

    path = tmp_path / "book.rapport"
    with Book.open(path) as writer:
        writer.contacts.add("Ana")
        with Book.open_to_read(path) as reader:
            assert [c.name for c in reader.contacts.in_view()] == ["Ana"]
            with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
                reader.conn.execute("DELETE FROM contacts")
        assert [c.name for c in writer.contacts.in_view()] == ["Ana"]
    missing = tmp_path / "gone.rapport"
    with pytest.raises(BookError) as refused:
        Book.open_to_read(missing)
    assert str(refused.value) == f"There is no book at {missing}. Nothing was created."
    assert not missing.exists()
