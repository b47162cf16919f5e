"""Every tier rule and its boundaries, table-driven (pure: no book, no Qt)."""

from __future__ import annotations

import pytest

from core.domain import Answer, Tier
from core.ladder import change_reason, evaluate
from core.text import format_day
from tests.ladder_factories import SETTINGS, TODAY, W, ago, answers, evidence


@pytest.mark.parametrize(
    ("case", "ev", "tier"),
    [
        ("nothing", evidence(), Tier.SUSPECT),
        ("inquiry", evidence(inquiries=(3,)), Tier.PROSPECT),
        ("referred by someone", evidence(referred=(3,)), Tier.PROSPECT),
        ("old inquiry still prospect", evidence(inquiries=(900,)), Tier.PROSPECT),
        ("one purchase", evidence(purchases=(5,)), Tier.CUSTOMER),
        ("purchase beats inquiry", evidence(purchases=(5,), inquiries=(9,)), Tier.CUSTOMER),
        ("one purchase + four yes", evidence(purchases=(5,), answered=answers()), Tier.CUSTOMER),
        ("two purchases + four yes", evidence(purchases=(5, 40), answered=answers()), Tier.CLIENT),
        ("two purchases + three yes", evidence(purchases=(5, 40), answered=answers(yes=3)), Tier.CUSTOMER),
        ("three yes + unknown", evidence(purchases=(5, 40), answered=answers(yes=3, answer=Answer.UNKNOWN)),
         Tier.CUSTOMER),
        ("last purchase on day W-1", evidence(purchases=(W - 1, W + 50), answered=answers()), Tier.CLIENT),
        ("last purchase on day W", evidence(purchases=(W, W + 50), answered=answers()), Tier.CUSTOMER),
        ("answers on day W-1", evidence(purchases=(5, 40), answered=answers(days_ago=W - 1)), Tier.CLIENT),
        ("stale answers on day W", evidence(purchases=(5, 40), answered=answers(days_ago=W)), Tier.CUSTOMER),
        ("referral one way (received): a referrer is at least a prospect", evidence(received=(10,)), Tier.PROSPECT),
        ("referral one way (given)", evidence(purchases=(5,), given=(10,)), Tier.CUSTOMER),
        ("referrals both ways", evidence(received=(10,), given=(20,)), Tier.PARTNER),
        ("referral received on day W: aged out, never below prospect", evidence(received=(W,), given=(20,)),
         Tier.PROSPECT),
        ("referral received on day W-1", evidence(received=(W - 1,), given=(20,)), Tier.PARTNER),
        ("joint campaign alone", evidence(joint=(30,)), Tier.PARTNER),
        ("joint campaign on day W: aged out, never below prospect", evidence(joint=(W,)), Tier.PROSPECT),
        ("future purchase ignored", evidence(purchases=(-3,)), Tier.SUSPECT),
    ],
)
def test_tier_rules(case: str, ev, tier: Tier) -> None:
    assert evaluate(ev, SETTINGS, TODAY).tier is tier, case


@pytest.mark.parametrize(
    ("ev", "also", "display"),
    [
        (evidence(joint=(30,), purchases=(5, 40), answered=answers()), Tier.CLIENT, "Partner · also Client"),
        (evidence(joint=(30,), purchases=(5,)), Tier.CUSTOMER, "Partner · also Customer"),
        (evidence(joint=(30,)), None, "Partner"),
    ],
)
def test_hybrid_partner_who_buys(ev, also: Tier | None, display: str) -> None:
    result = evaluate(ev, SETTINGS, TODAY)
    assert result.also is also
    assert result.display == display


def test_reasons_carry_formatted_dates() -> None:
    result = evaluate(evidence(purchases=(22, 60, 200), answered=answers(days_ago=41)), SETTINGS, TODAY)
    assert result.tier is Tier.CLIENT
    assert "3 purchases, the last on 2 Nov 2026" in result.reasons
    assert "All four client-test answers yes, checked 14 Oct 2026" in result.reasons
    assert "Not yet a partner: no referral from them in the last 12 months" in result.reasons


def test_label_above_evidence_warns_with_the_missing_evidence() -> None:
    ev = evidence(name="Marriott", label=Tier.PARTNER, purchases=(5, 40), answered=answers(), received=(631,))
    result = evaluate(ev, SETTINGS, TODAY)
    assert result.tier is Tier.CLIENT
    assert result.label_warning == (
        "You call Marriott a partner; the evidence says client: no referral from them since 3 Mar 2025")


@pytest.mark.parametrize("label", [Tier.CLIENT, None])
def test_a_label_at_the_evidence_is_quiet(label: Tier | None) -> None:
    ev = evidence(label=label, purchases=(5, 40), answered=answers())
    assert evaluate(ev, SETTINGS, TODAY).label_warning is None


@pytest.mark.parametrize("label", [Tier.CUSTOMER, Tier.PROSPECT])
def test_a_label_below_the_evidence_is_worth_a_word(label: Tier) -> None:
    """DESIGN, "the label both ways": the owner undersells them, and is told so, without a missing part."""
    ev = evidence(name="Ida Weiss", label=label, purchases=(5, 40), answered=answers())
    assert evaluate(ev, SETTINGS, TODAY).label_warning == (
        f"You call Ida a {label.value}; the evidence says client")


def test_demotion_by_ageing() -> None:
    ev = evidence(purchases=(5, 40), answered=answers(days_ago=10))
    assert evaluate(ev, SETTINGS, TODAY).tier is Tier.CLIENT
    from datetime import timedelta

    later = TODAY + timedelta(days=W)
    aged = evaluate(ev, SETTINGS, later)
    assert aged.tier is Tier.CUSTOMER
    reason = change_reason(Tier.CLIENT, aged)
    assert reason.startswith("Dropped from client to customer: no purchase since")


def test_change_reason_for_promotion_and_entry() -> None:
    result = evaluate(evidence(purchases=(3,)), SETTINGS, TODAY)
    assert change_reason(Tier.PROSPECT, result) == "Now a customer: 1 purchase, on 21 Nov 2026"
    assert change_reason(None, evaluate(evidence(), SETTINGS, TODAY)).startswith("Entered the book as a suspect")


@pytest.mark.parametrize(
    ("ev", "due_on", "due"),
    [
        (evidence(purchases=(100,)), 10, True),  # customer cadence 90 days: due 10 days ago
        (evidence(purchases=(80,)), -10, False),
        (evidence(inquiries=(7,)), 0, True),  # prospect: 7 days after the inquiry
        (evidence(inquiries=(6,)), -1, False),
        (evidence(), None, False),  # suspects have no cadence
    ],
)
def test_cadence_and_due(ev, due_on: int | None, due: bool) -> None:
    from tests.ladder_factories import ago

    result = evaluate(ev, SETTINGS, TODAY)
    assert result.due_on == (ago(due_on) if due_on is not None else None)
    assert result.due is due


@pytest.mark.parametrize(
    ("purchases", "slipping"),
    [
        ((40, 60, 80, 100), False),  # median gap 20: limit max(40, 50) = 50; 40 days away
        ((51, 71, 91, 111), True),  # 51 days away > 50
        ((50, 70, 90, 110), False),  # exactly 50 is not more than the limit
        ((200, 400), False),  # two purchases are not a regular
        ((300, 300, 300), False),  # one visit day: no gap to speak of
        ((130, 160, 190), True),  # gap 30: limit max(60, 60) = 60
    ],
)
def test_slipping_away_boundary(purchases: tuple[int, ...], slipping: bool) -> None:
    assert evaluate(evidence(purchases=purchases), SETTINGS, TODAY).slipping is slipping


def test_partner_at_risk_when_exchange_nears_the_end_of_the_window() -> None:
    assert evaluate(evidence(received=(W - 20,), given=(30,)), SETTINGS, TODAY).at_risk is True
    assert evaluate(evidence(received=(W - 40,), given=(30,)), SETTINGS, TODAY).at_risk is False
    assert evaluate(evidence(purchases=(3,)), SETTINGS, TODAY).at_risk is False


def test_thresholds_come_from_settings() -> None:
    from dataclasses import replace

    ev = evidence(purchases=(5, 40), answered=answers())
    assert evaluate(ev, replace(SETTINGS, client_min_purchases=3), TODAY).tier is Tier.CUSTOMER
    short = replace(SETTINGS, window_days=30, rhythm_grace_days=10)
    assert evaluate(evidence(purchases=(40, 45), answered=answers()), short, TODAY).tier is Tier.CUSTOMER
    # Visits 60 days apart are a rhythm longer than a 30-day W: the last, 40 days ago, still counts.
    assert evaluate(evidence(purchases=(40, 100), answered=answers()), short, TODAY).tier is Tier.CLIENT


def test_one_visit_a_day_everywhere() -> None:
    """A bouquet and a vase on one day are one visit: not two purchases towards Client."""
    from core.domain import Answer, ClientTestAnswer, Question

    yes = {q: ClientTestAnswer(1, q, Answer.YES, ago(5)) for q in Question}
    same_day = evaluate(evidence(purchases=(3, 3), answered=yes), SETTINGS, TODAY)
    assert same_day.tier is Tier.CUSTOMER
    assert "Not yet a client: purchases on only 1 day so far" in same_day.reasons
    two_days = evaluate(evidence(purchases=(3, 4), answered=yes), SETTINGS, TODAY)
    assert two_days.tier is Tier.CLIENT
    regular = evidence(purchases=(200, 200, 100, 100, 100))  # visits on 2 days only: not a regular yet
    assert not evaluate(regular, SETTINGS, TODAY).slipping


def test_a_former_partner_never_falls_below_prospect_and_says_what_aged_out() -> None:
    from core.ladder import plan_for

    from dataclasses import replace

    from core.domain import ContactKind

    aged = evidence(name="Greenleaf Growers", received=(W + 30,), given=(W + 40,))
    aged = replace(aged, contact=replace(aged.contact, kind=ContactKind.ORGANISATION))
    result = evaluate(aged, SETTINGS, TODAY)
    assert result.tier is Tier.PROSPECT
    assert f"The last referral from them was {format_day(ago(W + 30))}, over 12 months ago" in result.reasons
    steps = [s.text for s in plan_for(aged, result, SETTINGS, TODAY).steps]
    assert steps == ["Renew the exchange with Greenleaf Growers: ask how business is, and share a lead"]
    planner = evaluate(evidence(name="Wedding Bells Planning", received=(10,)), SETTINGS, TODAY)
    assert planner.tier is Tier.PROSPECT and f"Sent us business on {format_day(ago(10))}" in planner.reasons


def test_the_checklist_lists_a_former_partner_with_what_aged_out() -> None:
    """Found by the benchmark: a Prospect with no inquiry crashed the checklist (IndexError)."""
    from datetime import timedelta

    from core.ladder import build_checklist

    aged = evidence(name="Greenleaf Growers", received=(W + 30,), given=(W + 40,), created=W + 50)
    result = evaluate(aged, SETTINGS, TODAY)
    monday = TODAY - timedelta(days=TODAY.weekday())
    checklist = build_checklist([(aged, result)], SETTINGS, monday, today=TODAY, pinned=set())
    whys = [e.why for section in checklist.sections for e in section.entries]
    assert whys == [f"The last referral from them was {format_day(ago(W + 30))}, over 12 months ago"]


def test_a_call_to_a_prospect_resets_the_follow_up() -> None:
    """Any logged touch resets a cadence: the prospect's line clears when the owner called."""
    asked = evidence(inquiries=(10,))
    assert evaluate(asked, SETTINGS, TODAY).due_on == ago(10 - SETTINGS.prospect_cadence_days)  # overdue
    called = evidence(inquiries=(10,), touched=(2,))  # a conversation logged two days ago
    result = evaluate(called, SETTINGS, TODAY)
    assert result.due_on == ago(2 - SETTINGS.prospect_cadence_days) and not result.due
