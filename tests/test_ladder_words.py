"""The exact words the owner reads, for every branch of the rules (pure: no book, no Qt).

Each expected sentence is written out by hand from the rule it states; TODAY is Tuesday
24 Nov 2026, so ago(5) is 19 Nov 2026, ago(20) 4 Nov 2026, ago(400) 20 Oct 2025.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.domain import ContactKind, Tier
from core.ladder import build_checklist, change_reason, evaluate, plan_for, tier_since
from core.ladder.facts import every_words as _every
from tests.ladder_factories import SETTINGS, TODAY, W as W_DAYS, ago, answers, evidence

MONDAY = date(2026, 11, 23)
CAFE = dict(name="Café Olé", kind=ContactKind.ORGANISATION)


def reasons(ev) -> tuple[str, ...]:
    return evaluate(ev, SETTINGS, TODAY).reasons


def steps(ev) -> list[tuple[str, date]]:
    return [(s.text, s.due_on) for s in plan_for(ev, evaluate(ev, SETTINGS, TODAY), SETTINGS, TODAY).steps]


def line(ev) -> tuple[str, str, str]:
    """(section, why, step) of the contact's one checklist line this week."""
    checklist = build_checklist([(ev, evaluate(ev, SETTINGS, TODAY))], SETTINGS, MONDAY, today=TODAY)
    [(key, entry)] = [(s.key, e) for s in checklist.sections for e in s.entries]
    return key, entry.why, entry.step


def test_dates_used_below() -> None:
    assert (ago(3), ago(5), ago(10), ago(20), ago(30), ago(130), ago(400)) == (
        date(2026, 11, 21), date(2026, 11, 19), date(2026, 11, 14), date(2026, 11, 4), date(2026, 10, 25),
        date(2026, 7, 17), date(2025, 10, 20))


# ---------------------------------------------------------------- reasons, each tier
@pytest.mark.parametrize("ev, expected", [
    (evidence(), ("In the book, no inquiry or purchase yet", "Not yet a prospect: no inquiry yet")),
    (evidence(inquiries=(40, 10)), ("Inquiry on 14 Nov 2026", "Not yet a customer: no purchase yet")),
    (evidence(referred=(30, 3)), ("Referred to us on 21 Nov 2026", "Not yet a customer: no purchase yet")),
    (evidence(purchases=(5,)), ("1 purchase, on 19 Nov 2026", "Not yet a client: only 1 purchase so far")),
    (evidence(purchases=(5, 5)), ("2 purchases, the last on 19 Nov 2026",
                                  "Not yet a client: purchases on only 1 day so far")),
    # Visits that have all left W, and nothing else between us: lapsed, not due today (a till's old log).
    (evidence(purchases=(420, 400), answered=answers()), (
        "Lapsed: no visit since 20 Oct 2025, over 12 months ago",
        "2 purchases, the last on 20 Oct 2025", "Not yet a client: no purchase since 20 Oct 2025")),
    (evidence(purchases=(5, 40), answered=answers(yes=3)), (
        "2 purchases, the last on 19 Nov 2026", "Not yet a client: client test not yet yes on Trust")),
    (evidence(purchases=(5, 40), answered=answers()), (
        "2 purchases, the last on 19 Nov 2026", "All four client-test answers yes, checked 14 Nov 2026",
        "Not yet a partner: no referral from them in the last 12 months")),
    (evidence(purchases=(5, 40), answered=answers(), received=(30, 20)), (
        "2 purchases, the last on 19 Nov 2026", "All four client-test answers yes, checked 14 Nov 2026",
        "Sent us business on 4 Nov 2026",
        "Not yet a partner: we have not referred anyone to them in the last 12 months")),
    (evidence(purchases=(5, 40), answered=answers(), received=(420, 400)), (
        "2 purchases, the last on 19 Nov 2026", "All four client-test answers yes, checked 14 Nov 2026",
        "The last referral from them was 20 Oct 2025, over 12 months ago",
        "Not yet a partner: no referral from them since 20 Oct 2025")),
    (evidence(purchases=(5, 40), answered=answers(), received=(20,), given=(420, 400)), (
        "2 purchases, the last on 19 Nov 2026", "All four client-test answers yes, checked 14 Nov 2026",
        "Sent us business on 4 Nov 2026", "The last referral we gave them was 20 Oct 2025, over 12 months ago",
        "Not yet a partner: we have not referred anyone to them since 20 Oct 2025")),
    (evidence(purchases=(5, 40), answered=answers(), given=(30, 20)), (
        "2 purchases, the last on 19 Nov 2026", "All four client-test answers yes, checked 14 Nov 2026",
        "We sent them business on 4 Nov 2026", "Not yet a partner: no referral from them in the last 12 months")),
    (evidence(purchases=(5, 40), answered=answers(), joint=(420, 400)), (
        "2 purchases, the last on 19 Nov 2026", "All four client-test answers yes, checked 14 Nov 2026",
        "The last joint campaign was 20 Oct 2025, over 12 months ago",
        "Not yet a partner: no referral from them in the last 12 months")),
    (evidence(received=(40, 20), given=(60, 30)), (
        "Referred business to us on 4 Nov 2026 and we referred business to them on 25 Oct 2026",)),
    (evidence(joint=(50, 10)), ("Joint campaign on 14 Nov 2026",)),
    (evidence(received=(20,), given=(30,), purchases=(40, 5)), (
        "Referred business to us on 4 Nov 2026 and we referred business to them on 25 Oct 2026",
        "2 purchases, the last on 19 Nov 2026")),
])
def test_reasons_word_for_word(ev, expected: tuple[str, ...]) -> None:
    assert reasons(ev) == expected


def test_a_hybrid_and_a_label_above_the_evidence() -> None:
    hybrid = evaluate(evidence(received=(20,), given=(30,), purchases=(5,)), SETTINGS, TODAY)
    assert hybrid.display == "Partner · also Customer"
    called = evaluate(evidence(purchases=(5,), label=Tier.PARTNER), SETTINGS, TODAY)
    assert called.label_warning == "You call Maria a partner; the evidence says customer: only 1 purchase so far"


# ---------------------------------------------------------------- plans, each builder
@pytest.mark.parametrize("ev, expected", [
    (evidence(), [("Invite Maria to visit, or ask what they are looking for", date(2026, 12, 1))]),
    (evidence(referred=(30, 3)), [("Welcome Maria with an offer (referred to you on 21 Nov 2026)",
                                   date(2026, 11, 28))]),
    (evidence(received=(40, 20), given=(60, 30)), [
        ("Send Maria a referral by 24 Oct 2027", date(2027, 9, 25)),
        ("Call Maria to share news and leads", date(2026, 11, 24))]),  # 4 Nov + 14 days: overdue, so today
    (evidence(received=(40, 20), given=(60, 10)), [
        ("Ask Maria for an introduction by 3 Nov 2027", date(2027, 10, 5)),
        ("Call Maria to share news and leads", date(2026, 11, 28))]),  # the last touch, 14 Nov, + 14 days
    (evidence(**CAFE, joint=(50, 10)), [
        ("Plan the next joint campaign with Café Olé by 13 Nov 2027", date(2027, 10, 15)),
        ("Call Café Olé to share news and leads", date(2026, 11, 28))]),
    (evidence(joint=(50, 10)), [
        ("Ask Maria for an introduction by 13 Nov 2027", date(2027, 10, 15)),
        ("Call Maria to share news and leads", date(2026, 11, 28))]),
    (evidence(**CAFE, purchases=(5, 40), answered=answers(), received=(20,)), [
        ("Return the favour: refer a customer to Café Olé (they sent us business on 4 Nov 2026)",
         date(2026, 12, 19)),
        ("Propose a joint promotion with Café Olé", date(2026, 12, 26)),
        ("Keep in touch with Café Olé: ask how the last order went", date(2026, 12, 19))]),
])
def test_plan_steps_word_for_word_with_their_own_days(ev, expected: list[tuple[str, date]]) -> None:
    assert steps(ev) == expected


@pytest.mark.parametrize("gap, said", [(60, "2 months"), (56, "2 months"), (55, "8 weeks"), (14, "2 weeks"),
                                       (13, "13 days"), (10, "10 days")])
def test_how_often_a_regular_usually_comes(gap: float, said: str) -> None:
    assert _every(gap) == said


# ---------------------------------------------------------------- checklist lines
@pytest.mark.parametrize("ev, expected", [
    (evidence(inquiries=(40, 10)), ("prospects", "Inquiry on 14 Nov 2026, no purchase yet",
                                    "Follow up on Maria's inquiry of 14 Nov 2026")),
    (evidence(referred=(30, 3)), ("prospects", "Referred to us on 21 Nov 2026, no purchase yet",
                                  "Welcome Maria with an offer (referred to you on 21 Nov 2026)")),
    (evidence(purchases=(130, 160, 190)), ("slipping", "Usually every 30 days; none since 17 Jul 2026",
                                           "Call Maria: last visit 17 Jul 2026, usually every 4 weeks")),
    (evidence(purchases=(5, 40), answered=answers(yes=3)), (
        "customers_to_client", "Client test not yet yes on Trust",
        "Earn Maria's trust: keep a promise you made, and ask how the last order went")),
    (evidence(purchases=(5,), answered=answers()), (
        "customers_to_client", "Only 1 purchase so far", "Invite Maria back: suggest something for their next "
                                                          "occasion")),
    (evidence(purchases=(5, 40), answered=answers(), given=(30, 20)), (
        "one_step_from_partner", "We sent them business on 4 Nov 2026; nothing back yet",
        "Ask Maria to recommend you to a friend")),
    (evidence(**CAFE, joint=(50, 10)), ("partners_due", "Last contact 14 Nov 2026; every 14 days for partners",
                                        "Call Café Olé to share news and leads")),
])
def test_checklist_lines_word_for_word(ev, expected: tuple[str, str, str]) -> None:
    assert line(ev) == expected


# ---------------------------------------------------------------- the tier history's words and days
def test_change_reasons_word_for_word() -> None:
    entered = evaluate(evidence(), SETTINGS, TODAY)
    assert change_reason(None, entered) == "Entered the book as a suspect: In the book, no inquiry or purchase yet"
    bought = evaluate(evidence(purchases=(5,)), SETTINGS, TODAY)
    assert change_reason(Tier.PROSPECT, bought) == "Now a customer: 1 purchase, on 19 Nov 2026"
    lost = evaluate(evidence(purchases=(420, 400), answered=answers()), SETTINGS, TODAY)
    assert change_reason(Tier.CLIENT, lost) == "Dropped from client to customer: no purchase since 20 Oct 2025"
    partner = evaluate(evidence(received=(20,), given=(30,)), SETTINGS, TODAY)
    assert change_reason(Tier.CLIENT, partner) == (
        "Now a partner: Referred business to us on 4 Nov 2026 and we referred business to them on 25 Oct 2026")


def test_a_tier_is_dated_by_the_first_day_of_its_run() -> None:
    assert tier_since(evidence(purchases=(6, 5)), SETTINGS, TODAY, Tier.CUSTOMER) == ago(6)
    assert tier_since(evidence(inquiries=(9,), purchases=(5,)), SETTINGS, TODAY, Tier.CUSTOMER) == ago(5)
    assert tier_since(evidence(purchases=(0,)), SETTINGS, TODAY, Tier.CUSTOMER) == TODAY
    assert tier_since(evidence(), SETTINGS, TODAY, Tier.SUSPECT) == TODAY


# ---------------------------------------------------------------- whole steps: what a tick records, and its key
def test_every_field_of_the_steps() -> None:
    from core.domain import Kind, PlanStep, Question

    def plan(ev):
        return list(plan_for(ev, evaluate(ev, SETTINGS, TODAY), SETTINGS, TODAY).steps)

    soon = date(2026, 12, 19)  # the client cadence: last purchase 19 Nov + 30 days
    assert plan(evidence(**CAFE, purchases=(5, 40), answered=answers())) == [
        PlanStep("Refer a customer to Café Olé", soon, kind=Kind.REFERRAL_GIVEN, key="refer-to"),
        PlanStep("Ask Café Olé for an introduction", soon, kind=Kind.REFERRAL_RECEIVED, key="ask-intro"),
        PlanStep("Propose a joint promotion with Café Olé", date(2026, 12, 26), kind=Kind.JOINT_CAMPAIGN, key="joint"),
        PlanStep("Keep in touch with Café Olé: ask how the last order went", soon, kind=Kind.CONVERSATION,
                 key="call")]
    assert plan(evidence(purchases=(5, 40), answered=answers())) == [
        PlanStep("Ask Maria to recommend you to a friend", soon, kind=Kind.REFERRAL_RECEIVED, key="ask-intro"),
        PlanStep("Ask Maria for a review or a testimonial", date(2026, 12, 26), kind=Kind.TESTIMONIAL,
                 key="testimonial"),
        PlanStep("Keep in touch with Maria: ask how the last order went", soon, kind=Kind.CONVERSATION, key="call")]
    customer_due = date(2027, 2, 17)  # 19 Nov + 90 days
    # One visit, one step: the client test comes with the second visit (an ice tea is no client test).
    assert plan(evidence(purchases=(5,), answered=answers(yes=3))) == [
        PlanStep("Invite Maria back: suggest something for their next occasion", customer_due,
                 kind=Kind.CONVERSATION, key="come-back")]
    assert plan(evidence(purchases=(5, 40), answered=answers(yes=3))) == [
        PlanStep("Earn Maria's trust: keep a promise you made, and ask how the last order went", customer_due,
                 question=Question.TRUST, key="question:trust")]
    assert plan(evidence(received=(40, 20), given=(60, 30))) == [
        PlanStep("Send Maria a referral by 24 Oct 2027", date(2027, 9, 25), kind=Kind.REFERRAL_GIVEN,
                 key="renew"),
        PlanStep("Call Maria to share news and leads", TODAY, kind=Kind.CONVERSATION, key="call")]
    assert plan(evidence(inquiries=(10,))) == [
        PlanStep("Follow up on Maria's inquiry of 14 Nov 2026", TODAY,  # 14 Nov + 7 days: overdue
                 kind=Kind.CONVERSATION, key="follow-up")]
    # A suspect's step waits on nobody: it has no day, on the pane and in the Due column alike.
    assert plan(evidence()) == [PlanStep("Invite Maria to visit, or ask what they are looking for",
                                         date(2026, 12, 1), kind=Kind.CONVERSATION, key="visit", dated=False)]


def test_every_field_of_a_checklist_line_and_a_pinned_one() -> None:
    from core.domain import ChecklistEntry

    listed = evidence(name="Pia Prospect", contact_id=7, inquiries=(10,), phone="+34 600 000 007")
    pinned = evidence(name="Sue Suspect", contact_id=8, phone="+34 600 000 008")
    items = [(ev, evaluate(ev, SETTINGS, TODAY)) for ev in (listed, pinned)]
    checklist = build_checklist(items, SETTINGS, MONDAY, today=TODAY, business_name="Bloom & Stem", pinned={8})
    assert (checklist.business_name, checklist.week_start, checklist.week_end) == (
        "Bloom & Stem", MONDAY, date(2026, 11, 29))
    [prospects] = [s for s in checklist.sections if s.key == "prospects"]
    assert prospects.purpose == "They raised a hand: answer it this week."
    assert list(prospects.entries) == [
        ChecklistEntry(contact_id=7, name="Pia Prospect", phone="+34 600 000 007",
                       why="Inquiry on 14 Nov 2026, no purchase yet",
                       step="Follow up on Pia's inquiry of 14 Nov 2026", tier=Tier.PROSPECT),
        ChecklistEntry(contact_id=8, name="Sue Suspect", phone="+34 600 000 008",
                       why="You added them from your review",
                       step="Invite Sue to visit, or ask what they are looking for", tier=Tier.SUSPECT)]
    default = build_checklist(items, SETTINGS, MONDAY, today=TODAY)
    assert default.business_name == SETTINGS.business_name


def test_a_week_that_does_not_start_on_monday_is_refused() -> None:
    with pytest.raises(ValueError, match="A checklist week starts on a Monday; 2026-11-24 is a Tuesday."):
        build_checklist([], SETTINGS, TODAY)


# ---------------------------------------------------------------- the branches the first words missed
def test_plural_purchases_when_a_client_takes_three() -> None:
    from dataclasses import replace

    three = replace(SETTINGS, client_min_purchases=3)
    assert evaluate(evidence(purchases=(5, 40)), three, TODAY).reasons[-1] == "Not yet a client: only 2 purchases so far"
    assert evaluate(evidence(purchases=(5, 5, 40)), three, TODAY).reasons[-1] == (
        "Not yet a client: purchases on only 2 days so far")


def test_the_latest_of_several_dates_is_the_one_named() -> None:
    assert reasons(evidence(purchases=(440, 420, 400), answered=answers()))[-1] == (
        "Not yet a client: no purchase since 20 Oct 2025")
    assert reasons(evidence(purchases=(5, 40), answered=answers(), received=(20,), given=(440, 420, 400)))[-1] == (
        "Not yet a partner: we have not referred anyone to them since 20 Oct 2025")
    assert reasons(evidence(purchases=(5, 40), answered=answers(yes=2)))[-1] == (
        "Not yet a client: client test not yet yes on Reference, Trust")


def test_a_demotion_names_what_was_lost_even_with_a_colon_in_it() -> None:
    aged = evaluate(evidence(purchases=(5, 40), answered=answers(days_ago=W_DAYS)), SETTINGS, TODAY)
    assert change_reason(Tier.CLIENT, aged) == (
        "Dropped from client to customer: your client-test answers are over 12 months old: check them again")


def test_a_customer_due_a_touch_is_not_a_prospect_line() -> None:
    due = evidence(purchases=(100,))  # 90-day cadence: due since 14 Nov, and two steps from client
    assert evaluate(due, SETTINGS, TODAY).due
    checklist = build_checklist([(due, evaluate(due, SETTINGS, TODAY))], SETTINGS, MONDAY, today=TODAY)
    assert all(s.entries == () for s in checklist.sections)


def test_the_whole_step_for_complaints_slips_kept_customers_referrers_and_thanks() -> None:
    from core.domain import Closure, Kind, PlanStep

    def plan(ev):
        return list(plan_for(ev, evaluate(ev, SETTINGS, TODAY), SETTINGS, TODAY).steps)

    assert plan(evidence(purchases=(5,), complaints=(12, 3))) == [
        PlanStep("Resolve Maria's complaint of 12 Nov 2026", ago(12), key="complaint")]
    assert plan(evidence(purchases=(130, 160, 190)))[0] == PlanStep(
        "Call Maria: last visit 17 Jul 2026, usually every 4 weeks", TODAY, kind=Kind.CONVERSATION, key="slipping")
    assert plan(evidence(purchases=(5, 40), closed=(Closure.KEEP_CUSTOMER, 1))) == [
        PlanStep("Keep in touch with Maria: ask how the last order went", date(2027, 2, 17), kind=Kind.CONVERSATION,
                 key="call")]
    assert plan(evidence(received=(20,)))[0] == PlanStep(
        "Return the favour: thank Maria for the business sent on 4 Nov 2026, with a gift or an offer", TODAY,
        kind=Kind.CONVERSATION, key="return-favour")
    assert plan(evidence(**CAFE, received=(20,)))[0] == PlanStep(
        "Return the favour: refer a customer to Café Olé (they sent us business on 4 Nov 2026)", TODAY,
        kind=Kind.REFERRAL_GIVEN, key="return-favour")
    assert plan(evidence(received=(30,), leads=((7, "Anna Berg", 40), (9, "Bo Li", 4))))[:2] == [
        PlanStep("Thank Maria for sending us Anna", TODAY, kind=Kind.CONVERSATION, key="thank:7"),
        PlanStep("Thank Maria for sending us Bo", TODAY, kind=Kind.CONVERSATION, key="thank:9")]
    same_day = plan(evidence(received=(20,), given=(20,)))
    assert same_day[0] == PlanStep("Send Maria a referral by 3 Nov 2027", date(2027, 10, 5),
                                   kind=Kind.REFERRAL_GIVEN, key="renew"), "a tie: we give next"
    assert plan(evidence(received=(40, 20), given=(60, 10)))[0] == PlanStep(
        "Ask Maria for an introduction by 3 Nov 2027", date(2027, 10, 5), kind=Kind.REFERRAL_RECEIVED,
        key="renew")


def test_a_checklist_without_today_is_seen_from_its_monday() -> None:
    ev = evidence(inquiries=(9,))  # 15 Nov: due 22 Nov, so on the page of the week of 23 Nov
    checklist = build_checklist([(ev, evaluate(ev, SETTINGS, MONDAY))], SETTINGS, MONDAY)
    [entry] = [e for s in checklist.sections for e in s.entries]
    assert entry.step == "Follow up on Maria's inquiry of 15 Nov 2026"


def test_the_prospect_line_of_a_past_exchange_says_what_flowed() -> None:
    given = evidence(given=(30, 20))  # we sent them business; nothing back: a prospect by the exchange
    assert evaluate(given, SETTINGS, TODAY).tier is Tier.PROSPECT
    assert line(given) == ("prospects", "We sent them business on 4 Nov 2026",
                           "Renew the exchange with Maria: ask how business is, and share a lead")


def test_the_retest_step_shows_two_rechecks_before_the_answers_turn_w_old() -> None:
    def retest(days_ago: int) -> list[str]:
        return [text for text, _ in steps(evidence(purchases=(2, 40), answered=answers(days_ago=days_ago)))
                if text.startswith("Check the client test")]

    assert retest(365 - 60) == ["Check the client test with Maria again by 22 Jan 2027"]
    assert retest(365 - 61) == []


def test_a_person_who_recommended_us_is_not_asked_to_again_and_a_joint_partner_plans_the_next() -> None:
    from core.domain import Kind, PlanStep

    asked = [text for text, _ in steps(evidence(purchases=(5, 40), answered=answers(), received=(20,)))]
    assert "Ask Maria to recommend you to a friend" not in asked
    [renew, _call] = plan_for(evidence(**CAFE, joint=(50, 10)), evaluate(evidence(**CAFE, joint=(50, 10)), SETTINGS,
                                                                         TODAY), SETTINGS, TODAY).steps
    assert renew == PlanStep("Plan the next joint campaign with Café Olé by 13 Nov 2027", date(2027, 10, 15),
                             kind=Kind.JOINT_CAMPAIGN, key="renew")


def test_a_rhythm_is_said_in_months_weeks_or_days_rounded_as_an_owner_would() -> None:
    from core.ladder.facts import every_words

    assert [every_words(d) for d in (13, 14, 55, 56, 107, 365)] == [
        "13 days", "2 weeks", "8 weeks", "2 months", "4 months", "12 months"]
