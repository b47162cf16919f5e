"""The dashboard's figures at their edges: the first of the twelve months, a drop down the ladder,
a month whose purchases have no amounts, more sources than the chart shows, occasions on the last
day of the four weeks and the day after, and every figure's words as a screen reader hears them."""

from __future__ import annotations

from datetime import date

import pytest

from core.domain import Question
from core.figure import Figure
from core.store import Book
from core.store.dashboard import summary_line

TODAY = date(2026, 11, 24)  # a Tuesday: the four weeks run from Monday 23 Nov to Sunday 20 Dec


@pytest.fixture
def edges(book: Book) -> dict[str, Figure]:
    hal = book.contacts.add("Hal", today=TODAY)
    book.interactions.log(hal.id, "purchase", date(2025, 12, 10), amount="10", today=TODAY)  # the first month
    ida = book.contacts.add("Ida", today=TODAY)
    book.interactions.log(ida.id, "purchase", date(2026, 11, 1), amount="5", today=TODAY)  # the month's first day
    for name, answered in (("Gus", date(2025, 11, 10)), ("Gil", date(2025, 11, 12))):
        client = book.contacts.add(name, today=TODAY)
        for answer in Question:  # a yes that turns a year old in November 2026: they drop from client then
            book.interactions.record_answer(client.id, answer, "yes", answered, today=TODAY)
        for day in (date(2026, 1, 10), date(2026, 1, 20)):
            book.interactions.log(client.id, "purchase", day, amount="15", today=TODAY)
    nil = book.contacts.add("Nil", today=TODAY)
    book.interactions.log(nil.id, "purchase", date(2026, 2, 14), today=TODAY)  # no amount given
    for n in range(1, 10):
        book.contacts.add(f"Lead {n}", source=f"S{n}", today=TODAY)
    for name, birthday in (("Oona", "1990-12-07"), ("Pia", "1990-12-20"), ("Quin", "1990-12-21")):
        book.contacts.add(name, birthday=birthday, today=TODAY)
    return {f.key: f for f in book.dashboard.figures(TODAY)}


def test_the_first_month_counts_and_a_drop_is_a_move_down(edges: dict[str, Figure]) -> None:
    """Hal in December 2025; Gus and Gil up twice each in January and down in November; Nil up in
    February; Ida up on 1 November."""
    assert dict(edges["moves"].series) == {"Up": (1, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1),
                                           "Down": (0,) * 11 + (2,)}


def test_a_month_of_purchases_without_amounts_brought_nothing(edges: dict[str, Figure]) -> None:
    customers = dict(edges["revenue"].series)["Customers"]
    assert customers[:4] == (10, 60, 0, 0) and customers[-1] == 5


def test_eight_sources_at_most_the_furthest_first(edges: dict[str, Figure]) -> None:
    assert edges["sources"].categories == ("(none given)", "S1", "S2", "S3", "S4", "S5", "S6", "S7")


def test_the_last_day_of_the_four_weeks_counts_and_the_next_does_not(edges: dict[str, Figure]) -> None:
    assert dict(edges["ahead"].series)["Occasions"] == (0, 0, 1, 1)


def test_the_book_in_one_line_counts_a_move_on_the_first_of_the_month(book: Book, edges) -> None:
    assert book.dashboard.summary(TODAY) == "0 clients, 0 partners · 1 moved up this month · 0 regulars may be slipping"
    assert summary_line({}, 0) == "0 clients, 0 partners · 0 moved up this month · 0 regulars may be slipping"


def test_every_figure_says_what_it_shows(edges: dict[str, Figure]) -> None:
    said = {key: (f.title, f.description, f.unit, f.stacked, f.across) for key, f in edges.items()}
    assert said == {
        "ladder": ("The ladder today", "How many contacts stand on each rung, and how many of them are hybrids "
                   "(also on another rung).", "contacts", False, False),
        "moves": ("Moves on the ladder", "Contacts who moved up a rung and who moved down, month by month over "
                  "the last 12 months.", "moves", False, False),
        "revenue": ("Revenue by rung", "What each rung's contacts spent, month by month over the last 12 months, "
                    "in EUR, by the rung they stand on today.", "EUR", True, False),
        "sources": ("Which sources paid off", "For each source of contacts (the eight that went furthest), how "
                    "many of its people stand on each rung today.", "contacts", True, True),
        "alive": ("Who is still with us", "How many regulars (buyers who came back) are how likely still "
                  "customers, from the forecast.", "regulars", False, False),
        "ahead": ("The next four weeks", "Plan steps falling due and occasions coming, week by week (a step "
                  "already overdue counts in this week).", "", False, False),
    }
    assert edges["alive"].categories[0] == "0–10 %" and edges["alive"].categories[-1] == "90–100 %"


def test_hybrids_are_counted_in_words_under_the_ladder(tmp_path) -> None:
    from core.demo import create_demo_book

    with create_demo_book(tmp_path / "demo.rapport", TODAY) as demo:
        ladder = demo.dashboard.ladder()
        partners, hybrids = ladder.series[0][1][4], ladder.series[1][1][4]
        assert hybrids >= 2 and ladder.note == f"Hybrids, also on another rung: {hybrids:.0f} partners."
        assert partners >= hybrids
