"""A history typed from a paper notebook, in any order, gives the same moves with the same days and
the same words: moves depend only on the evidence and its dates (hypothesis permutations)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from core import operations
from core.domain import Answer, Kind, Question, Tier
from core.store import Book

TODAY = date(2026, 11, 24)
KINDS = ("purchase", "purchase", "inquiry", "referral_received", "referral_given", "joint_campaign")
Entry = tuple[str, int]  # (what, days ago): a kind, or "answer:<question>:<yes|no>"


def type_in(path: Path, entries: list[Entry]) -> list[tuple]:
    """Type the entries into a new book in the order given; its tier history as the owner reads it."""
    with Book.open(path, backup_daily=False) as book:
        person = book.contacts.add("Hanna Berg", today=TODAY)
        for what, days in entries:
            day = TODAY - timedelta(days=days)
            if what.startswith("answer:"):
                _, question, answer = what.split(":")
                operations.answer(book, person.id, Question(question), Answer(answer), answered_on=day, today=TODAY)
            else:
                operations.log(book, person.id, Kind(what), day, today=TODAY)
        return [(c.changed_on, c.from_tier, c.to_tier, c.reason) for c in book.status.tier_history(person.id)]


ANSWERS = st.builds(lambda q, a: f"answer:{q.value}:{a.value}", st.sampled_from(list(Question)),
                    st.sampled_from([Answer.YES, Answer.YES, Answer.NO]))
ENTRIES = st.lists(st.tuples(st.one_of(st.sampled_from(KINDS), ANSWERS), st.integers(0, 800)), min_size=1,
                   max_size=9, unique_by=lambda e: (e[0], e[1]) if e[0].startswith("answer:") else e)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), entries=ENTRIES)
def test_the_same_history_typed_in_any_order_gives_the_same_moves(tmp_path_factory, data, entries) -> None:
    # One answer a question a day: two on the same day are a correction, and the later typed wins.
    answered = [(what.split(":")[1], days) for what, days in entries if what.startswith("answer:")]
    if len(answered) != len(set(answered)):
        return
    folder = Path(tmp_path_factory.mktemp("order"))
    oldest_first = sorted(entries, key=lambda e: -e[1])
    shuffled = data.draw(st.permutations(entries))
    assert type_in(folder / "a.rapport", shuffled) == type_in(folder / "b.rapport", oldest_first)


def test_the_notebook_typed_newest_first_dates_and_words_each_move_by_its_own_day(tmp_path: Path) -> None:
    """The case the owner saw: purchases of 20 Jun 2025, 12 Dec 2025 and 8 May 2026 and a client test
    answered yes, typed newest first, gave a move dated 12 Dec 2025 citing the purchase of 8 May 2026."""
    days = {"20 Jun 2025": (TODAY - date(2025, 6, 20)).days, "12 Dec 2025": (TODAY - date(2025, 12, 12)).days,
            "8 May 2026": (TODAY - date(2026, 5, 8)).days, "answers": (TODAY - date(2025, 12, 12)).days}
    notebook = [("purchase", days["8 May 2026"]), *((f"answer:{q.value}:yes", days["answers"]) for q in Question),
                ("purchase", days["12 Dec 2025"]), ("purchase", days["20 Jun 2025"])]
    moves = type_in(tmp_path / "book.rapport", notebook)
    assert moves[1:] == [
        (date(2025, 6, 20), Tier.SUSPECT, Tier.CUSTOMER, "Now a customer: 1 purchase, on 20 Jun 2025"),
        (date(2025, 12, 12), Tier.CUSTOMER, Tier.CLIENT, "Now a client: 2 purchases, the last on 12 Dec 2025; "
                                                         "All four client-test answers yes, checked 12 Dec 2025"),
    ]


def test_a_trust_answer_changed_later_keeps_the_months_it_was_yes(tmp_path: Path) -> None:
    """Trust yes in March, no in September: she was a client from March to September, and the
    history keeps that, whichever answer was typed first."""
    notebook = [("purchase", 400), ("purchase", 260), *((f"answer:{q.value}:yes", 250) for q in Question),
                ("answer:trust:no", 70)]
    moves = type_in(tmp_path / "a.rapport", notebook)
    assert [(day, before, after) for day, before, after, _ in moves[1:]] == [
        (TODAY - timedelta(days=400), Tier.SUSPECT, Tier.CUSTOMER),
        (TODAY - timedelta(days=250), Tier.CUSTOMER, Tier.CLIENT),
        (TODAY - timedelta(days=70), Tier.CLIENT, Tier.CUSTOMER)]
    assert moves[3][3] == "Dropped from client to customer: client test not yet yes on Trust"
    assert type_in(tmp_path / "b.rapport", list(reversed(notebook))) == moves


def test_a_trust_yes_between_two_noes_is_a_client_spell_whatever_the_order() -> None:
    """Only Trust changes: no, then yes (a client from that day), then no again. The day of the yes is
    known only from the answers' history, not from the latest answer."""
    import tempfile

    notebook = [("purchase", 400), ("purchase", 250), *((f"answer:{q.value}:yes", 310) for q in Question
                                                       if q is not Question.TRUST),
                ("answer:trust:no", 300), ("answer:trust:yes", 200), ("answer:trust:no", 100)]
    folder = Path(tempfile.mkdtemp())
    moves = type_in(folder / "a.rapport", notebook)
    assert [(day, after) for day, _, after, _ in moves[1:]] == [
        (TODAY - timedelta(days=400), Tier.CUSTOMER), (TODAY - timedelta(days=200), Tier.CLIENT),
        (TODAY - timedelta(days=100), Tier.CUSTOMER)]
    assert type_in(folder / "b.rapport", list(reversed(notebook))) == moves
