"""The Book: one SQLite file holding everything an owner knows about their relationships.

Every SQL statement of Rapport lives in ``core/store``. Each public write is one
transaction: either all of it reaches the file, or none of it does.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterator

from sqlite_utils import Database

from core.domain import Settings, TierChange
from core.errors import BookError, ValidationError
from core.store import safety
from core.store.bulk import BulkMixin
from core.store.contacts import ContactsMixin
from core.store.imports import ImportsMixin
from core.store.interactions import InteractionsMixin
from core.store.schema import migrations
from core.store.status import StatusMixin

TierListener = Callable[[list[TierChange]], None]


class Book(ContactsMixin, InteractionsMixin, StatusMixin, BulkMixin, ImportsMixin):
    """An open book file. Use ``Book.open(path)``; close it (or use ``with``) when done."""

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.tier_listeners: list[TierListener] = []
        self._pending_changes: list[TierChange] = []
        self._settings: Settings | None = None
        self.backup_problem = ""  # "Backup failed: the disk is full" when today's backup could not be made
        # The window re-tiers the book on a worker thread while the owner works: one user
        # action at a time may hold a transaction on the shared connection.
        self._lock = threading.RLock()

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | Path, *, backup_daily: bool = True, check_integrity: bool = True) -> Book:
        """Open or create a book: check it, back it up, migrate it, turn on WAL and foreign keys.

        A damaged file raises BookError naming the last good backup; nothing is written to it.
        The full check reads the whole file (seconds on a big book), so the window opens with
        ``check_integrity=False`` and runs ``integrity_problems()`` in the background instead.
        """
        path = Path(path).expanduser()
        if path.exists() and path.is_dir():
            raise BookError(f"{path} is a folder, not a Rapport book.")
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists() and path.stat().st_size > 0
        try:
            conn = sqlite3.connect(path, check_same_thread=False, timeout=5)
            if existed and check_integrity:
                cls._check_sound(conn, path)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            db = Database(conn)
            book = cls(path, db)
            if existed and migrations.pending(db):
                if not db["_sqlite_migrations"].exists() and db.table_names():
                    raise BookError(f"{path} is an SQLite file but not a Rapport book.")
                safety.make_backup(conn, path, "before-upgrade")
            migrations.apply(db)
            if existed and backup_daily:
                book._daily_backup()
        except sqlite3.DatabaseError as exc:
            raise BookError(f"{path} cannot be opened as a Rapport book: {exc}") from exc
        return book

    @staticmethod
    def _check_sound(conn: sqlite3.Connection, path: Path) -> None:
        problems = safety.integrity_problems(conn)
        if problems:
            conn.close()
            good = safety.last_good_backup(path)
            way_back = f" The last good backup is {good}." if good else " No good backup was found."
            raise BookError(f"The book {path} is damaged ({problems[0]}).{way_back}")

    def integrity_problems(self) -> list[str]:
        """The full SQLite integrity check of the open book; empty when it is sound."""
        return safety.integrity_problems(self.conn)

    def _daily_backup(self) -> None:
        """Once a day; a failure is kept in ``backup_problem`` for the window to show, never raised."""
        newest = safety.list_backups(self.path)
        today = date.today().strftime("%Y-%m-%d")
        if not newest or not newest[0].name.startswith(today):
            try:
                safety.make_backup(self.conn, self.path, "daily")
            except BookError as exc:
                self.backup_problem = str(exc)

    def backup(self, reason: str = "manual") -> Path:
        """A consistent copy of the book in its backups folder, now."""
        return safety.make_backup(self.conn, self.path, reason, datetime.now())

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action: all of it or nothing. Tier listeners hear of changes after commit."""
        with self._lock:
            outermost = not self.conn.in_transaction
            if outermost:
                self._pending_changes = []
            with self.db.atomic():
                yield
            changes: list[TierChange] = []
            if outermost:
                changes, self._pending_changes = self._pending_changes, []
        if changes:
            for listener in list(self.tier_listeners):
                listener(changes)

    # ---------------------------------------------------------------- settings
    def settings(self) -> Settings:
        """The book's settings, defaults filled in for anything never changed."""
        if self._settings is None:
            stored = {r[0]: json.loads(r[1]) for r in self.conn.execute("SELECT key, value FROM settings")}
            known = {f.name for f in fields(Settings)}
            self._settings = Settings(**{k: v for k, v in stored.items() if k in known})
        return self._settings

    def update_settings(self, today: date | None = None, **changes: object) -> list[TierChange]:
        """Change settings and re-tier everyone under the new numbers; returns who moved."""
        current = asdict(self.settings())
        for key, value in changes.items():
            if key not in current:
                raise ValidationError(key, value, "not a setting of Rapport")
            current[key] = _checked_setting(key, value, current[key])
        new = Settings(**current)
        with self.transaction():
            for key, value in asdict(new).items():
                self.db.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, json.dumps(value)],
                )
            self._settings = new
            try:
                moved = self.reevaluate_all(today)
            except BaseException:
                self._settings = None
                raise
        return moved


def _checked_setting(key: str, value: object, current: object) -> object:
    """Settings keep their type; numbers must be positive and sane."""
    if isinstance(current, str):
        text = str(value).strip()
        if key == "paper_size" and text not in ("A4", "Letter"):
            raise ValidationError(key, value, "paper size is A4 or Letter")
        if key == "currency" and not (1 <= len(text) <= 5):
            raise ValidationError(key, value, "a currency is a short code such as EUR or $")
        if key == "country" and text and not (len(text) == 2 and text.isalpha()):
            raise ValidationError(key, value, "a country is two letters, such as ES, GB or US")
        if key == "country":
            text = text.upper()
        if key == "business_name" and not text:
            raise ValidationError(key, value, "the business needs a name")
        return text
    try:
        number = float(value) if isinstance(current, float) else int(str(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError(key, value, "must be a number") from None
    if number <= 0 or number > 10_000:
        raise ValidationError(key, value, "must be between 1 and 10,000")
    return number

