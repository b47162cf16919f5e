"""Cultivation plans: for each contact, the next rung and one concrete step per unmet criterion.

Steps are short imperative sentences that name the person, written for a shop owner. Each
has its own due date from its own reason, a stable ``key`` (what a tick marks as done), and
says which evidence it is about (``kind``) or which client-test question (``question``).
A tick never records that evidence: the owner says whether it happened (DESIGN.md).
"""

from __future__ import annotations

from datetime import date, timedelta

from core.domain import Closure, ContactKind, Evidence, Kind, Plan, PlanStep, Question, Role, Settings, Tier, TierResult
from core.ladder.facts import YEARLY, Facts, every_words, short_name, window_span
from core.dates import week_of
from core.occasions import STEP_PREFIX, OccasionKind, call_by, headline, lead_starts, next_on, step_key, weekday_day
from core.text import day_and_month, format_day
from core.i18n import N_, _

_QUESTION_STEPS = {
    Question.NEEDS: N_("Learn what else {name} needs from you: ask about their coming events and plans"),
    Question.REFERRAL: N_("Ask {name} for a referral, a testimonial or a review"),
    Question.REFERENCE: N_("Find out what {name} would say about you if someone asked"),
    Question.TRUST: N_("Earn {name}'s trust: keep a promise you made, and ask how the last order went"),
}
# A logged testimonial answers these steps as a tick would (seed 004: "ask for a testimonial").
_ANSWERED_BY_TESTIMONIAL = frozenset({"question:referral", "testimonial"})
COMPLAINT_KEY = "complaint"


def plan_for(evidence: Evidence, result: TierResult, settings: Settings, today: date, clamp: bool = True) -> Plan:
    """The steps that would move this contact one rung up (or keep a partner a partner).

    Each step's day comes from its own reason; an overdue one reads as due today (``clamp``).
    Unclamped (``clamp=False``), the days depend on the evidence only, not on the calendar: that
    is what the book stores, so a verdict does not change just because a day passed.
    """
    facts = Facts.of(evidence, settings, today)
    floor = today if clamp else date.min
    if result.outside:  # the team: no steps, no rung to aim at
        return Plan(contact=evidence.contact, result=result, next_tier=None, steps=())
    if result.open_complaint:
        # An open complaint holds back every promotion step until it is resolved.
        day = facts.open_complaints[0]
        steps = [PlanStep(_("Resolve {name}'s complaint of {day}").format(name=facts.name, day=format_day(day)), day, key=COMPLAINT_KEY)]
    elif result.state and facts.closure is not Closure.KEEP_CUSTOMER:
        steps = []  # the loop has ended (went quiet, lapsed, not a fit, gone): nothing to push
    else:
        soon = _soon(result, today, floor)
        builders = {Tier.SUSPECT: _suspect_steps, Tier.PROSPECT: _prospect_steps, Tier.CUSTOMER: _customer_steps,
                    Tier.CLIENT: _client_steps, Tier.PARTNER: _partner_steps}
        supplier_path = result.role is Role.SUPPLIER and result.tier in (Tier.PROSPECT, Tier.CUSTOMER)
        steps = (_supplier_steps if supplier_path else builders[result.tier])(facts, soon, floor)
        lead_bought = any(facts.within(first) for _lead, _name, first in facts.evidence.leads)
        if result.referrer and (_is_business(facts) or not lead_bought):
            # A person is thanked once per lead: "Thank Sofia for sending us Anna" is the thank-you.
            steps.insert(0, _return_favour(facts, soon))
        steps[:0] = _thanks(facts, floor)  # a thank-you is timely: before anything else the same day
        if result.referrer and not steps:  # thanked, and nothing else to do: the way on to partner
            steps.append(PlanStep(_("Send business {name}'s way when you can: a referral to them makes it two ways").format(name=facts.name), soon, kind=Kind.REFERRAL_GIVEN, key="refer-to"))
        if result.slipping:
            gap = facts.median_gap or 0
            steps.insert(0, PlanStep(
                _("Call {name}: last visit {purchases}, usually every {every_words}").format(name=facts.name, purchases=format_day(facts.purchases[-1]), every_words=every_words(gap)),
                soon, kind=Kind.CONVERSATION, key="slipping"))
        done_window = timedelta(days=(settings.cadence_days(result.tier) or settings.prospect_cadence_days) - 1)
        steps = [s for s in steps if not _done(facts, s, today - done_window)]
    steps[:0] = occasion_steps(facts, floor)  # an occasion is a reason to call whatever the loop's state
    # A referrer's and a supplier's plan aims at partner (business flowing both ways), not at the
    # rung above a prospect.
    toward_partner = result.referrer or result.role is Role.SUPPLIER
    aim = Tier.PARTNER if toward_partner and result.tier is not Tier.PARTNER else result.tier.next()
    return Plan(contact=evidence.contact, result=result, next_tier=aim, steps=tuple(steps))


OCCASION_KEY = STEP_PREFIX


def occasion_steps(facts: Facts, floor: date) -> list[PlanStep]:
    """"Wei's wedding anniversary on Thu 31 May: call Wei by Tue 29 May", from the Monday of the week
    its lead time starts until the day itself; a tick (this year's) ends it. Stopped ones never."""
    steps = []
    for occasion in facts.evidence.occasions:
        on = next_on(occasion, facts.today, facts.settings.country, facts.settings.leap_day_on_28)
        if on is None or facts.today < week_of(lead_starts(on, occasion.lead_days))[0]:
            continue
        key = step_key(occasion, on)
        if facts.done_since(key, on - timedelta(days=90)):
            continue
        note = f" ({occasion.note})" if occasion.note else ""
        by = call_by(on, occasion.lead_days)
        steps.append(PlanStep(_("{headline}: call {name} by {weekday_day}{note}").format(headline=headline(occasion, facts.name, on), name=facts.name, weekday_day=weekday_day(by), note=note),
                              max(by, floor), kind=Kind.CONVERSATION, key=key))
    return sorted(steps, key=lambda step: step.due_on)


def yearly_order_offer(evidence: Evidence, settings: Settings, today: date) -> str | None:
    """The day of the year a buyer on a yearly rhythm usually orders ("--05-31"), offered as an occasion
    in one click; None when they have no such rhythm or already hold a yearly order."""
    facts = Facts.of(evidence, settings, today)
    expected = facts.rhythm_next
    if expected is None or facts.rhythm is None or facts.rhythm not in YEARLY:
        return None
    if any(o.kind is OccasionKind.YEARLY_ORDER for o in evidence.occasions):  # stopped: never offered again
        return None
    return f"--{expected.month:02d}-{expected.day:02d}"


def next_step(plan: Plan, today: date | None = None) -> PlanStep | None:
    """The most urgent step: the earliest due (the first written wins a tie). With ``today``, an
    unclamped plan's overdue steps all count as due today, as the clamped plan shows them."""
    floor = today or date.min
    return min(plan.steps, key=lambda step: max(step.due_on, floor), default=None)


def _done(facts: Facts, step: PlanStep, since: date) -> bool:
    """A ticked step is done: hidden until the next cadence comes round."""
    if step.key in _ANSWERED_BY_TESTIMONIAL and any(since <= d <= facts.today for d in facts.evidence.testimonials):
        return True
    return bool(step.key) and facts.done_since(step.key, since)


def _soon(result: TierResult, today: date, floor: date) -> date:
    """When a keep-in-touch step is due: the cadence day (no earlier than ``floor``); a suspect, who
    has no cadence, in a week."""
    if result.due_on is None:
        return today + timedelta(days=7)
    return max(result.due_on, floor)


def _is_business(facts: Facts) -> bool:
    return facts.evidence.contact.kind is ContactKind.ORGANISATION


def _suspect_steps(facts: Facts, soon: date, floor: date) -> list[PlanStep]:
    return [PlanStep(_("Invite {name} to visit, or ask what they are looking for").format(name=facts.name), soon, kind=Kind.CONVERSATION,
                     key="visit", dated=False)]


def _prospect_steps(facts: Facts, soon: date, floor: date) -> list[PlanStep]:
    if facts.owes_favour and facts.hand_raised_on is None:
        return []  # a referrer who never asked for anything: returning the favour is the step
    if facts.inquiries and facts.inquiries[-1] == facts.hand_raised_on:
        text = _("Follow up on {name}'s inquiry of {inquiries}").format(name=facts.name, inquiries=format_day(facts.inquiries[-1]))
    elif facts.referred_on:
        text = _("Welcome {name} with an offer (referred to you on {referred_on})").format(name=facts.name, referred_on=format_day(facts.referred_on[-1]))
    else:  # a former partner or referrer: renew the exchange, never "invite to visit"
        text = _("Renew the exchange with {name}: ask how business is, and share a lead").format(name=facts.name)
    base = facts.follow_up_base
    if base is not None and facts.tries_since(base) == facts.settings.max_follow_ups - 1:
        text = _("Last try: {text}").format(text=text)
    return [PlanStep(text, soon, kind=Kind.CONVERSATION, key="follow-up")]


def _customer_steps(facts: Facts, soon: date, floor: date) -> list[PlanStep]:
    if facts.closure is Closure.KEEP_CUSTOMER:  # seed 004: not every customer should become a client
        return [PlanStep(_("Keep in touch with {name}: ask how the last order went").format(name=facts.name), soon,
                         kind=Kind.CONVERSATION, key="call")]
    if not facts.repeat_purchases:  # one visit, one step: the client test comes with the second visit
        return [PlanStep(_("Invite {name} back: suggest something for their next occasion").format(name=facts.name), soon,
                         kind=Kind.CONVERSATION, key="come-back")]
    steps: list[PlanStep] = _rhythm_step(facts, floor)
    if facts.test_aged_out:  # a client whose yes answers turned W old: one conversation from client again
        aged = facts.test_aged_out_on
        assert aged is not None, "an aged-out test has a day it aged out"
        return steps + [PlanStep(_("Check the client test with {name} again: your answers turned {window_span} old on {aged}").format(name=facts.name, window_span=window_span(facts.settings.window_days), aged=format_day(aged)), soon,
                                 key="retest")]
    for question in facts.questions_not_yes:
        steps.append(PlanStep(_(_QUESTION_STEPS[question]).format(name=facts.name), soon, question=question,
                              key=f"question:{question.value}"))
    shaken = facts.trust_shaken_by
    if facts.trust_in_question and shaken:  # after a long complaint, Trust is asked again before anything else
        again = PlanStep(_("Ask again whether {name} trusts you since the complaint of {shaken}: ask how the last order went").format(name=facts.name, shaken=format_day(shaken[0])), soon, question=Question.TRUST, key="question:trust")
        steps = [again] + [s for s in steps if s.key != "question:trust"]
    return steps


def _rhythm_step(facts: Facts, floor: date) -> list[PlanStep]:
    """A buyer on their own rhythm is called the week before their usual order ("Wei usually orders
    around 31 May: call the week before"); once it has passed unordered, at once."""
    expected = facts.rhythm_next
    if expected is None:
        return []
    around = day_and_month(expected)
    if facts.today <= expected:
        return [PlanStep(_("{name} usually orders around {around}: call the week before").format(name=facts.name, around=around),
                         max(expected - timedelta(days=7), floor), kind=Kind.CONVERSATION, key="rhythm")]
    return [PlanStep(_("{name} usually orders around {around} and has not yet: call now").format(name=facts.name, around=around), max(expected, floor),
                     kind=Kind.CONVERSATION, key="rhythm")]


def _client_steps(facts: Facts, soon: date, floor: date) -> list[PlanStep]:
    """Toward partner: a business by referrals both ways and joint promotions; a person by referrals
    and reviews. Plus keeping in touch, and re-checking the test before it turns W old."""
    steps: list[PlanStep] = []
    name = facts.name
    if _is_business(facts):
        if facts.last_within(facts.referrals_given) is None and not facts.owes_favour:
            steps.append(PlanStep(_("Refer a customer to {name}").format(name=name), soon, kind=Kind.REFERRAL_GIVEN, key="refer-to"))
        if facts.last_within(facts.referrals_received) is None:
            steps.append(PlanStep(_("Ask {name} for an introduction").format(name=name), soon, kind=Kind.REFERRAL_RECEIVED,
                                  key="ask-intro"))
        steps.append(PlanStep(_("Propose a joint promotion with {name}").format(name=name), soon + timedelta(days=7),
                              kind=Kind.JOINT_CAMPAIGN, key="joint"))
    else:
        if facts.last_within(facts.referrals_received) is None:
            steps.append(PlanStep(_("Ask {name} to recommend you to a friend").format(name=name), soon, kind=Kind.REFERRAL_RECEIVED,
                                  key="ask-intro"))
        steps.append(PlanStep(_("Ask {name} for a review or a testimonial").format(name=name), soon + timedelta(days=7),
                              kind=Kind.TESTIMONIAL, key="testimonial"))
    rhythm = _rhythm_step(facts, floor)  # their usual order is the time to keep in touch
    steps[:0] = rhythm
    if not rhythm:
        steps.append(PlanStep(_("Keep in touch with {name}: ask how the last order went").format(name=name), soon,
                              kind=Kind.CONVERSATION, key="call"))
    ages_out = facts.test_ages_out_on
    if ages_out is not None and (ages_out - facts.today).days <= 2 * facts.settings.recheck_days:
        steps.append(PlanStep(
            _("Check the client test with {name} again by {day}").format(name=name, day=format_day(ages_out - timedelta(days=1))),
            max(ages_out - timedelta(days=facts.settings.recheck_days), floor), key="retest"))
    return steps


def _supplier_steps(facts: Facts, soon: date, floor: date) -> list[PlanStep]:
    """A supplier's way to partner (DESIGN, "outside the ladder"): value both ways, through
    referrals and, for a business, joint offers; never an invitation to visit. Nothing waits on
    the owner, so, as a suspect's, the steps have no day."""
    name = facts.name
    steps: list[PlanStep] = []
    if _is_business(facts):
        steps.append(PlanStep(_("Propose a joint offer with {name}: a bundle or a shared promotion").format(name=name), soon,
                              kind=Kind.JOINT_CAMPAIGN, key="supplier-joint", dated=False))
    if facts.last_within(facts.referrals_received) is None:
        steps.append(PlanStep(_("Ask {name} to recommend you to the people they work with").format(name=name), soon,
                              kind=Kind.REFERRAL_RECEIVED, key="supplier-intro", dated=False))
    if facts.last_within(facts.referrals_given) is None and not facts.owes_favour:
        steps.append(PlanStep(_("Send business {name}'s way when you can").format(name=name), soon, kind=Kind.REFERRAL_GIVEN,
                              key="supplier-refer", dated=False))
    return steps


def _partner_steps(facts: Facts, soon: date, floor: date) -> list[PlanStep]:
    """Keep the exchange alive: renew the evidence before it ages out of W."""
    steps: list[PlanStep] = []
    expiry = facts.partner_expiry
    if expiry is not None:
        before = expiry - timedelta(days=1)  # the last day the exchange still counts: "by" it, never "before"
        due = max(expiry - timedelta(days=facts.settings.partner_risk_days), floor)
        if facts.two_way and facts.referrals_given[-1] <= facts.referrals_received[-1]:
            steps.append(PlanStep(_("Send {name} a referral by {before}").format(name=facts.name, before=format_day(before)), due,
                                  kind=Kind.REFERRAL_GIVEN, key="renew"))
        elif facts.two_way or not _is_business(facts):
            steps.append(PlanStep(_("Ask {name} for an introduction by {before}").format(name=facts.name, before=format_day(before)), due,
                                  kind=Kind.REFERRAL_RECEIVED, key="renew"))
        else:
            steps.append(PlanStep(_("Plan the next joint campaign with {name} by {before}").format(name=facts.name, before=format_day(before)),
                                  due, kind=Kind.JOINT_CAMPAIGN, key="renew"))
    steps.append(PlanStep(_("Call {name} to share news and leads").format(name=facts.name), soon, kind=Kind.CONVERSATION, key="call"))
    return steps


def _return_favour(facts: Facts, soon: date) -> PlanStep:
    """A referrer we owe: a business gets a customer back; a person gets our thanks."""
    sent = format_day(facts.referrals_received[-1])
    if _is_business(facts):
        return PlanStep(_("Return the favour: refer a customer to {name} (they sent us business on {sent})").format(name=facts.name, sent=sent),
                        soon, kind=Kind.REFERRAL_GIVEN, key="return-favour")
    return PlanStep(_("Return the favour: thank {name} for the business sent on {sent}, with a gift or an offer").format(name=facts.name, sent=sent),
                    soon, kind=Kind.CONVERSATION, key="return-favour")


def _thanks(facts: Facts, floor: date) -> list[PlanStep]:
    """"Thank Sofia for sending us Anna" once a lead they sent has made a first purchase (within W)."""
    return [
        PlanStep(_("Thank {name} for sending us {short_name}").format(name=facts.name, short_name=short_name(lead)), max(first, floor),
                 kind=Kind.CONVERSATION, key=f"thank:{lead_id}")
        for lead_id, lead, first in facts.evidence.leads
        if facts.within(first) and not facts.done_since(f"thank:{lead_id}", first)
    ]
