"""The forecast's model against the paper that defines it (Fader, Hardie & Lee 2005, on the CDNOW
sample the paper used), its properties, and its words at each boundary."""

from __future__ import annotations

from datetime import date
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.forecast.fit import fit
from core.forecast.models import BG, MBG, Customer, Params, expected_visits, log_likelihood, p_alive
from core.forecast.outlook import Outlook, chance_words, in_words, visits_words
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "transactions" / "CDNOW_sample.txt"
PAPER = Params(r=0.243, alpha=4.414, a=0.793, b=2.426)


def cdnow_weeks() -> list[Customer]:
    """Repeat purchases (one a day) to 30 Sep 1997, in weeks from each customer's first purchase."""
    days: dict[str, set[date]] = {}
    for line in SAMPLE.read_text().splitlines():
        customer, _, day, *_ = line.split()
        days.setdefault(customer, set()).add(date(int(day[:4]), int(day[4:6]), int(day[6:])))
    end = date(1997, 9, 30)
    out = []
    for visits in days.values():
        first, calibration = min(visits), sorted(d for d in visits if d <= end)
        out.append(Customer(len(calibration) - 1, (calibration[-1] - first).days / 7, (end - first).days / 7))
    return out


def test_the_fit_reproduces_the_paper_on_cdnow() -> None:
    customers = cdnow_weeks()
    assert (len(customers), sum(c.x == 0 for c in customers)) == (2357, 1411)
    found = fit(BG, customers)
    for name in ("r", "alpha", "a", "b"):
        assert getattr(found.params, name) == pytest.approx(getattr(PAPER, name), abs=0.001), name
    assert found.log_likelihood == pytest.approx(-9582.4, abs=0.1)
    assert (found.customers, found.repeat_buyers) == (2357, 946)


def test_the_papers_conditional_expectation() -> None:
    """x = 2, t_x = 30.43, T = 38.86: 1.226 repeat purchases in the next 39 weeks."""
    assert expected_visits(BG, PAPER, 39, 2, 30.43, 38.86) == pytest.approx(1.226, abs=0.001)


def test_the_modified_model_fits_better_where_one_time_buyers_may_have_gone() -> None:
    customers = cdnow_weeks()
    bg, mbg = fit(BG, customers), fit(MBG, customers)
    assert mbg.log_likelihood > bg.log_likelihood
    assert log_likelihood(MBG, mbg.params, customers) == pytest.approx(mbg.log_likelihood, abs=1e-6)


def test_a_one_time_buyer_is_always_alive_to_bg_and_not_to_mbg() -> None:
    assert p_alive(BG, PAPER, 0, 0.0, 30.0) == 1.0
    assert 0 < p_alive(MBG, PAPER, 0, 0.0, 30.0) < 1


histories = st.tuples(st.integers(1, 40), st.floats(0.5, 50), st.floats(0.5, 50)).map(
    lambda h: (h[0], min(h[1], h[2]), max(h[1], h[2]) + 0.5))


@given(histories, st.floats(0.1, 10), st.sampled_from([BG, MBG]))
def test_a_more_recent_last_visit_is_likelier_alive(history: tuple[int, float, float], later: float,
                                                    model: str) -> None:
    x, t_x, T = history
    recent = min(t_x + later, T)
    assert p_alive(model, PAPER, x, recent, T) >= p_alive(model, PAPER, x, t_x, T)
    if recent > t_x + 1e-6:
        assert p_alive(model, PAPER, x, recent, T) > p_alive(model, PAPER, x, t_x, T)


@given(histories, st.sampled_from([BG, MBG]))
def test_more_visits_at_the_same_recency_mean_more_visits_to_come(history: tuple[int, float, float],
                                                                  model: str) -> None:
    x, t_x, T = history
    t_x = T  # bought at the end of the period: alive either way, so only the rate counts
    assert expected_visits(model, PAPER, 13, x + 1, t_x, T) > expected_visits(model, PAPER, 13, x, t_x, T)


@pytest.mark.parametrize("alive, words", [
    (0.70, "Likely still with you"), (0.6999, "May be slipping"),
    (0.40, "May be slipping"), (0.3999, "May have moved on")])
def test_the_chance_in_words_at_each_boundary(alive: float, words: str) -> None:
    assert chance_words(alive) == words


@pytest.mark.parametrize("expected, words", [
    (0.49, "under one visit expected in the next 3 months"),
    (0.5, "about 1 visit expected in the next 3 months"),
    (0.51, "about 1 visit expected in the next 3 months"),
    (1.49, "about 1 visit expected in the next 3 months"),
    (1.5, "about 2 visits expected in the next 3 months")])
def test_visits_in_words(expected: float, words: str) -> None:
    assert visits_words(expected) == words


def test_the_sentence_and_a_yearly_buyer_worded_by_their_rhythm() -> None:
    assert in_words(Outlook(0.84, 2.2, 35.0)) == ("Likely still with you (84\u00a0%) · usually every 5 weeks · "
                                                  "about 2 visits expected in the next 3 months")
    assert in_words(Outlook(0.2, 0.3, None)) == "May have moved on (20\u00a0%) · under one visit expected in the next 3 months"
    assert in_words(Outlook(0.2, 0.3, 365.0, yearly_around=date(2027, 2, 13))) == (
        "Usually buys around 13 Feb, once a year · under one visit expected in the next 3 months")


def test_a_fit_asked_to_stop_stops() -> None:
    from core.forecast.fit import FitStopped

    tries = []

    def stop() -> bool:
        tries.append(1)
        return len(tries) > 5

    with pytest.raises(FitStopped):
        fit(MBG, cdnow_weeks(), stop=stop)
    assert len(tries) == 6


@pytest.mark.parametrize("model", [BG, MBG])
@pytest.mark.parametrize("weeks", [1, 10, 39, 100])
def test_a_customer_just_arrived_is_expected_to_buy_as_the_population_does(model: str, weeks: float) -> None:
    """Two formulas of the papers, derived apart, must agree: the conditional expectation (eq. 10)
    for x = t_x = T = 0 is the unconditional one (eq. 7; MBG/NBD's own form for the modified model)."""
    from core.forecast.models import expected_in_period

    assert expected_visits(model, PAPER, weeks, 0, 0.0, 0.0) == pytest.approx(expected_in_period(model, PAPER, weeks),
                                                                           rel=1e-9)


def test_long_gone_is_exactly_no_chance() -> None:
    assert p_alive(MBG, PAPER, 100, 1.0, 1e6) == 0.0  # a chance below what a float holds


def test_nelder_mead_finds_the_bottom_of_rosenbrocks_valley() -> None:
    """The textbook trial of a simplex search: a long curved valley, its bottom at (1, 1)."""
    from core.forecast.fit import nelder_mead

    found = nelder_mead(lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2, [-1.2, 1.0], tolerance=1e-14)
    assert found == pytest.approx([1.0, 1.0], abs=1e-4)


def log_likelihood_by_the_book(model: str, p: Params, c: Customer) -> float:
    """One customer's log-likelihood written out as the papers print it (BG/NBD eq. 6; MBG/NBD's with
    the extra drop-out chance), term by term and without the shortcuts the model's code takes."""
    g = math.lgamma
    a1 = g(p.r + c.x) + p.r * math.log(p.alpha) - g(p.r)
    if model == BG:
        a2 = g(p.a + p.b) + g(p.b + c.x) - g(p.b) - g(p.a + p.b + c.x)
        a4 = (p.a / (p.b + c.x - 1)) * (p.alpha + c.t_x) ** -(p.r + c.x) if c.x > 0 else 0.0
    else:
        a2 = g(p.a + p.b) + g(p.b + c.x + 1) - g(p.b) - g(p.a + p.b + c.x + 1)
        a4 = (p.a / (p.b + c.x)) * (p.alpha + c.t_x) ** -(p.r + c.x)
    return a1 + a2 + math.log((p.alpha + c.T) ** -(p.r + c.x) + a4)


@pytest.mark.parametrize("model", [BG, MBG])
def test_the_log_likelihood_is_the_papers_sum(model: str) -> None:
    customers = cdnow_weeks()
    for params in (PAPER, Params(0.5, 6.0, 0.9, 1.6), Params(2.0, 30.0, 1.5, 8.0)):
        by_hand = sum(log_likelihood_by_the_book(model, params, c) for c in customers)
        assert log_likelihood(model, params, customers) == pytest.approx(by_hand, rel=1e-10)
