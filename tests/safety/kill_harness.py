"""Kill Rapport at random moments while it writes, then check that nothing committed was lost,
nothing was half applied, the file is sound and no unverified backup is listed.

Used by the suite (20 kills) and by ``bench/bench_kills.py`` (its long form, 200 or more).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BATCH = 40  # contacts per import: all of a batch is in the book, or none

WORKER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from core.store import Book
    from core.interchange import load, plan_import

    book_path, report_path, start, sheet = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    report = open(report_path, "a", buffering=1)

    def said(line):
        report.write(line + "\\n")
        report.flush()
        os.fsync(report.fileno())

    book = Book.open(book_path)
    step = start
    while True:
        action = step % 5
        if action == 0:
            contact = book.contacts.add(f"Person {{step}}")
            said(f"add {{step}} {{contact.id}}")
        elif action == 1:
            ids = book.contacts.ids()
            if ids:
                logged = book.interactions.log(ids[step % len(ids)], "purchase", amount="12.50", note=f"s{{step}}")
                said(f"log {{step}} {{logged.id}}")
        elif action == 2:
            book.backup("manual")
            said(f"backup {{step}}")
        elif action == 4:
            ids = book.contacts.ids()
            if len(ids) >= 2:
                keep, other = ids[0], ids[-1]
                book.interactions.log(other, "purchase", amount="3.00", note=f"m{{step}}")
                book.interchange.merge(keep, other)
                said(f"merge {{step}} {{other}}")
        else:
            with open(sheet, "w") as out:
                out.write("Name,Email\\n" + "".join(f"Imported {{step}}-{{n}},i{{step}}-{{n}}@example.org\\n"
                                                    for n in range({batch})))
            book.interchange.apply_import(plan_import(book, load(sheet), source=f"batch {{step}}"), backup=False)
            said(f"import {{step}}")
        step += 1
""")


def run_kills(folder: Path, kills: int, seed: int = 7) -> list[str]:
    """Kill a writer ``kills`` times; returns the problems found (empty when the book kept its word)."""
    from core.store import Book
    from core.store.safety import backup_problem, list_backups

    rng = random.Random(seed)
    book_path, report = folder / "book.rapport", folder / "report.txt"
    script = folder / "worker.py"
    script.write_text(WORKER.format(root=str(ROOT), batch=BATCH), encoding="utf-8")
    problems: list[str] = []
    for round_number in range(kills):
        start = round_number * 100_000
        child = subprocess.Popen([sys.executable, str(script), str(book_path), str(report), str(start),
                                  str(folder / "sheet.csv")], stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        problems += check(book_path, report)
        for path in list_backups(book_path):
            if backup_problem(path) is not None:
                problems.append(f"round {round_number}: unverified backup listed: {path.name}")
        with Book.open(book_path, backup_daily=False) as book:  # also: it still opens as a book
            book.contacts.ids()
    return problems


def check(book_path: Path, report: Path) -> list[str]:
    problems: list[str] = []
    conn = sqlite3.connect(book_path)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        made = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'contacts'").fetchone() is not None
        # Killed before the new book's first commit, it has no tables yet: then nothing was promised.
        contacts = {r[0] for r in conn.execute("SELECT id FROM contacts")} if made else set()
        interactions = {r[0] for r in conn.execute("SELECT id FROM interactions")} if made else set()
        # A merge moves every row of the one merged away, then puts it in the Trash: all or nothing.
        half_merged = [r[0] for r in conn.execute(
            "SELECT c.id FROM contacts c WHERE c.deleted_on IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM interactions i WHERE i.contact_id = c.id)")] if made else []
        trashed = {r[0] for r in conn.execute("SELECT id FROM contacts WHERE deleted_on IS NOT NULL")} if made else set()
        batches = dict(conn.execute("SELECT source, count(*) FROM contacts WHERE source LIKE 'batch %' "
                                    "GROUP BY source")) if made else {}
    finally:
        conn.close()
    problems += [f"contact {cid} is half merged: in the Trash with interactions left" for cid in half_merged]
    lines = report.read_text().splitlines() if report.exists() else []
    for line in lines:
        what, step, *rest = line.split()
        if what == "add" and int(rest[0]) not in contacts:
            problems.append(f"committed add {step} is missing")
        if what == "log" and int(rest[0]) not in interactions:
            problems.append(f"committed log {step} is missing")
        if what == "merge" and int(rest[0]) not in trashed:
            problems.append(f"committed merge {step} left contact {rest[0]} out of the Trash")
        if what == "import" and batches.get(f"batch {step}") != BATCH:
            problems.append(f"committed import {step} has {batches.get(f'batch {step}', 0)} of {BATCH}")
    for source, count in batches.items():
        if count != BATCH:
            problems.append(f"{source} is half applied: {count} of {BATCH}")
    return problems


RESTORER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from core.store.safety import restore_backup

    book_path, first, second = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    while True:
        for backup in (first, second):
            restore_backup(backup, book_path)
""")


def run_restore_kills(folder: Path, kills: int, seed: int = 11) -> list[str]:
    """Kill a restore ``kills`` times at random moments, back and forth between two backups; returns
    the problems found. After every kill the book must open whole, as one backup or the other (never
    empty, never half copied), and every set-aside copy must be a whole book too."""
    from core.store import Book

    rng = random.Random(seed)
    book_path = folder / "book.rapport"
    backups = []
    for name, people in (("first", 30), ("second", 45)):
        with Book.open(folder / f"{name}.rapport", backup_daily=False) as book:
            for n in range(people):
                book.contacts.add(f"{name} {n}", notes="n" * 400)
        backups.append(folder / f"{name}.rapport")
    expected = [_names(path) for path in backups]
    with Book.open(book_path, backup_daily=False) as book:
        book.contacts.add("the owner's own")
    script = folder / "restorer.py"
    script.write_text(RESTORER.format(root=str(ROOT)), encoding="utf-8")
    problems: list[str] = []
    for round_number in range(kills):
        child = subprocess.Popen([sys.executable, str(script), str(book_path), *map(str, backups)],
                                 stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.25, 0.9))
        child.send_signal(signal.SIGKILL)
        child.wait()
        try:
            found = _names(book_path)
        except sqlite3.Error as exc:
            problems.append(f"round {round_number}: the book does not open ({exc})")
            continue
        if found not in expected and found != {"the owner's own"}:
            problems.append(f"round {round_number}: the book holds {len(found)} contacts, neither backup whole")
        for aside in folder.glob("book.rapport.set-aside-*"):
            if aside.name.endswith(("-wal", "-shm")):
                continue
            try:
                kept = _names(aside)
            except sqlite3.Error as exc:
                problems.append(f"round {round_number}: {aside.name} does not open ({exc})")
                kept = set()
            if kept not in expected and kept != {"the owner's own"} and not problems[-1:]:
                problems.append(f"round {round_number}: {aside.name} is not a whole book")
            for part in (aside, aside.with_name(aside.name + "-wal"), aside.with_name(aside.name + "-shm")):
                part.unlink(missing_ok=True)  # checked: the folder stays small over hundreds of rounds
        with Book.open(book_path, backup_daily=False) as book:  # it opens as a book, and is written again
            book.contacts.ids()
    return problems


def _names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("integrity_check failed")
        return {r[0] for r in conn.execute("SELECT name FROM contacts WHERE deleted_on IS NULL")}
    finally:
        conn.close()


if __name__ == "__main__":  # pragma: no cover - a quick manual run
    import tempfile

    print(run_kills(Path(tempfile.mkdtemp()), int(os.environ.get("KILLS", "5"))))
