"""Verdicts worked out in processes beside the book's own (``core.store.verdicts_beside``) are the
verdicts worked out here, and what the owner wrote while they were being worked out is never
overwritten by them. The threshold is lowered so that a book of fifty contacts goes beside, in
chunks of seven; the processes are real (``spawn``)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from core import i18n, operations
from core.store import Book, settings_reach, verdicts_beside
from tests.test_day_walk import START, _random_book
from tests.test_new_day import verdicts

TODAY = START + timedelta(days=500)
LATER = TODAY + timedelta(days=45)  # evidence ages, steps come due: many verdicts differ from the stored ones


def _history(book: Book) -> list[tuple]:
    return book.conn.execute("SELECT contact_id, changed_on, from_tier, to_tier, reason FROM tier_history "
                             "ORDER BY contact_id, id").fetchall()


def _copy(book: Book, path: Path) -> Path:
    with sqlite3.connect(path) as target:
        book.conn.backup(target)
    return path


def lowered(monkeypatch: pytest.MonkeyPatch, beside_from: int = 1, chunk: int = 7) -> list[int]:
    """Go beside from ``beside_from`` contacts due, ``chunk`` a chunk; returns a list that counts the
    contacts of each chunk handed back."""
    monkeypatch.setattr(verdicts_beside, "BESIDE_FROM", beside_from)
    monkeypatch.setattr(verdicts_beside, "CHUNK", chunk)
    handed: list[int] = []
    real = verdicts_beside.worked_out

    def counted(*args, **kwargs):
        for worked in real(*args, **kwargs):
            handed.append(len(worked[0]))
            yield worked

    monkeypatch.setattr(verdicts_beside, "worked_out", counted)
    return handed


@pytest.fixture
def random_book(tmp_path: Path) -> Path:
    path = tmp_path / "book.rapport"
    _random_book(path, 4, TODAY)
    return path


@pytest.fixture
def in_french():
    i18n.use_language("fr")
    yield
    i18n.use_language("en")


def test_a_full_retier_beside_equals_one_worked_out_here(random_book: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    with Book.open(random_book, backup_daily=False) as here:
        beside_path = _copy(here, tmp_path / "beside.rapport")
        moved_here = here.status.reevaluate_all(LATER)
        expected, expected_history = verdicts(here), _history(here)
    handed = lowered(monkeypatch)
    with Book.open(beside_path, backup_daily=False) as beside:
        moved_beside = beside.status.reevaluate_all(LATER)
        assert sum(handed) == beside.conn.execute("SELECT count(*) FROM contacts").fetchone()[0] > 7
        assert verdicts(beside) == expected
        assert _history(beside) == expected_history
    assert moved_beside == moved_here and any(m.from_tier is not None for m in moved_here)


@pytest.mark.parametrize("change", [{"partner_cadence_days": 20}, {"window_days": 200}, {"client_cadence_days": 40}])
def test_a_settings_change_worked_out_beside_equals_one_worked_out_here(random_book: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        change: dict) -> None:
    with Book.open(random_book, backup_daily=False) as here:
        beside_path = _copy(here, tmp_path / "beside.rapport")
        moved_here = operations.update_settings(here, TODAY, **change).value
        expected, expected_history = verdicts(here), _history(here)
    handed = lowered(monkeypatch)
    with Book.open(beside_path, backup_daily=False) as beside:
        moved_beside = operations.update_settings(beside, TODAY, **change).value
        assert handed, "worked out beside"
        assert verdicts(beside) == expected
        assert _history(beside) == expected_history
        assert not settings_reach.any_pending(beside.conn)
    assert moved_beside == moved_here


def test_a_purchase_logged_while_verdicts_are_worked_out_beside_is_never_overwritten(
        random_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows come back from what the book held before the purchase: the buyer's is worked out
    again here, and every verdict ends as a full re-tier of the book as it is has it."""
    lowered(monkeypatch)
    with Book.open(random_book, backup_daily=False) as book:
        operations.update_settings(book, TODAY, later=True, window_days=200)  # everyone due
        lead = book.contacts.find_by_name("Lead 3")[0].id
        before = book.status.tier_result(lead, TODAY).tier
        settings, mark = book.settings(fresh=True), book.touch_log.mark()
        due = verdicts_beside.due_ids(book, TODAY)
        worked = list(verdicts_beside.worked_out(book.path, due, settings, TODAY))  # all read before the purchase
        operations.log(book, lead, "purchase", amount="40", today=TODAY)
        assert book.status.tier_result(lead, TODAY).tier != before
        verdicts_beside.write_worked_out(book, settings, mark, worked, TODAY, 5)
        full = _copy(book, tmp_path / "full.rapport")
        assert not settings_reach.any_pending(book.conn)
        kept = verdicts(book)
    with Book.open(full, backup_daily=False) as copy:
        copy.status.reevaluate_all(TODAY)
        assert kept == verdicts(copy)


def test_a_settings_change_while_they_are_worked_out_writes_none_of_them(random_book: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    lowered(monkeypatch)
    with Book.open(random_book, backup_daily=False) as book:
        operations.update_settings(book, TODAY, later=True, window_days=200)
        settings, mark = book.settings(fresh=True), book.touch_log.mark()
        due = verdicts_beside.due_ids(book, TODAY)
        worked = list(verdicts_beside.worked_out(book.path, due, settings, TODAY))
        stored = verdicts(book)
        operations.update_settings(book, TODAY, later=True, window_days=300)  # the owner changed their mind
        done = verdicts_beside.write_worked_out(book, settings, mark, worked, TODAY, 5)
        assert not done.touched and verdicts(book) == stored
        assert len(settings_reach.pending(book.conn, -1)) == len(due)  # all still due, for the new settings


def test_a_process_that_cannot_start_hands_back_nothing_and_the_work_is_done_here(
        random_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    with Book.open(random_book, backup_daily=False) as book:
        assert list(verdicts_beside.worked_out(book.path, [], book.settings(), TODAY)) == []  # nothing to start for
        gone = tmp_path / "gone.rapport"  # the processes beside find no book to read
        assert list(verdicts_beside.worked_out(gone, [1, 2], book.settings(), TODAY)) == []
        assert "the rest are worked out in this process" in caplog.text
        expected_path = _copy(book, tmp_path / "expected.rapport")
        monkeypatch.setattr(verdicts_beside, "BESIDE_FROM", 1)
        monkeypatch.setattr(verdicts_beside, "CHUNK", 7)
        real = verdicts_beside.worked_out

        def first_chunk_then_dies(*args, **kwargs):
            yield next(iter(real(*args, **kwargs)))

        monkeypatch.setattr(verdicts_beside, "worked_out", first_chunk_then_dies)
        book.status.reevaluate_all(LATER)
        kept = verdicts(book)
    with Book.open(expected_path, backup_daily=False) as expected:
        expected.status.reevaluate_all(LATER)
        assert kept == verdicts(expected)


def test_a_few_due_are_worked_out_here(random_book: Path) -> None:
    with Book.open(random_book, backup_daily=False) as book:
        operations.update_settings(book, TODAY, later=True, window_days=200)
        assert verdicts_beside.bring_up_to_date(book, TODAY, 25, lambda: False) is None  # 48 < BESIDE_FROM
        assert settings_reach.any_pending(book.conn)


def test_the_touch_log_names_whom_commits_since_a_mark_re_tiered(book: Book) -> None:
    ana = book.contacts.add("Ana", today=date(2026, 1, 5))
    mark = book.touch_log.mark()
    assert book.touch_log.touched_since(mark) == set()
    bo = book.contacts.add("Bo", today=date(2026, 1, 5))
    operations.log(book, ana.id, "purchase", amount="5", today=date(2026, 1, 6))
    assert book.touch_log.touched_since(mark) == {ana.id, bo.id}
    with book.transaction() as changes:
        changes.whole_book = True
    assert book.touch_log.touched_since(mark) is None  # too much to name: anyone


def test_the_processes_beside_write_the_next_steps_in_the_owners_language(random_book: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          in_french: None) -> None:
    with Book.open(random_book, backup_daily=False) as here:
        beside_path = _copy(here, tmp_path / "beside.rapport")
        here.status.reevaluate_all(LATER)
        expected = verdicts(here)
    assert any("Appeler" in str(row) or "Remercier" in str(row) for row in expected), "French next steps"
    lowered(monkeypatch)
    with Book.open(beside_path, backup_daily=False) as beside:
        beside.status.reevaluate_all(LATER)
        assert verdicts(beside) == expected


def test_stepping_aside_for_other_work_still_writes_the_chunk_in_hand(random_book: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Other work waiting from the start (the forecast's fit queued as the window opens) must not
    starve the re-tier: each time it runs it writes at least the chunk it was working out."""
    handed = lowered(monkeypatch)
    with Book.open(random_book, backup_daily=False) as book:
        operations.update_settings(book, TODAY, later=True, window_days=200)
        due = len(verdicts_beside.due_ids(book, TODAY))
        done = operations.bring_up_to_date(book, TODAY, batch=3, stop=lambda: True)
        assert handed == [7]
        assert len(verdicts_beside.due_ids(book, TODAY)) == due - 7, "the chunk in hand is done"
        assert 0 < len(done.touched) < 7, "of the seven, only the verdicts the new W changed are rewritten"


def test_the_processes_beside_wait_a_moment_after_the_owner_acts(random_book: Path) -> None:
    """Between contacts, a process beside looks at the owner's clock (shared memory) and waits until
    a moment after their last action began, as the book's own background work does. Here the owner
    is said to act a second from now: the chunk cannot come back before that second and the moment."""
    import time

    from core.store.writes import OWNER_FIRST_SECONDS, OwnerClock

    clock = OwnerClock()
    shared = clock.shared()
    with Book.open(random_book, backup_daily=False) as book:
        ids = [r[0] for r in book.conn.execute("SELECT id FROM contacts LIMIT 7")]
        acts_at = time.monotonic() + 1.0
        clock.note(acts_at)
        assert shared.value == acts_at
        worked = list(verdicts_beside.worked_out(book.path, ids, book.settings(), TODAY, owner_acted_at=shared))
        assert time.monotonic() >= acts_at + OWNER_FIRST_SECONDS
        assert [len(chunk) for chunk, *_rest in worked] == [7], "the chunk came back after the moment"


def test_only_background_work_makes_the_processes_wait_for_the_owner(random_book: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A command's re-tier is the owner's own work, and each of its writes an action of the owner's:
    its processes must not wait after them (a new partner cadence took 4.3 s instead of 2). The
    window's background work (a helper) hands them the owner's clock."""
    lowered(monkeypatch)
    clocks: list[object] = []
    real = verdicts_beside.worked_out

    def seen(path, chunks, settings, today, stop=lambda: False, owner_acted_at=None):
        clocks.append(owner_acted_at)
        return real(path, chunks, settings, today, stop, owner_acted_at)

    monkeypatch.setattr(verdicts_beside, "worked_out", seen)
    with Book.open(random_book, backup_daily=False) as book:
        operations.update_settings(book, TODAY, window_days=200)
        operations.update_settings(book, TODAY, later=True, window_days=300)
        with book.helper() as helper:
            operations.bring_up_to_date(helper, TODAY)
        assert clocks == [None, book.owner_clock.shared()]
        assert not settings_reach.any_pending(book.conn)


def _niceness_after_start(path: str, clock: object, found: object) -> None:
    """In a child: start as a process beside does, and say its priority."""
    import os

    verdicts_beside._start(path, "en", clock)
    found.put(os.nice(0))  # type: ignore[attr-defined]  # a multiprocessing queue


@pytest.mark.skipif(not hasattr(__import__("os"), "nice"), reason="priorities are POSIX's")
def test_background_processes_yield_the_cores_and_a_commands_keep_their_priority(random_book: Path) -> None:
    import multiprocessing
    import os

    context = multiprocessing.get_context("spawn")
    found = context.Queue()
    seen = []
    for clock in (None, context.RawValue("d", 0.0)):
        child = context.Process(target=_niceness_after_start, args=(str(random_book), clock, found))
        child.start()
        seen.append(found.get(timeout=60))
        child.join()
    assert seen == [os.nice(0), os.nice(0) + verdicts_beside.NICENESS]


@pytest.mark.parametrize("beside", [False, True])
def test_a_move_a_new_day_makes_is_worded_whole_here_and_beside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 beside: bool) -> None:
    """A verdict whose stored rung is known is worked out without its reasons; when it turns out to
    be a move, the move is worded as ever. Ana's four answers turn twelve months old the next day:
    she drops from client to customer, her purchases still recent."""
    from core.domain import Question

    if beside:
        lowered(monkeypatch)
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as book:
        ana = book.contacts.add("Ana", today=TODAY - timedelta(days=365)).id
        for days_ago in (40, 20):
            book.interactions.log(ana, "purchase", TODAY - timedelta(days=days_ago), amount="30", today=TODAY)
        for question in Question:
            book.interactions.record_answer(ana, question, "yes", TODAY - timedelta(days=364), today=TODAY)
        assert book.conn.execute("SELECT tier FROM contact_status WHERE contact_id = ?", [ana]).fetchone() == ("client",)
        changes = operations.bring_up_to_date(book, TODAY + timedelta(days=1))
        assert [(m.from_tier.value, m.to_tier.value, m.reason) for m in changes.moves if m.from_tier] == [
            ("client", "customer",
             "Dropped from client to customer: your client-test answers are over 12 months old: check them again")]
        assert _history(book)[-1][2:] == ("client", "customer", changes.moves[-1].reason)


def test_the_pages_kept_for_writing_are_given_back(random_book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of rows are written with more pages in memory and the log folded less often; after,
    the connection is as it was (kept for good, the pages cost the window a hundred megabytes)."""
    lowered(monkeypatch)
    with Book.open(random_book, backup_daily=False) as book:
        before = [book.conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "wal_autocheckpoint")]
        seen: list[list[int]] = []
        real = book.status.write_verdicts

        def watched(*args, **kwargs):
            seen.append([book.conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "wal_autocheckpoint")])
            return real(*args, **kwargs)

        monkeypatch.setattr(book.status, "write_verdicts", watched)
        book.update_settings(today=TODAY, window_days=200)
        assert seen and all(kept == [-verdicts_beside.WRITING_CACHE_KIB, verdicts_beside.FOLDED_EVERY_PAGES]
                            for kept in seen), seen
        assert [book.conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "wal_autocheckpoint")] \
            == before == [-2000, 1000]


def test_a_chunk_is_one_transaction_unless_the_owner_acts_then_the_part_in_hand_ends_it(
        random_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each commit writes every page its rows changed: a chunk is written in one transaction, a part
    at a time. When the owner acts meanwhile, the transaction ends after the part in hand (the owner
    waits for no more than a part), and the rest follows in a transaction after the owner's."""
    import time

    monkeypatch.setattr(verdicts_beside, "WRITTEN_AT_ONCE", 4)
    with Book.open(random_book, backup_daily=False) as book:
        operations.update_settings(book, TODAY, later=True, window_days=200)  # everyone due
        expected_path = _copy(book, tmp_path / "expected.rapport")
        settings = book.settings(fresh=True)
        due = verdicts_beside.due_ids(book, TODAY)[:12]  # three parts of four
        worked = list(verdicts_beside.worked_out(book.path, due, settings, TODAY))
        commits_before = book.touch_log.mark()
        with book.helper() as helper:
            parts_written: list[int] = []
            real_done = settings_reach.done

            def done_then_the_owner_acts(conn, part):
                real_done(conn, part)
                parts_written.append(len(part))
                if len(parts_written) == 1:
                    book.owner_clock.note(time.monotonic())  # the owner presses Enter during the first part
            monkeypatch.setattr(settings_reach, "done", done_then_the_owner_acts)
            verdicts_beside.write_worked_out(helper, settings, book.touch_log.mark(), worked, TODAY, 1)
        assert parts_written == [4, 4, 4]
        assert book.touch_log.mark() - commits_before == 2, "the first part alone, then the other two together"
        assert not any(cid in settings_reach.pending(book.conn, -1) for cid in due)
        written = verdicts(book)
    with Book.open(expected_path, backup_daily=False) as expected:
        expected.status.refresh(due, TODAY)
        assert verdicts(expected) == written


@pytest.mark.parametrize("seconds, later", [(1e-9, 3), (1e9, 40)], ids=["slow-contacts", "quick-contacts"])
def test_chunks_are_sized_by_the_time_the_last_ones_took(random_book: Path, monkeypatch: pytest.MonkeyPatch,
                                                        seconds: float, later: int) -> None:
    """The first chunks, before any is timed, hold CHUNK contacts; the next ones as many as take
    CHUNK_SECONDS at the pace timed so far, within the limits (here a contact is said to take
    forever, or no time at all, against the limits of 3 and 40)."""
    handed = lowered(monkeypatch)
    monkeypatch.setattr(verdicts_beside, "CHUNK_SECONDS", seconds)
    monkeypatch.setattr(verdicts_beside, "CHUNK_LIMITS", (3, 40))
    with Book.open(random_book, backup_daily=False) as book:
        ids = [r[0] for r in book.conn.execute("SELECT id FROM contacts ORDER BY id")]
        worked = list(verdicts_beside.worked_out(book.path, ids, book.settings(), TODAY))
    first = verdicts_beside.AHEAD * verdicts_beside.workers()  # handed out before any came back
    rest = len(ids) - 7 * first
    assert rest > 3, "a book big enough to see the chunks change"
    assert handed == [7] * first + [later] * (rest // later) + ([rest % later] if rest % later else [])
    assert [cid for chunk, *_rest in worked for cid in chunk] == ids, "every contact once, in order"
