"""BG/NBD (Fader, Hardie & Lee, "Counting Your Customers the Easy Way", Marketing Science 24(2),
2005) and MBG/NBD (Batislam, Denizel & Filiztekin, 2007): their log-likelihood, P(alive) and
expected repeat visits, in plain ``math``.

Each customer is summarised as (x, t_x, T): repeat visits in the calibration period, the time of
the last one and the length of the period, both counted from the first visit. BG/NBD lets a
customer drop out only after a repeat visit, so a one-time buyer is always "alive"; MBG/NBD lets
them drop out after the first visit too, which is why it is the default for a shop's book.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

BG, MBG = "bg", "mbg"


@dataclass(frozen=True)
class Params:
    """r, alpha: the gamma mixing of visit rates; a, b: the beta mixing of the chance to drop out."""

    r: float
    alpha: float
    a: float
    b: float


@dataclass(frozen=True)
class Customer:
    """One customer's calibration summary; ``weight`` customers share it (the fit groups them)."""

    x: int
    t_x: float
    T: float
    weight: int = 1


def log_likelihood(model: str, params: Params, customers: Iterable[Customer]) -> float:
    """The sample's log-likelihood. The gamma terms depend on x alone, so they are worked out once
    for each distinct x (a book has a few dozen) and each customer costs a power and a logarithm."""
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    by_x: dict[int, float] = {}
    total = 0.0
    shift = 1 if model == MBG else 0
    for c in customers:
        x = c.x
        head = by_x.get(x)
        if head is None:
            head = by_x[x] = (math.lgamma(r + x) - math.lgamma(r) + r * math.log(alpha)
                              + math.lgamma(a + b) + math.lgamma(b + x + shift)
                              - math.lgamma(b) - math.lgamma(a + b + x + shift))
        rx = r + x
        body = -rx * math.log(alpha + c.T)
        if x > 0 or shift:
            # log(A3 + A4) with A4 / A3 = a / (b + x - 1 + shift) · ((alpha + T) / (alpha + t_x)) ** (r + x)
            ratio = math.log(a / (b + x - 1 + shift)) + rx * (math.log(alpha + c.T) - math.log(alpha + c.t_x))
            body += ratio + math.log1p(math.exp(-ratio)) if ratio > 0 else math.log1p(math.exp(ratio))
        total += c.weight * (head + body)
    return total


def p_alive(model: str, params: Params, x: int, t_x: float, T: float) -> float:
    """The chance that a customer with this history has not dropped out by T."""
    if model == BG and x == 0:
        return 1.0
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    shift = 1 if model == MBG else 0
    ratio = math.log(a / (b + x - 1 + shift)) + (r + x) * (math.log(alpha + T) - math.log(alpha + t_x))
    return 1.0 / (1.0 + math.exp(ratio)) if ratio < 700 else 0.0


def expected_visits(model: str, params: Params, t: float, x: int, t_x: float, T: float) -> float:
    """The visits to expect in the next ``t`` from a customer with this history (the paper's eq. 10;
    MBG/NBD's form for the modified model): those of a customer still with us, times P(alive)."""
    return expected_visits_if_alive(model, params, t, x, t_x, T) * p_alive(model, params, x, t_x, T)


def expected_visits_if_alive(model: str, params: Params, t: float, x: int, t_x: float, T: float) -> float:
    """The visits to expect in the next ``t`` from this customer if they are still with us: what their
    silence costs, in visits, if they are not."""
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    shift = 1 if model == MBG else 0
    z = t / (alpha + T + t)
    hyper = hyp2f1(r + x, b + x + shift, a + b + x - 1 + shift, z)
    first = (a + b + x - 1 + shift) / (a - 1)
    second = 1.0 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyper
    return first * second


def expected_in_period(model: str, params: Params, t: float) -> float:
    """E[X(t)]: the visits a new customer makes in ``t`` after their first (the paper's eq. 7)."""
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    z = t / (alpha + t)
    if model == MBG:
        return (b / (a - 1)) * (1.0 - (alpha / (alpha + t)) ** r * hyp2f1(r, b + 1, a + b, z))
    return ((a + b - 1) / (a - 1)) * (1.0 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z))


def hyp2f1(a: float, b: float, c: float, z: float) -> float:
    """Gauss's hypergeometric function for 0 <= z < 1, by its series (every term positive here)."""
    term = total = 1.0
    for j in range(100_000):
        term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z
        total += term
        if abs(term) < 1e-15 * abs(total):
            return total
    return total


def grouped(customers: Sequence[Customer]) -> list[Customer]:
    """Customers with the same (x, t_x, T) as one weighted customer: the likelihood is a sum."""
    counts: dict[tuple[int, float, float], int] = {}
    for c in customers:
        key = (c.x, c.t_x, c.T)
        counts[key] = counts.get(key, 0) + c.weight
    return [Customer(x, t_x, T, n) for (x, t_x, T), n in counts.items()]
