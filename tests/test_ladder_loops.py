"""Loops that end, lines that clear, steps that fit (pure rules: no book, no Qt).

TODAY is Tuesday 24 Nov 2026; "ago(n)" is n days before it. Every boundary is tested on both
sides, with the exact words the owner reads.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.domain import Answer, ClientTestAnswer, Closure, ContactKind, Kind, Question, Tier
from core.ladder import build_checklist, change_reason, evaluate, next_step, plan_for
from tests.ladder_factories import SETTINGS, TODAY, W, ago, answers, evidence

MONDAY, SUNDAY = date(2026, 11, 23), date(2026, 11, 29)


def steps(ev, today: date = TODAY) -> list[str]:
    return [s.text for s in plan_for(ev, evaluate(ev, SETTINGS, today), SETTINGS, today).steps]


def sections(*people, today: date = TODAY) -> dict[str, list[str]]:
    checklist = build_checklist([(ev, evaluate(ev, SETTINGS, today)) for ev in people], SETTINGS, MONDAY, today=today)
    return {s.key: [e.name for e in s.entries] for s in checklist.sections if s.entries}


def entry(ev, today: date = TODAY):
    checklist = build_checklist([(ev, evaluate(ev, SETTINGS, today))], SETTINGS, MONDAY, today=today)
    [found] = [e for s in checklist.sections for e in s.entries]
    return found


# ---------------------------------------------------------------- prospects who went quiet
def test_two_unanswered_follow_ups_make_the_next_one_the_last_try() -> None:
    ev = evidence(inquiries=(40,), touched=(30, 20))
    assert steps(ev) == ["Last try: Follow up on Maria's inquiry of 15 Oct 2026"]
    assert evaluate(ev, SETTINGS, TODAY).display == "Prospect"


def test_three_unanswered_follow_ups_and_the_prospect_went_quiet() -> None:
    ev = evidence(inquiries=(40,), touched=(30, 20, 10))
    result = evaluate(ev, SETTINGS, TODAY)
    assert result.tier is Tier.PROSPECT and result.display == "Prospect · went quiet"
    assert result.reasons[0] == "Went quiet: no answer to 3 follow-ups since 15 Oct 2026"
    assert result.due_on is None and steps(ev) == [] and sections(ev) == {}


def test_a_new_inquiry_is_an_answer_and_reopens_the_prospect() -> None:
    ev = evidence(inquiries=(40, 5), touched=(30, 20, 10))
    assert evaluate(ev, SETTINGS, TODAY).display == "Prospect"
    assert steps(ev) == ["Follow up on Maria's inquiry of 19 Nov 2026"]


def test_an_inquiry_older_than_w_went_quiet_and_one_a_day_younger_did_not() -> None:
    old = evaluate(evidence(inquiries=(W,)), SETTINGS, TODAY)
    assert old.display == "Prospect · went quiet"
    assert old.reasons[0] == "Went quiet: the inquiry of 24 Nov 2025 is 12 months old", "exactly W is not over W"
    older = evaluate(evidence(inquiries=(W + 1,)), SETTINGS, TODAY)
    assert older.reasons[0] == "Went quiet: the inquiry of 23 Nov 2025 is over 12 months old"
    assert evaluate(evidence(inquiries=(W - 1,)), SETTINGS, TODAY).display == "Prospect"


def test_follow_up_limit_is_a_setting() -> None:
    from dataclasses import replace

    patient = replace(SETTINGS, max_follow_ups=5)
    ev = evidence(inquiries=(40,), touched=(30, 20, 10))
    assert evaluate(ev, patient, TODAY).display == "Prospect"


def test_prospect_cadence_counts_from_the_later_of_inquiry_and_referral() -> None:
    ev = evidence(inquiries=(20,), referred=(3,))
    assert evaluate(ev, SETTINGS, TODAY).due_on == ago(3 - SETTINGS.prospect_cadence_days)
    ev = evidence(inquiries=(3,), referred=(20,))
    assert evaluate(ev, SETTINGS, TODAY).due_on == ago(3 - SETTINGS.prospect_cadence_days)


# ---------------------------------------------------------------- slipping and lapsed regulars
REGULAR = (130, 160, 190)  # visits every 30 days, the last 130 days ago: slipping


def test_a_call_snoozes_a_slipping_regular_until_the_next_cadence() -> None:
    assert sections(evidence(purchases=REGULAR)) == {"slipping": ["Maria Lopez"]}
    called = evidence(purchases=REGULAR, touched=(5,))
    result = evaluate(called, SETTINGS, TODAY)
    assert result.slipping and result.due_on == ago(5 - SETTINGS.customer_cadence_days)
    assert sections(called) == {}
    result_later = evaluate(called, SETTINGS, ago(5) + timedelta(days=SETTINGS.customer_cadence_days))
    assert result_later.due, "the snooze ends when the cadence comes round"


def test_two_unanswered_tries_still_slipping_three_and_the_regular_lapsed() -> None:
    two = evaluate(evidence(purchases=REGULAR, touched=(60, 30)), SETTINGS, TODAY)
    assert two.slipping and two.display == "Customer"
    three = evaluate(evidence(purchases=REGULAR, touched=(60, 30, 10)), SETTINGS, TODAY)
    assert not three.slipping and three.display == "Customer · lapsed" and three.due_on is None
    assert three.reasons[0] == "Lapsed: no visit since 17 Jul 2026, and no answer to 3 tries"


def test_a_regular_away_for_w_is_lapsed_not_slipping_for_years() -> None:
    result = evaluate(evidence(purchases=(W + 60, W + 30, W)), SETTINGS, TODAY)
    assert not result.slipping and result.display == "Customer · lapsed"
    assert result.reasons[0] == "Lapsed: no visit since 24 Nov 2025, 12 months ago"  # exactly W is not over W
    longer = evaluate(evidence(purchases=(W + 61, W + 31, W + 1)), SETTINGS, TODAY)
    assert longer.reasons[0] == "Lapsed: no visit since 23 Nov 2025, over 12 months ago"
    assert evaluate(evidence(purchases=(W + 59, W + 29, W - 1)), SETTINGS, TODAY).slipping


def test_a_regular_needs_visits_on_three_days() -> None:
    assert not evaluate(evidence(purchases=(160, 190)), SETTINGS, TODAY).slipping
    assert not evaluate(evidence(purchases=(160, 190, 190)), SETTINGS, TODAY).slipping, "one visit a day"
    assert evaluate(evidence(purchases=(130, 160, 190)), SETTINGS, TODAY).slipping


# ---------------------------------------------------------------- loops closed by hand
def test_not_a_fit_ends_the_prospect_and_a_new_inquiry_reopens_it() -> None:
    closed = evidence(inquiries=(20,), closed=(Closure.NOT_A_FIT, 6))
    result = evaluate(closed, SETTINGS, TODAY)
    assert result.display == "Prospect · not a fit" and result.due_on is None
    assert result.reasons[0] == "You closed this on 18 Nov 2026: not a fit"
    assert steps(closed) == [] and sections(closed) == {}
    reopened = evidence(inquiries=(20, 2), closed=(Closure.NOT_A_FIT, 6))
    assert evaluate(reopened, SETTINGS, TODAY).display == "Prospect"


def test_keep_as_a_customer_stops_the_become_a_client_steps() -> None:
    kept = evidence(purchases=(5, 40), answered=answers(yes=3), closed=(Closure.KEEP_CUSTOMER, 2))
    assert evaluate(kept, SETTINGS, TODAY).display == "Customer · kept as a customer"
    assert steps(kept) == ["Keep in touch with Maria: ask how the last order went"]
    assert sections(kept) == {}
    not_kept = evidence(purchases=(5, 40), answered=answers(yes=3))
    assert sections(not_kept) == {"customers_to_client": ["Maria Lopez"]}


def test_gone_takes_a_slipping_regular_off_the_page_and_a_visit_brings_them_back() -> None:
    gone = evaluate(evidence(purchases=REGULAR, closed=(Closure.GONE, 3)), SETTINGS, TODAY)
    assert gone.display == "Customer · gone" and not gone.slipping
    back = evaluate(evidence(purchases=(*REGULAR, 1), closed=(Closure.GONE, 3)), SETTINGS, TODAY)
    assert back.display == "Customer"


# ---------------------------------------------------------------- complaints
def test_an_open_complaint_tops_the_page_and_holds_back_promotion() -> None:
    lina = evidence(name="Lina Park", purchases=(5, 40), answered=answers(yes=3), complaints=(12,))
    result = evaluate(lina, SETTINGS, TODAY)
    assert result.open_complaint and result.reasons[0] == "Open complaint of 12 Nov 2026"
    assert steps(lina) == ["Resolve Lina's complaint of 12 Nov 2026"]
    other = evidence(name="Paula Due", contact_id=2, received=(20,), given=(30,))
    assert sections(other, lina) == {"complaints": ["Lina Park"], "partners_due": ["Paula Due"]}
    line = entry(lina)
    assert (line.why, line.step) == ("Complaint of 12 Nov 2026 is still open", "Resolve Lina's complaint of 12 Nov 2026")


def test_a_complaint_is_not_a_touch() -> None:
    asked = evaluate(evidence(inquiries=(20,), complaints=(2,)), SETTINGS, TODAY)
    assert asked.due_on == ago(20 - SETTINGS.prospect_cadence_days)


# ---------------------------------------------------------------- testimonials and advice
def test_a_testimonial_answers_the_ask_for_a_testimonial_step_and_advice_shows() -> None:
    ev = evidence(purchases=(5, 40), testimonials=(3,))
    assert not any(text.startswith("Ask Maria for a referral, a testimonial") for text in steps(ev))
    assert any(text.startswith("Ask Maria for a referral, a testimonial")
               for text in steps(evidence(purchases=(5, 40))))
    assert "Gave us a testimonial on 21 Nov 2026" in evaluate(ev, SETTINGS, TODAY).reasons
    from dataclasses import replace

    advised = replace(evidence(purchases=(5,)), advice=(ago(4),))
    assert "Advice given on 20 Nov 2026" in evaluate(advised, SETTINGS, TODAY).reasons


# ---------------------------------------------------------------- referrers and thank-yous
PLANNER = dict(name="Wedding Bells Planning", kind=ContactKind.ORGANISATION)


def test_a_referrer_who_never_buys_is_one_step_from_partner_not_a_suspect() -> None:
    ev = evidence(**PLANNER, received=(10,))
    result = evaluate(ev, SETTINGS, TODAY)
    assert result.tier is Tier.PROSPECT and result.referrer
    assert "Sent us business on 14 Nov 2026" in result.reasons
    assert not any("Invite" in s for s in steps(ev))
    line = entry(ev)
    assert line.why == "Sent us business on 14 Nov 2026; we have not returned the favour"
    assert line.step == ("Return the favour: refer a customer to Wedding Bells Planning "
                         "(they sent us business on 14 Nov 2026)")


def test_a_referral_exactly_w_ago_no_longer_makes_a_referrer() -> None:
    assert evaluate(evidence(**PLANNER, received=(W - 1,)), SETTINGS, TODAY).referrer
    assert not evaluate(evidence(**PLANNER, received=(W,)), SETTINGS, TODAY).referrer


def test_a_buying_referrer_is_listed_one_step_from_partner_whatever_they_buy() -> None:
    ev = evidence(**PLANNER, purchases=(8,), received=(10,))
    assert sections(ev) == {"one_step_from_partner": ["Wedding Bells Planning"]}


def test_a_referrer_whose_regular_visits_lapsed_has_no_step_so_no_monday_line() -> None:
    lapsed = evidence(purchases=(W + 100, W + 130, W + 160), received=(10,))
    result = evaluate(lapsed, SETTINGS, TODAY)
    assert (result.state, result.referrer) == ("lapsed", True)
    assert steps(lapsed) == [] and sections(lapsed) == {}
    visiting = evidence(purchases=(60, 90, 120), received=(10,))
    assert evaluate(visiting, SETTINGS, TODAY).state == ""
    line = entry(visiting)
    assert (line.why, line.step) == ("Sent us business on 14 Nov 2026; we have not returned the favour",
                                     "Return the favour: thank Maria for the business sent on 14 Nov 2026, "
                                     "with a gift or an offer")


def test_thank_the_referrer_once_the_lead_buys_and_a_tick_ends_it() -> None:
    sofia = evidence(name="Sofia Marin", received=(30,), leads=((7, "Anna Berg", 4),))
    assert "Thank Sofia for sending us Anna" in steps(sofia)
    thanked = evidence(name="Sofia Marin", received=(30,), leads=((7, "Anna Berg", 4),), done={"thank:7": 2})
    assert "Thank Sofia for sending us Anna" not in steps(thanked)


# ---------------------------------------------------------------- people and organisations
def test_a_private_person_is_never_told_to_run_a_joint_promotion() -> None:
    grace = evidence(name="Grace Kim", purchases=(5, 40), answered=answers())
    assert steps(grace) == ["Ask Grace to recommend you to a friend", "Ask Grace for a review or a testimonial",
                            "Keep in touch with Grace: ask how the last order went"]
    shop = evidence(name="Hotel Lumen", kind=ContactKind.ORGANISATION, purchases=(5, 40), answered=answers())
    assert steps(shop)[:3] == ["Refer a customer to Hotel Lumen", "Ask Hotel Lumen for an introduction",
                               "Propose a joint promotion with Hotel Lumen"]


def test_an_organisation_is_never_invited_by_its_first_word() -> None:
    assert steps(evidence(name="Town Hall Events", kind=ContactKind.ORGANISATION)) == [
        "Invite Town Hall Events to visit, or ask what they are looking for"]


# ---------------------------------------------------------------- each step its own due date
def test_a_partner_due_a_touch_is_told_to_call_and_the_why_agrees() -> None:
    paula = evidence(name="Paula Due", received=(20,), given=(30,))
    line = entry(paula)
    assert line.why == "Last contact 4 Nov 2026; every 14 days for partners"
    assert line.step == "Call Paula to share news and leads"
    plan = plan_for(paula, evaluate(paula, SETTINGS, TODAY), SETTINGS, TODAY)
    renew = [s for s in plan.steps if s.key == "renew"][0]
    assert renew.due_on == ago(30) + timedelta(days=W - SETTINGS.partner_risk_days)  # its own reason's day
    assert next_step(plan).text == "Call Paula to share news and leads", "the earliest due, not the first listed"


def test_due_this_week_ends_on_sunday() -> None:
    on_sunday = evidence(inquiries=((TODAY - SUNDAY + timedelta(days=SETTINGS.prospect_cadence_days)).days,))
    assert evaluate(on_sunday, SETTINGS, TODAY).due_on == SUNDAY
    assert sections(on_sunday) == {"prospects": ["Maria Lopez"]}
    next_monday = evidence(inquiries=((TODAY - SUNDAY).days + SETTINGS.prospect_cadence_days - 1,))
    assert evaluate(next_monday, SETTINGS, TODAY).due_on == SUNDAY + timedelta(days=1)
    assert sections(next_monday) == {}


def test_client_and_partner_cadences() -> None:
    client = evidence(purchases=(5, 40), answered=answers())
    assert evaluate(client, SETTINGS, TODAY).due_on == ago(5 - SETTINGS.client_cadence_days)
    partner = evidence(received=(20,), given=(30,))
    assert evaluate(partner, SETTINGS, TODAY).due_on == ago(20 - SETTINGS.partner_cadence_days)


def test_clients_due_a_touch_are_kept_on_the_monday_page() -> None:
    due = evidence(name="Carla Client", purchases=(35, 60), answered=answers(days_ago=35))
    assert evaluate(due, SETTINGS, TODAY).due
    line = entry(due)
    assert line.why == "Last contact 20 Oct 2026; every 30 days for clients"
    assert line.step == "Keep in touch with Carla: ask how the last order went"
    fresh = evidence(name="Carla Client", purchases=(5, 60), answered=answers(days_ago=35))
    assert sections(fresh) == {}


# ---------------------------------------------------------------- the client test turning a year old
def test_answers_that_simply_turned_a_year_old_say_so() -> None:
    aged = evidence(purchases=(5, 40), answered=answers(days_ago=W))
    result = evaluate(aged, SETTINGS, TODAY)
    assert result.tier is Tier.CUSTOMER
    assert "Not yet a client: your client-test answers are over 12 months old: check them again" in result.reasons
    mixed = evidence(purchases=(5, 40), answered=answers(days_ago=10, yes=3, answer=Answer.NO))
    assert "Not yet a client: client test not yet yes on Trust" in evaluate(mixed, SETTINGS, TODAY).reasons


def test_the_checklist_warns_a_month_before_the_test_ages_out() -> None:
    # The answers leave W on answered + 365 days; the warning shows once that day is within 30 days of Sunday.
    warned_days = W - SETTINGS.recheck_days - (SUNDAY - TODAY).days
    warned = evidence(name="Carla Client", purchases=(5, 40), answered=answers(days_ago=warned_days))
    line = entry(warned)
    assert line.why == "Client-test answers turn 12 months old on 29 Dec 2026"
    assert line.step == "Check the client test with Carla again by 28 Dec 2026"
    quiet = evidence(name="Carla Client", purchases=(5, 40), answered=answers(days_ago=warned_days - 1))
    assert sections(quiet) == {}


# ---------------------------------------------------------------- a tick is done until the next cadence
@pytest.mark.parametrize("done_ago, shown", [(SETTINGS.customer_cadence_days - 1, False),
                                             (SETTINGS.customer_cadence_days, True)])
def test_a_ticked_step_stays_done_for_one_cadence(done_ago: int, shown: bool) -> None:
    ev = evidence(purchases=(200,), done={"come-back": done_ago})
    assert any(s.startswith("Invite Maria back") for s in steps(ev)) is shown


@pytest.mark.parametrize("given_ago, listed", [(SETTINGS.customer_cadence_days - 1, False),
                                                (SETTINGS.customer_cadence_days, True)])
def test_a_customer_whose_one_missing_step_a_testimonial_answered_is_off_the_page(given_ago: int,
                                                                                 listed: bool) -> None:
    referral_no = {**answers(yes=4), Question.REFERRAL: ClientTestAnswer(
        contact_id=1, question=Question.REFERRAL, answer=Answer.NO, answered_on=ago(10))}
    ev = evidence(purchases=(5, 40, 80), answered=referral_no, testimonials=(given_ago,))
    assert evaluate(ev, SETTINGS, TODAY).tier is Tier.CUSTOMER
    if listed:
        line = entry(ev)
        assert (line.why, line.step) == ("Client test not yet yes on Referral",
                                         "Ask Maria for a referral, a testimonial or a review")
    else:
        assert steps(ev) == [] and sections(ev) == {}


def test_a_tick_on_a_question_step_records_no_answer_of_its_own() -> None:
    ev = evidence(purchases=(5, 40), done={"question:needs": 1})
    result = evaluate(ev, SETTINGS, TODAY)
    assert result.tier is Tier.CUSTOMER and "Needs" in result.reasons[-1]
    assert not any(s.startswith("Learn what else Maria") for s in steps(ev))
    assert any(s.key == "question:trust" for s in plan_for(ev, result, SETTINGS, TODAY).steps)


def test_a_person_who_sent_us_a_buyer_is_thanked_once_and_their_plan_aims_at_partner() -> None:
    """One thank-you per lead: "Thank Sofia for sending us Anna" is the thank-you, with no second,
    near-identical "Return the favour: thank Sofia…". Her plan is headed by partner, the rung her
    reasons say she is one step from, not by customer."""
    sofia = evidence(name="Sofia Marin", received=(30,), leads=((7, "Anna Berg", 4),))
    assert [s for s in steps(sofia) if "thank" in s.lower()] == ["Thank Sofia for sending us Anna"]
    plan = plan_for(sofia, evaluate(sofia, SETTINGS, TODAY), SETTINGS, TODAY)
    assert plan.next_tier is Tier.PARTNER
    thanked = evidence(name="Sofia Marin", received=(30,), leads=((7, "Anna Berg", 4),), done={"thank:7": 2})
    assert steps(thanked) == ["Send business Sofia's way when you can: a referral to them makes it two ways"], \
        "thanked once, never asked to thank again, and the plan still leads on to partner"
    assert evaluate(thanked, SETTINGS, TODAY).reasons[-1] == (
        "Not yet a partner: we have not referred anyone to them in the last 12 months")
    [on_to_partner] = plan_for(thanked, evaluate(thanked, SETTINGS, TODAY), SETTINGS, TODAY).steps
    assert (on_to_partner.kind, on_to_partner.key) == (Kind.REFERRAL_GIVEN, "refer-to"), \
        "ticked, it asks whether a referral was given; the Monday page files it under one step from partner"
    assert on_to_partner.due_on is not None
    waiting = evidence(name="Sofia Marin", received=(30,))  # her lead has not bought yet: we thank her
    assert [s for s in steps(waiting) if "thank" in s.lower()] == [
        "Return the favour: thank Sofia for the business sent on 25 Oct 2026, with a gift or an offer"]
    plain = evidence(inquiries=(3,))
    assert plan_for(plain, evaluate(plain, SETTINGS, TODAY), SETTINGS, TODAY).next_tier is Tier.CUSTOMER


def test_a_business_that_sent_us_a_buyer_is_thanked_and_gets_a_customer_back() -> None:
    planner = evidence(name="Wedding Bells Planning", kind=ContactKind.ORGANISATION, received=(30,),
                       leads=((7, "Anna Berg", 4),))
    texts = steps(planner)
    assert texts[0] == "Thank Wedding Bells Planning for sending us Anna"
    assert "Return the favour: refer a customer to Wedding Bells Planning (they sent us business on 25 Oct 2026)" in texts


def test_a_complaint_open_longer_than_the_client_cadence_puts_trust_back_in_question() -> None:
    """DESIGN, "complaints and trust" (seed 004): open 31 days (client cadence 30) and Ida's Trust yes
    from before no longer counts; once resolved, Trust is asked again first. Open 30 days: it stands."""
    regular = dict(name="Ida Holm", purchases=(100, 60, 20), answered=answers(days_ago=90))
    assert evaluate(evidence(**regular, resolved=((80, 50),)), SETTINGS, TODAY).tier is Tier.CLIENT, \
        "a complaint put right within 30 days leaves Trust as it was"
    shaken = evidence(**regular, resolved=((80, 49),))
    result = evaluate(shaken, SETTINGS, TODAY)
    assert result.tier is Tier.CUSTOMER
    assert result.reasons[0] == "Complaint of 5 Sep 2026, resolved 6 Oct 2026"
    assert result.reasons[-1] == ("Not yet a client: Trust is back in question after the complaint of 5 Sep 2026, "
                                  "open 31 days before it was resolved")
    assert steps(shaken) == ["Ask again whether Ida trusts you since the complaint of 5 Sep 2026: ask how the last "
                             "order went"]
    asked_again = dict(regular, answered={**answers(days_ago=90), Question.TRUST: ClientTestAnswer(
        contact_id=1, question=Question.TRUST, answer=Answer.YES, answered_on=ago(49))})
    assert evaluate(evidence(**asked_again, resolved=((80, 49),)), SETTINGS, TODAY).tier is Tier.CLIENT, \
        "a yes given on the day it was put right, or after, counts again"
    still_open = evaluate(evidence(**regular, complaints=(31,)), SETTINGS, TODAY)
    assert still_open.tier is Tier.CUSTOMER and still_open.reasons[-1] == (
        "Not yet a client: Trust is back in question while the complaint of 24 Oct 2026 has been open 31 days")
    assert evaluate(evidence(**regular, complaints=(30,)), SETTINGS, TODAY).tier is Tier.CLIENT


def test_the_day_a_complaint_shakes_trust_is_a_day_the_verdict_changes() -> None:
    """The stored verdict is re-read on the day a complaint turns 31 days open, and the move is dated
    that day, not the day someone next looked."""
    from core.ladder import next_change, tier_since

    regular = dict(name="Ida Holm", purchases=(100, 60, 20), answered=answers(days_ago=90))
    still_open = evidence(**regular, complaints=(20,))
    assert evaluate(still_open, SETTINGS, TODAY).tier is Tier.CLIENT
    shaken_on = ago(20) + timedelta(days=31)
    for case in (still_open, evidence(**regular, complaints=(20,), resolved=((200, 190),))):  # an old one put right too
        day, reread = TODAY, []  # the days the book re-reads the verdict, one next change after another
        while day < shaken_on:
            day = next_change(case, evaluate(case, SETTINGS, day), SETTINGS, day)
            reread.append(day)
        assert shaken_on in reread
    assert evaluate(still_open, SETTINGS, shaken_on - timedelta(days=1)).tier is Tier.CLIENT
    assert evaluate(still_open, SETTINGS, shaken_on).tier is Tier.CUSTOMER
    assert tier_since(evidence(**regular, complaints=(40,)), SETTINGS, TODAY, Tier.CUSTOMER) == ago(9)
    assert tier_since(evidence(**regular, resolved=((80, 49),)), SETTINGS, TODAY, Tier.CUSTOMER) == ago(49)
    # The history replays it from the evidence: the drop is dated the 31st day the complaint was open,
    # though it was resolved later (a resolved complaint's days are change days too).
    from core.ladder import moves_since

    resolved_late = evidence(**regular, resolved=((80, 40),))
    assert moves_since(resolved_late, SETTINGS, ago(100), TODAY)[-1] == (
        ago(49), Tier.CLIENT, Tier.CUSTOMER,
        "Dropped from client to customer: Trust is back in question while the complaint of 5 Sep 2026 has been "
        "open 31 days")


def test_a_drop_from_partner_names_the_exchange_that_aged_out_and_exactly_w_is_not_over_w() -> None:
    """Issue words: not "Dropped from partner to prospect: no purchase yet" (a rung they never aimed
    at), but the evidence that left W, with its day; and "exactly 12 months" is not "over 12 months"."""
    exact = evaluate(evidence(received=(W,), given=(W + 30,)), SETTINGS, TODAY)
    assert exact.tier is Tier.PROSPECT
    assert change_reason(Tier.PARTNER, exact) == (
        "Dropped from partner to prospect: the last referral from them, 24 Nov 2025, is 12 months old")
    assert "The last referral from them was 24 Nov 2025, 12 months ago" in exact.reasons
    over = evaluate(evidence(received=(W + 40,), given=(W + 1,)), SETTINGS, TODAY)
    assert change_reason(Tier.PARTNER, over) == (
        "Dropped from partner to prospect: the last referral we gave them, 23 Nov 2025, is over 12 months old")
    campaign = evaluate(evidence(purchases=(10,), joint=(W + 2,)), SETTINGS, TODAY)
    assert change_reason(Tier.PARTNER, campaign) == (
        "Dropped from partner to customer: the last joint campaign, 22 Nov 2025, is over 12 months old")
    assert change_reason(Tier.CLIENT, evaluate(evidence(purchases=(420, 400), received=(W + 5,)), SETTINGS, TODAY)) \
        == "Dropped from client to customer: no purchase since 20 Oct 2025", "only a partner's drop names the exchange"
    one_way_still = evaluate(evidence(received=(W + 40,), given=(5,)), SETTINGS, TODAY)
    assert change_reason(Tier.PARTNER, one_way_still) == (
        "Dropped from partner to prospect: the last referral from them, 15 Oct 2025, is over 12 months old"), \
        "the referral we gave five days ago has not aged out: the one that did is named"
    taken_back = evaluate(evidence(received=(3,)), SETTINGS, TODAY)  # our referral deleted: nothing aged out
    assert change_reason(Tier.PARTNER, taken_back) == (
        "Dropped from partner to prospect: we have not referred anyone to them in the last 12 months")


def pinned_page(*people):
    """The Monday page with every one of ``people`` added from a review (pinned to this week)."""
    week_start = TODAY - timedelta(days=TODAY.weekday())
    items = [(ev, evaluate(ev, SETTINGS, TODAY)) for ev in people]
    page = build_checklist(items, SETTINGS, week_start, today=TODAY, pinned={ev.contact.id for ev in people})
    return {s.key: s.entries for s in page.sections if s.entries}


def test_a_contact_added_from_a_review_keeps_their_pinned_notes_and_an_empty_step_when_none_is_left() -> None:
    """Sam's loop is closed (no step left) and he carries a pinned note: added by hand to this week,
    his line says no step and still shows the note, as every other line of the page does."""
    from dataclasses import replace

    sam = evidence(name="Sam Ode", closed=(Closure.NOT_A_FIT, 3))
    sam = replace(sam, contact=replace(sam.contact, pinned=("allergic to lilies",)))
    [line] = pinned_page(sam)["prospects"]
    assert (line.why, line.step, line.pinned) == ("You added them from your review", "", ("allergic to lilies",))


def test_two_contacts_with_the_same_name_and_the_same_day_are_both_listed() -> None:
    """Twins in one section, due the same day: the page lists both (the order falls back to the
    name, never to comparing the lines themselves)."""
    twins = [evidence(name="Ana Ruiz", inquiries=(10,), contact_id=n) for n in (1, 2)]
    assert [e.contact_id for e in pinned_page(*twins)["prospects"]] == [1, 2]


def test_kept_as_a_customer_is_said_only_while_they_are_a_customer_and_a_joint_campaign_is_named() -> None:
    """A loop closed as "keep as a customer" says so on a customer; once the evidence makes them a
    client, it is not said (they are more than kept). A joint campaign is named in the reasons."""
    kept = evaluate(evidence(purchases=(100, 60), closed=(Closure.KEEP_CUSTOMER, 30)), SETTINGS, TODAY)
    assert kept.tier is Tier.CUSTOMER and "kept as a customer" in kept.display.casefold()
    grown = evaluate(evidence(purchases=(100, 60, 20), answered=answers(days_ago=90),
                              closed=(Closure.KEEP_CUSTOMER, 30)), SETTINGS, TODAY)
    assert (grown.tier, grown.display) == (Tier.CLIENT, "Client")
    joint = evaluate(evidence(joint=(2,), purchases=(5,)), SETTINGS, TODAY)
    assert joint.reasons[0] == "Joint campaign on 22 Nov 2026"


def test_an_occasion_out_of_its_lead_time_does_not_hide_the_next_one() -> None:
    """Two occasions, the first months away: the second, in its lead time, still has its step."""
    from dataclasses import replace

    from core.occasions import Occasion, OccasionKind

    later = Occasion(contact_id=1, kind=OccasionKind.ANNIVERSARY, day="--06-12", lead_days=10)
    soon = Occasion(contact_id=1, kind=OccasionKind.BIRTHDAY, day="1980-11-28", lead_days=7)
    ev = replace(evidence(purchases=(5,)), occasions=(later, soon))
    assert [s.key for s in plan_for(ev, evaluate(ev, SETTINGS, TODAY), SETTINGS, TODAY).steps][0] == \
        "occasion:birthday::2026-11-28"


def test_only_a_partner_is_at_risk_of_losing_the_rung() -> None:
    """A referrer whose one referral turns 12 months old in 15 days is a prospect, not a partner at risk."""
    assert not evaluate(evidence(received=(350,)), SETTINGS, TODAY).at_risk
    assert evaluate(evidence(received=(350,), given=(100,)), SETTINGS, TODAY).at_risk
