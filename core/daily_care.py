"""The book's daily care for one-shot commands: the check and the daily backup, after the command.

The first ``rapport tiers`` of a day used to check the whole file (1.4 s at 100,000 contacts) and
back it up (5.5 s) before printing a number. Now a command whose book has not been cared for today
runs at once, then starts this module in a process of its own, detached, which outlives it:

1. it opens the book as a reader (no writer's lock: the owner's next command is never kept waiting);
2. ``PRAGMA quick_check``; on damage it writes the words into the marker beside the book, and the
   next command checks the file before it opens and refuses with the way back, as before;
3. the daily backup, through SQLite's backup API, verified and only then renamed into place
   (``safety.make_backup``): killed at any moment, it leaves no file that could pass for a backup;
4. the marker records the day, so nothing more is done until tomorrow.

SQLite still reports a damaged page when a command reads or writes one, and a damaged book is never
made into a "good" backup: the last good one stays the way back.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from core.store.opening import checked_state, mark_checked

DAMAGED = "damaged"
BACKUP_FAILED = "backup-failed"  # the mark's word for a daily backup that failed: its sentence follows; tried again next time
# "before": the care runs in the command, before it (as it always did; the test suite's default, so a
# test's temporary folder is never written by a process that outlives it); "wait": in its own process,
# waited for (tests of this module); unset: detached.
MODE_VARIABLE = "RAPPORT_DAILY_CARE"
# The care is background work: at a lower priority, the owner's next command (started while the care
# still reads a large book, seconds) has the cores first, as the window's background processes do.
NICENESS = 10


def deferred(path: Path) -> bool:
    """Whether this command leaves the care until after it: the book needs it today, it is not asked
    to run first, and the book needs no upgrade (a book is checked before its format is changed)."""
    return os.environ.get(MODE_VARIABLE, "") != "before" and due(path) and not _needs_upgrade(path)


def _needs_upgrade(path: Path) -> bool:
    from core.store import migrating, opening

    known = set(migrating.NAMES)
    try:
        return not opening.sniff(path, known).applied >= known
    except Exception:  # noqa: BLE001 (whatever it is, the command's own open says it in words)
        return True


def state(path: Path) -> str:
    """What the marker beside the book says: a day (its last check passed then), "damaged …", "Backup
    failed: …", or ""."""
    return checked_state(path)


def due(path: Path, today: date | None = None) -> bool:
    """An existing book not yet cared for today (and not known to be damaged)."""
    said = state(path)
    return path.exists() and not said.startswith(DAMAGED) and said != (today or date.today()).isoformat()


def backup_problem(path: Path) -> str:
    """"Backup failed: …" when the last daily care could not make the backup, else ""."""
    kind, _space, sentence = state(path).partition(" ")
    return sentence if kind == BACKUP_FAILED else ""  # known by its word, in whatever language the sentence is


def known_damaged(path: Path) -> bool:
    return state(path).startswith(DAMAGED)


def start(path: Path) -> subprocess.Popen:
    """Start the care of ``path`` in a process of its own, detached from this one."""
    mode = os.environ.get(MODE_VARIABLE, "")
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH", "")]))}
    options: dict = {"start_new_session": True} if os.name != "nt" else {
        "creationflags": subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
        | subprocess.BELOW_NORMAL_PRIORITY_CLASS}  # type: ignore[attr-defined]  # see NICENESS
    child = subprocess.Popen([sys.executable, "-m", "core.daily_care", str(path)], cwd=root, env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             close_fds=True, **options)
    if mode == "wait":
        child.wait()
    return child


def care(path: Path) -> str:
    """Check, then back up; returns what the marker now says."""
    import sqlite3

    from core.errors import BookError
    from core.store import opening, safety

    today = date.today().isoformat()
    conn = sqlite3.connect(opening.uri(path, immutable=False), uri=True, timeout=30)
    try:
        conn.execute("PRAGMA query_only = ON")
        try:
            opening.quick_check(conn, path)
        except opening.BookDamagedError as exc:
            return _mark(path, f"{DAMAGED} {today}: {exc}")
        except BookError:
            return state(path)  # could not be read just now (locked, disk full): tried again next command
        problem = safety.daily_backup(conn, path)
    finally:
        conn.close()
    # A backup that could not be made is said by the next command, as it was when it ran first; the
    # mark does not hold today's day then, so the next command tries again.
    return _mark(path, f"{BACKUP_FAILED} {problem}") if problem else _mark(path, today)


def _mark(path: Path, said: str) -> str:
    mark_checked(path, said)
    return said


if __name__ == "__main__":
    if hasattr(os, "nice"):  # on Windows, ``start`` asks for a lower priority class instead
        os.nice(NICENESS)
    care(Path(sys.argv[1]))
