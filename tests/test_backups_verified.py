"""Backups that are really backups: written under a temporary name, verified, then renamed.

Each test names the way the book could be lost before: a 0-byte "backup" from a full disk or a
kill, named "the last good backup" and restored over a sound book.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from core.paths import backup_dir
from core.store import Book
from core.store.safety import last_good_backup, list_backups

ROOT = Path(__file__).resolve().parents[1]


def names_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_zero_byte_backup_is_never_listed_nor_offered(book: Book, book_path: Path) -> None:
    good = book.backup("manual")
    empty = backup_dir(book_path) / "2099-01-01_000000_daily.rapport"
    empty.touch()
    assert list_backups(book_path) == [good]
    assert last_good_backup(book_path) == good


def test_a_backup_cut_short_by_a_kill_is_not_listed_and_today_still_gets_one(book_path: Path) -> None:
    Book.open(book_path, backup_daily=False).close()
    folder = backup_dir(book_path)
    folder.mkdir()
    leftover = folder / ".2026-11-25_090000_daily.rapport.part"
    leftover.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert list_backups(book_path) == []
    Book.open(book_path).close()  # the first open of the day
    [daily] = list_backups(book_path)
    assert daily.name.endswith("_daily.rapport") and not leftover.exists()


def test_files_that_are_not_a_rapport_book_are_not_good_backups(book: Book, book_path: Path) -> None:
    folder = backup_dir(book_path)
    folder.mkdir(exist_ok=True)
    import sqlite3

    other = sqlite3.connect(folder / "2099-01-01_000000_manual.rapport")
    other.execute("CREATE TABLE notes (x)")
    other.commit()
    other.close()
    (folder / "holiday.jpg.rapport").write_bytes(b"junk")
    assert [p.name for p in list_backups(book_path)] == ["2099-01-01_000000_manual.rapport"]
    assert last_good_backup(book_path) is None


def test_a_full_disk_gives_one_line_and_leaves_no_file(book_path: Path) -> None:
    """A file-size limit makes every write past it fail with EFBIG, as a full disk would."""
    book = Book.open(book_path)
    for n in range(300):
        book.contacts.add(f"Customer {n}", notes="x" * 2000)
    book.close()
    before = names_in(backup_dir(book_path))
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
        sys.path.insert(0, {str(ROOT)!r})
        from core.cli import run
        sys.exit(run(["--book", {str(book_path)!r}, "backup"]))
    """)
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                           env={**os.environ, "RAPPORT_DATA_DIR": str(book_path.parent)})
    assert child.returncode == 2, child.stderr
    assert child.stderr.startswith("rapport: Backup failed: ") and child.stderr.count("\n") == 1
    assert names_in(backup_dir(book_path)) == before



def test_a_damaged_book_is_restored_from_the_command_line(book_path: Path) -> None:
    from tests.test_cli import rapport

    rapport(book_path, "add", "Ana")
    rapport(book_path, "backup")
    book_path.write_bytes(b"garbage" * 1000)
    code, _, err = rapport(book_path, "list")
    assert code == 2 and "is damaged (it is no longer an SQLite file). The last good backup is" in err
    code, out, _ = rapport(book_path, "backups")
    *lines, total = out.splitlines()
    assert total == "2 good backups"  # the day's first open made the daily one, then the one asked for
    [line] = [entry for entry in lines if "made by hand" in entry]
    assert "      1 contact " in line
    backup = line.split()[-1]
    code, out, _ = rapport(book_path, "restore", backup)
    assert code == 0 and out.startswith(f"Restored {backup}. The book as it was is kept as ")
    aside = Path(out.strip().split(" kept as ")[1].rstrip("."))
    assert aside.read_bytes() == b"garbage" * 1000
    code, out, _ = rapport(book_path, "list")
    assert code == 0 and "Ana" in out


def test_a_really_full_disk_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    """On an 8 MB loop-mounted disk filled to the brim (needs root and mkfs.ext4; skips otherwise)."""
    import shutil

    import pytest

    from core.errors import BookError

    image, disk = tmp_path / "disk.img", tmp_path / "disk"
    disk.mkdir()
    image.write_bytes(b"\0" * 8 * 1024 * 1024)
    made = subprocess.run(["mkfs.ext4", "-q", str(image)], capture_output=True) if shutil.which("mkfs.ext4") else None
    if os.geteuid() != 0 or made is None or made.returncode != 0 or subprocess.run(
            ["mount", "-o", "loop", str(image), str(disk)], capture_output=True).returncode != 0:
        pytest.skip("cannot loop-mount a small disk here (needs root, mkfs.ext4 and loop devices)")
    try:
        book_path = disk / "book.rapport"
        book = Book.open(book_path)
        for n in range(80):
            book.contacts.add(f"Customer {n}", notes="x" * 2000)
        book.checkpoint()
        with open(disk / "filler", "wb") as out:
            try:
                out.write(b"\0" * (shutil.disk_usage(disk).free + 4096))
            except OSError:
                pass  # the disk is full now, as intended
        before = names_in(backup_dir(book_path))
        try:
            book.backup()
        except BookError as exc:
            assert str(exc) == "Backup failed: the disk is full"
        else:
            raise AssertionError("a backup onto a full disk reported success")
        assert names_in(backup_dir(book_path)) == before  # no 0-byte or half backup left behind
        assert len(book.contacts.in_view()) == 80  # the owner keeps working
        book.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
