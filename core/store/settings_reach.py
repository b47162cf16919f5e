"""Whom a settings change can reach, so that only they are worked out again.

A new partner cadence changes nothing for a customer; re-tiering every one of 100,000 contacts for it
kept the counts stale for half a minute. Each ladder setting names the stored verdicts it can change,
as a condition on ``contact_status s``: a cadence, those on that rung (or a hybrid's other one); the
client cadence also whoever answered Trust yes and has complained (a complaint open longer than it
puts that yes back in question; a third of the complainers of the bench book, 33,566 reached before);
where a 29 February falls, whoever has an occasion on that day. A hybrid's other rung and, for the
prospect cadence, the suspects are reached too, to be safe (no case is known where they change).
Anything else (W, the client test's
purchases, the slipping rule…) reaches everyone. A property test holds each narrowed re-tier to a full
one (``tests/test_settings_reach.py``).

Those reached are listed in ``retier_pending`` (kept in the book, so a window closed halfway leaves
the rest due for the next open) rather than by blanking their ``next_change_on``: a blanked row would
be written again even when its verdict came out the same, which was most of the cost.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from core.store.book import Book

EVERYONE = "1"


def _rung(tier: str) -> str:
    return f"s.tier = '{tier}' OR s.also = '{tier}'"


_LEAP_DAY = ("s.contact_id IN (SELECT contact_id FROM occasions WHERE day LIKE '%02-29') "
             "OR s.contact_id IN (SELECT id FROM contacts WHERE birthday LIKE '%02-29' OR anniversary LIKE '%02-29')")

REACH: dict[str, str] = {
    "partner_cadence_days": _rung("partner"),
    "partner_risk_days": _rung("partner"),
    "client_cadence_days": f"{_rung('client')} OR s.contact_id IN (SELECT a.contact_id FROM client_test_answers a "
                           "WHERE a.question = 'trust' AND a.answer = 'yes' AND EXISTS (SELECT 1 FROM interactions i "
                           "WHERE i.contact_id = a.contact_id AND i.kind = 'complaint'))",
    "customer_cadence_days": _rung("customer"),
    "prospect_cadence_days": f"{_rung('prospect')} OR s.tier = 'suspect'",  # a suspect's ticked steps wait this long
    "leap_day": _LEAP_DAY,
}


def reach_of(keys: Iterable[str]) -> str:
    """The condition on ``contact_status s`` of whom a change of these settings can reach."""
    found = [REACH.get(key, EVERYONE) for key in keys]
    if EVERYONE in found:
        return EVERYONE
    return " OR ".join(f"({where})" for where in found) or "0"


def mark_reached(conn: sqlite3.Connection, keys: Iterable[str]) -> int:
    """List whom a change of ``keys`` reaches as due; returns how many were added."""
    where = reach_of(keys)
    before = conn.total_changes
    conn.execute(f"INSERT OR IGNORE INTO retier_pending (contact_id) SELECT s.contact_id FROM contact_status s "
                 f"WHERE {where}")
    return conn.total_changes - before


def pending(conn: sqlite3.Connection, limit: int) -> list[int]:
    """Up to ``limit`` of those still due for a settings change (whoever is removed for good leaves the
    list by a trigger, m022)."""
    return [r[0] for r in conn.execute("SELECT contact_id FROM retier_pending LIMIT ?", [limit])]


def any_pending(conn: sqlite3.Connection) -> bool:
    """Read off this small table alone: a window opening on a damaged book asks it before the check ends."""
    return conn.execute("SELECT 1 FROM retier_pending LIMIT 1").fetchone() is not None


def done(conn: sqlite3.Connection, ids: list[int]) -> None:
    """These were worked out again (inside the transaction that did it): no longer due for the settings."""
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        conn.execute(f"DELETE FROM retier_pending WHERE contact_id IN ({','.join('?' * len(chunk))})", chunk)


# The language the stored verdicts (a next step, a hybrid's words) were written in; the ladder's
# numbers live beside it in ``settings`` but this is no setting of the owner's.
_WORDS_KEY = "verdict_language"


def speak(book: Book, language: str) -> bool:
    """Have every stored verdict worked out again when the book was last written in another language
    (the owner switched to French, or opened on a German laptop a book made on an English one): the
    list shows stored next steps, so they are due again, as after a change of W. Returns whether
    they were."""
    row = book.conn.execute("SELECT value FROM settings WHERE key = ?", [_WORDS_KEY]).fetchone()
    written_in = json.loads(row[0]) if row else "en"  # books made before the catalogs were written in English
    if written_in == language and row is not None:
        return False
    with book.transaction():
        if written_in != language:
            book.conn.execute("INSERT OR IGNORE INTO retier_pending (contact_id) SELECT contact_id FROM contact_status")
        book.conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                          "value = excluded.value", [_WORDS_KEY, json.dumps(language)])
    return written_in != language
