"""Backups and integrity checks: the owner must never lose the book.

Backups use SQLite's online backup API, so they are consistent even while the book is open,
and they rotate: the newest ``KEEP`` copies are kept, older ones removed.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.errors import BookError
from core.paths import BOOK_SUFFIX, backup_dir

KEEP = 10


_STAMP = "%Y-%m-%d_%H%M%S"  # a backup's name starts with when it was made: names sort as times do


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA integrity_check`` as a list of problems; empty when the file is sound."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    problems = [str(r[0]) for r in rows]
    return [] if problems == ["ok"] else problems


_BACKUP_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}_\d{6}_[a-z-]+(_\d+)?" + re.escape(BOOK_SUFFIX) + "$")
_PART = ".part"


def make_backup(conn: sqlite3.Connection, book_path: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the open book into its backups folder, verified, and drop the oldest beyond ``KEEP``.

    The copy is written under a temporary name, checked (it opens, passes the integrity check,
    holds the book's own tables) and only then renamed into place: a full disk, a kill or a
    damaged source leaves no file that could later be offered as "the last good backup".
    Raises BookError("Backup failed: …") in one line when it cannot be made.
    """
    folder = backup_dir(book_path)
    stamp = (now or datetime.now()).strftime(_STAMP)
    try:
        if folder.exists() and not folder.is_dir():  # mkdir would only say "File exists"
            raise BookError(f"Backup failed: {folder} is not a folder")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for leftover in folder.glob(f".*{_PART}"):
            leftover.unlink(missing_ok=True)  # an earlier backup cut short by a kill or a full disk
        target = folder / f"{stamp}_{reason}{BOOK_SUFFIX}"
        counter = 1
        while target.exists():
            counter += 1
            target = folder / f"{stamp}_{reason}_{counter}{BOOK_SUFFIX}"
        temporary = folder / f".{target.name}{_PART}"
        try:
            os.close(os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600))  # owner only
            dest = sqlite3.connect(temporary)
            try:
                conn.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")  # a backup is one file: no -wal/-shm beside it
            finally:
                dest.close()
            problem = backup_problem(temporary)
            if problem:
                raise BookError(f"Backup failed: the copy did not check out ({problem}); the book may be damaged")
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as exc:
        raise BookError(f"Backup failed: {_in_words(exc)}") from exc
    for old in list_backups(book_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def daily_backup(conn: sqlite3.Connection, book_path: Path) -> str:
    """Today's backup, unless there is one already; a failure is returned in one line ("Backup
    failed: …") for the window to show, never raised: the owner keeps working."""
    newest = list_backups(book_path)
    if newest and newest[0].name.startswith(datetime.now().strftime("%Y-%m-%d")):
        return ""
    try:
        make_backup(conn, book_path, "daily")
    except BookError as exc:
        return str(exc)
    return ""


def _in_words(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or "full" in text:
        return "the disk is full"
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text:
        return "the backups folder cannot be written to"
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else text) or type(exc).__name__


def backup_problem(path: Path) -> str | None:
    """Why this file is not a usable backup of a Rapport book, or None when it is one."""
    try:
        if path.stat().st_size == 0:
            return "the file is empty"
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            problems = integrity_problems(conn)
            if problems:
                return problems[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"contacts", "interactions", "_sqlite_migrations"} <= tables:
                return "it is not a Rapport book"
            conn.execute("SELECT count(*) FROM contacts").fetchone()
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        return str(exc)
    return None


def list_backups(book_path: Path) -> list[Path]:
    """The book's backups, newest first: only files Rapport named and finished (never a leftover)."""
    folder = backup_dir(book_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"*{BOOK_SUFFIX}") if _BACKUP_NAME.match(p.name) and p.is_file()
             and p.stat().st_size > 0]
    return sorted(found, key=lambda p: p.name, reverse=True)


def last_good_backup(book_path: Path) -> Path | None:
    """The newest backup that opens, passes the integrity check and holds a Rapport book."""
    for candidate in list_backups(book_path):
        if backup_problem(candidate) is None:
            return candidate
    return None


@dataclass(frozen=True)
class BackupInfo:
    """One backup as the restore list shows it."""

    path: Path
    made_at: datetime
    reason: str
    contacts: int


_REASONS = {"daily": "daily", "manual": "made by hand", "before-import": "before an import",
            "before-upgrade": "before an upgrade", "before-restore": "before a restore",
            "before-emptying-trash": "before emptying the Trash", "before-forgetting": "before forgetting someone"}


def _name_parts(path: Path) -> re.Match[str] | None:
    """A backup's name says when it was made and why: "2026-12-01_192104_daily.rapport"."""
    return re.match(r"^(\d{4}-\d{2}-\d{2}_\d{6})_([a-z-]+?)(_\d+)?" + re.escape(BOOK_SUFFIX) + "$", path.name)


def backup_made_at(path: Path) -> datetime | None:
    """When a backup was made, read off its name (None for a file not named as a backup)."""
    match = _name_parts(path)
    return datetime.strptime(match.group(1), _STAMP) if match else None


def backup_catalogue(book_path: Path) -> list[BackupInfo]:
    """Every good backup, newest first, with when, why and how many contacts it holds."""
    found = []
    for path in list_backups(book_path):
        if backup_problem(path) is not None:
            continue
        match = _name_parts(path)
        if not match:
            continue
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            contacts = conn.execute("SELECT count(*) FROM contacts WHERE deleted_on IS NULL").fetchone()[0]
        finally:
            conn.close()
        reason = match.group(2)
        found.append(BackupInfo(path, datetime.strptime(match.group(1), _STAMP),
                                _REASONS.get(reason, reason.replace("-", " ")), contacts))
    return found


def restore_backup(backup: Path, book_path: Path) -> Path:
    """Put a backup in place of the book. The current file (sound or damaged) is set aside,
    renamed with the time, never deleted; works when the current book will not even open."""
    if not backup.is_file():
        raise BookError(f"The backup {backup} does not exist.")
    problem = backup_problem(backup)
    if problem:
        raise BookError(f"The backup {backup} cannot be restored: {problem}.")
    aside = book_path.with_name(book_path.name + f".set-aside-{datetime.now():%Y%m%d-%H%M%S}")
    if book_path.exists():
        book_path.rename(aside)
    for sidecar in ("-wal", "-shm"):
        extra = book_path.with_name(book_path.name + sidecar)
        if extra.exists():
            extra.rename(aside.with_name(aside.name + sidecar))
    os.close(os.open(book_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    dest = sqlite3.connect(book_path)
    try:
        src.backup(dest)
    finally:
        src.close()
        dest.close()
    return aside
