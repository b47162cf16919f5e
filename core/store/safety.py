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
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from core.errors import BookError
from core.files import create_exclusive, is_regular_file, move_no_replace, numbered, reserve
from core.paths import BOOK_SUFFIX, backup_dir
from core.text import format_day, format_moment
from core.i18n import N_, _

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


_PART = ".part"
STOP_ASKED_EVERY = 1_000  # SQLite steps between two "stop?" during a copy's check (well under a millisecond)
FUTURE_SLACK = timedelta(days=1)  # a time zone moved west makes a recent backup look hours ahead: not a wrong clock


def _name_parts(path: Path) -> re.Match[str] | None:
    """A backup's name says when it was made, in which order and why:
    "2026-12-01_192104_n42_daily.rapport" (older Rapports wrote no order: "…_192104_daily.rapport")."""
    return re.match(r"^(\d{4}-\d{2}-\d{2}_\d{6})(?:_n(\d+))?_([a-z-]+?)(_\d+)?" + re.escape(BOOK_SUFFIX) + "$",
                    path.name)


def make_backup(conn: sqlite3.Connection, book_path: Path, reason: str, now: datetime | None = None,
                stop: Callable[[], bool] | None = None) -> Path:
    """Copy the open book into its backups folder, verified, and drop the oldest beyond ``KEEP``.

    The copy is written under a temporary name, checked (it opens, passes the integrity check,
    holds the book's own tables) and only then renamed into place, never over another file: a full
    disk, a kill or a damaged source leaves no file that could later be offered as "the last good
    backup". Its name carries the order it was made in as well as the clock's time, and the order
    decides what is kept: a clock that was once set to next year never gets every new backup deleted
    the moment it is made. Raises BookError("Backup failed: …") in one line when it cannot be made.
    ``stop``, asked while the copy is checked (seconds on a large book), stops the check when it says
    so: the copy is then removed as any copy that did not check out.
    """
    folder = backup_dir(book_path)
    stamp = (now or datetime.now()).strftime(_STAMP)
    try:
        if folder.exists() and not folder.is_dir():  # mkdir would only say "File exists"
            raise BookError(_("Backup failed: {folder} is not a folder").format(folder=folder))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        remove_leftovers(folder)  # an earlier backup cut short by a kill or a full disk
        order = max((_order(p) for p in _named_backups(folder)), default=0) + 1
        temporary = reserve(numbered(folder / f".{stamp}_n{order}_{reason}{BOOK_SUFFIX}{_PART}"), create_exclusive)
        try:
            os.chmod(temporary, 0o600)  # owner only
            copy_whole(conn, temporary)
            problem = backup_problem(temporary, stop)
            if problem:
                raise BookError(_("Backup failed: the copy did not check out ({problem}); the book may be damaged").format(problem=problem))
            _fsync(temporary)
            target = reserve(lambda n: folder / (f"{stamp}_n{order + n - 1}_{reason}{BOOK_SUFFIX}"),
                             lambda name: move_no_replace(temporary, name))
        finally:
            _remove_with_journal(temporary)
    except (OSError, sqlite3.Error) as exc:
        raise BookError(_("Backup failed: {in_words}").format(in_words=_in_words(exc))) from exc
    for old in list_backups(book_path)[KEEP:]:
        if old != target:
            old.unlink(missing_ok=True)
    if not is_regular_file(target):  # never report a backup that is not on disk
        raise BookError(_("Backup failed: {name} was not in the backups folder once made").format(name=target.name))
    return target


def copy_whole(source: sqlite3.Connection, target: Path) -> None:
    """What ``source`` holds, copied through SQLite's backup API into ``target`` as one file (no
    ``-wal`` or ``-shm`` beside it): a backup, a restore's copy, a copy kept aside or carried away."""
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _remove_with_journal(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


def remove_leftovers(folder: Path, patterns: tuple[str, ...] = (f".*{_PART}", f".*{_PART}-*")) -> int:
    """Remove what backups and restores cut short left in ``folder`` (a temporary copy and its
    SQLite journal: ".…rapport.part", ".…part-journal", ".book.rapport.restoring"); how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for leftover in [p for pattern in patterns for p in folder.glob(pattern)]:
        if is_regular_file(leftover):
            leftover.unlink(missing_ok=True)
            removed += 1
    return removed


def restore_leftovers(book_path: Path) -> tuple[str, ...]:
    """The names a restore cut short leaves beside the book (its temporary copy and journal)."""
    return (f".{book_path.name}.restoring*",)


def clean_leftovers(book_path: Path) -> None:
    """At open: every temporary file a kill or a full disk left, beside the book and in its backups."""
    remove_leftovers(backup_dir(book_path))
    remove_leftovers(book_path.parent, restore_leftovers(book_path))


def daily_backup(conn: sqlite3.Connection, book_path: Path, stop: Callable[[], bool] | None = None) -> str:
    """Today's backup, unless there is one already; a failure is returned in one line ("Backup
    failed: …") for the window to show, never raised: the owner keeps working."""
    newest = list_backups(book_path)
    made_at = backup_made_at(newest[0]) if newest else None
    if made_at is not None and made_at.date() == datetime.now().date():
        return ""
    try:
        make_backup(conn, book_path, "daily", stop=stop)
    except BookError as exc:
        return str(exc)
    return ""


def _in_words(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or "full" in text:
        return _("the disk is full")
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text:
        return _("the backups folder cannot be written to")
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else text) or type(exc).__name__


def backup_problem(path: Path, stop: Callable[[], bool] | None = None) -> str | None:
    """Why this file is not a usable backup of a Rapport book, or None when it is one. ``stop`` is
    asked every few thousand steps of the check: when it says so, SQLite stops ("interrupted")."""
    try:
        if path.stat().st_size == 0:
            return _("the file is empty")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        if stop is not None:
            conn.set_progress_handler(lambda: int(stop()), STOP_ASKED_EVERY)
        try:
            problems = integrity_problems(conn)
            if problems:
                return problems[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"contacts", "interactions", "_sqlite_migrations"} <= tables:
                return _("it is not a Rapport book")
            conn.execute("SELECT count(*) FROM contacts").fetchone()
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        return str(exc)
    return None


def _named_backups(folder: Path) -> list[Path]:
    """Regular files named as Rapport names its backups: never a link (it could point at any book)."""
    return [p for p in folder.glob(f"*{BOOK_SUFFIX}") if _name_parts(p) and is_regular_file(p)]


def _order(path: Path) -> int:
    match = _name_parts(path)
    return int(match.group(2)) if match and match.group(2) else 0


def is_future(made_at: datetime, now: datetime | None = None) -> bool:
    """Whether a backup's time is later than now: the clock was wrong when it was made (or is now)."""
    return made_at > (now or datetime.now()) + FUTURE_SLACK


def list_backups(book_path: Path) -> list[Path]:
    """The book's backups, newest first: only regular files Rapport named and finished (never a
    leftover, never a link). Newest means made last: by the order in the name, then by its time; a
    backup dated in the future (a clock that was wrong) counts as the oldest once others exist."""
    folder = backup_dir(book_path)
    if not folder.is_dir():
        return []
    now = datetime.now()

    def newest_first(path: Path) -> tuple[bool, int, datetime, str]:
        made_at = backup_made_at(path) or datetime.min
        return (not is_future(made_at, now), _order(path), made_at if not is_future(made_at, now) else datetime.min,
                path.name)

    found = [p for p in _named_backups(folder) if p.stat().st_size > 0]
    return sorted(found, key=newest_first, reverse=True)


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

    @property
    def when(self) -> str:
        """"1 Dec 2026 19:21", or, for a backup dated in the future, what the clock said."""
        if is_future(self.made_at):
            return _("made with the clock set to {date}").format(date=format_day(self.made_at.date()))
        return format_moment(self.made_at)


_REASONS = {"daily": N_("daily"), "manual": N_("made by hand"), "before-import": N_("before an import"),
            "before-upgrade": N_("before an upgrade"), "before-restore": N_("before a restore"),
            "before-emptying-trash": N_("before emptying the Trash"), "before-forgetting": N_("before forgetting someone")}


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
        reason = match.group(3)
        found.append(BackupInfo(path, datetime.strptime(match.group(1), _STAMP),
                                _(_REASONS[reason]) if reason in _REASONS else reason.replace("-", " "), contacts))
    return found


def restore_backup(backup: Path, book_path: Path) -> Path | None:
    """Put a backup in place of the book; returns where the book as it was is kept (None when there
    was no book). Works when the current book will not even open.

    The backup is copied beside the book under a temporary name and checked; the book, with its
    ``-wal``, is then set aside under a name no other file has (never deleted, never replaced), and
    the checked copy is renamed over the book in one step: a kill at any moment leaves the old book
    or the new one in place, never an empty or half-copied one.
    """
    if not is_regular_file(backup):
        raise BookError(_("The backup {backup} does not exist.").format(backup=backup) if not os.path.lexists(backup) else
                        _("{backup} is not a backup Rapport made (it is not a regular file).").format(backup=backup))
    problem = backup_problem(backup)
    if problem:
        raise BookError(_("The backup {backup} cannot be restored: {problem}.").format(backup=backup, problem=problem))
    remove_leftovers(book_path.parent, restore_leftovers(book_path))
    temporary = reserve(numbered(book_path.with_name(f".{book_path.name}.restoring")), create_exclusive)
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            copy_whole(src, temporary)
        finally:
            src.close()
        problem = backup_problem(temporary)
        if problem:
            raise BookError(_("The backup {backup} could not be copied whole ({problem}); the book was not changed.").format(backup=backup, problem=problem))
        _fsync(temporary)
        aside = _set_aside(book_path)
        os.replace(temporary, book_path)
    except OSError as exc:
        raise BookError(_("The backup could not be put in place ({in_words}); the book was not changed.").format(in_words=_in_words(exc))) from exc
    finally:
        _remove_with_journal(temporary)
    return aside


def _set_aside(book_path: Path) -> Path | None:
    """Keep the book and its ``-wal`` under a new name, then take the ``-wal`` and ``-shm`` from
    beside the book (they belong to it, never to what replaces it). The book itself stays in place
    (a second link) until the restored copy replaces it."""
    if not os.path.lexists(book_path):
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")

    def link(name: Path) -> None:
        try:
            os.link(book_path, name, follow_symlinks=False)
        except FileExistsError:
            raise
        except OSError:  # no links on this file system: the book is moved, the copy then takes its place
            move_no_replace(book_path, name)

    aside = reserve(numbered(book_path.with_name(f"{book_path.name}.set-aside-{stamp}")), link)
    wal = book_path.with_name(book_path.name + "-wal")
    if wal.exists():
        move_no_replace(wal, aside.with_name(aside.name + "-wal"))
    book_path.with_name(book_path.name + "-shm").unlink(missing_ok=True)
    return aside
