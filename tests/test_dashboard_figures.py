"""Each dashboard figure on a hand-built book whose answers are known: four contacts, their
purchases, a refund, a client test, an inquiry and a birthday."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.domain import Question
from core.store import Book
from core import i18n
from core.figure import Figure

TODAY = date(2026, 11, 24)  # a Tuesday
MONTHS = ("Dec 2025", "Jan 2026", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov")


@pytest.fixture
def figures(book: Book) -> dict[str, Figure]:
    ana = book.contacts.add("Ana", source="Instagram", birthday="1980-12-03", today=TODAY)
    book.interactions.log(ana.id, "purchase", date(2026, 10, 5), amount="20", today=TODAY)
    book.interactions.log(ana.id, "purchase", date(2026, 11, 2), amount="42.50", today=TODAY)
    book.contacts.add("Ben", source="Instagram", today=TODAY)  # a suspect
    cleo = book.contacts.add("Cleo", how_met="Market", today=TODAY)
    book.interactions.log(cleo.id, "inquiry", date(2026, 11, 20), today=TODAY)
    dan = book.contacts.add("Dan", source="Market", today=TODAY)
    book.interactions.log(dan.id, "purchase", date(2026, 6, 10), amount="100", today=TODAY)
    book.interactions.log(dan.id, "purchase", date(2026, 9, 15), amount="80", today=TODAY)
    book.interactions.log(dan.id, "refund", date(2026, 9, 16), amount="30", today=TODAY)
    for question in Question:
        book.interactions.record_answer(dan.id, question, "yes", date(2026, 9, 20), today=TODAY)
    book.contacts.add("Eva", role="team", today=TODAY)  # outside the ladder: in no figure
    return {f.key: f for f in book.dashboard.figures(TODAY)}


def series(figure: Figure) -> dict[str, tuple[float, ...]]:
    return dict(figure.series)


def test_the_ladder_today(figures: dict[str, Figure]) -> None:
    ladder = figures["ladder"]
    assert ladder.categories == ("Suspects", "Prospects", "Customers", "Clients", "Partners")
    assert series(ladder) == {"Contacts": (1, 1, 1, 1, 0), "of whom hybrids": (0, 0, 0, 0, 0)}
    assert ladder.rows()[3] == ["Clients", "1", "0"]


def test_moves_up_and_down_by_month(figures: dict[str, Figure]) -> None:
    """Dan became a customer in June and a client in September, Ana a customer in October, Cleo a
    prospect in November; nobody dropped. Entering the book is no move."""
    moves = figures["moves"]
    assert moves.categories == MONTHS
    # Under a narrow chart's bars "Dec 2025" is hidden: the months alone, and the span as the title.
    assert moves.axis_labels == ("Dec", "Jan", *MONTHS[2:]) and moves.axis_title == "Dec 2025 – Nov 2026"
    assert (figures["revenue"].axis_labels, figures["revenue"].axis_title) == (moves.axis_labels, moves.axis_title)
    assert series(moves) == {"Up": (0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1), "Down": (0,) * 12}


def test_revenue_by_rung_by_month_less_refunds(figures: dict[str, Figure]) -> None:
    revenue = series(figures["revenue"])
    assert revenue["Customers"] == (0,) * 10 + (20, 42.5)
    assert revenue["Clients"] == (0,) * 6 + (100, 0, 0, 50, 0, 0)  # 80 less the 30 given back
    assert revenue["Suspects"] == revenue["Prospects"] == revenue["Partners"] == (0,) * 12
    assert figures["revenue"].unit == "EUR"


def test_sources_ranked_by_how_far_their_people_came(figures: dict[str, Figure]) -> None:
    """Market brought a prospect and a client (mean rung 2), Instagram a suspect and a customer (1)."""
    sources = figures["sources"]
    assert sources.categories == ("Market", "Instagram")
    assert series(sources)["Clients"] == (1, 0) and series(sources)["Suspects"] == (0, 1)


def test_who_is_still_with_us_without_a_forecast_says_why(figures: dict[str, Figure]) -> None:
    alive = figures["alive"]
    assert series(alive) == {"Regulars": (0,) * 10}
    assert alive.note == "Not enough buyers yet for a forecast: 2 of 500."


def test_the_next_four_weeks(figures: dict[str, Figure]) -> None:
    """This week: Cleo's follow-up and Dan's overdue call; the week of 30 Nov: Ana's birthday and the
    call before it. Ana's next touch as a customer (90 days) and Ben (a suspect's step has no day) are
    not in these weeks."""
    ahead = figures["ahead"]
    assert ahead.categories == ("This week", "Week of 30 Nov", "Week of 7 Dec", "Week of 14 Dec")
    assert series(ahead) == {"Steps due": (2, 1, 0, 0), "Occasions": (0, 1, 0, 0)}


def test_who_is_still_with_us_from_a_kept_fit(book: Book) -> None:
    """Three slipping regulars in one tenth, a regular who came today in the top tenth, a one-time
    buyer in no bar (not a regular) but in the visits expected, all from the paper's fit in weeks."""
    from datetime import timedelta

    from core.forecast.models import MBG, expected_visits
    from tests.test_forecast_model import PAPER
    from tests.test_forecast_slipping import TODAY as DAY
    from tests.test_forecast_slipping import alive_by_hand, known_fit, regulars

    regulars(book)
    loyal, once = book.contacts.add("Loyal"), book.contacts.add("Once")
    for visit in range(21):  # every week for twenty weeks, the last today: P(alive) 0.97
        book.interactions.log(loyal.id, "purchase", DAY - timedelta(weeks=visit), amount="20", today=DAY)
    book.interactions.log(once.id, "purchase", DAY - timedelta(weeks=10), amount="20", today=DAY)
    known_fit(book)
    alive = book.dashboard.alive(DAY)
    bins = [0.0] * 10
    bins[int(alive_by_hand() * 10)] = 3
    bins[9] = 1
    assert series(alive) == {"Regulars": tuple(bins)}
    histories = [(4, 120 / 7, 270 / 7)] * 3 + [(20, 20.0, 20.0), (0, 0.0, 10.0)]
    visits = sum(expected_visits(MBG, PAPER, 13, x, t_x, T) for x, t_x, T in histories)
    assert alive.note == f"About {visits:,.0f} visits expected from all buyers in the next 3 months."
    assert (alive.key, alive.title, alive.unit, len(alive.categories)) == ("alive", "Who is still with us", "regulars", 10)


def test_rapport_dashboard_prints_the_figures_and_draws_one_page(book_path, tmp_path) -> None:
    from pypdf import PdfReader

    from tests.test_cli import rapport

    for n, amount in enumerate(("20", "42.50")):
        rapport(book_path, "add", f"Buyer {n}")
        rapport(book_path, "log", str(n + 1), "purchase", "--amount", amount, "--date", "2026-11-02")
    code, out, _ = rapport(book_path, "dashboard")
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == ["The ladder today (contacts)", "             Contacts  of whom hybrids",
                         "  Suspects          0                0"]
    assert "  Customers         2                0" in lines
    assert "  Not enough buyers yet for a forecast: 2 of 500." in lines
    page = tmp_path / "glance.pdf"
    code, out, _ = rapport(book_path, "dashboard", "--out", str(page))
    assert (code, out) == (0, f"Wrote the dashboard to {page}.\n")
    reader = PdfReader(page)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())  # a note wraps over two lines
    for title in ("The ladder today", "Moves on the ladder", "Revenue by rung", "Which sources paid off",
                  "Who is still with us", "The next four weeks", "Not enough buyers yet for a forecast: 2 of 500."):
        assert title in text


def test_the_checklist_opens_with_the_book_in_one_line(book: Book, figures: dict[str, Figure]) -> None:
    """Dan is the one client; Cleo moved up (to prospect) this month, on 20 Nov; nobody is slipping."""
    checklist = book.status.checklist(date(2026, 11, 23), today=TODAY)
    assert checklist.summary == "1 client, 0 partners · 1 moved up this month · 0 regulars may be slipping"


def test_the_one_line_summary_counts_in_words() -> None:
    from core.store.dashboard import summary_line

    assert summary_line({"client": 12, "partner": 5, "slipping": 3}, 2) == (
        "12 clients, 5 partners · 2 moved up this month · 3 regulars may be slipping")
    assert summary_line({"client": 1, "partner": 1, "slipping": 1}, 1) == (
        "1 client, 1 partner · 1 moved up this month · 1 regular may be slipping")


@pytest.mark.parametrize(("language", "rows"), [("en", [["Jan", "1,500", "2.5"]]), ("fr", [["Jan", "1\u202f500", "2,5"]]),
                                               ("de", [["Jan", "1.500", "2,5"]])])
def test_the_numbers_behind_a_chart_are_written_as_money_is(monkeypatch, language: str, rows: list) -> None:
    """"1,500" is one and a half in German: the tables behind the charts wrote English numbers."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.use_language(language)
    try:
        assert Figure("moves", "t", "d", ("Jan",), (("Up", (1500.0,)), ("Down", (2.5,)))).rows() == rows
    finally:
        i18n.use_language("en")


def _text_runs(pdf: Path) -> tuple[list[tuple[str, float, float, float, bool]], float]:
    """Each text on the page: (its words, left x, baseline y, right x, written level), and the width."""
    from pypdf import PdfReader
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from core.printing.styles import REGULAR, ensure_fonts

    ensure_fonts()
    page = PdfReader(pdf).pages[0]
    runs = []

    def seen(text: str, cm: list, tm: list, _font: object, size: float) -> None:
        if text.strip():
            x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5
            runs.append((text.strip(), x, y, x + stringWidth(text.strip(), REGULAR, size) * tm[0] * cm[0],
                         abs(tm[1]) < 1e-6 and scale > 0))

    page.extract_text(visitor_text=seen)
    return runs, float(page.mediabox.width)


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_the_dashboard_page_keeps_every_word_on_the_page_and_apart(tmp_path: Path, monkeypatch,
                                                                  language: str) -> None:
    """"Partners", and in German "Stammkunden", ran off the page in the sources' legend; the four
    weeks' names ran into each other in German ("Woche vom 7. DeWoche vom 14. Dez.")."""
    from core.demo import create_demo_book
    from core.printing.dashboard_pdf import render_dashboard

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.use_language(language)
    try:
        with create_demo_book(tmp_path / "demo.rapport") as book:
            figures = book.dashboard.figures(date.today())
        render_dashboard(figures, tmp_path / "glance.pdf", "Bloom & Stem", date.today())
        runs, width = _text_runs(tmp_path / "glance.pdf")
    finally:
        i18n.use_language("en")
    assert len(runs) > 60
    assert [words for words, _x, _y, right, _level in runs if right > width - 5] == []
    level = sorted((run for run in runs if run[4]), key=lambda run: (round(run[2]), run[1]))
    assert [(a[0], b[0]) for a, b in zip(level, level[1:]) if round(a[2]) == round(b[2]) and a[3] > b[1] + 0.5] == []
