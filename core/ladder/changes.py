"""When a contact's verdict can next change without new evidence: the day the book must look again.

A verdict (tier, state, flags, this week's checklist section, the next step and its day) depends
on the calendar only through a few kinds of days: evidence leaving W, a cadence falling due, a
regular starting to slip, a partner's exchange nearing its end, client-test answers turning W
old, a ticked step coming round again, and the Monday of the week any of these fall in (the
week's checklist). The earliest such day after today is stored with the verdict, so a new day
re-evaluates only the contacts whose day has come. Erring early is safe (one needless
evaluation); erring late would leave a stale verdict, which the tests compare against a full
re-evaluation to rule out.
"""

from __future__ import annotations

from datetime import date, timedelta

from core.domain import Evidence, Settings, Tier, TierResult
from core.ladder.facts import Facts

NEVER = date.max


def next_change(evidence: Evidence, result: TierResult, settings: Settings, today: date) -> date:
    """The first day after ``today`` on which the verdict may differ with the same evidence."""
    facts = Facts.of(evidence, settings, today)
    window = timedelta(days=settings.window_days)
    days: set[date] = set()
    dated = (evidence.purchases, evidence.inquiries, evidence.referrals_received, evidence.referrals_given,
             evidence.joint_campaigns, evidence.referred_on, evidence.testimonials, evidence.advice, evidence.touches,
             tuple(answer.answered_on for answer in evidence.answers.values()),
             tuple(first for _, _, first in evidence.leads))
    for group in dated:
        days.update(day + window for day in group)
    cadences = {settings.cadence_days(tier) or settings.prospect_cadence_days for tier in Tier}
    for done in evidence.done_steps.values():  # a ticked step comes round again after a cadence
        days.update(done + timedelta(days=cadence) for cadence in cadences)
    recheck = timedelta(days=settings.recheck_days)
    risk = timedelta(days=settings.partner_risk_days)
    for day in (result.due_on, facts.slip_day):
        if day is not None:
            days.add(day)
    if facts.partner_expiry is not None:
        days.update((facts.partner_expiry - risk, facts.partner_expiry))
    if facts.test_ages_out_on is not None:
        ages_out = facts.test_ages_out_on
        days.update((ages_out - 2 * recheck, ages_out - recheck, ages_out))
    mondays = {day - timedelta(days=day.weekday()) for day in days}  # the week's checklist turns on Mondays
    future = [day for day in days | mondays if day > today]
    return min(future, default=NEVER)
