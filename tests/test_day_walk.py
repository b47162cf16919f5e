"""Sixty new days one by one on a random book: each morning the stored verdicts, brought up to date
only for the contacts whose day has come, equal a full re-tier of a copy of the book that day.

Unlike a re-tier after every step (which refreshes every ``next_change_on`` and so hides a day that
was never scheduled), the book here is only ever brought up to date, as the window does it: a verdict
whose next step changes on a day that is not among its "next change" days stays stale and fails."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.domain import Kind, Question, Role
from core.store import Book
from tests.test_new_day import verdicts

START = date(2025, 1, 6)
DAYS = 60


def _random_book(path: Path, seed: int, today: date) -> None:
    rng = random.Random(seed)
    kinds = [k for k in Kind if k is not Kind.NOTE] + [Kind.PURCHASE] * 10  # buyers enough for clients
    with Book.open(path, backup_daily=False) as book:
        ids = []
        for n in range(40):
            role = rng.choice([Role.CUSTOMER] * 8 + [Role.SUPPLIER, Role.TEAM])
            birthday = f"--{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.3 else ""
            ids.append(book.contacts.add(f"Contact {n}", role=role, birthday=birthday, today=START).id)
        for _ in range(220):
            who, kind = rng.choice(ids), rng.choice(kinds)
            # Most evidence in the last year, so cadences, slips, ageing and steps come due in the walk.
            ago = rng.choice([rng.randint(0, 120), rng.randint(0, 420)])
            referred = rng.choice(ids) if kind is Kind.REFERRAL_GIVEN else None
            amount = str(rng.randint(5, 300)) if kind is Kind.PURCHASE else None
            book.interactions.log(who, kind, today - timedelta(days=ago), amount=amount,
                                  referred_contact_id=referred if referred != who else None, today=today)
        for n in range(8):  # leads who asked and never bought: prospects on their own cadence
            lead = book.contacts.add(f"Lead {n}", today=START).id
            for _ in range(rng.randint(1, 2)):
                book.interactions.log(lead, rng.choice([Kind.INQUIRY, Kind.CONVERSATION]),
                                      today - timedelta(days=rng.randint(0, 40)), today=today)
        for who in rng.sample(ids, 14):  # half of them clients by the test, if they buy enough
            every_yes = rng.random() < 0.5
            for question in list(Question) if every_yes else rng.sample(list(Question), rng.randint(1, 4)):
                book.interactions.record_answer(who, question, "yes" if every_yes else rng.choice(["yes", "no"]),
                                                today - timedelta(days=rng.randint(0, 300)), today=today)
        for who in rng.sample(ids, 12):  # steps ticked: each comes round again after its rung's cadence
            book.interactions.log(who, Kind.CONVERSATION, today - timedelta(days=rng.randint(0, 60)), today=today,
                                  step_key=rng.choice(["follow-up", "come-back", "call", "visit", "question:trust",
                                                       "ask-intro", "slipping", "refer-to"]))
        for who in rng.sample(ids, 6):
            on = today + timedelta(days=rng.randint(0, 70))
            book.occasions.add(who, rng.choice(["anniversary", "memorial", "yearly-order"]),
                               f"--{on.month:02d}-{on.day:02d}", lead_days=rng.choice([3, 7, 14]), today=today)
        book.status.reevaluate_all(today)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sixty_days_brought_up_to_date_equal_a_full_retier_each_day(tmp_path: Path, seed: int) -> None:
    today = START + timedelta(days=500)
    path = tmp_path / "book.rapport"
    _random_book(path, seed, today)
    with Book.open(path, backup_daily=False) as book:
        for day in range(1, DAYS + 1):
            on = today + timedelta(days=day)
            book.status.bring_up_to_date(on)
            copy = tmp_path / f"copy-{day}.rapport"
            with sqlite3.connect(copy) as target:
                book.conn.backup(target)
            with Book.open(copy, backup_daily=False) as full:
                full.status.reevaluate_all(on)
                expected = verdicts(full)
            assert verdicts(book) == expected, f"seed {seed}, day {on}: a stored verdict was stale"
            copy.unlink()
