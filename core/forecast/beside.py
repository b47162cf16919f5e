"""The forecast fitted in a process of its own, so that the window never waits for it.

A fit of 100,000 buyers is seconds of pure Python. In a thread of the window's process it holds the
interpreter lock against the window: the search typed meanwhile took over a second a key. In a
process started with ``spawn`` (as on every platform Rapport runs on, and with none of the window's
threads or Qt inherited) it costs the window nothing but sending the buyers there: grouped first,
100,000 buyers are a few thousand weighted rows.
"""

from __future__ import annotations

from typing import Callable, Sequence

from core.forecast.fit import Fit, FitStopped, fit
from core.forecast.models import Customer, grouped
from core.processes import in_a_process


def _fit_rows(model: str, rows: list[tuple[int, float, float, int]]) -> Fit:
    """In the child: the fit of the grouped buyers (a top-level function, so ``spawn`` can find it)."""
    return fit(model, [Customer(x, t_x, T, weight) for x, t_x, T, weight in rows])


def fit_in_a_process(model: str, customers: Sequence[Customer], stop: Callable[[], bool] = lambda: False) -> Fit:
    """The same fit as ``fit(model, customers)``, made in a child process. ``stop`` is asked while
    waiting: when it says so, the child is ended and ``FitStopped`` raised (the window closed)."""
    rows = [(c.x, c.t_x, c.T, c.weight) for c in grouped(customers)]
    return in_a_process(_fit_rows, (model, rows), stop, FitStopped)
