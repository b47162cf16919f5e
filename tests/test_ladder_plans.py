"""Cultivation plans and the weekly checklist (pure: no book, no Qt)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.domain import Answer, ContactKind, Kind, Question, Tier
from core.ladder import build_checklist, evaluate, next_step, plan_for, week_of
from tests.ladder_factories import SETTINGS, TODAY, ago, answers, evidence


def plan(ev):
    return plan_for(ev, evaluate(ev, SETTINGS, TODAY), SETTINGS, TODAY)


def test_seed_004_repeat_buyer_with_three_yes_stays_customer_and_plan_names_the_missing_question() -> None:
    ev = evidence(name="Maria Lopez", purchases=(5, 40, 90), answered=answers(yes=3))
    result = evaluate(ev, SETTINGS, TODAY)
    assert result.tier is Tier.CUSTOMER
    steps = plan(ev).steps
    assert [s.question for s in steps] == [Question.TRUST]
    assert steps[0].text == "Earn Maria's trust: keep a promise you made, and ask how the last order went"
    assert plan(ev).next_tier is Tier.CLIENT


def test_a_one_visit_customer_gets_one_step_and_the_client_test_comes_with_the_second_visit() -> None:
    [step] = plan(evidence(purchases=(5,))).steps
    assert step.kind is Kind.CONVERSATION and step.text.startswith("Invite Maria back")
    steps = plan(evidence(purchases=(5, 40))).steps
    assert [s.question for s in steps] == list(Question)


def test_prospect_plan_follows_up_the_inquiry_by_date() -> None:
    steps = plan(evidence(inquiries=(205,))).steps  # 3 May 2026
    assert [s.text for s in steps] == ["Follow up on Maria's inquiry of 3 May 2026"]
    assert steps[0].due_on == TODAY, "an overdue follow-up is due today"


def test_client_plan_asks_for_the_missing_direction_and_a_joint_promotion() -> None:
    ev = evidence(name="Café Olé", purchases=(5, 40), answered=answers(), given=(30,), kind=ContactKind.ORGANISATION)
    steps = plan(ev).steps
    assert [s.text for s in steps] == ["Ask Café Olé for an introduction", "Propose a joint promotion with Café Olé",
                                       "Keep in touch with Café Olé: ask how the last order went"]
    assert [s.kind for s in steps] == [Kind.REFERRAL_RECEIVED, Kind.JOINT_CAMPAIGN, Kind.CONVERSATION]


def test_partner_plan_renews_the_exchange_before_it_ages_out() -> None:
    ev = evidence(received=(300,), given=(320,))
    steps = plan(ev).steps
    assert steps[0].kind is Kind.REFERRAL_GIVEN
    assert steps[0].text == "Send Maria a referral by 7 Jan 2027"
    assert plan(ev).next_tier is None


def test_slipping_regular_gets_a_call_first() -> None:
    steps = plan(evidence(purchases=(130, 160, 190))).steps
    assert steps[0].text == "Call Maria: last visit 17 Jul 2026, usually every 4 weeks"


def test_next_step_is_the_earliest_due() -> None:
    result = plan(evidence(name="Café Olé", purchases=(5, 40), answered=answers()))
    assert next_step(result) == result.steps[0]


def test_week_of_and_monday_check() -> None:
    assert week_of(TODAY) == (date(2026, 11, 23), date(2026, 11, 29))
    with pytest.raises(ValueError, match="starts on a Monday; 2026-11-24 is a Tuesday"):
        build_checklist([], SETTINGS, TODAY)


def test_checklist_sections_in_order_each_contact_once() -> None:
    people = {
        "Partner Due": evidence(name="Paula Due", contact_id=1, received=(20,), given=(30,)),
        "At Risk": evidence(name="Rita Risk", contact_id=2, received=(350,), given=(340,), phone="+1 555 0102"),
        "Client": evidence(name="Carl Client", contact_id=3, purchases=(5, 40), answered=answers(), received=(10,)),
        "Customer": evidence(name="Cora Customer", contact_id=4, purchases=(95, 140), answered=answers(yes=3)),
        "Slipping": evidence(name="Sam Slipping", contact_id=5, purchases=(130, 160, 190)),
        "Prospect": evidence(name="Pia Prospect", contact_id=6, inquiries=(8,)),
        "Suspect": evidence(name="Sue Suspect", contact_id=7),
    }
    items = [(ev, evaluate(ev, SETTINGS, TODAY)) for ev in people.values()]
    checklist = build_checklist(items, SETTINGS, date(2026, 11, 23), today=TODAY)
    assert [s.key for s in checklist.sections] == [
        "complaints", "occasions", "partners_at_risk", "partners_due", "one_step_from_partner", "clients_to_keep",
        "customers_to_client", "slipping", "prospects"]
    assert [s.title for s in checklist.sections] == [
        "Open complaints", "Occasions coming up", "Partners at risk", "Partners due a touch this week", "One step from partner",
        "Clients to keep", "Customers one step from client", "Regulars slipping away", "Prospects to follow up"]
    names = {s.key: [e.name for e in s.entries] for s in checklist.sections}
    assert names["partners_at_risk"] == ["Rita Risk"], "due and at risk: listed as at risk"
    assert names["partners_due"] == ["Paula Due"]
    assert names["one_step_from_partner"] == ["Carl Client"]
    assert names["customers_to_client"] == ["Cora Customer"]
    assert names["slipping"] == ["Sam Slipping"]
    assert names["prospects"] == ["Pia Prospect"]
    everyone = [n for entries in names.values() for n in entries]
    assert len(everyone) == len(set(everyone)), "a contact appears once"
    assert "Sue Suspect" not in everyone
    carl = checklist.sections[4].entries[0]
    assert carl.phone == "+34 600 000 001"
    assert carl.why == "Sent us business on 14 Nov 2026; we have not returned the favour"
    assert carl.step == "Return the favour: thank Carl for the business sent on 14 Nov 2026, with a gift or an offer"


def test_at_risk_partner_not_due_lands_in_at_risk() -> None:
    ev = evidence(name="Rita Risk", received=(350,), given=(1,))
    result = evaluate(ev, SETTINGS, TODAY)
    assert result.at_risk and not result.due
    checklist = build_checklist([(ev, result)], SETTINGS, date(2026, 11, 23), today=TODAY)
    assert [e.name for e in checklist.sections[2].entries] == ["Rita Risk"]
    assert checklist.sections[2].entries[0].step == "Ask Rita for an introduction by 8 Dec 2026"
    assert checklist.sections[2].entries[0].why == "The two-way exchange ages out on 9 Dec 2026"


def test_empty_sections_are_present() -> None:
    checklist = build_checklist([], SETTINGS, date(2026, 11, 23))
    assert len(checklist.sections) == 9 and all(s.entries == () for s in checklist.sections)
    assert checklist.week_end == date(2026, 11, 29)


def test_customer_two_steps_away_is_not_listed() -> None:
    ev = evidence(purchases=(5,), answered=answers(yes=3, answer=Answer.UNKNOWN))
    checklist = build_checklist([(ev, evaluate(ev, SETTINGS, TODAY))], SETTINGS, date(2026, 11, 23), today=TODAY)
    assert checklist.sections[6].key == "customers_to_client" and checklist.sections[6].entries == ()


def test_titles_keep_the_surname_and_businesses_their_whole_name() -> None:
    from core.ladder.facts import short_name

    assert short_name("Dr. Samuel Okafor") == "Dr. Okafor"
    assert short_name("Maria Lopez") == "Maria"
    assert short_name("Dr. Weber") == "Dr. Weber", "a title and a surname stay together"
    assert short_name("Weber Ltd,") == "Weber Ltd,", "a business mark with its comma is still a business"
    assert short_name("Anna Weber", "Flowers Inc") == "Anna", "her organisation is not her name: the first name"
    assert short_name("Anna Weber", "anna weber ") == "Anna Weber", "a business named as its owner stays whole"
    assert short_name("Customer 00017") == "Customer 00017"  # a till customer number stays whole
    assert short_name("Customer Care") == "Customer"
    assert short_name("Wedding Bells Planning", "Wedding Bells Planning") == "Wedding Bells Planning"
    assert short_name("Café Olé") == "Café Olé"


def test_the_cap_shares_lines_out_section_by_section_and_keeps_the_ranking() -> None:
    from dataclasses import replace as with_

    from core.domain import Checklist, ChecklistEntry, ChecklistSection
    from core.ladder import cap_checklist

    def section(key: str, count: int) -> ChecklistSection:
        return ChecklistSection(key=key, title=key, purpose="", entries=tuple(
            ChecklistEntry(contact_id=i, name=f"{key}{i}", phone="", why="", step="", tier=Tier.CUSTOMER)
            for i in range(count)))

    week = Checklist(business_name="B", week_start=date(2026, 11, 23), week_end=date(2026, 11, 29),
                     sections=(section("a", 1), section("b", 5), section("c", 0), section("d", 9)))
    capped = cap_checklist(week, 6)
    assert [[e.name for e in s.entries] for s in capped.sections] == [["a0"], ["b0", "b1", "b2"], [], ["d0", "d1"]]
    assert [s.more for s in capped.sections] == [0, 2, 0, 7]
    assert [s.key for s in capped.sections] == ["a", "b", "c", "d"]
    assert cap_checklist(week, 100) == with_(week)


def test_sections_rank_the_most_overdue_then_the_most_valuable_first() -> None:
    slow = evidence(name="Ann Slow", contact_id=1, purchases=(130, 160, 190))  # slipping since 69 days ago
    loyal = evidence(name="Zed Loyal", contact_id=2, purchases=(100, 110, 120, 130, 140, 150, 160, 170))  # 59
    few = evidence(name="Al Few", contact_id=4, purchases=(100, 110, 120))  # also 59 days, fewer visits
    items = [(ev, evaluate(ev, SETTINGS, TODAY)) for ev in (slow, loyal, few)]
    assert [result.due_on for _, result in items] == [ago(69), ago(59), ago(59)]
    checklist = build_checklist(items, SETTINGS, date(2026, 11, 23), today=TODAY)
    [slipping] = [s for s in checklist.sections if s.key == "slipping"]
    assert [e.name for e in slipping.entries] == ["Ann Slow", "Zed Loyal", "Al Few"], \
        "the most overdue first; equally overdue: the most visits in W first"


def _plan(ev):
    return plan_for(ev, evaluate(ev, SETTINGS, TODAY), SETTINGS, TODAY)


def test_a_testimonial_given_today_answers_the_referral_question() -> None:
    assert "question:referral" not in [s.key for s in _plan(evidence(purchases=(100, 60, 20, 5), testimonials=(0,))).steps]
    assert "question:referral" in [s.key for s in _plan(evidence(purchases=(100, 60, 20, 5))).steps]


def test_the_client_test_is_checked_again_a_recheck_period_before_it_ages_out_and_a_tick_hides_it() -> None:
    ev = evidence(purchases=(100, 60, 20), answered=answers(days_ago=330))  # the answers turn 12 months old in 35 days
    [retest] = [s for s in _plan(ev).steps if s.key == "retest"]
    assert retest.due_on == TODAY + timedelta(days=35 - SETTINGS.recheck_days)
    aged = evidence(purchases=(100, 60, 20), answered=answers(days_ago=400))
    assert [s.key for s in _plan(aged).steps] == ["retest"]
    assert _plan(evidence(purchases=(100, 60, 20), answered=answers(days_ago=400), done={"retest": 0})).steps == ()


def test_trust_is_asked_again_after_a_long_complaint_and_not_once_it_was_answered_since() -> None:
    shaken = _plan(evidence(purchases=(100, 60, 20), answered=answers(days_ago=90), resolved=((80, 40),)))
    first = shaken.steps[0]
    assert (first.key, first.question) == ("question:trust", Question.TRUST)
    assert first.text.startswith("Ask again whether Maria trusts you since the complaint of 5 Sep 2026")
    answered_since = _plan(evidence(purchases=(100, 60, 20), answered=answers(days_ago=10), resolved=((80, 40),)))
    assert not any(s.text.startswith("Ask again whether") for s in answered_since.steps)
