"""The tier history as the evidence dates it: when each move happened, and why, in words of that day.

A move depends only on the evidence and its dates, never on the order it was typed in: a history
typed from a paper notebook newest-first gives the same moves as one typed oldest-first. So a move
is dated by replaying the days on which the tier can change, and worded with what was known on
that day ("Now a customer: 1 purchase, on 20 Jun 2025", never a purchase of the following May).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from core.domain import ClientTestAnswer, Evidence, Question, Settings, Tier
from core.ladder.facts import Facts, complaint_days, rhythm_of
from core.ladder.tiers import _tier, change_reason, evaluate

_DAY = timedelta(days=1)


def as_of(evidence: Evidence, day: date) -> Evidence:
    """The evidence as it stood on ``day``: each question's latest answer given by then (a later answer
    replaces an earlier one only from its own day). Other evidence is read up to the day by the rules."""
    history = evidence.answer_history
    if len(history) <= len(evidence.answers):
        return evidence  # one answer a question: a later one is ignored by the rules themselves
    answers: dict[Question, ClientTestAnswer] = {}
    for answer in history:  # in the order given: by day, then as recorded
        if answer.answered_on <= day:
            answers[answer.question] = answer
    return replace(evidence, answers=answers)


def change_days(evidence: Evidence, settings: Settings) -> set[date]:
    """Every day the tier can change: a day evidence happened or left W, a complaint's turning points,
    and the day a buyer's own rhythm stopped holding their last visit."""
    window = timedelta(days=settings.window_days)
    days: set[date] = set()
    answers = evidence.answer_history or tuple(evidence.answers.values())
    for group in (evidence.purchases, evidence.inquiries, evidence.referrals_received, evidence.referrals_given,
                  evidence.joint_campaigns, evidence.referred_on, tuple(a.answered_on for a in answers)):
        for day in group:
            days.update((day, day + window))
    days.update(complaint_days(evidence, settings))
    days.update(_rhythm_ends(evidence, settings))
    return days


def _rhythm_ends(evidence: Evidence, settings: Settings) -> list[date]:
    """The days a buyer's own rhythm stopped holding their last visit, for every run of visits so far."""
    visits = tuple(sorted(set(evidence.purchases)))
    ends = []
    for k in range(2, len(visits) + 1):
        rhythm = rhythm_of(visits[:k], settings)
        if rhythm is not None:
            ends.append(visits[k - 1] + timedelta(days=rhythm + settings.rhythm_grace_days + 1))
    return ends


def tier_on(evidence: Evidence, settings: Settings, day: date) -> Tier:
    """The tier the evidence gave on ``day``."""
    return _tier(Facts.of(as_of(evidence, day), settings, day))


def tier_since(evidence: Evidence, settings: Settings, today: date, tier: Tier) -> date:
    """The day the contact's current run on ``tier`` began, as the evidence dates it.

    A tier can only change on a day some evidence happened or left W, so those days are the
    candidates: a demotion by ageing is dated the day the evidence left W, and a back-filled
    purchase from 2021 the day it was made, not the day a command noticed either.
    """
    for day in sorted((d for d in change_days(evidence, settings) if d <= today), reverse=True):
        if tier_on(evidence, settings, day - _DAY) is not tier:
            return day
    return today  # no evidence at all: nothing dates the tier but today


def moves_since(evidence: Evidence, settings: Settings, since: date, today: date) -> list[tuple[date, Tier, Tier, str]]:
    """The moves the evidence makes from ``since`` to ``today``: (day, from, to, reason), each reason
    in the words of its own day. The same evidence gives the same moves, whatever order it came in."""
    tier = tier_on(evidence, settings, since - _DAY)
    moves = []
    for day in sorted(d for d in change_days(evidence, settings) if since <= d <= today):
        now = tier_on(evidence, settings, day)
        if now is not tier:
            seen = as_of(evidence, day)
            moves.append((day, tier, now, change_reason(tier, evaluate(seen, settings, day))))
            tier = now
    return moves
