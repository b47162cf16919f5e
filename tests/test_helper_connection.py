"""Background work runs on a connection of its own: the window neither sees a batch half done nor
waits on it to read, and the owner's write waits only for the batch in hand."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from pathlib import Path

from core.domain import Kind, TierChange
from core.store import Book

TODAY = date(2026, 11, 24)


def test_the_window_never_sees_a_batch_half_done_and_its_write_waits_for_it(tmp_path: Path) -> None:
    with Book.open(tmp_path / "book.rapport") as book:
        ana = book.add_contact("Ana", today=TODAY)
        holding, release = threading.Event(), threading.Event()

        def batch() -> None:
            with book.helper() as helper, helper.transaction():
                helper.conn.execute("UPDATE contacts SET name = 'Ana (half done)' WHERE id = ?", [ana.id])
                holding.set()
                release.wait(5)

        worker = threading.Thread(target=batch)
        worker.start()
        assert holding.wait(5)
        assert book.get_contact(ana.id).name == "Ana", "the window reads the last committed book"
        threading.Timer(0.3, release.set).start()
        started = time.perf_counter()
        bo = book.add_contact("Bo", today=TODAY)  # waits in SQLite until the batch commits
        assert time.perf_counter() - started >= 0.2
        worker.join(5)
        assert book.get_contact(ana.id).name == "Ana (half done)" and book.get_contact(bo.id).name == "Bo"


def test_moves_worked_out_in_the_background_reach_the_windows_listeners(tmp_path: Path) -> None:
    heard: list[TierChange] = []
    with Book.open(tmp_path / "book.rapport") as book:
        ana = book.add_contact("Ana", today=TODAY - timedelta(days=400))
        # A joint campaign 364 days ago: a partner today, a former partner (prospect) in two days.
        book.log_interaction(ana.id, Kind.JOINT_CAMPAIGN, TODAY - timedelta(days=364), today=TODAY)
        book.reevaluate_all(TODAY)
        assert book.tier_result(ana.id, TODAY).tier.value == "partner"
        book.tier_listeners.append(heard.extend)
        with book.helper() as helper:
            moved = helper.bring_up_to_date(TODAY + timedelta(days=2), batch=100)
        assert [(m.contact_name, m.from_tier.value, m.to_tier.value) for m in moved] == [("Ana", "partner", "prospect")]
        assert heard == moved
        assert book.contact_rows([ana.id])[0].tier.value == "prospect", "the window's book reads the new verdict"
