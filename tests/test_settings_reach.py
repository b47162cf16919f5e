"""A settings change works out again only whom it can reach (``core.store.settings_reach``), and
writes only the rows whose verdict changed; for every ladder setting, the narrowed re-tier gives the
verdicts a full re-tier gives."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.domain import Answer, ClientTestAnswer, Contact, Evidence, Question
from core.ladder.facts import complaint_days
from core.store import Book
from core.settings import Settings
from core.store.settings_reach import REACH
from tests.test_day_walk import START, _random_book
from tests.test_new_day import verdicts

TODAY = START + timedelta(days=500)
NEW_VALUES: dict[str, list[object]] = {
    "window_days": [200, 500],
    "client_min_purchases": [1, 4],
    "partner_cadence_days": [3, 60],
    "client_cadence_days": [5, 90],
    "customer_cadence_days": [20, 200],
    "prospect_cadence_days": [2, 30],
    "slipping_min_purchases": [2, 6],
    "slipping_gap_factor": [1.2, 4.0],
    "slipping_grace_days": [3, 120],
    "partner_risk_days": [5, 120],
    "max_follow_ups": [1, 6],
    "recheck_days": [5, 120],
    "rhythm_grace_days": [5, 90],
    "leap_day": ["1 Mar"],
}


def test_every_ladder_setting_has_values_to_try() -> None:
    assert set(NEW_VALUES) == set(Settings.LADDER)


def _full_retier_of_a_copy(book: Book, folder: Path, today: date) -> list[tuple]:
    copy = folder / "copy.rapport"
    copy.unlink(missing_ok=True)
    with sqlite3.connect(copy) as target:
        book.conn.backup(target)
    with Book.open(copy, backup_daily=False) as full:
        full.status.reevaluate_all(today)
        return verdicts(full)


@pytest.mark.parametrize("key", sorted(NEW_VALUES))
@pytest.mark.parametrize("seed", [4, 5])
def test_a_narrowed_retier_equals_a_full_one(tmp_path: Path, key: str, seed: int) -> None:
    path = tmp_path / "book.rapport"
    # Where a 29 February falls shows only in the days before it, in a year without one.
    today = date(2027, 2, 24) if key == "leap_day" else TODAY
    _random_book(path, seed, today)
    with Book.open(path, backup_daily=False) as book:
        if key == "client_cadence_days":  # a client but for a complaint open 40 days (longer than 30, not 90)
            ivo = book.contacts.add("Ivo", today=today)
            for days_ago in (50, 45):
                book.interactions.log(ivo.id, "purchase", today - timedelta(days=days_ago), amount="40", today=today)
            for question in Question:
                book.interactions.record_answer(ivo.id, question, "yes", today - timedelta(days=60), today=today)
            book.interactions.log(ivo.id, "complaint", today - timedelta(days=40), today=today)
            _complainers_without_a_trust_yes(book, today)
        if key == "leap_day":
            mei = book.contacts.add("Mei", birthday="--02-29", today=today)
            book.interactions.log(mei.id, "purchase", today - timedelta(days=30), amount="40", today=today)
        value = NEW_VALUES[key][seed % len(NEW_VALUES[key])]  # the two seeds try both values
        before = verdicts(book)
        book.update_settings(today=today, **{key: value})
        assert not book.status.is_stale(today)
        assert verdicts(book) == _full_retier_of_a_copy(book, tmp_path, today), f"{key} = {value}"
        if key in REACH:  # narrowed: it must have reached somebody, or the comparison shows nothing
            assert verdicts(book) != before, f"{key} = {value} changed nobody: the test would not see a narrowing"


def _complainers_without_a_trust_yes(book: Book, today: date) -> tuple[int, int]:
    """Noa answered Trust no, Lou was never asked; each has a complaint open 40 days: no client
    cadence changes their verdicts, so a new one need not reach them."""
    noa, lou = book.contacts.add("Noa", today=today).id, book.contacts.add("Lou", today=today).id
    for who in (noa, lou):
        for days_ago in (50, 45):
            book.interactions.log(who, "purchase", today - timedelta(days=days_ago), amount="40", today=today)
        book.interactions.log(who, "complaint", today - timedelta(days=40), today=today)
    for question in Question:
        book.interactions.record_answer(noa, question, "no" if question is Question.TRUST else "yes",
                                        today - timedelta(days=60), today=today)
    return noa, lou


def test_a_new_client_cadence_reaches_a_complainer_only_with_a_trust_yes(tmp_path: Path) -> None:
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as book:
        noa, lou = _complainers_without_a_trust_yes(book, TODAY)
        ivo = book.contacts.add("Ivo", today=TODAY).id
        book.interactions.log(ivo, "complaint", TODAY - timedelta(days=40), today=TODAY)
        book.interactions.record_answer(ivo, Question.TRUST, "yes", TODAY - timedelta(days=60), today=TODAY)
        book.update_settings(today=TODAY, later=True, client_cadence_days=90)
        assert {r[0] for r in book.conn.execute("SELECT contact_id FROM retier_pending")} == {ivo}


def _rows(book: Book) -> dict[int, tuple]:
    """Each stored verdict but the day it was worked out."""
    return {row[0]: row[:-1] for row in book.conn.execute(
        "SELECT contact_id, tier, also, display, due_on, next_step, next_step_due, last_interaction_on, slipping, "
        "at_risk, label_warning, week_section, next_change_on, sort_name, evaluated_on FROM contact_status")}


@pytest.mark.parametrize("key, value", [("partner_cadence_days", 30), ("customer_cadence_days", 45),
                                        ("window_days", 400)])
def test_a_settings_change_writes_only_the_verdicts_that_changed(tmp_path: Path, key: str, value: int) -> None:
    path = tmp_path / "book.rapport"
    _random_book(path, 6, TODAY)
    with Book.open(path, backup_daily=False) as book:
        before = _rows(book)
        book.conn.execute("CREATE TEMP TABLE written (contact_id INTEGER)")
        book.conn.execute("CREATE TEMP TRIGGER count_writes AFTER UPDATE ON main.contact_status "
                          "BEGIN INSERT INTO written VALUES (new.contact_id); END")
        book.update_settings(today=TODAY, **{key: value})
        after = _rows(book)
        written = {r[0] for r in book.conn.execute("SELECT contact_id FROM written")}
        changed = {cid for cid in after if after[cid] != before.get(cid)}
        assert written == changed, f"rewritten unchanged: {sorted(written - changed)}"
        assert changed, "the change reached somebody"
        if key != "window_days":
            reached_tier = key.split("_")[0]
            assert all(before[cid][1] == reached_tier or before[cid][2] == reached_tier for cid in written)


def test_a_cadence_change_marks_only_that_rung_due(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    _random_book(path, 7, TODAY)
    with Book.open(path, backup_daily=False) as book:
        partners = {r[0] for r in book.conn.execute(
            "SELECT contact_id FROM contact_status WHERE tier = 'partner' OR also = 'partner'")}
        assert 0 < len(partners) < book.conn.execute("SELECT count(*) FROM contact_status").fetchone()[0]
        book.update_settings(today=TODAY, later=True, partner_cadence_days=21)
        assert {r[0] for r in book.conn.execute("SELECT contact_id FROM retier_pending")} == partners
        book.update_settings(today=TODAY, later=True, window_days=300)
        assert book.conn.execute("SELECT count(*) FROM retier_pending").fetchone()[0] == \
            book.conn.execute("SELECT count(*) FROM contact_status").fetchone()[0]


def test_whoever_is_removed_for_good_is_no_longer_due(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    with Book.open(path, backup_daily=False) as book:
        ana = book.contacts.add("Ana", today=TODAY)
        book.update_settings(today=TODAY, later=True, window_days=300)
        assert book.status.is_stale(TODAY)
        book.contacts.delete(ana.id, today=TODAY)
        book.contacts.empty_trash(today=TODAY)
        assert not book.status.is_stale(TODAY), "nobody is left to work out"


@pytest.mark.parametrize("trust, counted", [((), False), ((Answer.NO,), False), ((Answer.UNKNOWN,), False),
                                            ((Answer.YES,), True), ((Answer.YES, Answer.NO), True)])
def test_a_complaint_open_too_long_is_a_day_of_change_only_for_a_trust_yes(trust: tuple[Answer, ...],
                                                                            counted: bool) -> None:
    """The day a complaint has been open longer than the client cadence changes a verdict only by
    putting a Trust yes back in question: without one it is no next-change day (nor, by the same
    rule, does a new client cadence reach the complainer). A yes since answered no still counts:
    the tier's history replays the days it stood."""
    made, fixed = TODAY - timedelta(days=10), TODAY - timedelta(days=200)
    history = tuple(ClientTestAnswer(1, Question.TRUST, answer, TODAY - timedelta(days=400 - 100 * n))
                    for n, answer in enumerate(trust))
    evidence = Evidence(contact=Contact(name="Noa", id=1), open_complaints=(made,),
                        resolved_complaints=((fixed - timedelta(days=60), fixed),),
                        answers={Question.TRUST: history[-1]} if history else {},
                        answer_history=history if len(history) > 1 else ())
    settings = Settings(client_cadence_days=30, window_days=365)
    days = complaint_days(evidence, settings)
    assert (made + timedelta(days=31) in days) is counted, "open 31 days: longer than the cadence"
    assert (fixed - timedelta(days=60) + timedelta(days=31) in days) is counted, "resolved after 60 days"
    assert fixed in days and fixed + timedelta(days=365) in days, "a resolution and its leaving W count for all"
