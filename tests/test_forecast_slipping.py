"""Regulars slipping away, ranked by what their silence costs and worded by how likely they are
still with us, on a hand-built book with a known fit (the paper's parameters, in weeks)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.domain import Checklist, ChecklistSection
from core.forecast.fit import Fit, StoredFit
from core.forecast.models import MBG
from core.forecast.outlook import slipping_words
from core.store import Book
from tests.test_forecast_model import PAPER

TODAY, MONDAY = date(2026, 11, 24), date(2026, 11, 23)


def slipping(checklist: Checklist) -> ChecklistSection:
    return next(s for s in checklist.sections if s.key == "slipping")


def regulars(book: Book) -> None:
    """Three regulars alike but for what they spend: five visits 30 days apart, none for 150 days."""
    for name, amount in (("Low", "20"), ("High", "90"), ("Mid", "50")):
        contact = book.contacts.add(name)
        for visit in range(5):
            book.interactions.log(contact.id, "purchase", TODAY - timedelta(days=150 + 30 * visit), amount=amount)


def known_fit(book: Book) -> None:
    book.forecasts.keep(StoredFit(Fit(MBG, PAPER, -1.0, 1000, 500), 7, TODAY, TODAY))


def alive_by_hand() -> float:
    """MBG/NBD's P(alive) for x = 4 repeat visits, the last 120 days after the first, 270 days ago."""
    x, t_x, T = 4, 120 / 7, 270 / 7
    return 1 / (1 + PAPER.a / (PAPER.b + x) * ((PAPER.alpha + T) / (PAPER.alpha + t_x)) ** (PAPER.r + x))


def test_without_a_fit_the_section_keeps_its_order_and_words(book: Book) -> None:
    regulars(book)
    section = slipping(book.status.checklist(MONDAY, today=TODAY))
    assert [e.name for e in section.entries] == ["High", "Low", "Mid"]  # alike: by name
    assert section.entries[0].why == "Usually every 30 days; none since 27 Jun 2026"


def test_with_a_fit_the_dearest_silence_comes_first_and_each_line_says_its_chance(book: Book) -> None:
    regulars(book)
    known_fit(book)
    section = slipping(book.status.checklist(MONDAY, today=TODAY))
    assert [e.name for e in section.entries] == ["High", "Mid", "Low"]
    percent = round(alive_by_hand() * 100)
    assert 0 < percent < 40
    assert section.entries[0].why == (f"Usually every 30 days; none since 27 Jun 2026: may have moved on "
                                      f"({percent}\u00a0%): worth one call")


def test_the_printed_checklist_keeps_the_dearest_when_it_has_room_for_fewer(book: Book) -> None:
    regulars(book)
    known_fit(book)
    section = slipping(book.status.checklist(MONDAY, today=TODAY, per_section=2))
    assert [e.name for e in section.entries] == ["High", "Mid"] and section.more == 1


def test_the_chance_in_a_slipping_line_at_each_boundary() -> None:
    assert slipping_words(0.70) == "probably still a customer (70\u00a0%)"
    assert slipping_words(0.6999) == "may be slipping (70\u00a0%)"
    assert slipping_words(0.40) == "may be slipping (40\u00a0%)"
    assert slipping_words(0.3999) == "may have moved on (40\u00a0%): worth one call"


def test_a_yearly_buyer_is_worded_by_their_rhythm_not_a_chance(book: Book) -> None:
    """Valentine's roses three years running: the model would doubt him all year; the pane says when he buys."""
    wei = book.contacts.add("Wei", today=TODAY)
    for year in (2024, 2025, 2026):
        book.interactions.log(wei.id, "purchase", date(year, 2, 13), amount="60", today=TODAY)
    known_fit(book)
    sentence, numbers = book.forecasts.outlook_for(wei.id, TODAY)
    assert sentence.startswith("Usually buys around 13 Feb, once a year · ")
    assert "%" not in sentence and numbers.startswith("P(alive) ")


def test_a_regulars_outlook_from_the_kept_fit(book: Book) -> None:
    """Low's figures from the paper's parameters in weeks: the chance by hand, the visits of the next
    13 weeks, the usual gap of 30 days; and the numbers as the pane shows them."""
    from core.forecast.models import expected_visits
    from core.forecast.outlook import numbers_in_words

    regulars(book)
    known_fit(book)
    stored = book.forecasts.stored()
    low = next(c.id for c in book.contacts.in_view() if c.name == "Low")
    outlook = book.forecasts.outlook(low, TODAY, stored)
    assert outlook.alive == pytest.approx(alive_by_hand(), rel=1e-12)
    assert outlook.expected == pytest.approx(expected_visits(MBG, PAPER, 13, 4, 120 / 7, 270 / 7), rel=1e-12)
    assert outlook.usual_gap_days == pytest.approx(30) and outlook.yearly_around is None
    assert numbers_in_words(outlook, stored) == (
        f"P(alive) {outlook.alive:.2f} · {outlook.expected:.1f} visits expected in the next 91 days · MBG/NBD "
        "fitted on 24 Nov 2026 from 1,000 buyers (500 came back): r 0.243, alpha 4.41, a 0.793, b 2.426")
    as_bg = StoredFit(Fit("bg", PAPER, -1.0, 1000, 500), 7, TODAY, TODAY)
    assert " · BG/NBD fitted on " in numbers_in_words(outlook, as_bg)


def test_what_silence_costs_by_hand(book: Book) -> None:
    """High spends 90 a visit: 90 × the visits of 13 weeks if still with us × the chance he is not.
    A regular whose purchases carry no amount costs nothing we can count."""
    from core.forecast.models import expected_visits_if_alive

    regulars(book)
    quiet = book.contacts.add("No amounts")
    for visit in range(5):
        book.interactions.log(quiet.id, "purchase", TODAY - timedelta(days=150 + 30 * visit))
    known_fit(book)
    ids = {c.name: c.id for c in book.contacts.in_view()}
    costs = book.forecasts.silence(ids.values(), TODAY)
    visits = expected_visits_if_alive(MBG, PAPER, 13, 4, 120 / 7, 270 / 7)
    assert costs[ids["High"]].cost_cents == pytest.approx(9000 * visits * (1 - alive_by_hand()), rel=1e-12)
    assert costs[ids["No amounts"]].cost_cents == 0.0


def test_a_yearly_buyer_who_missed_a_year_is_expected_the_coming_year(book: Book) -> None:
    wei = book.contacts.add("Wei", today=TODAY)
    for year in (2023, 2024):
        book.interactions.log(wei.id, "purchase", date(year, 2, 13), amount="60", today=TODAY)
    leap = book.contacts.add("Leap", today=TODAY)
    for day in (date(2023, 3, 1), date(2024, 2, 29)):  # a year apart, the last on 29 February
        book.interactions.log(leap.id, "purchase", day, amount="60", today=TODAY)
    book.update_settings(leap_day="1 Mar")  # where this owner's 29 February falls in other years
    known_fit(book)
    stored = book.forecasts.stored()
    assert book.forecasts.outlook(wei.id, TODAY, stored).yearly_around == date(2027, 2, 13)
    assert book.forecasts.outlook(leap.id, date(2024, 12, 1), stored).yearly_around == date(2025, 3, 1)


def test_no_forecast_line_for_whoever_has_not_bought(book: Book) -> None:
    regulars(book)
    nobody = book.contacts.add("Never bought")
    assert book.forecasts.outlook_for(nobody.id, TODAY) is None  # no fit yet: below the minimum, but not a buyer
    low = next(c.id for c in book.contacts.in_view() if c.name == "Low")
    assert book.forecasts.outlook_for(low, TODAY) == ("Not enough buyers yet for a forecast: 3 of 500.", "")
    book.update_settings(forecast_min_buyers=3, forecast_min_repeat_buyers=3)
    assert book.forecasts.outlook_for(low, TODAY) is None, "enough buyers: the first fit has not run yet"
    known_fit(book)
    assert book.forecasts.outlook_for(nobody.id, TODAY) is None


def test_the_kept_fit_reads_back_whole(book: Book) -> None:
    kept = StoredFit(Fit(MBG, PAPER, -9582.43, 2357, 946), 7, date(1997, 9, 30), TODAY)
    book.forecasts.keep(kept)
    assert book.forecasts.stored() == kept


def test_the_usual_gap_needs_two_visits(book: Book) -> None:
    known_fit(book)
    once, twice = book.contacts.add("Once"), book.contacts.add("Twice")
    book.interactions.log(once.id, "purchase", date(2026, 9, 1), amount="20", today=TODAY)
    for day in (date(2026, 9, 1), date(2026, 10, 1)):
        book.interactions.log(twice.id, "purchase", day, amount="20", today=TODAY)
    stored = book.forecasts.stored()
    assert book.forecasts.outlook(once.id, TODAY, stored).usual_gap_days is None
    assert book.forecasts.outlook(twice.id, TODAY, stored).usual_gap_days == pytest.approx(30)


@pytest.mark.parametrize("last, around", [
    (date(2025, 10, 25), date(2026, 10, 25)),  # due 30 days ago: still this year's, "has not yet"
    (date(2025, 10, 24), date(2027, 10, 24)),  # due 31 days ago: next year's
])
def test_a_yearly_buyer_late_by_a_month_is_still_expected_this_year(book: Book, last: date, around: date) -> None:
    wei = book.contacts.add("Wei", today=TODAY)
    for day in (last.replace(year=last.year - 1), last):
        book.interactions.log(wei.id, "purchase", day, amount="60", today=TODAY)
    known_fit(book)
    assert book.forecasts.outlook(wei.id, TODAY, book.forecasts.stored()).yearly_around == around


def test_the_most_frequent_buyer_among_those_still_coming(book: Book) -> None:
    regulars(book)  # five visits each, the last 150 days ago: not still coming
    recent = book.contacts.add("Recent")
    for day in (TODAY - timedelta(days=10), TODAY - timedelta(days=40)):
        book.interactions.log(recent.id, "purchase", day, amount="20", today=TODAY)
    assert book.forecasts.most_frequent_recent_buyer(TODAY) == recent.id
    assert book.forecasts.most_frequent_recent_buyer(TODAY, within_days=9) is None
