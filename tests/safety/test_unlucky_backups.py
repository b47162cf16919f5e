"""Backups and restores on an unlucky machine: a clock that was once a year ahead, two restores in
the same second, a link or a leftover in the backups folder. Each test names what it guards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from core.files import move_no_replace
from core.paths import backup_dir
from core.store import Book
from core.store.safety import KEEP, backup_catalogue, list_backups, make_backup, restore_backup
from tests.test_cli import rapport

ROOT = Path(__file__).resolve().parents[2]


def names(book_path: Path) -> list[str]:
    with Book.open(book_path, backup_daily=False, writer=False) as book:
        return sorted(c.name for c in book.contacts.in_view())


def ten_backups_dated_next_year(book_path: Path) -> list[Path]:
    """What an older Rapport left on a laptop whose clock once said June 2027: ten backups named for it."""
    with Book.open(book_path, backup_daily=False) as book:
        book.contacts.add("Ana")
        first = book.backup()
    folder = backup_dir(book_path)
    made = []
    for n in range(KEEP):
        stale = folder / f"2027-06-01_12{n:02d}00_daily.rapport"
        shutil.copyfile(first, stale)
        made.append(stale)
    first.unlink()
    return made


def test_a_clock_once_set_to_next_year_never_gets_the_new_backup_deleted(book_path: Path) -> None:
    stale = ten_backups_dated_next_year(book_path)
    code, out, err = rapport(book_path, "backup")
    assert code == 0, err
    made = Path(out.strip().removeprefix("Backed up to "))
    assert made.is_file(), "the backup it names is on disk"
    listed = list_backups(book_path)
    assert listed[0] == made and len(listed) == KEEP
    # the daily one of today's first open and the one asked for took the places of two stale copies
    assert sum(path in listed for path in stale) == KEEP - 2


def test_every_new_backup_is_kept_however_many_stale_ones_are_there(book_path: Path) -> None:
    ten_backups_dated_next_year(book_path)
    with Book.open(book_path, backup_daily=False) as book:
        made = [book.backup() for _ in range(KEEP + 2)]
    assert list_backups(book_path) == made[::-1][:KEEP], "the ten made last, newest first"
    assert not any(p.name.startswith("2027") for p in list_backups(book_path))


def test_a_backup_dated_in_the_future_is_listed_with_what_the_clock_said(book_path: Path) -> None:
    ten_backups_dated_next_year(book_path)
    with Book.open(book_path, backup_daily=False) as book:
        book.backup()
    catalogue = backup_catalogue(book_path)
    assert catalogue[0].when == f"{datetime.now().day} {datetime.now():%b %Y %H:%M}"
    assert catalogue[1].when == "made with the clock set to 1 Jun 2027"
    code, out, _ = rapport(book_path, "backups")
    assert "2027-06-01 12:09 (made with the clock set to 1 Jun 2027)  daily" in out


def test_a_backup_made_while_the_clock_is_ahead_is_kept_in_the_order_made(book_path: Path) -> None:
    """Made with the clock a year ahead, then with the clock right again: the order decides."""
    with Book.open(book_path, backup_daily=False) as book:
        ahead = make_backup(book.conn, book_path, "manual", datetime(2027, 6, 1, 12, 0))
        right = book.backup()
    assert list_backups(book_path) == [right, ahead]


@pytest.mark.skipif(shutil.which("faketime") is None, reason="faketime is not installed here")
def test_with_the_clock_moved_a_year_ahead_and_back_the_new_backups_stay(book_path: Path) -> None:
    with Book.open(book_path, backup_daily=False) as book:
        book.contacts.add("Ana")
    env = {**os.environ, "RAPPORT_DATA_DIR": str(book_path.parent)}
    command = [sys.executable, str(ROOT / "main.py"), "--book", str(book_path), "backup"]
    for _ in range(KEEP):
        ahead = subprocess.run(["faketime", "2027-06-01 12:00:00", *command], capture_output=True, text=True,
                               env=env, timeout=60)
        assert ahead.returncode == 0, ahead.stderr
    back = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    made = Path(back.stdout.strip().removeprefix("Backed up to "))
    assert made.is_file() and list_backups(book_path)[0] == made


def test_two_restores_in_the_same_second_keep_both_books_set_aside(book_path: Path) -> None:
    with Book.open(book_path, backup_daily=False) as book:
        book.contacts.add("Ana")
        backup = book.backup()
        book.contacts.add("Bruno, not yet backed up")
    first = restore_backup(backup, book_path)
    second = restore_backup(backup, book_path)
    assert first is not None and second is not None and first != second
    assert names(first) == ["Ana", "Bruno, not yet backed up"], "the owner's unbacked work is still in a file"
    assert names(second) == ["Ana"]
    assert names(book_path) == ["Ana"]


def test_a_move_never_replaces_a_file_that_is_there(tmp_path: Path) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    source.write_text("mine")
    target.write_text("theirs")
    with pytest.raises(FileExistsError):
        move_no_replace(source, target)
    assert (source.read_text(), target.read_text()) == ("mine", "theirs")
    move_no_replace(source, tmp_path / "c")
    assert not source.exists() and (tmp_path / "c").read_text() == "mine"


def test_a_link_in_the_backups_folder_is_never_a_backup(tmp_path: Path, book_path: Path) -> None:
    other = tmp_path / "someone-elses.rapport"
    with Book.open(other, backup_daily=False) as book:
        book.contacts.add("Not the owner's")
    with Book.open(book_path, backup_daily=False) as book:
        book.contacts.add("Ana")
        real = book.backup()
    link = backup_dir(book_path) / "2026-12-31_235959_n99_daily.rapport"
    link.symlink_to(other)
    assert list_backups(book_path) == [real]
    assert [info.path for info in backup_catalogue(book_path)] == [real]
    code, _, err = rapport(book_path, "restore", str(link))
    assert code == 2 and err == f"rapport: {link} is not a backup Rapport made (it is not a regular file).\n"
    assert names(book_path) == ["Ana"]


def test_leftovers_of_a_backup_cut_short_are_removed_at_the_next_open(book_path: Path) -> None:
    Book.open(book_path, backup_daily=False).close()
    folder = backup_dir(book_path)
    folder.mkdir()
    leftovers = [folder / ".2026-11-25_090000_n3_daily.rapport.part", folder / ".2026-11-25_090000_n3_daily.rapport"
                 ".part-journal", book_path.with_name(f".{book_path.name}.restoring"),
                 book_path.with_name(f".{book_path.name}.restoring-journal")]
    for leftover in leftovers:
        leftover.write_bytes(b"half")
    Book.open(book_path, backup_daily=False).close()
    assert [p for p in leftovers if p.exists()] == []


def test_a_failed_daily_backup_is_said_in_one_line_by_a_command(book_path: Path) -> None:
    with Book.open(book_path, backup_daily=False) as book:
        book.contacts.add("Ana")
    backup_dir(book_path).write_text("a file where the backups folder should be")
    code, out, err = rapport(book_path, "list")
    assert code == 0 and "Ana" in out
    assert err == f"rapport: Backup failed: {backup_dir(book_path)} is not a folder\n"


def test_a_backup_stopped_while_its_copy_is_checked_leaves_nothing(book_path: Path) -> None:
    """The book closed during the daily backup (its check is seconds on a large book): the check is
    stopped, and nothing is left that could pass for a backup, not even a part."""
    import sqlite3

    from core.errors import BookError

    with Book.open(book_path, backup_daily=False) as book:
        book.contacts.add("Ana")
        asked: list[int] = []
        conn = sqlite3.connect(f"file:{book_path}?mode=ro", uri=True)
        try:
            with pytest.raises(BookError, match=r"^Backup failed: the copy did not check out \(interrupted\)"):
                make_backup(conn, book_path, "daily", stop=lambda: bool(asked.append(1) or True))
            assert asked, "the check asked whether to stop"
            made = make_backup(conn, book_path, "daily", stop=lambda: False)  # never told to stop: made whole
        finally:
            conn.close()
    assert sorted(os.listdir(backup_dir(book_path))) == [made.name]
