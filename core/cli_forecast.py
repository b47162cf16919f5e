"""``rapport forecast``: fit the forecast on the book's visits, print what it found, score one contact.

The parameters and the log-likelihood are printed one a line, so that a fit can be checked against
the paper (``r = 0.2426``); ``--until`` fits on the visits up to that day and, when the book goes on
past it, prints the holdout check: visits expected against visits made, in all and by how many
times each customer came back in the calibration period (the paper's table, 0 to 7+).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Callable, TextIO

from core import operations
from core.errors import ValidationError
from core.forecast.fit import StoredFit, fit
from core.forecast.models import BG, MBG, Customer, Params, expected_visits
from core.forecast.outlook import QUARTER_DAYS, in_words
from core.text import format_day
from core.store.forecasts import Buyers
from core.validation import parse_day
from core.i18n import _

if TYPE_CHECKING:
    from core.store import Book

UNITS = {"days": 1, "weeks": 7}
TOP_ROW = 7  # the holdout table's last row gathers 7 or more repeat visits


def add_parsers(sub: argparse._SubParsersAction, contact_number: Callable[[str], int]) -> None:
    forecast = sub.add_parser("forecast", help=_("fit the forecast (P(alive), visits to expect) and print it"))
    forecast.add_argument("--model", choices=[BG, MBG], default=MBG,
                          help=_("bg: BG/NBD; mbg: modified BG/NBD, where a one-time buyer may have gone (default)"))
    forecast.add_argument("--until", help=_("fit on the visits up to this day (YYYY-MM-DD); the rest is the holdout"))
    forecast.add_argument("--unit", choices=list(UNITS), default="days", help=_("the unit of time (default days)"))
    forecast.add_argument("--contact", type=contact_number, help=_("print this contact's forecast"))
    dashboard = sub.add_parser("dashboard", help=_("the book at a glance: its figures as text, or one page (--out)"))
    dashboard.add_argument("--out", help=_("write the dashboard as a one-page PDF"))


def run(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    today: date = args.today
    unit = UNITS[args.unit]
    if args.contact is not None:
        return _one(book, args, today, out)
    until = parse_day(args.until, "--until") if args.until else today
    if until > today:
        raise ValidationError("--until", args.until, _("is after today; a forecast is fitted on visits already made"))
    customers: dict[int, Customer] = {}
    if args.until is None and not book.read_only:
        found = operations.refit_forecast(book, today, args.model, unit).value  # kept, or forgotten below the minimum
        if isinstance(found, Buyers):
            print(f"{found.in_words()}.", file=out)
            return 0
        result = found.fit
    else:
        customers = book.forecasts.summaries(until, unit)
        counted = book.forecasts.buyers(customers)
        if not counted.enough:
            print(f"{counted.in_words()}.", file=out)
            return 0
        result = fit(args.model, list(customers.values()))
    for name in ("r", "alpha", "a", "b"):
        print(f"{name} = {getattr(result.params, name):.4f}", file=out)
    print(_("log-likelihood = {log_likelihood:.2f}").format(log_likelihood=result.log_likelihood), file=out)
    print(_("customers = {customers:,} ({repeat_buyers:,} came back at least once)").format(customers=result.customers, repeat_buyers=result.repeat_buyers), file=out)
    last = book.conn.execute("SELECT max(occurred_on) FROM interactions WHERE kind = 'purchase'").fetchone()[0]
    if args.until and last and date.fromisoformat(last) > until:
        _holdout(book, args.model, result.params, customers, until, date.fromisoformat(last), unit, out)
    return 0


def _holdout(book: Book, model: str, params: Params, customers: dict[int, Customer], until: date, end: date, unit: int,
             out: TextIO) -> None:
    span = (end - until).days / unit
    made = book.forecasts.visits_between(until, end)
    rows: dict[int, list[float]] = {}
    for cid, c in customers.items():
        row = rows.setdefault(min(c.x, TOP_ROW), [0, 0.0, 0.0])
        row[0] += 1
        row[1] += expected_visits(model, params, span, c.x, c.t_x, c.T)
        row[2] += made.get(cid, 0)
    expected, actual = sum(r[1] for r in rows.values()), sum(r[2] for r in rows.values())
    print(_("holdout {fromordinal} – {end}: {expected:,.1f} repeat visits expected, {actual:,.0f} made").format(fromordinal=format_day(until.fromordinal(until.toordinal() + 1)), end=format_day(end), expected=expected, actual=actual), file=out)
    print(f"{'came back':>10} {'customers':>10} {'expected':>10} {'made':>8}", file=out)
    for x in sorted(rows):
        people, want, got = rows[x]
        label = f"{x}+" if x == TOP_ROW else str(x)
        print(f"{label:>10} {people:>10,} {want:>10,.1f} {got:>8,.0f}", file=out)


def _one(book: Book, args: argparse.Namespace, today: date, out: TextIO) -> int:
    name = book.contacts.get(args.contact).name
    stored = book.forecasts.stored(args.model)
    if stored is None:
        counted = book.forecasts.buyers(book.forecasts.summaries(today))
        if not counted.enough:
            print(f"{counted.in_words()}.", file=out)
            return 0
        if book.read_only:
            print(_("No forecast has been fitted yet: run rapport forecast."), file=out)
            return 0
        found = operations.refit_forecast(book, today, args.model).value
        assert isinstance(found, StoredFit)
        stored = found
    outlook = book.forecasts.outlook(args.contact, today, stored)
    if outlook is None:
        print(_("{name} has not bought yet: there is nothing to forecast from.").format(name=name), file=out)
        return 0
    print(f"{name}: {in_words(outlook)}", file=out)
    print(_("P(alive) = {alive:.3f}").format(alive=outlook.alive), file=out)
    print(_("expected visits in the next {QUARTER_DAYS} days = {expected:.2f}").format(QUARTER_DAYS=QUARTER_DAYS, expected=outlook.expected), file=out)
    return 0


def dashboard(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    """The dashboard's figures as tables of text, or drawn on one page."""
    figures = book.dashboard.figures(args.today)
    if args.out is not None:
        from core.outputs import checked_output, write_atomically
        from core.printing.dashboard_pdf import render_dashboard

        target = checked_output(args.out, book.path)
        settings = book.settings()
        write_atomically(target, lambda tmp: render_dashboard(figures, tmp, settings.business_name, args.today,
                                                              settings.paper_size))
        print(_("Wrote the dashboard to {target}.").format(target=target), file=out)
        return 0
    for figure in figures:
        print(f"{figure.title}" + (f" ({figure.unit})" if figure.unit else ""), file=out)
        names = [name for name, _ignored in figure.series]
        width = max(len(c) for c in figure.categories) if figure.categories else 0
        widths = [max(len(name), 8) for name in names]
        print(f"  {'':<{width}}  " + "  ".join(f"{n:>{w}}" for n, w in zip(names, widths)), file=out)
        for row in figure.rows():
            print(f"  {row[0]:<{width}}  " + "  ".join(f"{c:>{w}}" for c, w in zip(row[1:], widths)), file=out)
        if figure.note:
            print(f"  {figure.note}", file=out)
        print(file=out)
    return 0


HANDLERS: dict[str | None, Callable[..., int]] = {"forecast": run, "dashboard": dashboard}
