"""A book in a synced folder, replayed with two real copies and a sync that copies files over
each other. For each of the three ways a sync client lost an owner's work, prints how many of
this laptop's contacts were kept, how many were lost, and whether the owner was told.

1. Another laptop's -wal placed beside this book.
2. The book file replaced (by the sync) under an open window that added contacts.
3. A copy of the book taken while its -wal held 20 commits, in a synced folder.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import data_folder_of_the_run  # noqa: E402

if "RAPPORT_DATA_DIR" not in os.environ:
    data_folder_of_the_run("rapport-bench-sync-")

from core.errors import BookError  # noqa: E402
from core.store import Book  # noqa: E402


def names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM contacts WHERE deleted_on IS NULL")}
    finally:
        conn.close()


def wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def laptops(root: Path) -> tuple[Path, Path]:
    here, there = root / "Dropbox" / "here" / "book.rapport", root / "Dropbox" / "there" / "book.rapport"
    here.parent.mkdir(parents=True)
    there.parent.mkdir(parents=True)
    with Book.open(here, backup_daily=False) as book:
        book.contacts.add("Shared")
    shutil.copyfile(here, there)
    return here, there


def foreign_wal(root: Path) -> tuple[int, int, bool]:
    here, there = laptops(root)
    mine = {f"Mine {n}" for n in range(5)}
    with Book.open(here, backup_daily=False) as book:
        for name in sorted(mine):
            book.contacts.add(name)
    other = Book.open(there, backup_daily=False)
    other.synced = None  # the other laptop as an older Rapport left it: its -wal still full
    for n in range(11):
        other.contacts.add(f"Theirs {n}")
    shutil.copyfile(wal(there), wal(here))  # the sync client copies the other laptop's -wal over
    other.close()
    book = Book.open(here, backup_daily=False)
    try:
        seen = {c.name for c in book.contacts.in_view()}
        told = book.foreign_wal is not None and bool(book.read_only_reason)
    finally:
        book.close()
    with Book.open(here, backup_daily=False) as again:  # and the next open, as the owner goes on
        seen &= {c.name for c in again.contacts.in_view()}
    return len(mine & seen), len(mine - seen), told


def replaced_under_the_window(root: Path) -> tuple[int, int, bool]:
    here, there = laptops(root)
    mine = {"Added in this session 1", "Added in this session 2"}
    book = Book.open(here, backup_daily=False)
    told = False
    try:
        for name in sorted(mine):
            book.contacts.add(name)
        os.replace(shutil.copyfile(there, here.with_name("incoming")), here)
        try:
            book.contacts.add("After the sync")
        except BookError:
            told = True
        kept = names(book.kept_own_work) if book.kept_own_work else set()
    finally:
        book.close()
    return len(mine & kept), len(mine - kept), told


def copy_with_commits_in_the_wal(root: Path) -> tuple[int, int, bool]:
    here, _ = laptops(root)
    mine = {f"Commit {n}" for n in range(20)}
    book = Book.open(here, backup_daily=False)
    try:
        for name in sorted(mine):
            book.contacts.add(name)
        copied = root / "what-the-sync-copied.rapport"
        shutil.copyfile(here, copied)  # the one file, while the book is open
    finally:
        book.close()
    seen = names(copied)
    return len(mine & seen), len(mine - seen), True  # nothing to tell: nothing is lost


def main() -> None:
    for title, scenario in (("another laptop's -wal beside the book", foreign_wal),
                            ("the book replaced under an open window", replaced_under_the_window),
                            ("a copy taken while the -wal held 20 commits", copy_with_commits_in_the_wal)):
        with tempfile.TemporaryDirectory() as folder:
            kept, lost, told = scenario(Path(folder))
        print(f"{title}: {kept} of this laptop's contacts kept, {lost} lost, owner told: {'yes' if told else 'no'}")


if __name__ == "__main__":
    main()
