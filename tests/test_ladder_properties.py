"""Properties of the rules over random histories (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from core.domain import Answer, ClientTestAnswer, Contact, Evidence, Question, Settings, Tier
from core.ladder import evaluate
from core.ladder.facts import Facts

TODAY = date(2026, 11, 24)
_SETTINGS = Settings()
DAYS = st.integers(min_value=-30, max_value=3 * 365).map(lambda n: TODAY - timedelta(days=n))
DATES = st.lists(DAYS, max_size=6).map(lambda ds: tuple(sorted(ds)))


@st.composite
def histories(draw) -> Evidence:
    answers = {
        q: ClientTestAnswer(contact_id=1, question=q, answer=draw(st.sampled_from(list(Answer))),
                            answered_on=draw(DAYS))
        for q in Question
        if draw(st.booleans())
    }
    purchases = draw(DATES)
    everything = purchases + draw(DATES)
    return Evidence(
        contact=Contact(id=1, name="Ana Prop", label=draw(st.none() | st.sampled_from(list(Tier))),
                        created_on=TODAY - timedelta(days=4000)),
        purchases=purchases, inquiries=draw(DATES), referrals_received=draw(DATES), referrals_given=draw(DATES),
        joint_campaigns=draw(DATES), referred_on=draw(DATES),
        last_interaction=max(everything) if everything else None, answers=answers,
    )


@settings(max_examples=200, deadline=None)
@given(histories())
def test_a_purchase_today_never_lowers_the_tier(ev: Evidence) -> None:
    before = evaluate(ev, _SETTINGS, TODAY)
    after = evaluate(replace(ev, purchases=tuple(sorted(ev.purchases + (TODAY,)))), _SETTINGS, TODAY)
    assert after.tier.rank >= before.tier.rank


@settings(max_examples=200, deadline=None)
@given(histories())
def test_no_client_without_four_fresh_yes(ev: Evidence) -> None:
    result = evaluate(ev, _SETTINGS, TODAY)
    if Tier.CLIENT in (result.tier, result.also):
        facts = Facts.of(ev, _SETTINGS, TODAY)
        assert all(facts.fresh_yes(q) for q in Question)


@settings(max_examples=200, deadline=None)
@given(histories())
def test_no_partner_without_two_way_evidence_or_joint_campaign_in_window(ev: Evidence) -> None:
    if evaluate(ev, _SETTINGS, TODAY).tier is Tier.PARTNER:
        start = TODAY - timedelta(days=_SETTINGS.window_days - 1)
        inside = lambda days: any(start <= d <= TODAY for d in days)  # noqa: E731
        assert (inside(ev.referrals_received) and inside(ev.referrals_given)) or inside(ev.joint_campaigns)


@settings(max_examples=200, deadline=None)
@given(histories(), st.none() | st.sampled_from(list(Tier)))
def test_deterministic_and_label_never_changes_the_tier(ev: Evidence, other_label: Tier | None) -> None:
    first = evaluate(ev, _SETTINGS, TODAY)
    assert evaluate(ev, _SETTINGS, TODAY) == first
    relabelled = replace(ev, contact=replace(ev.contact, label=other_label))
    assert evaluate(relabelled, _SETTINGS, TODAY).tier is first.tier



