"""The book's visits summarised for the forecast, and the fitted forecast kept in the book.

A visit is a day with a purchase (one a day however many tickets; a refund is never one), by a
contact neither trashed nor on the team. The window fits in the background after an import and once a
week (``due``, ``ui.forecast_fit``); every contact is then scored from the kept parameters in a blink.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterable

from core.forecast.fit import Fit, StoredFit, fit
from core.forecast.models import MBG, Customer, Params, expected_visits_if_alive, p_alive
from core.forecast.outlook import QUARTER_DAYS, Outlook, in_words, numbers_in_words, outlook_of
from core.ladder.facts import rhythm_of
from core.store.writes import writes
from core.i18n import _

if TYPE_CHECKING:
    from core.store.book import Book

REFIT_EVERY_DAYS = 7


@dataclass(frozen=True)
class Silence:
    """What a quiet regular's silence costs, in cents over the next three months, and P(alive)."""

    cost_cents: float
    alive: float


@dataclass(frozen=True)
class Buyers:
    """How many buyers the book has against the minimum a forecast needs."""

    buyers: int
    repeat_buyers: int
    min_buyers: int
    min_repeat_buyers: int

    @property
    def enough(self) -> bool:
        return self.buyers >= self.min_buyers and self.repeat_buyers >= self.min_repeat_buyers

    def in_words(self) -> str:
        """Why there is no forecast yet, naming the count that falls short."""
        if self.buyers < self.min_buyers:
            return _("Not enough buyers yet for a forecast: {buyers:,} of {min_buyers:,}").format(buyers=self.buyers, min_buyers=self.min_buyers)
        return (_("Not enough buyers who came back yet for a forecast: {repeat_buyers:,} of {min_repeat_buyers:,}").format(repeat_buyers=self.repeat_buyers, min_repeat_buyers=self.min_repeat_buyers))


class Forecasts:
    """As ``book.forecasts``."""

    def __init__(self, book: Book) -> None:
        self.book = book

    def visit_days(self, until: date) -> dict[int, tuple[int, date, date]]:
        """Each buyer's (days with a purchase, first such day, last such day) up to ``until``."""
        rows = self.book.conn.execute(
            "SELECT i.contact_id, count(DISTINCT i.occurred_on), min(i.occurred_on), max(i.occurred_on) "
            "FROM interactions i JOIN contacts c ON c.id = i.contact_id AND c.deleted_on IS NULL AND c.role <> 'team' "
            "WHERE i.kind = 'purchase' AND i.occurred_on <= ? GROUP BY i.contact_id", [until.isoformat()])
        return {cid: (days, date.fromisoformat(first), date.fromisoformat(last)) for cid, days, first, last in rows}

    def summaries(self, until: date, unit_days: int = 1) -> dict[int, Customer]:
        """Each buyer as the model sees them: repeat visits, the last one's time and the period, in units
        of ``unit_days`` counted from the first visit, the period running to the end of ``until``."""
        return {cid: Customer(days - 1, (last - first).days / unit_days, (until - first).days / unit_days)
                for cid, (days, first, last) in self.visit_days(until).items()}

    def purchase_days(self, contact_id: int, until: date) -> tuple[date, ...]:
        """One contact's days with a purchase up to ``until``, oldest first (their rhythm is read from them)."""
        return tuple(date.fromisoformat(day) for (day,) in self.book.conn.execute(
            "SELECT DISTINCT occurred_on FROM interactions WHERE contact_id = ? AND kind = 'purchase' "
            "AND occurred_on <= ? ORDER BY occurred_on", [contact_id, until.isoformat()]))

    def most_frequent_recent_buyer(self, today: date, within_days: int = 21) -> int | None:
        """The buyer with the most visits among those who came in the last ``within_days`` (a regular
        still coming: the forecast's sentence at its best, for the screenshots and the demo)."""
        row = self.book.conn.execute(
            "SELECT contact_id FROM interactions WHERE kind = 'purchase' AND occurred_on <= ? GROUP BY contact_id "
            "HAVING max(occurred_on) >= date(?, ?) ORDER BY count(DISTINCT occurred_on) DESC, contact_id LIMIT 1",
            [today.isoformat(), today.isoformat(), f"-{within_days} days"]).fetchone()
        return row[0] if row else None

    def visits_between(self, after: date, until: date) -> dict[int, int]:
        """Days with a purchase after ``after`` up to ``until``, per buyer (a holdout's actual visits)."""
        return dict(self.book.conn.execute(
            "SELECT i.contact_id, count(DISTINCT i.occurred_on) FROM interactions i "
            "JOIN contacts c ON c.id = i.contact_id AND c.deleted_on IS NULL AND c.role <> 'team' "
            "WHERE i.kind = 'purchase' AND i.occurred_on > ? AND i.occurred_on <= ? GROUP BY i.contact_id",
            [after.isoformat(), until.isoformat()]))

    def buyers(self, customers: dict[int, Customer]) -> Buyers:
        settings = self.book.settings()
        return Buyers(len(customers), sum(1 for c in customers.values() if c.x > 0),
                      settings.forecast_min_buyers, settings.forecast_min_repeat_buyers)

    def buyers_now(self, today: date) -> Buyers:
        """The buyers and those who came back, counted now off the purchases index; asked while a
        book has no fit, to say how far short of the minimum it is. Counted exactly below the
        minimum; past it, the count stops once the minimum is surely reached (a book of 100,000
        contacts before its first fit is kept: counting every buyer cost 0.2 s each time the pane
        showed a contact, against 4 ms)."""
        settings = self.book.settings()
        enough = max(settings.forecast_min_buyers, settings.forecast_min_repeat_buyers)
        for cap in (4 * enough, None):  # the capped count first; every buyer when it could not tell
            buyers, repeat = self.book.conn.execute(
                "SELECT count(*), coalesce(sum(days > 1), 0) FROM (SELECT i.contact_id, "
                "count(DISTINCT i.occurred_on) AS days FROM interactions i JOIN contacts c ON c.id = i.contact_id "
                "AND c.deleted_on IS NULL AND c.role <> 'team' WHERE i.kind = 'purchase' AND i.occurred_on <= ? "
                f"GROUP BY i.contact_id{' LIMIT ?' if cap else ''})",
                [today.isoformat(), *([cap] if cap else [])]).fetchone()
            counted = Buyers(buyers, repeat, settings.forecast_min_buyers, settings.forecast_min_repeat_buyers)
            if cap is None or buyers < cap or counted.enough:
                return counted
        raise AssertionError("the uncapped count always returns")

    def stored(self, model: str = MBG) -> StoredFit | None:
        row = self.book.conn.execute(
            "SELECT model, r, alpha, a, b, log_likelihood, customers, repeat_buyers, unit_days, calibrated_to, "
            "fitted_on FROM forecast_fit WHERE model = ?", [model]).fetchone()
        if row is None:
            return None
        return StoredFit(Fit(row[0], Params(*row[1:5]), row[5], row[6], row[7]), row[8],
                         date.fromisoformat(row[9]), date.fromisoformat(row[10]))

    def worked_out(self, today: date, model: str = MBG, unit_days: int = 1) -> tuple[Buyers, StoredFit | None]:
        """The buyers up to ``today``, counted, and at the minimum or past it the fit on their visits:
        read only, so that the window works it out in a process of its own (``core.forecast_beside``)."""
        customers = self.summaries(today, unit_days)
        counted = self.buyers(customers)
        if not counted.enough:
            return counted, None
        return counted, StoredFit(fit(model, list(customers.values())), unit_days, today, today)

    @writes
    def refit(self, today: date, model: str = MBG, unit_days: int = 1) -> StoredFit | Buyers:
        """Fit on every visit up to ``today`` and keep the result; below the minimum, forget any earlier
        fit (a book emptied by the trash shows no stale number) and say how far short it is."""
        counted, stored = self.worked_out(today, model, unit_days)
        return self.keep_outcome(counted, stored, today, model)

    @writes
    def keep_outcome(self, counted: Buyers, stored: StoredFit | None, today: date, model: str = MBG) -> StoredFit | Buyers:
        """Keep what a fit came to, in one transaction: the buyers counted, and the fit, or none below the
        minimum. The window fits off the book's connection and keeps the result here (``ui.forecast_fit``)."""
        with self.book.transaction():
            self._keep_count(counted, today)
            if stored is None:
                self.book.conn.execute("DELETE FROM forecast_fit WHERE model = ?", [model])
            else:
                self.keep(stored)
        return counted if stored is None else stored

    @writes
    def keep(self, stored: StoredFit) -> None:
        """Keep a fit in the book, in place of the model's last one."""
        found = stored.fit
        with self.book.transaction():
            self.book.conn.execute(
                "INSERT OR REPLACE INTO forecast_fit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [found.model, found.params.r, found.params.alpha, found.params.a, found.params.b,
                 found.log_likelihood, found.customers, found.repeat_buyers, stored.unit_days,
                 stored.calibrated_to.isoformat(), stored.fitted_on.isoformat()])

    def _keep_count(self, counted: Buyers, today: date) -> None:
        self.book.conn.execute("INSERT OR REPLACE INTO forecast_count VALUES (1, ?, ?, ?)",
                               [counted.buyers, counted.repeat_buyers, today.isoformat()])

    def last_count(self) -> tuple[Buyers, date] | None:
        """The buyers counted at the last fit (or the last try below the minimum), and when."""
        row = self.book.conn.execute("SELECT buyers, repeat_buyers, counted_on FROM forecast_count").fetchone()
        if row is None:
            return None
        settings = self.book.settings()
        return (Buyers(row[0], row[1], settings.forecast_min_buyers, settings.forecast_min_repeat_buyers),
                date.fromisoformat(row[2]))

    def due(self, today: date) -> bool:
        """Whether the weekly fit is due: never tried, or tried a week ago or more (or on a later day
        than today: the clock was set back)."""
        last = self.last_count()
        return last is None or not timedelta(0) <= today - last[1] < timedelta(days=REFIT_EVERY_DAYS)

    def outlook(self, contact_id: int, today: date, stored: StoredFit) -> Outlook | None:
        """One contact's forecast from a kept fit; None for a contact who has not bought (or is on the
        team, or in the trash)."""
        row = self.book.conn.execute(
            "SELECT count(DISTINCT i.occurred_on), min(i.occurred_on), max(i.occurred_on) FROM interactions i "
            "JOIN contacts c ON c.id = i.contact_id AND c.deleted_on IS NULL AND c.role <> 'team' "
            "WHERE i.contact_id = ? AND i.kind = 'purchase' AND i.occurred_on <= ?",
            [contact_id, today.isoformat()]).fetchone()
        if not row[0]:
            return None
        first, last_visit = date.fromisoformat(row[1]), date.fromisoformat(row[2])
        unit = stored.unit_days
        customer = Customer(row[0] - 1, (last_visit - first).days / unit, (today - first).days / unit)
        settings = self.book.settings()
        rhythm = rhythm_of(self.purchase_days(contact_id, today), settings)
        return outlook_of(stored, customer, last_visit, today, rhythm, settings.leap_day_on_28)

    def silence(self, ids: Iterable[int], today: date, model: str = MBG) -> dict[int, Silence]:
        """What each one's silence costs (their average spend × the visits they would make in the next
        three months if still with us × the chance they are not) and that chance, from the kept fit;
        empty without one. Read in one pass over their purchases."""
        stored = self.stored(model)
        wanted = list(ids)
        if stored is None or not wanted:
            return {}
        fit, unit, out = stored.fit, stored.unit_days, {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            for cid, days, first, last, spent, priced in self.book.conn.execute(
                    "SELECT contact_id, count(DISTINCT occurred_on), min(occurred_on), max(occurred_on), "
                    "coalesce(sum(amount_cents), 0), count(amount_cents) FROM interactions "
                    f"WHERE kind = 'purchase' AND occurred_on <= ? AND contact_id IN ({','.join('?' * len(chunk))}) "
                    "GROUP BY contact_id", [today.isoformat(), *chunk]):
                first_day, last_day = date.fromisoformat(first), date.fromisoformat(last)
                x, t_x, T = days - 1, (last_day - first_day).days / unit, (today - first_day).days / unit
                alive = p_alive(fit.model, fit.params, x, t_x, T)
                visits = expected_visits_if_alive(fit.model, fit.params, QUARTER_DAYS / unit, x, t_x, T)
                average = spent / priced if priced else 0.0
                out[cid] = Silence(average * visits * (1.0 - alive), alive)
        return out

    def outlook_for(self, contact_id: int, today: date, model: str = MBG) -> tuple[str, str] | None:
        """The pane's forecast of one contact: the sentence and the numbers behind it; or, for a book
        below the minimum, why there is none ("Not enough buyers yet…", no numbers). None for a contact
        who has not bought, and before the first fit was tried."""
        stored = self.stored(model)
        if stored is None:
            if not self.purchase_days(contact_id, today):
                return None
            counted = self.buyers_now(today)  # no fit: the book is small, or the first fit has not run yet
            return None if counted.enough else (f"{counted.in_words()}.", "")
        outlook = self.outlook(contact_id, today, stored)
        return None if outlook is None else (in_words(outlook), numbers_in_words(outlook, stored))
