"""One contact's forecast in the owner's words: how likely they are still with us, their usual gap,
and the visits to expect in the next three months (DESIGN: P(alive) orders and words, never
decides a tier; it never says "gone")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.text import day_and_month, format_day
from core.forecast.models import Customer, expected_visits, p_alive
from core.ladder.facts import YEARLY, every_words, next_on_rhythm
from core.forecast.fit import StoredFit
from core.i18n import _, ngettext

QUARTER_DAYS = 91  # "the next 3 months"
LIKELY, SLIPPING = 0.7, 0.4  # at or above: "likely still with you"; at or above: "may be slipping"


@dataclass(frozen=True)
class Outlook:
    alive: float  # P(alive), 0..1
    expected: float  # visits expected in the next QUARTER_DAYS
    usual_gap_days: float | None  # their mean gap between visits; None after one visit
    yearly_around: date | None = None  # the next day a buyer on a yearly rhythm usually buys


def outlook_of(stored: StoredFit, customer: Customer, last_visit: date, today: date,
               rhythm_days: int | None = None, leap_day_on_28: bool = True) -> Outlook:
    """The forecast of a buyer summarised as ``customer`` (in the fit's units) as of ``today``; a
    yearly ``rhythm_days`` words them by the day they usually buy, as their plan's step does."""
    fit, unit = stored.fit, stored.unit_days
    alive = p_alive(fit.model, fit.params, customer.x, customer.t_x, customer.T)
    expected = expected_visits(fit.model, fit.params, QUARTER_DAYS / unit, customer.x, customer.t_x, customer.T)
    gap = customer.t_x * unit / customer.x if customer.x > 0 else None
    around = None
    if rhythm_days is not None and rhythm_days in YEARLY:
        around = next_on_rhythm(last_visit, rhythm_days, leap_day_on_28)
        while around < today - timedelta(days=30):  # years missed: the coming one
            around = next_on_rhythm(around, rhythm_days, leap_day_on_28)
    return Outlook(alive, expected, gap, around)


def in_words(outlook: Outlook) -> str:
    """"Likely still with you (84 %) · usually every 5 weeks · about 2 visits expected in the next 3
    months"; a yearly buyer is worded by their rhythm instead of a chance the model cannot judge."""
    parts = []
    if outlook.yearly_around is not None:
        parts.append(_("Usually buys around {yearly_around}, once a year").format(yearly_around=day_and_month(outlook.yearly_around)))
    else:
        # A no-break space: "(93" and "%)" never land on two lines of a narrow pane.
        parts.append(f"{chance_words(outlook.alive)} ({round(outlook.alive * 100)}\u00a0%)")
        if outlook.usual_gap_days is not None:
            parts.append(_("usually every {every_words}").format(every_words=every_words(outlook.usual_gap_days)))
    parts.append(visits_words(outlook.expected))
    return " · ".join(parts)


def chance_words(alive: float) -> str:
    if alive >= LIKELY:
        return _("Likely still with you")
    if alive >= SLIPPING:
        return _("May be slipping")
    return _("May have moved on")


def slipping_words(alive: float) -> str:
    """A slipping regular's line on the checklist, by how likely they are still with us: never "gone"."""
    percent = f"({round(alive * 100)}\u00a0%)"
    if alive >= LIKELY:
        return _("probably still a customer {percent}").format(percent=percent)
    if alive >= SLIPPING:
        return _("may be slipping {percent}").format(percent=percent)
    return _("may have moved on {percent}: worth one call").format(percent=percent)


def visits_words(expected: float) -> str:
    if expected < 0.5:
        return _("under one visit expected in the next 3 months")
    count = max(1, int(expected + 0.5))  # half up: round() would say "about 0 visits" at 0.5
    return ngettext("about {count} visit expected in the next 3 months", "about {count} visits expected in the next 3 months", count).format(count=count)


def numbers_in_words(outlook: Outlook, stored: StoredFit) -> str:
    """The figures behind the sentence, for whoever wants them: the chance, the visits, the fit."""
    fit = stored.fit
    name = "MBG/NBD" if fit.model == "mbg" else "BG/NBD"
    return (_("P(alive) {alive:.2f} · {expected:.1f} visits expected in the next {QUARTER_DAYS} days · {name} fitted on {fitted_on} from {customers:,} buyers ({repeat_buyers:,} came back): r {r:.3f}, alpha {alpha:.2f}, a {a:.3f}, b {b:.3f}").format(alive=outlook.alive, expected=outlook.expected, QUARTER_DAYS=QUARTER_DAYS, name=name, fitted_on=format_day(stored.fitted_on), customers=fit.customers, repeat_buyers=fit.repeat_buyers, r=fit.params.r, alpha=fit.params.alpha, a=fit.params.a, b=fit.params.b))
