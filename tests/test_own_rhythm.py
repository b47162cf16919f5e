"""Their own rhythm (DESIGN): a buyer whose usual gap W cannot hold keeps the tier their evidence
earned until they miss their rhythm by the grace period, and their step is timed to it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from core import ladder, operations
from core.domain import Answer, ClientTestAnswer, Contact, Evidence, Kind, Question, Settings, Tier
from core.ladder.facts import rhythm_of
from core.store import Book

SETTINGS = Settings()
ROSES = (date(2024, 5, 31), date(2025, 5, 31))  # anniversary roses, every year around 31 May


def wei(purchases: tuple[date, ...] = ROSES, answered: date = date(2026, 1, 15)) -> Evidence:
    yes = {q: ClientTestAnswer(1, q, Answer.YES, answered) for q in Question}
    return Evidence(contact=Contact(id=1, name="Wei Zhang", created_on=date(2024, 5, 31)), purchases=purchases,
                    touches=purchases, last_interaction=purchases[-1], answers=yes)


def on(day: date, ev: Evidence | None = None):
    ev = ev or wei()
    result = ladder.evaluate(ev, SETTINGS, day)
    return result, ladder.plan_for(ev, result, SETTINGS, day)


def test_wei_is_still_a_client_the_day_after_his_last_order_turned_a_year_old() -> None:
    result, _ = on(date(2026, 6, 1))
    assert result.tier is Tier.CLIENT
    assert ("Usually orders every 12 months, next around 31 May: still a client until 30 Jun 2026 on that rhythm"
            in result.reasons)


def test_wei_drops_only_once_he_misses_his_rhythm_by_the_grace_period() -> None:
    assert on(date(2026, 6, 30))[0].tier is Tier.CLIENT
    result, _ = on(date(2026, 7, 1))
    assert result.tier is Tier.CUSTOMER
    assert result.reasons[-1] == ("Not yet a client: no purchase since 31 May 2025, though they usually order "
                                  "around 31 May")


def test_his_step_is_timed_to_his_rhythm() -> None:
    _, plan = on(date(2026, 5, 20))
    first = plan.steps[0]
    assert (first.text, first.due_on, first.key, first.kind) == (
        "Wei usually orders around 31 May: call the week before", date(2026, 5, 24), "rhythm", Kind.CONVERSATION)
    _, on_the_day = on(date(2026, 5, 31))  # the day itself is still "around"
    assert on_the_day.steps[0].text == "Wei usually orders around 31 May: call the week before"
    assert not any(s.key == "call" for s in plan.steps)  # the rhythm is the keep-in-touch call
    _, late = on(date(2026, 6, 2))
    assert late.steps[0].text == "Wei usually orders around 31 May and has not yet: call now"
    assert (late.steps[0].due_on, late.steps[0].kind) == (date(2026, 6, 2), Kind.CONVERSATION)


def test_the_rhythm_starts_where_the_gap_and_the_grace_reach_w() -> None:
    start = date(2024, 1, 1)
    for gap, expected in ((334, None), (335, 335)):  # 334 + 30 = 364 days: W holds them; 335 + 30 = 365
        assert rhythm_of((start, start + timedelta(days=gap)), SETTINGS) == expected, gap
    assert rhythm_of((start,), SETTINGS) is None  # one visit is no rhythm
    assert rhythm_of((start, start + timedelta(days=335)), replace(SETTINGS, rhythm_grace_days=29)) is None


def test_a_regular_on_a_monthly_rhythm_is_held_by_w_alone() -> None:
    monthly = tuple(date(2025, m, 3) for m in range(1, 13))
    result, plan = on(date(2026, 11, 24), wei(monthly))
    assert not any(r.startswith("Usually orders") for r in result.reasons)
    assert not any(s.key == "rhythm" for s in plan.steps)


def test_no_tier_flips_back_and_forth_once_a_year_in_the_book(tmp_path: Path) -> None:
    with Book.open(tmp_path / "shop.rapport", backup_daily=False) as book:
        start = date(2023, 5, 31)
        person = book.contacts.add("Wei Zhang", today=start)
        orders = [date(2023, 5, 31), date(2024, 6, 3), date(2025, 5, 29), date(2026, 6, 12)]
        day, asked = start, None
        while day <= date(2026, 12, 1):
            if day in orders:
                operations.log(book, person.id, Kind.PURCHASE, day, today=day)
            # The client test asked after the second order, and again a month before the answers age out.
            if day == date(2024, 6, 3) or (asked is not None and day == asked + timedelta(days=335)):
                for question in Question:
                    operations.answer(book, person.id, question, Answer.YES, answered_on=day, today=day)
                asked = day
            book.status.bring_up_to_date(day)
            day += timedelta(days=1)
        moves = [(m.changed_on, m.from_tier, m.to_tier) for m in book.status.tier_history(person.id)]
    assert moves == [(date(2023, 5, 31), None, Tier.SUSPECT), (date(2023, 5, 31), Tier.SUSPECT, Tier.CUSTOMER),
                     (date(2024, 6, 3), Tier.CUSTOMER, Tier.CLIENT)]


def wei_in(book: Book) -> Contact:
    """Wei in a real book: his two orders of roses, and the client test all yes in January."""
    person = book.contacts.add("Wei Zhang", today=date(2024, 5, 31))
    for day in ROSES:
        operations.log(book, person.id, Kind.PURCHASE, day, today=day)
    for question in Question:
        operations.answer(book, person.id, question, Answer.YES, answered_on=date(2026, 1, 15), today=date(2026, 1, 15))
    return person


def test_missing_the_rhythm_is_dated_the_day_it_stopped_holding(tmp_path: Path) -> None:
    with Book.open(tmp_path / "shop.rapport", backup_daily=False) as book:
        person = wei_in(book)
        book.status.bring_up_to_date(date(2026, 8, 1))  # opened again weeks later: the drop keeps its own day
        drop = book.status.tier_history(person.id)[-1]
    assert (drop.changed_on, drop.from_tier, drop.to_tier) == (date(2026, 7, 1), Tier.CLIENT, Tier.CUSTOMER)
    assert drop.reason == ("Dropped from client to customer: no purchase since 31 May 2025, though they usually "
                           "order around 31 May")


def test_the_stored_verdict_follows_the_rhythm_day_by_day(tmp_path: Path) -> None:
    """The days the rhythm changes a verdict (its order passed, its grace over) are among the days the
    book looks again: each day's stored verdict equals one worked out from scratch."""
    from tests.test_verdicts_kept_current import live_verdicts

    with Book.open(tmp_path / "shop.rapport", backup_daily=False) as book:
        wei_in(book)
        day = date(2026, 5, 15)
        while day <= date(2026, 7, 5):
            book.status.bring_up_to_date(day)
            kept = live_verdicts(book)
            book.status.reevaluate_all(day)
            assert kept == live_verdicts(book), day
            day += timedelta(days=1)


def test_the_rhythm_is_offered_as_a_yearly_order_once() -> None:
    from core.ladder import yearly_order_offer
    from core.occasions import Occasion, OccasionKind

    assert yearly_order_offer(wei(), SETTINGS, date(2026, 5, 1)) == "--05-31"
    monthly = tuple(date(2025, m, 3) for m in range(1, 13))
    assert yearly_order_offer(wei(monthly), SETTINGS, date(2026, 1, 1)) is None
    held = replace(wei(), occasions=(Occasion(1, OccasionKind.YEARLY_ORDER, "--05-31"),))
    assert yearly_order_offer(held, SETTINGS, date(2026, 5, 1)) is None
    stopped = replace(wei(), occasions=(Occasion(1, OccasionKind.YEARLY_ORDER, "--05-31",
                                                 stopped_on=date(2026, 1, 1)),))
    assert yearly_order_offer(stopped, SETTINGS, date(2026, 5, 1)) is None, "stopped: never offered again"
    two_years = (date(2022, 5, 31), date(2024, 5, 31))  # every two years: not a yearly order
    assert yearly_order_offer(wei(two_years), SETTINGS, date(2025, 5, 1)) is None


def test_the_rhythm_is_said_plainly_while_the_last_order_is_within_w_and_for_a_customer() -> None:
    result, plan = on(date(2026, 5, 20))
    assert "Usually orders every 12 months, next around 31 May" in result.reasons  # within W: nothing kept
    assert not any("still a client" in r for r in result.reasons)
    _, late = on(date(2026, 6, 2))
    assert (late.steps[0].key, late.steps[0].kind) == ("rhythm", Kind.CONVERSATION)
    no_test = replace(wei(), answers={})  # a customer on a yearly rhythm: nothing "kept as a client"
    result, _ = on(date(2026, 6, 2), no_test)
    assert "Usually orders every 12 months, next around 31 May" in result.reasons


def test_a_drop_on_the_day_the_rhythm_stops_holding_is_dated_that_day(tmp_path: Path) -> None:
    with Book.open(tmp_path / "shop.rapport", backup_daily=False) as book:
        person = wei_in(book)
        book.status.bring_up_to_date(date(2026, 6, 30))
        book.status.bring_up_to_date(date(2026, 7, 1))  # opened on the very day: the drop is today's
        drop = book.status.tier_history(person.id)[-1]
    assert (drop.changed_on, drop.from_tier, drop.to_tier) == (date(2026, 7, 1), Tier.CLIENT, Tier.CUSTOMER)


def test_a_yearly_rhythm_keeps_its_day_across_a_leap_year() -> None:
    """13 Feb 2024 to 13 Feb 2025 is 366 days: the next order is still around 13 Feb, not the 14th."""
    valentines = (date(2024, 2, 13), date(2025, 2, 13), date(2026, 2, 13))
    _, plan = on(date(2027, 2, 1), wei(valentines, answered=date(2026, 2, 13)))
    assert plan.steps[0].text == "Wei usually orders around 13 Feb: call the week before"
    assert plan.steps[0].due_on == date(2027, 2, 6)


def test_a_yearly_rhythm_from_29_february_falls_where_the_settings_say() -> None:
    from core.ladder.facts import next_on_rhythm

    assert next_on_rhythm(date(2024, 2, 29), 365) == date(2025, 2, 28)
    assert next_on_rhythm(date(2024, 2, 29), 365, leap_day_on_28=False) == date(2025, 3, 1)
    assert next_on_rhythm(date(2025, 1, 10), 329) == date(2025, 1, 10) + timedelta(days=329)  # not yearly
    assert next_on_rhythm(date(2025, 1, 10), 401) == date(2025, 1, 10) + timedelta(days=401)
    assert next_on_rhythm(date(2025, 1, 10), 330) == next_on_rhythm(date(2025, 1, 10), 400) == date(2026, 1, 10)
