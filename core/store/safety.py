"""Backups and integrity checks: the owner must never lose the book.

Backups use SQLite's online backup API, so they are consistent even while the book is open,
and they rotate: the newest ``KEEP`` copies are kept, older ones removed.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from core.errors import BookError
from core.paths import BOOK_SUFFIX, backup_dir

KEEP = 10


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA integrity_check`` as a list of problems; empty when the file is sound."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    problems = [str(r[0]) for r in rows]
    return [] if problems == ["ok"] else problems


def make_backup(conn: sqlite3.Connection, book_path: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the open book into its backups folder and drop the oldest beyond ``KEEP``."""
    folder = backup_dir(book_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"{stamp}_{reason}{BOOK_SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{stamp}_{reason}_{counter}{BOOK_SUFFIX}"
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    for old in list_backups(book_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def list_backups(book_path: Path) -> list[Path]:
    """The book's backups, newest first."""
    folder = backup_dir(book_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*{BOOK_SUFFIX}"), key=lambda p: p.name, reverse=True)


def last_good_backup(book_path: Path) -> Path | None:
    """The newest backup that passes the integrity check, for the way back from damage."""
    for candidate in list_backups(book_path):
        try:
            conn = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
            try:
                if not integrity_problems(conn):
                    return candidate
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            continue
    return None


def restore_backup(backup: Path, book_path: Path) -> Path:
    """Put a backup in place of the book; the damaged file is kept aside, never deleted."""
    if not backup.is_file():
        raise BookError(f"The backup {backup} does not exist.")
    aside = book_path.with_name(book_path.name + f".damaged-{datetime.now():%Y%m%d%H%M%S}")
    if book_path.exists():
        book_path.rename(aside)
    for sidecar in ("-wal", "-shm"):
        extra = book_path.with_name(book_path.name + sidecar)
        if extra.exists():
            extra.rename(aside.with_name(aside.name + sidecar))
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    dest = sqlite3.connect(book_path)
    try:
        src.backup(dest)
    finally:
        src.close()
        dest.close()
    return aside
