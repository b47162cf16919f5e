"""The forecast on a real book: fitted only past the minimum (both sides of it, in the words the
owner reads), kept in the book, and the paper's figures through ``rapport forecast`` on CDNOW."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.forecast.fit import FitStopped
from core.forecast_beside import worked_out_in_a_process
from core.store import Book
from tests.test_cli import rapport
from tests.test_forecast_model import SAMPLE


def buyers(book_path: Path, people: int, coming_back: int) -> None:
    """``people`` buyers, the first ``coming_back`` of whom bought twice."""
    for n in range(people):
        rapport(book_path, "add", f"Buyer {n}")
        rapport(book_path, "log", str(n + 1), "purchase", "--amount", "20", "--date", "2026-01-10")
        if n < coming_back:
            rapport(book_path, "log", str(n + 1), "purchase", "--amount", "20", "--date", f"2026-{3 + n % 6:02d}-10")


def test_below_the_minimum_no_fit_is_kept_and_the_owner_is_told_why(book_path: Path) -> None:
    rapport(book_path, "settings", "forecast_min_buyers", "6")
    rapport(book_path, "settings", "forecast_min_repeat_buyers", "3")
    buyers(book_path, 5, 3)
    assert rapport(book_path, "forecast") == (0, "Not enough buyers yet for a forecast: 5 of 6.\n", "")
    assert rapport(book_path, "forecast", "--contact", "1") == (0, "Not enough buyers yet for a forecast: 5 of 6.\n", "")
    rapport(book_path, "settings", "forecast_min_buyers", "5")
    rapport(book_path, "settings", "forecast_min_repeat_buyers", "4")
    assert rapport(book_path, "forecast") == (
        0, "Not enough buyers who came back yet for a forecast: 3 of 4.\n", "")
    with Book.open(book_path) as book:
        assert book.forecasts.stored() is None


def test_at_the_minimum_the_fit_is_kept_and_a_contact_is_scored(book_path: Path) -> None:
    rapport(book_path, "settings", "forecast_min_buyers", "5")
    rapport(book_path, "settings", "forecast_min_repeat_buyers", "3")
    buyers(book_path, 5, 3)
    code, out, _ = rapport(book_path, "forecast")
    assert code == 0 and out.splitlines()[-1] == "customers = 5 (3 came back at least once)"
    with Book.open(book_path) as book:
        stored = book.forecasts.stored()
        assert stored is not None and (stored.fit.customers, str(stored.fitted_on)) == (5, "2026-11-24")
    code, out, _ = rapport(book_path, "forecast", "--contact", "1")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("Buyer 0: ") and "expected in the next 3 months" in lines[0]
    assert lines[1].startswith("P(alive) = ") and lines[2].startswith("expected visits in the next 91 days = ")
    # Below the minimum again (the trash took two buyers): the stale number goes with them.
    rapport(book_path, "settings", "forecast_min_buyers", "6")
    assert rapport(book_path, "forecast")[1] == "Not enough buyers yet for a forecast: 5 of 6.\n"
    with Book.open(book_path) as book:
        assert book.forecasts.stored() is None


def test_rapport_forecast_prints_the_papers_figures_and_the_holdout(book_path: Path) -> None:
    code, _, err = rapport(book_path, "import", str(SAMPLE))
    assert code == 0, err
    code, out, _ = rapport(book_path, "forecast", "--model", "bg", "--unit", "weeks", "--until", "1997-09-30")
    lines = out.splitlines()
    assert code == 0 and lines[:6] == ["r = 0.2426", "alpha = 4.4134", "a = 0.7929", "b = 2.4261",
                                       "log-likelihood = -9582.43", "customers = 2,357 (946 came back at least once)"]
    assert lines[6].startswith("holdout 1 Oct 1997 – 30 Jun 1998: ")
    assert [line.split()[:2] for line in lines[8:]] == [
        ["0", "1,411"], ["1", "439"], ["2", "214"], ["3", "100"], ["4", "62"], ["5", "38"], ["6", "29"], ["7+", "64"]]
    made = sum(int(line.split()[3].replace(",", "")) for line in lines[8:])
    assert lines[6].endswith(f", {made:,} made")
    with Book.open(book_path) as book:
        assert book.forecasts.stored() is None  # a fit up to a past day is printed, not kept


def test_a_date_after_today_is_refused(book_path: Path) -> None:
    code, _, err = rapport(book_path, "forecast", "--until", "2027-01-01")
    assert code == 2 and "is after today; a forecast is fitted on visits already made" in err


def test_the_weekly_fit_is_due_a_week_after_the_last_try_or_when_the_clock_went_back(book_path: Path) -> None:
    from datetime import date, timedelta

    rapport(book_path, "settings", "forecast_min_buyers", "6")
    buyers(book_path, 5, 3)
    day = date(2026, 11, 24)
    with Book.open(book_path) as book:
        assert book.forecasts.due(day) and book.forecasts.last_count() is None, "never tried"
        found = book.forecasts.refit(day)
        assert found.in_words() == "Not enough buyers yet for a forecast: 5 of 6"
        counted, on = book.forecasts.last_count()
        assert (counted.buyers, counted.repeat_buyers, on) == (5, 3, day)
        assert not book.forecasts.due(day) and not book.forecasts.due(day + timedelta(days=6))
        assert book.forecasts.due(day + timedelta(days=7))
        assert book.forecasts.due(day - timedelta(days=1)), "a clock set back: tried again"


def test_before_the_first_fit_the_buyers_are_counted_exactly_below_the_minimum_and_capped_past_it(
        book_path: Path) -> None:
    """With minimums of 3 buyers and 2 coming back, the count stops at 12 buyers once it is enough
    (a big book shown before its first fit is not counted whole for each contact shown); below 12,
    or when the first 12 cannot tell (too few came back among them), every buyer is counted."""
    from datetime import date

    from core import operations
    from core.domain import Contact

    today = date(2026, 12, 1)
    with Book.open(book_path, backup_daily=False) as book:
        operations.update_settings(book, today, forecast_min_buyers=3, forecast_min_repeat_buyers=2)

        def buy(count: int, twice: bool) -> None:
            for _ in range(count):
                who = operations.add_contact(book, Contact(name="Buyer"), today).value
                operations.log(book, who.id, "purchase", date(2026, 1, 10), today=today)
                if twice:
                    operations.log(book, who.id, "purchase", date(2026, 3, 10), today=today)

        buy(11, twice=False)
        assert (book.forecasts.buyers_now(today).buyers, book.forecasts.buyers_now(today).repeat_buyers) == (11, 0)
        buy(9, twice=True)  # 20 buyers: the first 12 hold 1 who came back, too few to tell
        counted = book.forecasts.buyers_now(today)
        assert (counted.buyers, counted.repeat_buyers, counted.enough) == (20, 9, True)
    with Book.open(book_path.with_name("big.rapport"), backup_daily=False) as big:
        operations.update_settings(big, today, forecast_min_buyers=3, forecast_min_repeat_buyers=2)
        for _ in range(20):
            who = big.contacts.add("Regular", today=today)
            operations.log(big, who.id, "purchase", date(2026, 1, 10), today=today)
            operations.log(big, who.id, "purchase", date(2026, 3, 10), today=today)
        counted = big.forecasts.buyers_now(today)
        assert (counted.buyers, counted.repeat_buyers, counted.enough) == (12, 12, True), "enough: counted no further"


def test_the_fit_worked_out_in_its_own_process_is_the_fit_worked_out_here(book_path: Path) -> None:
    """The window reads the buyers and fits in a child process (``core.forecast_beside``): the same
    count and parameters as here, none below the minimum, and a window closing ends the child."""
    assert rapport(book_path, "import", str(SAMPLE))[0] == 0
    today = date(1998, 6, 30)
    with Book.open(book_path) as book:
        here = book.forecasts.worked_out(today)
    beside = worked_out_in_a_process(book_path, today)
    assert beside == here
    assert beside[0].buyers == 2357 and beside[1] is not None and beside[1].fit.customers == 2357
    with pytest.raises(FitStopped):
        worked_out_in_a_process(book_path, today, stop=lambda: True)
    rapport(book_path, "settings", "forecast_min_buyers", "2358")
    counted, found = worked_out_in_a_process(book_path, today)
    assert found is None and counted.in_words() == "Not enough buyers yet for a forecast: 2,357 of 2,358"
