"""Undo and redo through the operations' own ways back (``Done.undo``, whose ``Done`` carries the
redo) leave the tier history of a book exactly as that of a book that only ran the actions that
remain (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import operations
from core.domain import Answer, Question, Tier
from core.operations import Done, Operation
from core.store import Book


def history(book: Book, contact_id: int) -> list[tuple]:
    return [(c.changed_on, c.from_tier, c.to_tier, c.reason) for c in book.status.tier_history(contact_id)]


def way_back(done: Done) -> Operation:
    assert done.undo is not None, "an owner's log or answer can be undone"
    return done.undo


ACTIONS = st.lists(st.sampled_from(["buy", "answer yes", "answer no", "undo", "redo"]), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=ACTIONS)
def test_undo_and_redo_leave_the_history_of_the_actions_that_remain(tmp_path_factory, script: list[str]) -> None:
    """Random actions, undos and redos, against a book that ran only the actions that remain."""
    folder = tmp_path_factory.mktemp("undo")
    today = date(2026, 11, 24)
    with Book.open(Path(folder) / "a.rapport", backup_daily=False) as book, \
            Book.open(Path(folder) / "b.rapport", backup_daily=False) as plain:
        a = book.contacts.add("Emily", today=today - timedelta(days=60)).id
        b = plain.contacts.add("Emily", today=today - timedelta(days=60)).id
        questions = iter(list(Question) * 20)

        def act(target: Book, contact: int, action: str, question: Question) -> Done:
            if action == "buy":
                return operations.log(target, contact, "purchase", today.isoformat(), amount="10", today=today)
            answer = Answer.YES if action == "answer yes" else Answer.NO
            return operations.answer(target, contact, question, answer, today=today)

        undos: list[Operation] = []  # the way back of each action done, newest last
        redos: list[Operation] = []  # the way forward again of each action undone, newest last
        kept: list[tuple[str, Question]] = []
        undone: list[tuple[str, Question]] = []
        for step in script:
            if step == "undo" and undos:
                redos.append(way_back(undos.pop()()))
                undone.append(kept.pop())
            elif step == "redo" and redos:
                undos.append(way_back(redos.pop()()))
                kept.append(undone.pop())
            elif step not in ("undo", "redo"):
                redos.clear()
                undone.clear()
                question = next(questions)
                undos.append(way_back(act(book, a, step, question)))
                kept.append((step, question))
        for action, question in kept:
            act(plain, b, action, question)
        assert history(book, a) == history(plain, b)


def test_undoing_a_second_purchase_keeps_the_first_ones_move_when_others_moved_since(tmp_path: Path) -> None:
    """Emily's second purchase of the day rewords her move ("2 purchases"); Bo moved in between. Undone,
    her move reads "1 purchase" again, and is not taken out with what the undone action recorded."""
    today = date(2026, 11, 24)
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as book:
        emily, bo = book.contacts.add("Emily", today=today).id, book.contacts.add("Bo", today=today).id
        operations.log(book, emily, "purchase", today.isoformat(), today=today)
        operations.log(book, bo, "purchase", today.isoformat(), today=today)
        second = operations.log(book, emily, "purchase", today.isoformat(), today=today)
        assert history(book, emily)[-1][3] == "Now a customer: 2 purchases, the last on 24 Nov 2026"
        way_back(second)()
        assert [row[1:] for row in history(book, emily)[1:]] == [
            (Tier.SUSPECT, Tier.CUSTOMER, "Now a customer: 1 purchase, on 24 Nov 2026")]


def test_a_redone_log_comes_back_with_its_number_and_its_move_once(tmp_path: Path) -> None:
    """Redo brings the same row back (what refers to it still does), and the move it makes once."""
    today = date(2026, 11, 24)
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as book:
        emily = book.contacts.add("Emily", today=today).id
        bought = operations.log(book, emily, "purchase", today.isoformat(), amount="10", today=today)
        undone = way_back(bought)()
        assert book.interactions.for_contact(emily) == [] and undone.changes.moves == []
        assert emily in undone.changes.touched
        redone = way_back(undone)()
        assert [i.id for i in book.interactions.for_contact(emily)] == [bought.value.id]
        assert [(m.from_tier, m.to_tier) for m in redone.changes.moves] == [(Tier.SUSPECT, Tier.CUSTOMER)]
        assert [row[1:3] for row in history(book, emily)] == [(None, Tier.SUSPECT), (Tier.SUSPECT, Tier.CUSTOMER)]
