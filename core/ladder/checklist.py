"""The weekly partner-cultivation checklist: who to call this week, in DESIGN.md's eight sections.

A contact appears once, in the first section that applies; sections may be empty, and the
printout says so rather than dropping them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Callable, Collection, Iterable, Mapping

from core.dates import week_of
from core.domain import (
    Checklist,
    ChecklistEntry,
    ChecklistSection,
    Evidence,
    Plan,
    PlanStep,
    Role,
    Settings,
    Tier,
    TierResult,
)
from core.ladder.facts import Facts, window_span
from core.ladder.plans import OCCASION_KEY, next_step, occasion_steps, plan_for
from core.ladder.tiers import exchange_reasons, missing_for
from core.text import format_day
from core.i18n import N_, _

Why = Callable[[Facts, TierResult, date], "str | None"]
# The plan steps that answer each section's reason, best first: the line's "why" and its step agree.
_SECTION_STEPS: dict[str, tuple[str, ...]] = {
    "complaints": ("complaint",),
    "occasions": (OCCASION_KEY,),
    "partners_at_risk": ("renew",),
    "partners_due": ("call",),
    "one_step_from_partner": ("return-favour", "refer-to", "ask-intro"),
    "clients_to_keep": ("retest", "rhythm", "call"),
    "slipping": ("slipping",),
    "prospects": ("follow-up",),
}


def _due_this_week(result: TierResult, week_end: date) -> bool:
    """Due by the Sunday of the week: the cadence day falls on or before it."""
    return result.due_on is not None and result.due_on <= week_end


def _complaints(facts: Facts, result: TierResult, week_end: date) -> str | None:
    if not result.open_complaint:
        return None
    return _("Complaint of {open_complaints} is still open").format(open_complaints=format_day(facts.open_complaints[0]))


def _occasions(facts: Facts, result: TierResult, week_end: date) -> str | None:
    """An occasion whose lead time starts this week, or started and its day has not come (DESIGN, 1)."""
    if result.outside:
        return None
    steps = occasion_steps(facts, date.min)
    return occasion_words(steps[0].text)[0] if steps else None


def occasion_words(text: str) -> tuple[str, str]:
    """An occasion step's two halves: what is coming, and what to do ("Call Wei by Tue 29 May")."""
    what, _ignored, todo = text.partition(_(": call "))
    return what, _("Call {todo}").format(todo=todo)


def _partners_at_risk(facts: Facts, result: TierResult, week_end: date) -> str | None:
    if result.tier is not Tier.PARTNER or not result.at_risk:
        return None
    expiry = facts.partner_expiry
    assert expiry is not None, "a partner at risk has an exchange that ages out"
    return _("The two-way exchange ages out on {expiry}").format(expiry=format_day(expiry))


def _partners_due(facts: Facts, result: TierResult, week_end: date) -> str | None:
    if result.tier is not Tier.PARTNER or not _due_this_week(result, week_end):
        return None
    return _last_contact(facts, facts.settings.partner_cadence_days, Tier.PARTNER)


def _last_contact(facts: Facts, cadence: int, who: Tier) -> str:
    """Partners and clients always have a touch: the referral, campaign or purchase that made them."""
    touched = facts.last_touch
    assert touched is not None, "partners and clients always have a touch"
    said = (_("Last contact {touched}; every {cadence} days for partners") if who is Tier.PARTNER
            else _("Last contact {touched}; every {cadence} days for clients"))
    return said.format(touched=format_day(touched), cadence=cadence)


def _one_step_from_partner(facts: Facts, result: TierResult, week_end: date) -> str | None:
    """Clients with value flowing one way, and referrers we owe a favour, whatever they buy."""
    received = facts.last_within(facts.referrals_received)
    if result.referrer and received is not None:
        return _("Sent us business on {received}; we have not returned the favour").format(received=format_day(received))
    given = facts.last_within(facts.referrals_given)
    if result.tier is Tier.CLIENT and given and not received:
        return _("We sent them business on {given}; nothing back yet").format(given=format_day(given))
    return None


def _clients_to_keep(facts: Facts, result: TierResult, week_end: date) -> str | None:
    """Seed 004: never take clients for granted. Due a touch, or the test about to turn W old, or a
    client whose answers turned W old (now a customer, one conversation from client again)."""
    aged = facts.test_aged_out_on
    if result.tier is Tier.CUSTOMER and not result.state and facts.repeat_purchases and aged is not None:
        return (_("Client-test answers turned {window_span} old on {aged}: check the client test again").format(window_span=window_span(facts.settings.window_days), aged=format_day(aged)))
    if result.tier is not Tier.CLIENT or result.state:
        return None
    ages_out = facts.test_ages_out_on
    if ages_out is not None and ages_out - timedelta(days=facts.settings.recheck_days) <= week_end:
        return _("Client-test answers turn {window_span} old on {ages_out}").format(window_span=window_span(facts.settings.window_days), ages_out=format_day(ages_out))
    if _due_this_week(result, week_end):
        return _last_contact(facts, facts.settings.client_cadence_days, Tier.CLIENT)
    return None


def _customers_to_client(facts: Facts, result: TierResult, week_end: date) -> str | None:
    if result.tier is not Tier.CUSTOMER or result.state or result.role is Role.SUPPLIER:
        return None  # a supplier's way up is partner, not the client test
    unmet = len(facts.questions_not_yes) + (0 if facts.repeat_purchases else 1)
    if unmet != 1:
        return None
    missing = missing_for(Tier.CLIENT, facts)
    return missing[0].upper() + missing[1:]


def _slipping(facts: Facts, result: TierResult, week_end: date) -> str | None:
    """A slipping regular, until a logged touch snoozes the line to the next cadence."""
    if not result.slipping or not _due_this_week(result, week_end):
        return None
    gap = round(facts.median_gap or 0)
    return _("Usually every {gap} days; none since {purchases}").format(gap=gap, purchases=format_day(facts.purchases[-1]))


def _prospects(facts: Facts, result: TierResult, week_end: date) -> str | None:
    if result.tier is not Tier.PROSPECT or result.state or not _due_this_week(result, week_end):
        return None
    if facts.inquiries and facts.inquiries[-1] == facts.hand_raised_on:
        return _("Inquiry on {inquiries}, no purchase yet").format(inquiries=format_day(facts.inquiries[-1]))
    if facts.referred_on:
        return _("Referred to us on {referred_on}, no purchase yet").format(referred_on=format_day(facts.referred_on[-1]))
    return exchange_reasons(facts)[0]  # a prospect by past exchange alone: what flowed, and when


SECTIONS: tuple[tuple[str, str, str, Why], ...] = (
    ("complaints", N_("Open complaints"),
     N_("Put it right first: nothing else moves until it is resolved."), _complaints),
    ("occasions", N_("Occasions coming up"),
     N_("A birthday, an anniversary, a yearly order: call before the day."), _occasions),
    ("partners_at_risk", N_("Partners at risk"),
     N_("The two-way exchange is ageing out of the window: renew it now."), _partners_at_risk),
    ("partners_due", N_("Partners due a touch this week"),
     N_("Keep the exchange alive: a call, a coffee, a lead to share."), _partners_due),
    ("one_step_from_partner", N_("One step from partner"),
     N_("Value already flows one way: make it flow both ways."), _one_step_from_partner),
    ("clients_to_keep", N_("Clients to keep"),
     N_("Never take them for granted: a touch, or check the client test again."), _clients_to_keep),
    ("customers_to_client", N_("Customers one step from client"),
     N_("One answer or one more purchase away from a client."), _customers_to_client),
    ("slipping", N_("Regulars slipping away"),
     N_("They have stayed away longer than usual: call before they are gone."), _slipping),
    ("prospects", N_("Prospects to follow up"),
     N_("They raised a hand: answer it this week."), _prospects),
)


_PINNED_SECTION = {Tier.PARTNER: "partners_due", Tier.CLIENT: "clients_to_keep",
                   Tier.CUSTOMER: "customers_to_client", Tier.PROSPECT: "prospects", Tier.SUSPECT: "prospects"}


def _step_for(section: str, plan: Plan) -> PlanStep | None:
    """The step that answers the section's reason; the most urgent step when none does."""
    for key in _SECTION_STEPS.get(section, ()):
        step = next((s for s in plan.steps if s.key == key or (key.endswith(":") and s.key.startswith(key))), None)
        if step is not None:
            return step
    return next_step(plan)


def build_checklist(
    items: Iterable[tuple[Evidence, TierResult]],
    settings: Settings,
    week_start: date,
    today: date | None = None,
    business_name: str | None = None,
    pinned: Collection[int] = frozenset(),
    silence: Mapping[int, tuple[float, str]] | None = None,
) -> Checklist:
    """The checklist for the week starting ``week_start`` (a Monday).

    ``pinned`` contacts (added by the owner, e.g. from a review) appear even when no rule
    lists them, in the section of their tier. ``silence`` gives, from the forecast, what a slipping
    regular's silence costs and how likely they are gone, in words ("may be slipping (55 %)"): the
    section is then ranked by that cost, dearest first, and each line says it. The forecast never
    puts anyone on the list or takes them off: the gap rule does.
    """
    silence = silence or {}
    if week_start.weekday() != 0:
        raise ValueError(f"A checklist week starts on a Monday; {week_start.isoformat()} is a "
                         f"{week_start.strftime('%A')}.")
    week_end = week_start + timedelta(days=6)
    today = today or week_start
    # Each section ranked: the most overdue first, then the most valuable, then by name.
    placed: dict[str, list[tuple[tuple[date, date], float, str, ChecklistEntry]]] = {key: [] for key, *_ignored in SECTIONS}
    for evidence, result in items:
        facts = Facts.of(evidence, settings, today)
        found = _first_section(facts, result, week_end)
        plan = plan_for(evidence, result, settings, today) if found is not None else None
        if found is not None and plan is not None and plan.steps:  # a line with no step is not a to-do
            key, why = found
            step = _step_for(key, plan)
            assert step is not None, "a plan with steps has a most urgent one"
            contact = evidence.contact
            text = occasion_words(step.text)[1] if key == "occasions" else step.text
            # Most overdue first: the step's day (today at the earliest), then how long ago it fell due.
            urgency, worth = (step.due_on, result.due_on or week_end), float(-_value(facts))
            if key == "slipping" and contact.id is not None and contact.id in silence:
                cost, words = silence[contact.id]
                why, urgency, worth = f"{why}: {words}", (week_start, week_start), -cost
            entry = ChecklistEntry(contact_id=contact.id or 0, name=contact.name, phone=contact.phone, why=why,
                                   step=text, tier=result.tier, pinned=contact.pinned)
            placed[key].append((urgency, worth, contact.name.casefold(), entry))
        elif evidence.contact.id in pinned:
            step = next_step(plan_for(evidence, result, settings, today))
            entry = ChecklistEntry(contact_id=evidence.contact.id or 0, name=evidence.contact.name,
                                   phone=evidence.contact.phone, why=_("You added them from your review"),
                                   step=step.text if step else "", tier=result.tier,
                                   pinned=evidence.contact.pinned)
            placed[_PINNED_SECTION[result.tier]].append(((today, today), 0.0, evidence.contact.name.casefold(), entry))
    sections = tuple(
        ChecklistSection(key=key, title=_(title), purpose=_(purpose),
                         entries=tuple(entry for *_ignored, entry in sorted(placed[key], key=lambda t: t[:3])))
        for key, title, purpose, _ignored in SECTIONS
    )
    return Checklist(business_name=business_name or settings.business_name, week_start=week_start,
                     week_end=week_end, sections=sections)


def may_list(evidence: Evidence, result: TierResult, settings: Settings, week_start: date, today: date,
             pinned: Collection[int] = frozenset()) -> bool:
    """Whether ``build_checklist`` could list this contact in the week from ``week_start``: a section
    lists them, or the owner pinned them. Whom it could not is left out before it is given them, so
    that a whole book's evidence is never held at once."""
    if evidence.contact.id in pinned:
        return True
    return _first_section(Facts.of(evidence, settings, today), result, week_start + timedelta(days=6)) is not None


def _first_section(facts: Facts, result: TierResult, week_end: date) -> tuple[str, str] | None:
    """The first section that lists the contact this week, and why: (key, why)."""
    for key, _title, _purpose, why_of in SECTIONS:
        why = why_of(facts, result, week_end)
        if why is not None:
            return key, why
    return None


def section_this_week(evidence: Evidence, result: TierResult, plan: Plan, settings: Settings,
                      today: date) -> str | None:
    """The checklist section that lists the contact in the week of ``today`` (None: not this week).

    This is the one meaning of "due this week": the sidebar's count, the pane and the printed
    checklist all read it. A contact whose ``plan`` has nothing left to do this cycle (the loop
    ended, or every step was ticked or answered) is not listed: a line with no step is not a to-do.
    """
    if not plan.steps:
        return None
    return (_first_section(Facts.of(evidence, settings, today), result, week_of(today)[1]) or (None, ""))[0]


def section_title(key: str) -> str:
    return next(_(title) for k, title, _rule, _order in SECTIONS if k == key)


def _value(facts: Facts) -> int:
    """How much the relationship brings now: visits and referrals either way within W."""
    recent = [d for days in (facts.visit_days, facts.referrals_received, facts.referrals_given, facts.joint_campaigns)
              for d in days if facts.within(d)]
    return len(recent)


def cap_checklist(checklist: Checklist, lines: int) -> Checklist:
    """Keep ``lines`` entries in all, shared out a line at a time section by section, so each
    section keeps its best-ranked entries and says how many more it had ("and 12 more")."""
    kept = [0] * len(checklist.sections)
    left = lines
    while left > 0:
        placed = False
        for i, section in enumerate(checklist.sections):
            if left > 0 and kept[i] < len(section.entries):
                kept[i] += 1
                left -= 1
                placed = True
        if not placed:
            break
    sections = tuple(replace(section, entries=section.entries[:n], more=section.more + len(section.entries) - n)
                     for section, n in zip(checklist.sections, kept))
    return replace(checklist, sections=sections)
