"""Build (once, then reuse) a large book for the benchmarks: 100,000 contacts, 1,000,000 interactions.

The history is random but seeded, spread over three years, with every kind of interaction,
so every tier is represented the way a long-lived shop's book would be.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.domain import Contact, Interaction, Kind  # noqa: E402
from core.store import Book  # noqa: E402

TODAY = date(2026, 11, 24)
FIRST = ["Maria", "Zoë", "Jan", "Kari", "Анна", "Ελένη", "王", "José", "Amélie", "Tom", "Aisha", "Lukas", "Ines"]
LAST = ["Lopez", "Łukasiewicz", "Ødegård", "Павлова", "Παππά", "伟", "Núñez", "Martin", "Smith", "Khan", "Rossi"]
KINDS = [Kind.PURCHASE] * 6 + [Kind.INQUIRY, Kind.CONVERSATION, Kind.CONVERSATION, Kind.ADVICE, Kind.NOTE,
                                Kind.TESTIMONIAL, Kind.COMPLAINT, Kind.REFERRAL_RECEIVED, Kind.REFERRAL_GIVEN]


def build(path: Path, contacts: int, interactions: int, seed: int = 7) -> Path:
    """Create the book at ``path`` unless it already exists with that many contacts."""
    if path.exists():
        return path
    rng = random.Random(seed)
    people = [
        Contact(name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}", phones=(f"+33 6 {n:08d}",),
                emails=(f"c{n}@example.com",), tags=(rng.choice(["wedding", "regular", "hotel", "office"]),))
        for n in range(contacts)
    ]
    log: list[tuple[int, Interaction]] = []
    for _ in range(interactions):
        who = int(rng.paretovariate(1.2)) % contacts if rng.random() < 0.5 else rng.randrange(contacts)
        kind = rng.choice(KINDS)
        day = TODAY - timedelta(days=rng.randrange(3 * 365))
        amount = rng.randrange(1500, 20000) if kind is Kind.PURCHASE else None
        log.append((who, Interaction(contact_id=0, kind=kind, occurred_on=day, amount_cents=amount)))
    started = time.perf_counter()
    with Book.open(path) as book:
        book.add_many(people, log, today=TODAY)
    print(f"built {path.name}: {contacts:,} contacts, {interactions:,} interactions in "
          f"{time.perf_counter() - started:.1f} s")
    return path


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/rapport-bench")
    folder.mkdir(parents=True, exist_ok=True)
    build(folder / "big.rapport", 100_000, 1_000_000)
