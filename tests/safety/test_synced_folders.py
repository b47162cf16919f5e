"""A book in a synced folder, as a sync client treats it: two real copies of one book (this laptop's
and the other laptop's), and the client's real file copies between them."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from core.errors import BookError
from core.store import Book
from core.store.sync import save_other_version, synced_folder
from tests.test_cli import rapport


def wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM contacts WHERE deleted_on IS NULL")}
    finally:
        conn.close()


def two_laptops(tmp_path: Path) -> tuple[Path, Path]:
    """One book copied to two laptops (two folders): each then opened and written on its own."""
    here, there = tmp_path / "here" / "book.rapport", tmp_path / "there" / "book.rapport"
    here.parent.mkdir()
    there.parent.mkdir()
    with Book.open(here, backup_daily=False) as book:
        book.contacts.add("Shared before the copy")
    shutil.copyfile(here, there)
    return here, there


def with_wal_left(path: Path, people: list[str]) -> None:
    """Write ``people`` and stop as a sync client sees it mid-session: the -wal still holds them."""
    book = Book.open(path, backup_daily=False)
    for person in people:
        book.contacts.add(person)
    copy_of_wal = wal(path).read_bytes()
    book.close()  # folds the -wal in; put it back as it was while the book was open
    wal(path).write_bytes(copy_of_wal)


def test_another_laptops_wal_beside_this_book_is_never_applied(tmp_path: Path) -> None:
    here, there = two_laptops(tmp_path)
    mine = [f"Mine {n}" for n in range(5)]
    with Book.open(here, backup_daily=False) as book:
        for person in mine:
            book.contacts.add(person)
    with_wal_left(there, [f"Theirs {n}" for n in range(11)])
    shutil.copyfile(wal(there), wal(here))  # the sync client copies the other laptop's -wal over
    book = Book.open(here, backup_daily=False)
    try:
        assert book.read_only and book.foreign_wal is not None
        assert {c.name for c in book.contacts.in_view()} == {"Shared before the copy", *mine}
        assert book.read_only_reason == (
            "Changes from another computer were found beside this book (a synced folder copied its working file). "
            f"They were not applied: they are kept as {book.foreign_wal.name}. The book is open read-only; open it "
            "again to go on with it as it is on this computer.")
        with pytest.raises(BookError):
            book.contacts.add("Refused")
        other = save_other_version(here, book.foreign_wal, tmp_path / "their-version.rapport")
        assert names(other) == {"Shared before the copy", *(f"Theirs {n}" for n in range(11))}
    finally:
        book.close()
    assert not wal(here).exists() or wal(here).stat().st_size == 0
    with Book.open(here, backup_daily=False) as book:  # opened again: this laptop's book, writable
        assert not book.read_only and len(book.contacts.in_view()) == 6


def test_this_laptops_own_wal_left_by_a_kill_is_applied(tmp_path: Path) -> None:
    here, _ = two_laptops(tmp_path)
    with_wal_left(here, ["Logged just before the power cut"])
    with Book.open(here, backup_daily=False) as book:
        assert not book.read_only
        assert "Logged just before the power cut" in {c.name for c in book.contacts.in_view()}


def test_a_command_says_so_too_and_shows_only_this_laptops_book(tmp_path: Path) -> None:
    here, there = two_laptops(tmp_path)
    with Book.open(here, backup_daily=False) as book:
        book.contacts.add("Mine")
    with_wal_left(there, ["Theirs"])
    shutil.copyfile(wal(there), wal(here))
    code, out, err = rapport(here, "list")
    assert code == 0 and "Mine" in out and "Theirs" not in out
    assert err.startswith("rapport: Changes from another computer") and "not applied" in err
    code, out, err = rapport(here, "add", "Next")  # the next command: this laptop's book, as it was
    assert (code, err) == (0, "")
    assert names(here) == {"Shared before the copy", "Mine", "Next"}


def test_the_book_replaced_under_an_open_window_stops_writing_and_keeps_this_sessions_work(tmp_path: Path) -> None:
    here, there = two_laptops(tmp_path)
    with Book.open(there, backup_daily=False) as other:
        other.contacts.add("Theirs")
    book = Book.open(here, backup_daily=False)
    try:
        book.contacts.add("Added this session 1")
        book.contacts.add("Added this session 2")
        os.replace(shutil.copyfile(there, here.with_name("incoming")), here)  # the sync client's rename
        assert book.check_file_is_ours() is not None
        assert book.read_only and book.kept_own_work is not None
        assert book.read_only_reason == (
            "The book file book.rapport was replaced by another file while Rapport had it open (a synced folder, "
            f"or another program). Rapport stopped writing to it, and the work of this session is kept in "
            f"{book.kept_own_work.name} beside it. Close and open the book again to see it as it is now.")
        assert names(book.kept_own_work) == {"Shared before the copy", "Added this session 1", "Added this session 2"}
        with pytest.raises(BookError):
            book.contacts.add("Refused")
    finally:
        book.close()
    assert names(here) == {"Shared before the copy", "Theirs"}, "the other laptop's file is left as it came"


def test_a_file_copied_into_the_book_under_the_window_is_caught_before_the_next_write(tmp_path: Path) -> None:
    here, there = two_laptops(tmp_path)
    with Book.open(there, backup_daily=False) as other:
        for n in range(40):
            other.contacts.add(f"Theirs {n}", notes="t" * 300)
    book = Book.open(here, backup_daily=False)
    try:
        book.contacts.add("Mine")
        book.checkpoint()
        with open(here, "r+b") as inside:  # written into the same file, as some clients do
            inside.write(there.read_bytes())
        with pytest.raises(BookError, match="was changed by another program while Rapport had it open"):
            book.contacts.add("Not written")
        assert book.kept_own_work is not None and "Mine" in names(book.kept_own_work)
    finally:
        book.close()


def test_in_a_synced_folder_the_book_file_alone_holds_every_change(tmp_path: Path) -> None:
    folder = tmp_path / "Dropbox" / "shop"
    folder.mkdir(parents=True)
    path = folder / "book.rapport"
    book = Book.open(path, backup_daily=False)
    try:
        assert book.synced == "Dropbox"
        for n in range(20):
            book.contacts.add(f"Customer {n}")
        copied = tmp_path / "copied-by-the-sync.rapport"
        shutil.copyfile(path, copied)  # the client copies the one file, not its -wal
        assert len(names(copied)) == 20
    finally:
        book.close()


@pytest.mark.parametrize("marker, service", [(".dropbox", "Dropbox"), (".nextcloudsync.log", "Nextcloud"),
                                             ("desktop.ini", "OneDrive"), (None, None)])
def test_synced_folders_are_told_by_the_files_their_clients_leave(tmp_path: Path, marker, service) -> None:
    root = tmp_path / "Shop files"
    (root / "books").mkdir(parents=True)
    if marker == "desktop.ini":
        (root / marker).write_text("[.ShellClassInfo]\r\nIconResource=C:\\Program Files\\Microsoft OneDrive\\x\r\n")
    elif marker:
        (root / marker).write_text("")
    assert synced_folder(root / "books" / "book.rapport") == service


@pytest.mark.parametrize("where, service", [
    ("Users/maria/Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
    ("Users/maria/Library/CloudStorage/GoogleDrive-maria@example.org/My Drive", "Google Drive"),
    ("home/maria/OneDrive - Blumen GmbH", "OneDrive"), ("home/maria/Nextcloud/Laden", "Nextcloud"),
    ("home/maria/Documents", None)])
def test_synced_folders_are_told_by_their_path(where: str, service: str | None) -> None:
    assert synced_folder(Path("/") / where / "book.rapport") == service


def test_the_first_open_in_a_synced_folder_says_once_what_is_safe(tmp_path: Path) -> None:
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    path = folder / "book.rapport"
    code, _, err = rapport(path, "add", "Ana")
    assert code == 0 and err.startswith("rapport: This book is in a Dropbox folder. That is safe when one computer "
                                        "writes to it and the others only open it read-only")
    code, _, err = rapport(path, "add", "Bo")
    assert code == 0 and err == ""


def test_no_background_connection_is_opened_on_a_file_put_in_the_books_place(tmp_path: Path) -> None:
    """Work started before and finished after the sync client replaced the file (a fit of seconds,
    a re-tier stepping aside) would open a connection that reads this book's -wal into the file
    that came in: refused, and the file that came in stays as it came."""
    here, there = two_laptops(tmp_path)
    with Book.open(here, backup_daily=False) as book:
        book.contacts.add("Added here")
        os.replace(shutil.copyfile(there, here.with_name("incoming")), here)  # the sync client's rename
        for connection in (book.helper, book.reader):
            with pytest.raises(BookError, match="replaced by another file"):
                with connection():
                    pass
    assert names(here) == {"Shared before the copy"}  # read once the book let go of its -wal
