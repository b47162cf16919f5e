"""Writing stored verdicts: only the rows that changed, and in each only the columns that changed.

``contact_status`` carries ten indexes (one per sort of the list, the week's page, the next change)
and the sidebar's count trigger. An upsert that sets every column maintains every index and fires
the trigger for each row, even when only the due day moved: after a new partner cadence, writing
16,000 rows took 1.8 s of a 7 s re-tier. An UPDATE that names only the changed columns touches only
the indexes built on them, and fires the count trigger only when a counted column is among them
(``AFTER UPDATE OF tier, also, week_section, slipping``). Rows are grouped by which columns changed,
one statement per group.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date

from core import ladder
from core.domain import Evidence, Plan, Settings, Tier, TierChange, TierResult
from core.ladder.history import as_of
from core.text import sort_key

STATUS_COLUMNS = ("contact_id", "tier", "also", "display", "due_on", "next_step", "next_step_due",
                  "last_interaction_on", "slipping", "at_risk", "label_warning", "evaluated_on", "week_section",
                  "next_change_on", "sort_name")
EVALUATED_ON = STATUS_COLUMNS.index("evaluated_on")
# An upsert, not INSERT OR REPLACE: a replace deletes without firing the delete trigger, and the
# sidebar's counts (view_counts, kept by triggers) would drift.
_UPSERT = (
    f"INSERT INTO contact_status ({', '.join(STATUS_COLUMNS)}) VALUES ({', '.join('?' * len(STATUS_COLUMNS))}) "
    "ON CONFLICT(contact_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in STATUS_COLUMNS[1:])
)


def but_its_day(row: tuple | None) -> tuple | None:
    """A status row without the day it was worked out: what must match for it to stay as stored."""
    return None if row is None else row[:EVALUATED_ON] + row[EVALUATED_ON + 1:]


def changed_columns(before: tuple, row: tuple) -> tuple[int, ...]:
    """Where a status row differs from the stored one, by column number (the day it was worked out aside)."""
    return tuple(i for i in range(1, len(row)) if i != EVALUATED_ON and row[i] != before[i])


def write_changed(conn: sqlite3.Connection, stored: dict[int, tuple], rows: list[tuple]) -> int:
    """Write the rows whose verdict differs from ``stored`` (the day it was worked out aside);
    returns how many were written."""
    new: list[tuple] = []
    by_columns: dict[tuple[int, ...], list[tuple]] = defaultdict(list)
    for row in rows:
        before = stored.get(row[0])
        if before is None:
            new.append(row)
            continue
        changed = changed_columns(before, row)
        if changed:
            columns = (*changed, EVALUATED_ON)
            by_columns[columns].append((*(row[i] for i in columns), row[0]))
    conn.executemany(_UPSERT, new)
    for columns, values in by_columns.items():
        assignments = ", ".join(f"{STATUS_COLUMNS[i]} = ?" for i in columns)
        conn.executemany(f"UPDATE contact_status SET {assignments} WHERE contact_id = ?", values)
    return len(new) + sum(len(values) for values in by_columns.values())


TEAM = "team"  # the stored verdict of the team: outside the ladder, on no rung and in no tier's count
_LADDER = frozenset(t.value for t in Tier)


def verdict_of(cid: int, ev: Evidence, settings: Settings, today: date, reasons: bool = True) -> tuple[TierResult, tuple]:
    """The ladder's verdict on one contact and the status row that keeps it (``STATUS_COLUMNS``):
    pure, so that it is worked out the same here or in a process beside (``verdicts_beside``).
    Without ``reasons`` (a contact whose stored rung is known: a move is rare), the result says none;
    ``entry_or_move`` asks for them when it records a move."""
    result = ladder.evaluate(ev, settings, today, reasons=reasons)
    # Stored days come from the evidence, not the calendar (unclamped): an overdue step keeps
    # its day, and the window shows it as due today. Then the row changes only when the
    # evidence does or its next_change_on day comes.
    plan = ladder.plan_for(ev, result, settings, today, clamp=False)
    step = ladder.next_step(plan, today)
    section = ladder.section_this_week(ev, result, plan, settings, today)
    # A suspect's and a plain supplier's steps wait on nobody: never due on a day. A day that has
    # come is shown only for whom this week's page lists: the list, the Due view and the Monday
    # page never disagree on who is due.
    step_due = (step.due_on if step is not None and step.dated and (section is not None or step.due_on > today)
                else None)
    row = (
        cid, TEAM if result.outside else result.tier.value, result.also.value if result.also else None,
        result.display,
        _iso(result.due_on), step.text if step else "", _iso(step_due),
        _iso(ev.last_interaction), int(result.slipping), int(result.at_risk),
        int(result.label_warning is not None), today.isoformat(), section,
        _next_change(ev, result, plan, settings, today).isoformat(), sort_key(ev.contact.name),
    )
    return result, row


def tier_of(row: tuple | None) -> Tier | None:
    """The rung a stored row holds, or None (no row yet, or the team: on no rung)."""
    stored = None if row is None else row[1]
    return Tier(stored) if stored in _LADDER else None


def entry_or_move(cid: int, ev: Evidence, result: TierResult, before: Tier | None, settings: Settings,
                  today: date) -> TierChange | None:
    """The change of tier to record when the verdict differs from the stored rung ``before``, or None.

    A real move is dated by the evidence (ageing, back-filled history), and worded as of that day;
    an entry by today."""
    if result.outside or before == result.tier:
        return None
    on = ladder.tier_since(ev, settings, today, result.tier) if before is not None else today
    if on != today:
        said = ladder.evaluate(as_of(ev, on), settings, on)
    else:  # worked out without its reasons (``verdict_of``): they are the move's words
        said = result if result.reasons else ladder.evaluate(ev, settings, today)
    return TierChange(contact_id=cid, changed_on=on, from_tier=before, to_tier=result.tier,
                      reason=ladder.change_reason(before, said), contact_name=ev.contact.name)


def _next_change(ev: Evidence, result: TierResult, plan: Plan, settings: Settings, today: date) -> date:
    """The verdict's next change, or sooner the day one of its plan's steps falls due: overdue steps all
    read as due today, so that day may make another step the most urgent (the stored next step)."""
    change = ladder.next_change(ev, result, settings, today)
    coming = [step.due_on for step in plan.steps if step.dated and step.due_on > today]
    return min(change, *coming) if coming else change


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
