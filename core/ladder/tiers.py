"""The ladder's rules: a pure function from one contact's evidence to its tier and the reasons.

Nothing here reads the database or the clock: the same evidence, settings and day always
give the same verdict, which is what makes every verdict explainable and testable.
"""

from __future__ import annotations

from datetime import date, timedelta

from core.domain import Closure, Evidence, Question, Role, Settings, Tier, TierResult
from core.ladder.facts import QUESTIONS, Facts, every_words, window_phrase, window_span
from core.text import complaint_words, day_and_month, format_day
from core.i18n import N_, _, ngettext



def evaluate(evidence: Evidence, settings: Settings, today: date, *, reasons: bool = True) -> TierResult:
    """Where the contact stands on ``today``, why, and what the owner should know about it. Without
    ``reasons``, the verdict alone (no reasons, nothing ``missing``, no ``aged_out``): what the stored
    status row keeps, worked out for thousands at once, where putting every reason in words was a
    fifth of the time; a move's reasons are asked for again (``verdict_rows.entry_or_move``)."""
    facts = Facts.of(evidence, settings, today)
    role = evidence.contact.role
    if role is Role.TEAM:  # outside the ladder: the tier is a placeholder the display and the store never show
        return TierResult(tier=Tier.SUSPECT, reasons=(_(TEAM_REASON),), role=role)
    tier = _tier(facts)
    also = _purchase_tier(facts) if tier is Tier.PARTNER else None
    state = _state(facts, tier)
    said: list[str] = []
    missing = ""
    if reasons:
        said = _loop_reasons(facts, tier, state) + _reasons(facts, tier, also)
        # A referrer's and a supplier's next rung is partner (business both ways), whatever they have
        # bought: it is what their plan aims at, and what their reasons name as missing.
        toward_partner = facts.owes_favour or role is Role.SUPPLIER
        nxt = Tier.PARTNER if tier is not Tier.PARTNER and toward_partner else tier.next()
        missing = missing_for(nxt, facts) if nxt is not None else ""
        if nxt is not None:
            said.append(_("Not yet a {tier}: {missing}").format(tier=nxt.noun, missing=missing))
    due_on = None if state and state != _KEPT else _due_on(facts, tier)
    expiry = facts.partner_expiry if tier is Tier.PARTNER else None
    return TierResult(
        tier=tier,
        reasons=tuple(said),
        also=also,
        label_warning=_label_warning(facts, tier),
        due_on=due_on,
        due=due_on is not None and due_on <= today,
        slipping=facts.slipping,
        at_risk=expiry is not None and (expiry - today).days <= settings.partner_risk_days,
        state=state,
        open_complaint=bool(facts.open_complaints),
        referrer=tier is not Tier.PARTNER and facts.owes_favour,
        aged_out=_aged_out(facts) if reasons and tier is not Tier.PARTNER and facts.past_exchange else "",
        role=role,
        missing=missing,
    )


TEAM_REASON = N_("On the team: outside the ladder, with no tier, no steps and no warnings")
SUPPLIER_REASON = N_("A supplier: you buy from them")


def _aged_out(facts: Facts) -> str:
    """The latest exchange that has left W, named with its day: what a drop from partner lost."""
    gone = [(days[-1], words) for days, words in (
        (facts.referrals_received, _("the last referral from them")),
        (facts.referrals_given, _("the last referral we gave them")),
        (facts.joint_campaigns, _("the last joint campaign")),
    ) if days and not facts.within(days[-1])]
    if not gone:
        return ""
    day, words = max(gone)
    return f"{words}, {format_day(day)}, is {facts.age_words(day)} old"


# The states are kept in English, as the rules compare them; ``TierResult.display`` says them in words.
_KEPT = N_("kept as a customer")


def _state(facts: Facts, tier: Tier) -> str:
    """Where the loop stands when it has ended ("went quiet", "lapsed", "not a fit"), or ""."""
    closure = facts.closure
    if closure is Closure.KEEP_CUSTOMER:
        return _KEPT if tier is Tier.CUSTOMER else ""
    if closure is not None and tier is not Tier.PARTNER:
        return closure.label
    if tier is Tier.PROSPECT and facts.went_quiet:
        return N_("went quiet")
    if facts.lapsed and tier is not Tier.PARTNER:
        return N_("lapsed")
    return ""


def _loop_reasons(facts: Facts, tier: Tier, state: str) -> list[str]:
    """Open complaints first, then how a loop ended, in the owner's words."""
    reasons = [_("Open complaint of {day}").format(day=format_day(day)) for day in facts.open_complaints]
    reasons += [complaint_words(made, fixed) for made, fixed in facts.evidence.resolved_complaints
                if facts.within(fixed)]
    closure = facts.closure
    if state and closure is not None:
        closed_on = facts.evidence.contact.closed_on
        assert closed_on is not None, "a closed loop is dated (Facts.closure)"
        reasons.append(_("You closed this on {closed_on}: {label}").format(closed_on=format_day(closed_on), label=closure.label))
    elif state == "went quiet":
        base = facts.follow_up_base
        assert base is not None, "only a raised hand or an exchange can go quiet (Facts.went_quiet)"
        tries = facts.tries_since(base)
        if tries >= facts.settings.max_follow_ups:
            reasons.append(_("Went quiet: no answer to {tries} follow-ups since {base}").format(tries=tries, base=format_day(base)))
        else:
            raised = facts.hand_raised_on
            assert raised is not None, "too few tries: it went quiet because the inquiry is W old"
            reasons.append(_("Went quiet: the inquiry of {raised} is {age_words} old").format(raised=format_day(raised), age_words=facts.age_words(raised)))
    elif state == "lapsed":
        last = facts.purchases[-1]
        if facts.within(last):
            reasons.append(_("Lapsed: no visit since {last}, and no answer to {tries_since} tries").format(last=format_day(last), tries_since=facts.tries_since(last)))
        else:
            reasons.append(_("Lapsed: no visit since {last}, {age_words} ago").format(last=format_day(last), age_words=facts.age_words(last)))
    return reasons


def _tier(facts: Facts) -> Tier:
    if facts.two_way or facts.joint_campaign:
        return Tier.PARTNER
    # A former partner or referrer never falls back to Suspect: they raised more than a hand. Nor
    # does a supplier: we buy from them, so there is no one to invite (DESIGN, "outside the ladder").
    raised_hand = (facts.inquiries or facts.referred_on or facts.past_exchange
                   or facts.evidence.contact.role is Role.SUPPLIER)
    return _purchase_tier(facts) or (Tier.PROSPECT if raised_hand else Tier.SUSPECT)


def _purchase_tier(facts: Facts) -> Tier | None:
    """The tier the buying evidence alone supports: what a hybrid partner 'also' is."""
    if facts.repeat_purchases and not facts.questions_not_yes:
        return Tier.CLIENT
    return Tier.CUSTOMER if facts.purchases else None


def _reasons(facts: Facts, tier: Tier, also: Tier | None) -> list[str]:
    reasons: list[str] = [_(SUPPLIER_REASON)] if facts.evidence.contact.role is Role.SUPPLIER else []
    if tier is Tier.PARTNER:
        if facts.two_way:
            reasons.append(_("Referred business to us on {referrals_received} and we referred business to them on {referrals_given}").format(referrals_received=format_day(facts.referrals_received[-1]), referrals_given=format_day(facts.referrals_given[-1])))
        if facts.joint_campaign:
            reasons.append(_("Joint campaign on {joint_campaigns}").format(joint_campaigns=format_day(facts.joint_campaigns[-1])))
    if facts.purchases:
        count = len(facts.purchases)
        last = format_day(facts.purchases[-1])
        reasons.append(_("{count} purchases, the last on {last}").format(count=count, last=last) if count > 1 else _("1 purchase, on {last}").format(last=last))
        rhythm_words = _rhythm_reason(facts, tier, also)
        if rhythm_words:
            reasons.append(rhythm_words)
    if Tier.CLIENT in (tier, also):
        checked = min(facts.evidence.answers[q].answered_on for q in QUESTIONS)
        reasons.append(_("All four client-test answers yes, checked {checked}").format(checked=format_day(checked)))
    if tier is Tier.PROSPECT:
        if facts.inquiries:
            reasons.append(_("Inquiry on {inquiries}").format(inquiries=format_day(facts.inquiries[-1])))
        if facts.referred_on:
            reasons.append(_("Referred to us on {referred_on}").format(referred_on=format_day(facts.referred_on[-1])))
    if tier is not Tier.PARTNER:
        reasons.extend(exchange_reasons(facts))
    if tier is Tier.SUSPECT:
        reasons.append(_("In the book, no inquiry or purchase yet"))
    for days, what in ((facts.evidence.testimonials, _("Gave us a testimonial")), (facts.evidence.advice, _("Advice given"))):
        recent = [day for day in days if facts.within(day)]
        if recent:
            reasons.append(_("{what} on {day}").format(what=what, day=format_day(recent[-1])))
    return reasons


def _rhythm_reason(facts: Facts, tier: Tier, also: Tier | None) -> str:
    """A buyer on their own rhythm, and, once their last visit has left W, how long it keeps them."""
    expected, held = facts.rhythm_next, facts.rhythm_holds_until
    if facts.rhythm is None or expected is None or held is None:
        return ""
    said = _("Usually orders every {every_words}, next around {expected}").format(every_words=every_words(facts.rhythm), expected=day_and_month(expected))
    if Tier.CLIENT in (tier, also) and facts.last_within(facts.purchases) is None:
        said += _(": still a client until {held} on that rhythm").format(held=format_day(held))
    return said


def exchange_reasons(facts: Facts) -> list[str]:
    """Referrals and campaigns, recent or aged out, in the owner's words ("…over 12 months ago")."""
    found = []
    for days, recent, old in (
        (facts.referrals_received, _("Sent us business on {day}"), _("The last referral from them was {day}, {age} ago")),
        (facts.referrals_given, _("We sent them business on {day}"), _("The last referral we gave them was {day}, {age} "
                                                                   "ago")),
        (facts.joint_campaigns, _("Joint campaign on {day}"), _("The last joint campaign was {day}, {age} ago")),
    ):
        if days:
            template = recent if facts.within(days[-1]) else old
            found.append(template.format(day=format_day(days[-1]), age=facts.age_words(days[-1])))
    return found


def missing_for(target: Tier, facts: Facts) -> str:
    """The main evidence missing for ``target``, in the owner's words."""
    window = window_phrase(facts.settings.window_days)
    if target is Tier.PARTNER:
        received, given = facts.last_within(facts.referrals_received), facts.last_within(facts.referrals_given)
        if received is None:
            if facts.referrals_received:
                return _("no referral from them since {referrals_received}").format(referrals_received=format_day(facts.referrals_received[-1]))
            return _("no referral from them in {window}").format(window=window)
        if given is None:
            if facts.referrals_given:
                return _("we have not referred anyone to them since {referrals_given}").format(referrals_given=format_day(facts.referrals_given[-1]))
            return _("we have not referred anyone to them in {window}").format(window=window)
        return _("no joint campaign in {window}").format(window=window)
    if target is Tier.CLIENT:
        if not facts.purchases:
            return _("no purchase yet")
        days = len(facts.visit_days)
        if days < facts.settings.client_min_purchases:
            if len(facts.purchases) > days:  # one visit a day: two bouquets on one day are one visit
                return ngettext("purchases on only {count} day so far", "purchases on only {count} days so far", days).format(count=days)
            return ngettext("only {count} purchase so far", "only {count} purchases so far", days).format(count=days)
        if not facts.recent_visit:
            expected = facts.rhythm_next
            if expected is not None:  # they missed their own rhythm by the grace: say so, not just "since"
                return (_("no purchase since {purchases}, though they usually order around {expected}").format(purchases=format_day(facts.purchases[-1]), expected=day_and_month(expected)))
            return _("no purchase since {purchases}").format(purchases=format_day(facts.purchases[-1]))
        if facts.test_aged_out:
            return (_("your client-test answers are over {window_span} old: check them again").format(window_span=window_span(facts.settings.window_days)))
        if facts.trust_in_question and facts.questions_not_yes == (Question.TRUST,):
            return _trust_words(facts)
        titles = ", ".join(q.title for q in facts.questions_not_yes)
        return _("client test not yet yes on {titles}").format(titles=titles)
    if target is Tier.CUSTOMER:
        return _("no purchase yet")
    if target is Tier.PROSPECT:
        return _("no inquiry yet")
    return ""


def _trust_words(facts: Facts) -> str:
    """Why a Trust yes no longer counts: the complaint that was open too long, in days."""
    assert facts.trust_shaken_by is not None, "only a long complaint puts Trust back in question"
    made, resolved, days = facts.trust_shaken_by
    if resolved is None:
        return _("Trust is back in question while the complaint of {made} has been open {days} days").format(made=format_day(made), days=days)
    return (_("Trust is back in question after the complaint of {made}, open {days} days before it was resolved").format(made=format_day(made), days=days))


def _label_warning(facts: Facts, tier: Tier) -> str | None:
    """Seed 001's label trap: what the owner calls them ranks above what the evidence shows, and
    what is missing; a label below the evidence is worth a word too (DESIGN, "the label both ways")."""
    label = facts.evidence.contact.label
    if label is None or label.rank == tier.rank:
        return None
    if label.rank < tier.rank:
        return _("You call {name} a {label}; the evidence says {tier}").format(name=facts.name, label=label.noun, tier=tier.noun)
    return (_("You call {name} a {label}; the evidence says {tier}: {missing}").format(name=facts.name, label=label.noun, tier=tier.noun, missing=missing_for(tier.next() or label, facts)))


def _due_on(facts: Facts, tier: Tier) -> date | None:
    """Next keep-in-touch day by the tier's cadence, counted from the last touch: any logged touch
    resets it (a prospect's also counts from the day someone referred them to us).

    A slipping regular is due the day they started slipping, unless the owner has touched them
    since their last visit: that touch snoozes the line until the next cadence.
    """
    cadence = None if supplier_only(facts, tier) else facts.settings.cadence_days(tier)
    if cadence is None:
        return None
    marks = [*facts.touches[-1:], *facts.referred_on[-1:]]
    base = max(marks) if marks else (facts.evidence.contact.created_on or facts.today)
    due = base + timedelta(days=cadence)
    if facts.slipping:
        touched_since_visit = facts.last_touch is not None and facts.last_touch > facts.purchases[-1]
        slip_day = facts.slip_day
        assert slip_day is not None, "slipping has a first day (Facts.slipping)"
        if not touched_since_visit:
            return min(due, slip_day)
    return due


def supplier_only(facts: Facts, tier: Tier) -> bool:
    """A supplier who stands where they do only for being one: nothing to follow up, so never due,
    as a suspect is not (their plan offers the way to partner, at the owner's pace)."""
    return (tier is Tier.PROSPECT and facts.evidence.contact.role is Role.SUPPLIER
            and not (facts.inquiries or facts.referred_on or facts.past_exchange))


def change_reason(before: Tier | None, after: TierResult) -> str:
    """One sentence for the tier history: why the contact now stands where it does."""
    # Every verdict has at least one reason from the evidence (a suspect's is "In the book…").
    # The sentence naming what the rung above asks for is the last reason, whenever there is a rung above.
    evidence = list(after.reasons[:-1] if after.missing else after.reasons)
    if before is None:
        return _("Entered the book as a {tier}: {reason}").format(tier=after.tier.noun, reason=evidence[0])
    if after.tier.rank > before.rank:
        return _("Now a {tier}: {reasons}").format(tier=after.tier.noun, reasons="; ".join(evidence))
    if before is Tier.PARTNER and after.aged_out:  # name what aged out, not a rung they never aimed at
        return _("Dropped from partner to {tier}: {aged_out}").format(tier=after.tier.noun, aged_out=after.aged_out)
    # A drop always leaves a rung above, so the reasons name what is missing for it.
    return _("Dropped from {before} to {tier}: {missing}").format(before=before.noun, tier=after.tier.noun,
                                                                  missing=after.missing)
