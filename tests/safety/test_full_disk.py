"""A full disk is a full disk: never "damaged", never a reason to restore a backup. On a small
tmpfs disk filled to the brim (needs root and mount; skips otherwise)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from core.store import Book
from core.store.opening import DiskFullError
from tests.test_cli import rapport


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small disk here (needs root and mount)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(handle, b"\0" * 4096)
    except OSError:
        pass  # the disk is full now, as intended
    finally:
        os.close(handle)
    return filler


FULL = ("The disk that holds the book {path} is full, so Rapport cannot open it. Free some room on it (a few "
        "megabytes), then open the book again; nothing in it was changed.")


def test_a_full_disk_says_the_disk_is_full_and_the_book_checks_ok_after(small_disk: Path) -> None:
    path = small_disk / "book.rapport"
    with Book.open(path, backup_daily=False) as book:
        for n in range(60):
            book.contacts.add(f"Customer {n}", notes="x" * 3000)
    filler = fill(small_disk)
    for attempt in range(2):  # the second time too: the first may leave empty working files behind
        for command in (["add", "New"], ["list"], ["backup"]):
            code, _, err = rapport(path, *command)
            assert (code, err) == (2, f"rapport: {FULL.format(path=path)}\n"), (attempt, command)
    with pytest.raises(DiskFullError):
        Book.open(path)
    filler.unlink()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    code, out, _ = rapport(path, "list")
    assert code == 0 and "60 contacts" in out
