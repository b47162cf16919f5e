"""The restaurant demo: the same day gives the same book, with enough regulars for the forecast."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.demo_restaurant import GUESTS, create_restaurant_demo

DAY = date(2026, 11, 24)


def purchases(path: Path) -> list[tuple]:
    with create_restaurant_demo(path, DAY) as book:
        assert book.contacts.view_counts()["all"] == GUESTS, "one contact a guest: none merged by name"
        stored = book.forecasts.stored()
        assert stored is not None and stored.fit.customers == GUESTS and stored.fitted_on == DAY
        assert book.contacts.view_counts()["partner"] == 6 and book.contacts.view_counts()["client"] > 40
        return book.conn.execute("SELECT c.external_id, i.occurred_on, i.amount_cents FROM interactions i "
                                 "JOIN contacts c ON c.id = i.contact_id WHERE i.kind = 'purchase' "
                                 "ORDER BY 1, 2").fetchall()


def test_the_same_day_gives_the_same_restaurant(tmp_path: Path) -> None:
    first = purchases(tmp_path / "one.rapport")
    assert first == purchases(tmp_path / "two.rapport")
    assert first[-1][1] <= DAY.isoformat(), "nothing after today"
