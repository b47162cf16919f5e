"""Fitting BG/NBD or MBG/NBD by maximum likelihood, with the standard library alone.

The four parameters are searched on a log scale (they are all positive) by Nelder–Mead, which
needs no derivatives; the sample is grouped first (customers alike are counted, not repeated).
Started from r = a = b = 1 and alpha at the mean period, it reproduces the paper's CDNOW figures
to the third decimal (tests/test_forecast_model.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Callable, Sequence

from core.forecast.models import Customer, Params, grouped, log_likelihood


@dataclass(frozen=True)
class Fit:
    model: str
    params: Params
    log_likelihood: float
    customers: int  # how many customers the fit used
    repeat_buyers: int  # of whom bought more than once


@dataclass(frozen=True)
class StoredFit:
    """A fit as the book keeps it: in which unit of days, up to which day, fitted when."""

    fit: Fit
    unit_days: int
    calibrated_to: date
    fitted_on: date


class FitStopped(Exception):
    """The fit was asked to stop (the book left the window) before it was done."""


def fit(model: str, customers: Sequence[Customer], stop: Callable[[], bool] = lambda: False) -> Fit:
    """The parameters that make the sample most likely under ``model``. ``stop`` is asked before
    each try of the parameters (a few hundredths of a second at 100,000 buyers): a window closing
    during a fit of seconds is not kept waiting."""
    sample = grouped(customers)
    people = sum(c.weight for c in sample)
    mean_T = sum(c.T * c.weight for c in sample) / max(people, 1)

    def cost(point: Sequence[float]) -> float:
        if stop():
            raise FitStopped
        params = Params(*(math.exp(v) for v in point))
        try:
            return -log_likelihood(model, params, sample)
        except (ValueError, OverflowError, ZeroDivisionError):
            return math.inf

    best = nelder_mead(cost, [0.0, math.log(max(mean_T, 1e-3)), 0.0, 0.0])
    best = nelder_mead(cost, best, step=0.05)  # a restart from the end: the simplex may have collapsed early
    params = Params(*(math.exp(v) for v in best))
    return Fit(model, params, -cost(best), people, sum(c.weight for c in sample if c.x > 0))


def nelder_mead(cost: Callable[[Sequence[float]], float], start: Sequence[float], step: float = 0.5,
                tolerance: float = 1e-10, most: int = 5000) -> list[float]:
    """The point near ``start`` where ``cost`` is least (the classic reflect, expand, contract, shrink)."""
    size = len(start)
    simplex = [list(start)] + [[v + (step if i == k else 0.0) for i, v in enumerate(start)] for k in range(size)]
    values = [cost(p) for p in simplex]
    for _ in range(most):
        order = sorted(range(size + 1), key=values.__getitem__)
        simplex, values = [simplex[i] for i in order], [values[i] for i in order]
        if abs(values[-1] - values[0]) <= tolerance * (abs(values[0]) + tolerance):
            break
        centre = [sum(p[i] for p in simplex[:-1]) / size for i in range(size)]
        worst = simplex[-1]
        reflected = [c + (c - w) for c, w in zip(centre, worst)]
        value = cost(reflected)
        if value < values[0]:
            expanded = [c + 2 * (c - w) for c, w in zip(centre, worst)]
            expanded_value = cost(expanded)
            simplex[-1], values[-1] = (expanded, expanded_value) if expanded_value < value else (reflected, value)
        elif value < values[-2]:
            simplex[-1], values[-1] = reflected, value
        else:
            inside = value >= values[-1]
            towards = worst if inside else reflected
            contracted = [c + 0.5 * (t - c) for c, t in zip(centre, towards)]
            contracted_value = cost(contracted)
            if contracted_value < min(value, values[-1]):
                simplex[-1], values[-1] = contracted, contracted_value
            else:
                best = simplex[0]
                simplex = [best] + [[b + 0.5 * (v - b) for b, v in zip(best, p)] for p in simplex[1:]]
                values = [values[0]] + [cost(p) for p in simplex[1:]]
    return simplex[min(range(size + 1), key=values.__getitem__)]
