"""Undo and redo through ``operations.undoable`` and ``operations.take_back`` leave the tier history
of a book exactly as that of a book that only ran the actions that remain (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import operations
from core.domain import Answer, Question, Tier
from core.store import Book


def history(book: Book, contact_id: int) -> list[tuple]:
    return [(c.changed_on, c.from_tier, c.to_tier, c.reason) for c in book.status.tier_history(contact_id)]


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
        done: list[tuple[str, operations.Undoable]] = []
        undone: list[str] = []
        questions = iter(list(Question) * 20)

        def act(target: Book, contact: int, action: str, question: Question) -> object:
            if action == "buy":
                return operations.log(target, contact, "purchase", today.isoformat(), amount="10", today=today).value
            answer = Answer.YES if action == "answer yes" else Answer.NO
            return operations.answer(target, contact, question, answer, today=today).value

        def inverse(target: Book):
            def back(value) -> None:
                if hasattr(value, "kind"):
                    target.interactions.delete(value.id)
                else:
                    target.interactions.delete_answer(value.id)
            return back

        kept: list[tuple[str, Question]] = []
        for step in script:
            if step == "undo" and done:
                action, record = done.pop()
                operations.take_back(book, record, inverse(book))
                undone.append(action)
                kept.pop()
            elif step == "redo" and undone:
                action = undone.pop()
                question = next(questions)
                done.append((action, operations.undoable(book, lambda action=action, q=question: act(book, a, action, q))))
                kept.append((action, question))
            elif step not in ("undo", "redo"):
                undone.clear()
                question = next(questions)
                done.append((step, operations.undoable(book, lambda step=step, q=question: act(book, a, step, q))))
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
        second = operations.undoable(book, lambda: operations.log(book, emily, "purchase", today.isoformat(),
                                                                 today=today).value)
        assert history(book, emily)[-1][3] == "Now a customer: 2 purchases, the last on 24 Nov 2026"
        operations.take_back(book, second, lambda logged: book.interactions.delete(logged.id, today=today))
        assert [row[1:] for row in history(book, emily)[1:]] == [
            (Tier.SUSPECT, Tier.CUSTOMER, "Now a customer: 1 purchase, on 24 Nov 2026")]
