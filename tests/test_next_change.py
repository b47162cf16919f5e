"""A stored verdict is looked at again on its "next change" day and not before: so nothing in it
may change before that day. For evidence of every kind (answers ageing, leads, a yearly rhythm, a
partner's exchange, occasions on 29 February or on a country's Mother's Day, complaints), the
verdict the book would store on the day before the next change equals the one stored today.

The day walk (``test_day_walk.py``) checks 60 days of a random book; the days that count here are
often a year away (an answer or a referral leaving W, a yearly rhythm running out)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings as hypothesis_settings
from hypothesis import strategies as st

from core import ladder
from core.domain import Answer, ClientTestAnswer, Question, Role, Settings
from core.occasions import Occasion, OccasionKind
from core.store.verdict_rows import _next_change
from tests.ladder_factories import TODAY, ago, evidence

HORIZON = 900  # days looked ahead when the next change is further off (or never)


def stored_verdict(ev, settings: Settings, day):
    """What ``Status.store_verdicts`` keeps of a verdict on ``day`` (every column but the dates it
    was worked out on and its next change), and the next change it schedules."""
    result = ladder.evaluate(ev, settings, day)
    plan = ladder.plan_for(ev, result, settings, day, clamp=False)
    step = ladder.next_step(plan, day)
    section = ladder.section_this_week(ev, result, plan, settings, day)
    step_due = step.due_on if step is not None and step.dated and (section is not None or step.due_on > day) else None
    row = (result.outside, result.tier, result.also, result.display, result.due_on, step.text if step else "",
           step_due, result.slipping, result.at_risk, result.label_warning, section)
    return row, _next_change(ev, result, plan, settings, day)


days_ago = st.integers(min_value=0, max_value=800)
few = st.lists(days_ago, max_size=6).map(tuple)
occasion = st.sampled_from([
    Occasion(contact_id=1, kind=OccasionKind.BIRTHDAY, day="1980-02-29", lead_days=7),
    Occasion(contact_id=1, kind=OccasionKind.MOTHERS_DAY, day="", lead_days=5),
    Occasion(contact_id=1, kind=OccasionKind.ANNIVERSARY, day="--06-12", lead_days=10),
])


@st.composite
def cases(draw):
    answered_on = draw(days_ago)
    yes = draw(st.integers(min_value=0, max_value=4))
    answers = {q: ClientTestAnswer(contact_id=1, question=q, answer=Answer.YES if i < yes else Answer.NO,
                                   answered_on=ago(answered_on)) for i, q in enumerate(Question)}
    rhythm = draw(st.sampled_from([(), (5, 370, 735), (30, 395, 760), (200, 565)]))  # a yearly order, or none
    ev = evidence(
        purchases=tuple(sorted(set(draw(few) + rhythm))), inquiries=draw(few), received=draw(few), given=draw(few),
        joint=draw(st.lists(days_ago, max_size=2).map(tuple)), testimonials=draw(st.lists(days_ago, max_size=1).map(tuple)),
        complaints=draw(st.lists(st.integers(0, 90), max_size=1).map(tuple)),
        resolved=tuple((made + fixed_after, made) for made, fixed_after in  # (made, resolved), in days ago
                       draw(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 120)), max_size=2))),
        leads=tuple((7 + n, f"Lead {n}", first) for n, first in enumerate(draw(st.lists(days_ago, max_size=2)))),
        answered=answers if draw(st.booleans()) else None,
        role=draw(st.sampled_from([Role.CUSTOMER, Role.CUSTOMER, Role.SUPPLIER])),
        created=900,
    )
    ev = replace(ev, occasions=tuple(draw(st.lists(occasion, max_size=2, unique=True))))
    settings = Settings(country=draw(st.sampled_from(["", "GB", "US", "DE"])),
                        leap_day=draw(st.sampled_from(["28 Feb", "1 Mar"])))
    return ev, settings


@hypothesis_settings(max_examples=300, deadline=None, derandomize=True)
@given(case=cases())
def test_nothing_in_a_stored_verdict_changes_before_its_next_change_day(case) -> None:
    """Walked as the book walks it: from each change day to the next, the verdict of the day before
    the next one is the verdict stored on the change day."""
    ev, settings = case
    day, end = TODAY, TODAY + timedelta(days=HORIZON)
    while day < end:
        row, next_day = stored_verdict(ev, settings, day)
        assert next_day > day
        last_quiet_day = min(next_day, end) - timedelta(days=1)
        if last_quiet_day > day:
            assert stored_verdict(ev, settings, last_quiet_day)[0] == row, (
                f"stored on {day}, the verdict changed by {last_quiet_day}, but its next change was {next_day}")
        day = next_day
