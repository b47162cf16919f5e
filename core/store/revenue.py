"""Money already logged, read back: what a contact spent, what each tier brings, what a referrer's
leads brought (seed 000: partners answer for the conversions they send)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from core.domain import Tier
from core.ladder.facts import first_day_of_window

if TYPE_CHECKING:
    from core.store.book import Book


# What a contact's money comes to: purchases less refunds.
_NET = "CASE WHEN kind = 'refund' THEN -amount_cents ELSE amount_cents END"


class Revenue:
    """Sums of purchase amounts less refunds (integer cents), as ``book.revenue``; a purchase
    without an amount adds nothing."""

    def __init__(self, book: Book) -> None:
        self.book = book

    def _window_start(self, today: date) -> str:
        return first_day_of_window(today, self.book.settings().window_days).isoformat()

    def spend(self, contact_id: int, today: date | None = None) -> tuple[int, int]:
        """(spent within W, spent in all) by one contact."""
        today = today or date.today()
        row = self.book.conn.execute(
            f"SELECT coalesce(sum(CASE WHEN occurred_on BETWEEN ? AND ? THEN {_NET} END), 0), "
            f"coalesce(sum({_NET}), 0) FROM interactions WHERE contact_id = ? AND kind IN ('purchase', 'refund')",
            [self._window_start(today), today.isoformat(), contact_id]).fetchone()
        return int(row[0]), int(row[1])

    def by_tier(self, today: date | None = None) -> dict[Tier, int]:
        """What the contacts now on each rung spent within W (the trash left out)."""
        today = today or date.today()
        totals = {tier: 0 for tier in Tier}
        # Summed per contact first (off the purchases index), then per tier: a fifth of the time.
        for tier, cents in self.book.conn.execute(
            "SELECT s.tier, sum(p.spent) FROM (SELECT contact_id, sum(amount_cents) AS spent FROM interactions "
            "INDEXED BY interactions_purchases "
            "WHERE kind = 'purchase' AND occurred_on BETWEEN ? AND ? GROUP BY contact_id) p "
            "JOIN contact_status s ON s.contact_id = p.contact_id "
            "JOIN contacts c ON c.id = p.contact_id AND c.deleted_on IS NULL WHERE s.tier <> 'team' GROUP BY s.tier",
            [self._window_start(today), today.isoformat()]):
            totals[Tier(tier)] = int(cents or 0)
        for tier, cents in self.book.conn.execute(  # refunds are few: read off their own index (m026)
            "SELECT s.tier, sum(i.amount_cents) FROM interactions i INDEXED BY interactions_refunds "
            "JOIN contact_status s ON s.contact_id = i.contact_id "
            "JOIN contacts c ON c.id = i.contact_id AND c.deleted_on IS NULL "
            "WHERE i.kind = 'refund' AND i.occurred_on BETWEEN ? AND ? AND s.tier <> 'team' GROUP BY s.tier",
            [self._window_start(today), today.isoformat()]):
            totals[Tier(tier)] -= int(cents or 0)
        return totals
