"""Looking at a file before opening it as a book: nothing is written until it has passed.

The sniff reads the file through an immutable, read-only SQLite connection, which neither
writes nor creates ``-wal``/``-shm`` files: another program's database, a book from a newer
Rapport, an empty file or a file of another kind is refused byte-for-byte untouched.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from core.errors import BookError
from core.store import safety
from core.i18n import N_, _, ngettext

RAPPORT_VERSION = "0.1.0"
SQLITE_HEADER = b"SQLite format 3\x00"
READ_ONLY_BANNER = N_("This book is read-only here: you can look, print and export, not change.")


class BookDamagedError(BookError):
    """The book is there but cannot be read as the book it was: the way back is a backup."""


class DiskFullError(BookError):
    """The disk that holds the book has no room: not damage, and no backup is the way back."""

    def __init__(self, path: Path) -> None:
        super().__init__(_("The disk that holds the book {path} is full, so Rapport cannot open it. Free some room on it (a few megabytes), then open the book again; nothing in it was changed.").format(path=path))


LOW_ROOM = 1024 * 1024  # below this, SQLite cannot make the book's working files: "disk I/O error"


def disk_is_full(path: Path, exc: BaseException | None = None) -> bool:
    """Whether an error opening the book comes from a full disk: SQLite says "database or disk is
    full", or it says "disk I/O error" (it could not size the -shm file) with almost no room left."""
    if exc is not None and "full" in str(exc):
        return True
    try:
        return shutil.disk_usage(path.parent).free < LOW_ROOM
    except OSError:
        return False


class BookNotChecked(BookError):
    """The book could not be read for its check just now (another program held it): not damage."""

    def __init__(self, path: Path, reason: str) -> None:
        self.reason = unreadable_in_words(reason)
        super().__init__(_("The book {path} could not be checked just now ({reason}). Nothing was changed; try again in a moment.").format(path=path, reason=self.reason))


@dataclass(frozen=True)
class Sniff:
    """What the file at a path is, seen without writing to it."""

    exists: bool
    read_only: bool = False
    applied: frozenset[str] = frozenset()  # migration names the book records


def uri(path: Path, *, immutable: bool = False) -> str:
    """A read-only SQLite URI; ``immutable`` also skips locks and side files (nothing written)."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return f"file:{quote(str(path.resolve()))}?{flags}"


def sniff(path: Path, known_migrations: set[str]) -> Sniff:
    """Refuse what is not a Rapport book this version can open; say whether it can be written."""
    if path.is_dir():
        raise BookError(_("{path} is a folder, not a Rapport book.").format(path=path))
    if not path.exists():
        if safety.list_backups(path):
            raise BookDamagedError(_with_backup(path, _("The book {path} is missing, but its backups are there.").format(path=path)))
        return Sniff(exists=False)
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise BookError(_("The book {path} cannot be read: you do not have permission to open it.").format(path=path)) from None
    if not header:
        if safety.list_backups(path):
            raise BookDamagedError(_with_backup(path, _("The book {path} is empty (0 bytes): it is damaged.").format(path=path)))
        return Sniff(exists=False)  # an empty file and no backups: nothing to lose, a new book starts here
    if header != SQLITE_HEADER:
        if safety.list_backups(path):
            raise BookDamagedError(_with_backup(path, _("The book {path} is damaged (it is no longer an SQLite file).").format(path=path)))
        raise BookError(_("{path} is not a Rapport book (it is not an SQLite file). Nothing was changed.").format(path=path))
    applied = _applied_migrations(path)
    if applied is None:  # an SQLite file with nothing in it: a new book whose making was cut off
        if safety.list_backups(path):
            raise BookDamagedError(_with_backup(path, _("The book {path} is empty (it holds no tables): it is damaged.").format(path=path)))
        return Sniff(exists=False)  # nothing to lose: the new book is made here
    unknown = applied - known_migrations
    if unknown:
        raise BookError(_("This book was made by a newer Rapport; this one is version {RAPPORT_VERSION}. Nothing was changed.").format(RAPPORT_VERSION=RAPPORT_VERSION))
    folder_writable = os.access(path.parent, os.W_OK)
    return Sniff(exists=True, read_only=not (os.access(path, os.W_OK) and folder_writable), applied=applied)


def _applied_migrations(path: Path) -> frozenset[str] | None:
    """The migrations this book has had; None for an SQLite file without a single table (a book
    killed, or its power cut, between being made and its first tables being committed)."""
    # Immutable (no locks, no side files) unless a write-ahead log is there: then the latest
    # commits live in it, and only a shared read-only connection sees them.
    has_wal = Path(str(path) + "-wal").exists()
    try:
        conn = sqlite3.connect(uri(path, immutable=not has_wal), uri=True, timeout=10)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables and not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                return None
            if "_sqlite_migrations" not in tables or "contacts" not in tables:
                raise BookError(_("{path} is an SQLite file but not a Rapport book. Nothing was changed.").format(path=path))
            rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'rapport'").fetchall()
            missing = _missing_from_shape(conn, frozenset(r[0] for r in rows))
            if missing:  # migration rows over other tables: never written to, whatever the rows say
                raise BookError(_("{path} is an SQLite file but not a Rapport book ({missing}). Nothing was changed.").format(path=path, missing=missing))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc) and disk_is_full(path, exc):
            raise DiskFullError(path) from None
        if not is_damage(exc):
            raise BookNotChecked(path, str(exc)) from None
        raise BookDamagedError(_with_backup(path, _("The book {path} is damaged ({exc}).").format(path=path, exc=exc))) from None
    if not rows:
        raise BookError(_("{path} is an SQLite file but not a Rapport book. Nothing was changed.").format(path=path))
    return frozenset(r[0] for r in rows)


def _missing_from_shape(conn: sqlite3.Connection, applied: frozenset[str]) -> str:
    """What the file lacks of the tables and columns its recorded migrations would have made, in
    words ("it has no table contact_status"), or "" when it has them all."""
    found: dict[str, set[str]] = {}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        found[table] = {c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')}
    for table, columns in _expected_shape(applied).items():
        if table not in found:
            return _("it has no table {table}").format(table=table)
        lacking = sorted(columns - found[table])
        if lacking:
            return _("its table {table} has no column {lacking}").format(table=table, lacking=lacking[0])
    return ""


@lru_cache(maxsize=4)
def _expected_shape(applied: frozenset[str]) -> dict[str, frozenset[str]]:
    """The tables and columns of a book that has had exactly ``applied``: the migrations run in memory."""
    from core.store import migrating

    return migrating.shape_after(applied)


def unreadable_in_words(reason: str) -> str:
    """Why SQLite could not read the book just now, in the owner's words where they are known."""
    return _("another program is using it") if "locked" in reason or "busy" in reason else reason


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file is damaged (corrupt, or no database at all), rather than that it
    could not be read just now (locked by another program, busy, interrupted, out of memory)."""
    return getattr(exc, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or \
        type(exc) is sqlite3.DatabaseError


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """``PRAGMA quick_check`` before anything is written; damage raises BookDamagedError with the way
    back. A book that cannot be read just now is not called damaged: no backup is offered for a lock."""
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc) and disk_is_full(path, exc):
            raise DiskFullError(path) from None
        if not is_damage(exc):
            raise BookNotChecked(path, str(exc)) from None
        rows = [str(exc)]
    if rows != ["ok"]:
        raise BookDamagedError(_with_backup(path, _("The book {path} is damaged ({damage_in_words}).").format(path=path, damage_in_words=damage_in_words(rows))))


def damage_in_words(report: list[str]) -> str:
    """SQLite's report of a damaged file as one line: its first problem, and how many more. A large
    book lists hundreds ("Page 37387 is never used"…), one row holding many lines: whole, it pushed
    the buttons of the dialog that offers the backup off the screen."""
    problems = [line.strip() for row in report for line in row.splitlines()
                if line.strip() and not line.startswith("*** in database")]
    if not problems:
        return _("SQLite reports damage")
    first, more = problems[0][:200], len(problems) - 1
    return ngettext("{first}; and {count:,} more problem", "{first}; and {count:,} more problems", more).format(first=first, count=more) if more else first


def checked_marker(path: Path) -> Path:
    """Beside the book: the day its last full quick_check passed (one-shot commands check once a day)."""
    return path.with_name(path.name + ".checked")


def checked_state(path: Path) -> str:
    """What the mark beside the book says: the day its check last passed, what stopped the day's care
    (``core.daily_care``), or ""."""
    try:
        return checked_marker(path).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def quick_check_once_a_day(conn: sqlite3.Connection, path: Path, today: str) -> None:
    """``quick_check`` unless it already passed today (seconds on a big book: a command that reads a
    number must not pay them on every run). SQLite still reports a damaged page when it reads one."""
    if checked_state(path) == today:
        return
    quick_check(conn, path)
    mark_checked(path, today)


def mark_checked(path: Path, said: str) -> None:
    """Write the mark beside the book (a day, or what stopped the day's care); owner-only."""
    marker = checked_marker(path)
    try:
        marker.write_text(said + "\n", encoding="utf-8")
        os.chmod(marker, 0o600)
    except OSError:
        pass  # a read-only folder: checked again next time


def _with_backup(path: Path, sentence: str) -> str:
    good = safety.last_good_backup(path)
    return _("{sentence} The last good backup is {good}.").format(sentence=sentence, good=good) if good else _("{sentence} No good backup was found.").format(sentence=sentence)
