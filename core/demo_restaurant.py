"""The second demo book: "Trattoria Sole", a restaurant with 3,000 guests and two years of visits
ending today: enough regulars for the forecast (P(alive), visits to expect) and a dashboard with
something to show.

The guests' visits are drawn as the forecast's own model says a customer base behaves (each guest
a visit rate from a gamma, a chance of not coming back after each visit from a beta), from a
seeded random source, so the same day gives the same book. They come in through the import, as a
restaurant's till export would.
"""

from __future__ import annotations

import csv
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from core.store import Book

BUSINESS = "Trattoria Sole"
GUESTS = 3000
HISTORY_DAYS = 730
FIRST = ("Giulia", "Marco", "Sofia", "Luca", "Emma", "Noah", "Lena", "Jonas", "Chloé", "Hugo", "Alba", "Pablo",
         "Olivia", "James", "Amelia", "Oliver", "Mia", "Leon", "Zoë", "Mateo", "Ingrid", "Lars", "Aiko", "Kenji",
         "Priya", "Arjun", "Fatima", "Omar", "Nora", "Elias", "Clara", "Felix", "Ana", "Tomás", "Eva", "Karim")
LAST = ("Rossi", "Bianchi", "Müller", "Schmidt", "Dubois", "Moreau", "García", "López", "Smith", "Jones",
        "Brown", "Novak", "Kowalski", "Jensen", "Nielsen", "Tanaka", "Sato", "Sharma", "Patel", "Haddad",
        "Costa", "Silva", "Ferrari", "Romano", "Weber", "Fischer", "Laurent", "Martin", "Ødegård", "Nowak")


def visits(rng: random.Random, today: date) -> list[date]:
    """One guest's visits: a first visit in the two years, then a rate and a chance of stopping."""
    start = today - timedelta(days=HISTORY_DAYS)
    first = start + timedelta(days=int(HISTORY_DAYS * rng.random() ** 1.5))
    rate = rng.gammavariate(0.9, 1 / 30)  # visits a day: a median guest comes about every seven weeks
    stop = rng.betavariate(1.2, 5.0)
    days, day = [first], first
    while rate > 0 and rng.random() > stop:
        day += timedelta(days=max(1, round(rng.expovariate(rate))))
        if day > today:
            break
        days.append(day)
    return days


def create_restaurant_demo(path: Path, today: date | None = None) -> Book:
    """Create (or replace) the restaurant demo at ``path``, its forecast fitted, and return it open."""
    today = today or date.today()
    path = Path(path)
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    book = Book.open(path)
    book.update_settings(business_name=BUSINESS, currency="EUR")
    rng = random.Random(f"trattoria-{today.isoformat()}")
    with tempfile.TemporaryDirectory() as folder:
        sales = Path(folder) / "till.csv"
        with open(sales, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["Customer ID", "Customer Name", "Date", "Amount"])
            for guest in range(GUESTS):
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                for day in visits(rng, today):
                    writer.writerow([f"G{guest:05d}", name, day.isoformat(), f"{rng.lognormvariate(3.8, 0.4):.2f}"])
        from core.interchange import load, plan_import

        plan = plan_import(book, load(sales), source="the till", today=today)
        book.interchange.apply_import(plan, backup=False, today=today)
    _regulars_who_said_yes(book, today)
    book.forecasts.refit(today)
    return book


def _regulars_who_said_yes(book: Book, today: date) -> None:
    """The 80 most frequent guests answered the client test yes at their last visit (clients), and
    six of them, who run businesses nearby, send guests and are sent guests (partners)."""
    from core.domain import Question

    regulars = book.conn.execute(
        "SELECT contact_id, group_concat(occurred_on) FROM (SELECT contact_id, occurred_on FROM interactions "
        "WHERE kind = 'purchase' ORDER BY occurred_on) GROUP BY contact_id ORDER BY count(*) DESC, contact_id "
        "LIMIT 80").fetchall()
    with book.transaction():
        for number, (contact_id, days) in enumerate(regulars):
            last = date.fromisoformat(days.split(",")[-1])
            for question in Question:
                book.interactions.record_answer(contact_id, question, "yes", last, today=today)
            if number < 6:
                for weeks_ago, kind in ((20, "referral_received"), (9, "referral_given"), (3, "referral_received")):
                    book.interactions.log(contact_id, kind, today - timedelta(weeks=weeks_ago),
                                          note="a table for their guests" if kind == "referral_received"
                                          else "sent them a party of eight", today=today)
