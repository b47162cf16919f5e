"""Cultivation plans: for each contact, the next rung and one concrete step per unmet criterion.

Steps are short imperative sentences that name the person, written for a shop owner. Each
says what ticking it logs (``kind``) or which client-test question it answers (``question``).
"""

from __future__ import annotations

from datetime import date, timedelta

from core.domain import Evidence, Kind, Plan, PlanStep, Question, Settings, Tier, TierResult
from core.ladder.facts import Facts
from core.text import format_day

_QUESTION_STEPS = {
    Question.NEEDS: "Learn what else {name} needs from you: ask about their coming events and plans",
    Question.REFERRAL: "Ask {name} for a referral, a testimonial or a review",
    Question.REFERENCE: "Find out what {name} would say about you if someone asked",
    Question.TRUST: "Earn {name}'s trust: keep a promise you made, and ask how the last order went",
}


def plan_for(evidence: Evidence, result: TierResult, settings: Settings, today: date) -> Plan:
    """The steps that would move this contact one rung up (or keep a partner a partner)."""
    facts = Facts.of(evidence, settings, today)
    soon = _soon(result, today)
    builders = {
        Tier.SUSPECT: _suspect_steps,
        Tier.PROSPECT: _prospect_steps,
        Tier.CUSTOMER: _customer_steps,
        Tier.CLIENT: _client_steps,
        Tier.PARTNER: _partner_steps,
    }
    steps = builders[result.tier](facts, soon)
    if result.slipping:
        gap = facts.median_gap or 0
        steps.insert(0, PlanStep(
            f"Call {facts.name}: last visit {format_day(facts.purchases[-1])}, usually every {_every(gap)}",
            today, kind=Kind.CONVERSATION))
    return Plan(contact=evidence.contact, result=result, next_tier=result.tier.next(), steps=tuple(steps))


def next_step(plan: Plan) -> PlanStep | None:
    """The most urgent step: the earliest due (the first written wins a tie)."""
    return min(plan.steps, key=lambda step: step.due_on, default=None)


def _soon(result: TierResult, today: date) -> date:
    """When the next step is due: the keep-in-touch day, or today if that has passed."""
    if result.due_on is None:
        return today + timedelta(days=7)
    return max(result.due_on, today)


def _every(days: float) -> str:
    if days >= 56:
        return f"{round(days / 30)} months"
    if days >= 14:
        return f"{round(days / 7)} weeks"
    return f"{round(days)} days"


def _suspect_steps(facts: Facts, soon: date) -> list[PlanStep]:
    return [PlanStep(f"Invite {facts.name} to visit, or ask what they are looking for", soon, kind=Kind.CONVERSATION)]


def _prospect_steps(facts: Facts, soon: date) -> list[PlanStep]:
    if facts.inquiries:
        text = f"Follow up on {facts.name}'s inquiry of {format_day(facts.inquiries[-1])}"
    elif not facts.referred_on:  # a former partner or referrer: renew the exchange, never "invite to visit"
        text = f"Renew the exchange with {facts.name}: ask how business is, and share a lead"
    else:
        text = f"Welcome {facts.name} with an offer (referred to you on {format_day(facts.referred_on[-1])})"
    return [PlanStep(text, soon, kind=Kind.CONVERSATION)]


def _customer_steps(facts: Facts, soon: date) -> list[PlanStep]:
    steps: list[PlanStep] = []
    if not facts.repeat_purchases:
        steps.append(PlanStep(f"Invite {facts.name} back: suggest something for their next occasion", soon,
                              kind=Kind.CONVERSATION))
    for question in facts.questions_not_yes:
        steps.append(PlanStep(_QUESTION_STEPS[question].format(name=facts.name), soon, question=question))
    return steps


def _client_steps(facts: Facts, soon: date) -> list[PlanStep]:
    steps: list[PlanStep] = []
    if facts.last_within(facts.referrals_given) is None:
        steps.append(PlanStep(f"Refer a customer to {facts.name}", soon, kind=Kind.REFERRAL_GIVEN))
    if facts.last_within(facts.referrals_received) is None:
        steps.append(PlanStep(f"Ask {facts.name} for an introduction", soon, kind=Kind.REFERRAL_RECEIVED))
    steps.append(PlanStep(f"Propose a joint promotion with {facts.name}", soon + timedelta(days=7),
                          kind=Kind.JOINT_CAMPAIGN))
    return steps


def _partner_steps(facts: Facts, soon: date) -> list[PlanStep]:
    """Keep the exchange alive: renew the evidence before it ages out of W."""
    steps: list[PlanStep] = []
    expiry = facts.partner_expiry
    if expiry is not None:
        before = expiry - timedelta(days=1)
        due = max(min(before - timedelta(days=facts.settings.partner_risk_days), soon), facts.today)
        if facts.two_way and facts.referrals_given[-1] <= facts.referrals_received[-1]:
            steps.append(PlanStep(f"Send {facts.name} a referral before {format_day(before)}", due,
                                  kind=Kind.REFERRAL_GIVEN))
        elif facts.two_way:
            steps.append(PlanStep(f"Ask {facts.name} for an introduction before {format_day(before)}", due,
                                  kind=Kind.REFERRAL_RECEIVED))
        else:
            steps.append(PlanStep(f"Plan the next joint campaign with {facts.name} before {format_day(before)}",
                                  due, kind=Kind.JOINT_CAMPAIGN))
    steps.append(PlanStep(f"Call {facts.name} to share news and leads", soon, kind=Kind.CONVERSATION))
    return steps
