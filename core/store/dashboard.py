"""The dashboard's figures: the shape of the book as numbers, worked out here and only drawn by the
window (``ui.dashboard``) and the page (``core.printing.dashboard_pdf``), so each is tested without Qt.

Every figure is categories and one or more series of numbers over them, with a title, what it
shows in one sentence (the chart's description, for a screen reader too) and its unit.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from core.domain import Tier
from core.figure import Figure
from core.i18n import _, ngettext
from core.text import day_and_month, format_count, month_words

if TYPE_CHECKING:
    from core.store.book import Book

MONTHS = 12
WEEKS_AHEAD = 4
ALIVE_BINS = 10  # the P(alive) histogram's bars, each a tenth wide


def month_starts(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the last ``count`` months, this one last."""
    starts, year, month = [], today.year, today.month
    for _ignored in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def month_labels(starts: list[date]) -> tuple[str, ...]:
    """"Dec 2025", "Jan 2026", "Feb"…: the year at the first month and at each January."""
    return tuple(month_words(s, with_year=i == 0 or s.month == 1) for i, s in enumerate(starts))


def month_axis(starts: list[date]) -> tuple[tuple[str, ...], str]:
    """A month-by-month figure's chart axis: the months alone under the bars, and the span they
    cover as the axis's title. A chart as narrow as the dashboard's hid "Jan 2026", leaving the
    first bar, and a January in the middle, without a name."""
    return (tuple(month_words(s) for s in starts),
            f"{month_words(starts[0], with_year=True)} – {month_words(starts[-1], with_year=True)}")


class Dashboard:
    """As ``book.dashboard``."""

    def __init__(self, book: Book) -> None:
        self.book = book

    def changed_mark(self) -> tuple[int, int]:
        """A mark that changes whenever the book does, by this connection or another (the window's
        writes, the background re-tier's, an import's): the open dashboard compares it to redraw."""
        return self.book.conn.total_changes, self.book.conn.execute("PRAGMA data_version").fetchone()[0]

    def figures(self, today: date) -> list[Figure]:
        return [self.ladder(), self.moves(today), self.revenue(today), self.sources(), self.alive(today),
                self.ahead(today)]

    def summary(self, today: date) -> str:
        """The book in one line for the checklist's first page (``summary_line``)."""
        rank = {t.value: t.rank for t in Tier}
        moved_up = sum(1 for from_tier, to_tier in self.book.conn.execute(
            "SELECT h.from_tier, h.to_tier FROM tier_history h JOIN contacts c ON c.id = h.contact_id "
            "AND c.deleted_on IS NULL WHERE h.from_tier IS NOT NULL AND h.changed_on >= ? AND h.changed_on <= ?",
            [today.replace(day=1).isoformat(), today.isoformat()])
            if from_tier in rank and to_tier in rank and rank[to_tier] > rank[from_tier])
        return summary_line(self.book.contacts.view_counts(), moved_up)

    def ladder(self) -> Figure:
        """Contacts on each rung today, and of them the hybrids (on one rung, also on another)."""
        counts = {tier: [0, 0] for tier in Tier}
        for tier, people, hybrids in self.book.conn.execute(
                "SELECT s.tier, count(*), sum(s.also IS NOT NULL) FROM contact_status s "
                "JOIN contacts c ON c.id = s.contact_id AND c.deleted_on IS NULL WHERE s.tier <> 'team' GROUP BY s.tier"):
            counts[Tier(tier)] = [people, hybrids or 0]
        hybrids = [f"{format_count(counts[t][1])} {t.nouns if counts[t][1] != 1 else t.noun}" for t in Tier if counts[t][1]]
        return Figure("ladder", _("The ladder today"), _("How many contacts stand on each rung, and how many of "
                      "them are hybrids (also on another rung)."), tuple(t.plural for t in Tier),
                      ((_("Contacts"), tuple(float(counts[t][0]) for t in Tier)),
                       (_("of whom hybrids"), tuple(float(counts[t][1]) for t in Tier))), _("contacts"),
                      _("Hybrids, also on another rung: {join}.").format(join=', '.join(hybrids)) if hybrids else "")

    def moves(self, today: date) -> Figure:
        """Moves up and down the ladder in each of the last 12 months (a first entry is no move)."""
        starts = month_starts(today)
        up, down = [0.0] * MONTHS, [0.0] * MONTHS
        rank = {t.value: t.rank for t in Tier}
        for day, from_tier, to_tier in self.book.conn.execute(
                "SELECT h.changed_on, h.from_tier, h.to_tier FROM tier_history h "
                "JOIN contacts c ON c.id = h.contact_id AND c.deleted_on IS NULL "
                "WHERE h.from_tier IS NOT NULL AND h.changed_on >= ? AND h.changed_on <= ?",
                [starts[0].isoformat(), today.isoformat()]):
            if from_tier not in rank or to_tier not in rank:
                continue  # joining or leaving the team is no move on the ladder
            at = _month_index(starts, date.fromisoformat(day))
            if rank[to_tier] > rank[from_tier]:
                up[at] += 1
            elif rank[to_tier] < rank[from_tier]:
                down[at] += 1
        labels, span = month_axis(starts)
        return Figure("moves", _("Moves on the ladder"), _("Contacts who moved up a rung and who moved down, month by "
                      "month over the last 12 months."), month_labels(starts),
                      ((_("Up"), tuple(up)), (_("Down"), tuple(down))), _("moves"), axis_labels=labels, axis_title=span)

    def revenue(self, today: date) -> Figure:
        """Purchases less refunds in each of the last 12 months, by the rung each contact stands on now."""
        starts = month_starts(today)
        totals = {tier: [0.0] * MONTHS for tier in Tier}
        for day, tier, cents in self.book.conn.execute(
                "SELECT substr(i.occurred_on, 1, 7), s.tier, "
                "sum(CASE WHEN i.kind = 'refund' THEN -i.amount_cents ELSE i.amount_cents END) FROM interactions i "
                "JOIN contact_status s ON s.contact_id = i.contact_id "
                "JOIN contacts c ON c.id = i.contact_id AND c.deleted_on IS NULL "
                "WHERE i.kind IN ('purchase', 'refund') AND i.occurred_on >= ? AND i.occurred_on <= ? "
                "AND s.tier <> 'team' GROUP BY 1, 2", [starts[0].isoformat(), today.isoformat()]):
            totals[Tier(tier)][_month_index(starts, date.fromisoformat(day + "-01"))] += (cents or 0) / 100
        currency = self.book.settings().currency
        labels, span = month_axis(starts)
        return Figure("revenue", _("Revenue by rung"), _("What each rung's contacts spent, month by month over the last 12 months, in {currency}, by the rung they stand on today.").format(currency=currency),
                      month_labels(starts),
                      tuple((t.plural, tuple(totals[t])) for t in Tier), currency, stacked=True,
                      axis_labels=labels, axis_title=span)

    def sources(self) -> Figure:
        """For each list the contacts came from (their source, else how they met), how far up they came."""
        counts: dict[str, dict[Tier, int]] = {}
        none_given = _("(none given)")  # in the owner's language: it was English in every book
        for source, tier, people in self.book.conn.execute(
                "SELECT CASE WHEN c.source <> '' THEN c.source WHEN c.how_met <> '' THEN c.how_met END, "
                "s.tier, count(*) FROM contacts c JOIN contact_status s ON s.contact_id = c.id "
                "WHERE c.deleted_on IS NULL AND s.tier <> 'team' GROUP BY 1, 2"):
            counts.setdefault(none_given if source is None else source, {t: 0 for t in Tier})[Tier(tier)] += people
        ranked = sorted(counts, key=lambda name: (-_reach(counts[name]), name.casefold()))[:8]
        return Figure("sources", _("Which sources paid off"), _("For each source of contacts (the eight that went "
                      "furthest), how many of its people stand on each rung today."), tuple(ranked),
                      tuple((t.plural, tuple(float(counts[name][t]) for name in ranked)) for t in Tier), _("contacts"),
                      stacked=True, across=True)

    def alive(self, today: date) -> Figure:
        """The regulars' P(alive), a tenth a bar, and the visits all buyers are expected to make next quarter."""
        from core.forecast.models import expected_visits, p_alive
        from core.forecast.outlook import QUARTER_DAYS

        labels = tuple(f"{10 * i}–{10 * (i + 1)} %" for i in range(ALIVE_BINS))
        stored = self.book.forecasts.stored()
        title, what = _("Who is still with us"), (_("How many regulars (buyers who came back) are how likely still "
                                               "customers, from the forecast."))
        if stored is None:
            counted = self.book.forecasts.buyers_now(today)
            why = (f"{counted.in_words()}." if not counted.enough else
                   _("The forecast is not fitted yet: Rapport fits it in the background, weekly and after an import."))
            return Figure("alive", title, what, labels, ((_("Regulars"), (0.0,) * ALIVE_BINS),), _("regulars"), why)
        bins, expected = [0.0] * ALIVE_BINS, 0.0
        fit, unit = stored.fit, stored.unit_days
        for c in self.book.forecasts.summaries(today, unit).values():
            expected += expected_visits(fit.model, fit.params, QUARTER_DAYS / unit, c.x, c.t_x, c.T)
            if c.x > 0:
                bins[min(int(p_alive(fit.model, fit.params, c.x, c.t_x, c.T) * ALIVE_BINS), ALIVE_BINS - 1)] += 1
        return Figure("alive", title, what, labels, ((_("Regulars"), tuple(bins)),), _("regulars"),
                      _("About {expected:,.0f} visits expected from all buyers in the next 3 months.").format(expected=expected))

    def ahead(self, today: date) -> Figure:
        """Plan steps and occasions falling due in each of the next four weeks (this week first)."""
        monday = today - timedelta(days=today.weekday())
        weeks = [monday + timedelta(weeks=w) for w in range(WEEKS_AHEAD)]
        end = weeks[-1] + timedelta(days=6)
        steps, occasions = [0.0] * WEEKS_AHEAD, [0.0] * WEEKS_AHEAD
        for (day,) in self.book.conn.execute(
                "SELECT max(s.next_step_due, ?) FROM contact_status s JOIN contacts c ON c.id = s.contact_id "
                "AND c.deleted_on IS NULL WHERE s.next_step_due IS NOT NULL AND s.next_step_due <= ?",
                [monday.isoformat(), end.isoformat()]):
            steps[(date.fromisoformat(day) - monday).days // 7] += 1
        for coming in self.book.occasions.coming(today, within=(end - today).days):
            if coming.on <= end:
                occasions[(coming.on - monday).days // 7] += 1
        labels = tuple(_("This week") if w == 0 else _("Week of {day}").format(day=day_and_month(d))
                       for w, d in enumerate(weeks))
        return Figure("ahead", _("The next four weeks"), _("Plan steps falling due and occasions coming, week by week "
                      "(a step already overdue counts in this week)."), labels,
                      ((_("Steps due"), tuple(steps)), (_("Occasions"), tuple(occasions))), "")


def summary_line(counts: dict[str, int], moved_up: int) -> str:
    """"12 clients, 5 partners · 2 moved up this month · 3 regulars may be slipping": the checklist's
    first line, from the sidebar's counts and this month's moves up."""
    clients, partners, slipping = counts.get("client", 0), counts.get("partner", 0), counts.get("slipping", 0)
    return " · ".join((
        ngettext("{count:,} client", "{count:,} clients", clients).format(count=clients) + ", "
        + ngettext("{count:,} partner", "{count:,} partners", partners).format(count=partners),
        ngettext("{count:,} moved up this month", "{count:,} moved up this month", moved_up).format(count=moved_up),
        ngettext("{count:,} regular may be slipping", "{count:,} regulars may be slipping", slipping).format(count=slipping)))


def _month_index(starts: list[date], day: date) -> int:
    return (day.year - starts[0].year) * 12 + day.month - starts[0].month


def _reach(tiers: dict[Tier, int]) -> float:
    """How far a source's people came: their mean rung (a suspect 0, a partner 4), weighted by how many."""
    people = sum(tiers.values())
    return sum(t.rank * n for t, n in tiers.items()) / people if people else 0.0
