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
        changed = tuple(i for i in range(1, len(row)) if i != EVALUATED_ON and row[i] != before[i])
        if changed:
            columns = (*changed, EVALUATED_ON)
            by_columns[columns].append((*(row[i] for i in columns), row[0]))
    conn.executemany(_UPSERT, new)
    for columns, values in by_columns.items():
        assignments = ", ".join(f"{STATUS_COLUMNS[i]} = ?" for i in columns)
        conn.executemany(f"UPDATE contact_status SET {assignments} WHERE contact_id = ?", values)
    return len(new) + sum(len(values) for values in by_columns.values())
