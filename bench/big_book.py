"""Build (once, then reuse) a large book for the benchmarks: 100,000 contacts, 1,000,000 interactions.

The history is random but seeded, spread over three years, with every kind of interaction, so
every tier is present the way a long-lived busy shop's book would have it: a few regulars with
hundreds of visits and many people seen a few times, client-test answers, joint campaigns,
referrals that name whom they sent, complaints that were mostly resolved, businesses and people.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.domain import Contact, ContactKind, Interaction, Kind, Question  # noqa: E402
from core.store import Book  # noqa: E402

TODAY = date(2026, 11, 24)
FIRST = ["Maria", "Zoë", "Jan", "Kari", "Анна", "Ελένη", "王", "José", "Amélie", "Tom", "Aisha", "Lukas", "Ines"]
LAST = ["Lopez", "Łukasiewicz", "Ødegård", "Павлова", "Παππά", "伟", "Núñez", "Martin", "Smith", "Khan", "Rossi"]
KINDS = [Kind.PURCHASE] * 8 + [Kind.INQUIRY, Kind.CONVERSATION, Kind.CONVERSATION, Kind.ADVICE, Kind.NOTE,
                                Kind.TESTIMONIAL, Kind.COMPLAINT, Kind.REFERRAL_RECEIVED, Kind.REFERRAL_GIVEN,
                                Kind.JOINT_CAMPAIGN]


def build(path: Path, contacts: int, interactions: int, seed: int = 7) -> Path:
    """Create the book at ``path`` unless it already exists. It is built in a process of its own
    (the people and the log in memory took the window bench's printed peak from 254 MB to 602 MB
    on the run that built it) and under another name, renamed when whole: a run stopped half-way
    leaves no half-built book for the next run to measure."""
    if path.exists():
        return path
    building = path.with_name(f"{path.stem}.building{path.suffix}")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    # Not a multiprocessing.Pool: its processes are daemons, which may not start the processes
    # the book's full re-tier works in (building a new book failed so).
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        seconds = pool.submit(_build, building, contacts, interactions, seed).result()
    os.replace(building, path)
    Path(f"{building}.lock").unlink(missing_ok=True)  # the writer's lock file, named after the book
    print(f"built {path.name}: {contacts:,} contacts, {interactions:,} interactions in {seconds:.1f} s")
    return path


def _build(path: Path, contacts: int, interactions: int, seed: int) -> float:
    rng = random.Random(seed)
    people = [
        Contact(name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}", phones=(f"+33 6 {n:08d}",),
                emails=(f"c{n}@example.com",), tags=(rng.choice(["wedding", "regular", "hotel", "office"]),),
                kind=ContactKind.ORGANISATION if n % 10 == 0 else ContactKind.PERSON)
        for n in range(contacts)
    ]
    # How often each contact comes: most a few times, a few regulars hundreds of times (capped, as
    # a real regular is: a visit or two a week for three years).
    activity = [min(rng.paretovariate(1.3), 60.0) for _ in range(contacts)]
    who_of = rng.choices(range(contacts), weights=activity, k=interactions)
    log: list[tuple[int, Interaction]] = []
    for who in who_of:
        kind = rng.choice(KINDS)
        day = TODAY - timedelta(days=rng.randrange(3 * 365))
        amount = rng.randrange(1500, 20000) if kind is Kind.PURCHASE else None
        referred = rng.randrange(contacts) + 1 if kind is Kind.REFERRAL_RECEIVED and rng.random() < 0.5 else None
        resolved = day + timedelta(days=rng.randrange(1, 10)) if kind is Kind.COMPLAINT and rng.random() < 0.95 \
            else None
        log.append((who, Interaction(contact_id=0, kind=kind, occurred_on=day, amount_cents=amount,
                                     referred_contact_id=referred if referred != who + 1 else None,
                                     resolved_on=resolved if resolved and resolved <= TODAY else None)))
    started = time.perf_counter()
    with Book.open(path) as book:
        book.bulk.add_many(people, log, today=TODAY)
        answers = []
        for n in rng.sample(range(contacts), contacts // 5):  # a fifth have taken the client test
            day = TODAY - timedelta(days=rng.randrange(2 * 365))
            answers += [(n + 1, q.value, "yes" if rng.random() < 0.8 else "no", day.isoformat()) for q in Question]
        with book.transaction():
            book.conn.executemany("INSERT INTO client_test_answers (contact_id, question, answer, answered_on) "
                                  "VALUES (?, ?, ?, ?)", answers)
        book.status.reevaluate_all(TODAY)
    return time.perf_counter() - started


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/rapport-bench")
    folder.mkdir(parents=True, exist_ok=True)
    build(folder / "big.rapport", 100_000, 1_000_000)
