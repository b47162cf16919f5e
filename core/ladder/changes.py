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

from core.dates import week_of
from core.domain import Evidence, Settings, Tier, TierResult
from core.ladder.facts import Facts, complaint_days
from core.occasions import lead_starts, next_on

NEVER = date.max
_SECTIONS_READ_DUE = frozenset({Tier.PARTNER, Tier.CLIENT, Tier.PROSPECT})


def next_change(evidence: Evidence, result: TierResult, settings: Settings, today: date) -> date:
    """The first day after ``today`` on which the verdict may differ with the same evidence."""
    if result.outside:
        return NEVER  # the team: nothing on the calendar changes a verdict outside the ladder
    facts = Facts.of(evidence, settings, today)
    window = timedelta(days=settings.window_days)
    # Only the latest of each kind can leave W and change something (the rules read the last
    # purchase, the last referral each way…); a touch matters through the cadence (due_on) alone.
    latest = (evidence.purchases, evidence.inquiries, evidence.referrals_received, evidence.referrals_given,
              evidence.joint_campaigns, evidence.referred_on, evidence.testimonials, evidence.advice)
    days = [group[-1] + window for group in latest if group]  # a list: only its earliest future day counts
    days += [answer.answered_on + window for answer in evidence.answers.values()]
    days += [first + window for _, _, first in evidence.leads]  # each lead's thank-you step
    days += complaint_days(evidence, settings)
    for occasion in evidence.occasions:  # its line shows from the Monday of its lead's week until the day
        on = next_on(occasion, today, settings.country, settings.leap_day_on_28)
        if on is not None:
            days += (week_of(lead_starts(on, occasion.lead_days))[0], on + timedelta(days=1))
    held = facts.rhythm_holds_until  # a buyer on their own rhythm: the day it stops holding, and the day it was due
    if held is not None and facts.rhythm_next is not None:
        days += (held + timedelta(days=1), facts.rhythm_next + timedelta(days=1))
    if evidence.done_steps:  # a ticked step comes round again after a cadence
        cadences = {settings.cadence_days(tier) or settings.prospect_cadence_days for tier in Tier}
        days += [done + timedelta(days=cadence) for done in evidence.done_steps.values() for cadence in cadences]
    slip_day, expiry = facts.slip_day, facts.partner_expiry
    if slip_day is not None:
        days.append(slip_day)
    if expiry is not None:
        days += (expiry - timedelta(days=settings.partner_risk_days), expiry)
    # The week's checklist turns on Mondays: a client is listed from the Monday of the week their
    # test comes within a month of turning W old, and a partner, client, prospect or slipping
    # regular from the Monday of the week their cadence falls due. Everything else moves on its day.
    ages_out = facts.test_ages_out_on
    if ages_out is not None:
        recheck = timedelta(days=settings.recheck_days)
        days += (ages_out - 2 * recheck, ages_out - recheck, ages_out, week_of(ages_out - recheck)[0])
    if result.due_on is not None and (result.slipping or result.tier in _SECTIONS_READ_DUE):
        days.append(week_of(result.due_on)[0])
    return min((day for day in days if day > today), default=NEVER)
