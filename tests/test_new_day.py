"""A new day re-evaluates only the contacts whose day has come, and gets the same verdicts as
evaluating everyone (hypothesis: random histories, random days ahead)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from core.domain import Kind, Question
from core.store import Book

START = date(2025, 1, 6)
COLUMNS = ("tier, also, display, due_on, next_step, next_step_due, last_interaction_on, slipping, at_risk, "
           "label_warning, week_section")


def verdicts(book: Book) -> list[tuple]:
    return book.conn.execute(f"SELECT contact_id, {COLUMNS} FROM contact_status ORDER BY contact_id").fetchall()


# Most evidence recent, so cadences, slips and the week's checklist come due in the days stepped through.
events = st.lists(st.tuples(st.integers(0, 3), st.sampled_from([k for k in Kind if k is not Kind.NOTE]),
                            st.one_of(st.integers(560, 700), st.integers(0, 700))), max_size=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=events, answers=st.lists(st.tuples(st.integers(0, 3), st.sampled_from([*Question, None]),
                                                   st.integers(300, 700)), max_size=8),
       ticks=st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["follow-up", "come-back", "call", "visit",
                                                                    "question:trust", "ask-intro", "slipping"]),
                                st.integers(600, 700)), max_size=6),
       steps=st.lists(st.one_of(st.integers(1, 9), st.integers(1, 400)), min_size=1, max_size=8))
def test_a_new_day_gives_the_same_verdicts_as_evaluating_everyone(tmp_path_factory, history, answers, ticks,
                                                                   steps) -> None:
    path = tmp_path_factory.mktemp("day") / "book.rapport"
    today = START + timedelta(days=700)
    with Book.open(path, backup_daily=False) as book:
        ids = [book.contacts.add(name, today=START).id for name in ("Ana", "Bo", "Cy", "Di")]
        for who, kind, day in sorted(history, key=lambda h: h[2]):
            book.interactions.log(ids[who], kind, START + timedelta(days=day), today=today)
        for who, question, day in answers:  # None: all four at once, as a review gives them
            for asked in [question] if question else list(Question):
                book.interactions.record_answer(ids[who], asked, "yes", START + timedelta(days=day), today=today)
        for who, key, day in ticks:
            book.interactions.log(ids[who], Kind.CONVERSATION, START + timedelta(days=day), today=today, step_key=key)
        book.status.reevaluate_all(today)
        for step in steps:
            today += timedelta(days=step)
            due = {r[0] for r in book.conn.execute(
                "SELECT contact_id FROM contact_status WHERE next_change_on <= ?", [today.isoformat()])}
            book.status.bring_up_to_date(today)
            assert not book.status.is_stale(today)
            incremental = verdicts(book)
            book.status.reevaluate_all(today)
            assert verdicts(book) == incremental, f"day {today}: only {sorted(due)} were re-evaluated"


def test_a_new_day_touches_only_the_contacts_whose_day_has_come(tmp_path: Path) -> None:
    today = date(2026, 11, 24)
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as book:
        quiet = [book.contacts.add(f"Suspect {n}", today=today - timedelta(days=400)).id for n in range(20)]
        ana = book.contacts.add("Ana", today=today - timedelta(days=400)).id
        book.interactions.log(ana, "purchase", today - timedelta(days=500), today=today)
        book.interactions.log(ana, "purchase", today - timedelta(days=364), today=today)
        book.status.reevaluate_all(today)
        before = dict(book.conn.execute("SELECT contact_id, evaluated_on FROM contact_status"))
        tomorrow = today + timedelta(days=1)  # Ana's last purchase leaves W: her verdict changes
        book.status.bring_up_to_date(tomorrow)
        after = dict(book.conn.execute("SELECT contact_id, evaluated_on FROM contact_status"))
        touched = {cid for cid in after if after[cid] != before[cid]}
        assert touched == {ana}
        # A verdict worked out again to what was stored is not rewritten: it keeps the day it last changed.
        assert all(after[q] == (today - timedelta(days=400)).isoformat() for q in quiet)
        assert book.status.tier_result(ana, tomorrow).reasons[-1].endswith("no purchase since 25 Nov 2025")


def test_the_next_change_is_the_first_day_something_can_move() -> None:
    from core.ladder import NEVER, evaluate, next_change
    from tests.ladder_factories import SETTINGS, TODAY, ago, answers, evidence

    def change(ev):
        return next_change(ev, evaluate(ev, SETTINGS, TODAY), SETTINGS, TODAY)

    assert change(evidence()) == NEVER, "a suspect with nothing logged never changes by itself"
    # A client checked 300 days ago (the test turns a year old in 65 days): the retest step shows
    # 60 days before that, which comes before the next Monday of any other day.
    client = evidence(purchases=(2, 40), answered=answers(days_ago=300), touched=(1,))
    assert change(client) == ago(300) + timedelta(days=365 - 60)
    # A prospect due on Wednesday 2 Dec joins the week's checklist on Monday 30 Nov.
    # Due on 25 Nov, already on this week's page: nothing moves until the inquiry turns W old
    # on 18 Nov 2027 and the prospect went quiet.
    prospect = evidence(inquiries=(6,))
    assert change(prospect) == date(2027, 11, 18)
    later = evidence(inquiries=(0,), touched=(0,))  # due 1 Dec: on the page from Monday 30 Nov
    assert change(later) == date(2026, 11, 30)


def test_bringing_tiers_up_to_date_stops_between_batches_and_leaves_the_rest_due(tmp_path: Path) -> None:
    """A window closing while a settings change is worked out in the background stops it after the
    batch in hand (a whole book takes over a minute at 100,000 contacts); what is left stays due,
    and the next open finishes it."""
    today = date(2026, 11, 24)
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as book:
        ids = [book.contacts.add(f"Customer {n}", today=today - timedelta(days=30)).id for n in range(12)]
        for cid in ids:
            book.interactions.log(cid, "purchase", today - timedelta(days=20), today=today)
        book.update_settings(today=today, later=True, client_min_purchases=1)  # every verdict is due now
        asked: list[int] = []

        def stop() -> bool:
            asked.append(1)
            return len(asked) > 2  # two batches, then the window closes

        book.status.bring_up_to_date(today, batch=5, stop=stop)
        due = [r[0] for r in book.conn.execute("SELECT contact_id FROM retier_pending")]
        assert len(due) == 2 and len(asked) == 3 and book.status.is_stale(today)
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as book:  # the next open
        book.status.bring_up_to_date(today, batch=5)
        assert book.conn.execute("SELECT count(*) FROM retier_pending").fetchone()[0] == 0
        assert not book.status.is_stale(today)
