"""Which steps of the schema (``core.store.schema``) a book has had, and running the others.

An up-to-date book opens without sqlite-utils (its import was 48 ms of every command and of each
process beside at its start): the steps' names say whether a book is up to date, and the tables and
columns every open compares the file with are made by running the steps in memory on a plain
connection. sqlite-utils' registry, which runs them on a book with their record, is made only when
a book needs a step.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from core.store.schema import STEPS

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations


NAMES: tuple[str, ...] = tuple(step.__name__ for step in STEPS)  # what an up-to-date book records


def pending(conn: sqlite3.Connection) -> list[str]:
    """The steps this book has not had yet, by name (all of them for a new, empty file)."""
    try:
        applied = {row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'rapport'")}
    except sqlite3.OperationalError:  # no such table: nothing has run on it yet
        applied = set()
    return [name for name in NAMES if name not in applied]


@lru_cache(maxsize=1)
def registry() -> Migrations:
    """sqlite-utils' registry of the steps, which runs them (each in one transaction, with its record)."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations("rapport")
    for step in STEPS:
        migrations()(step)
    return migrations


class _Plain:
    """All a step uses of sqlite-utils' Database, over a plain connection (``shape_after``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)


def shape_after(applied: frozenset[str]) -> dict[str, frozenset[str]]:
    """The tables and columns a book that has had exactly the steps ``applied`` holds (its steps run
    in memory, without sqlite-utils' record of them): every open compares the file with it."""
    pending = [name for name in NAMES if name not in applied]
    memory = sqlite3.connect(":memory:")
    try:
        for step in STEPS:
            if pending and step.__name__ == pending[0]:
                break
            step(cast("Database", _Plain(memory)))
        return {table: frozenset(column[1] for column in memory.execute(f'PRAGMA table_info("{table}")'))
                for (table,) in memory.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        memory.close()
