"""Opening checks before it writes: each test names a way the book (or another program's file)
was changed or lost by merely opening it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from core.errors import BookError, RapportError
from core.paths import backup_dir
from core.store import Book
from core.store.lock import BookLockedError
from core.store.opening import READ_ONLY_BANNER, RAPPORT_VERSION, BookDamagedError
from core.store.safety import list_backups
from tests.test_cli import rapport


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def a_book(path: Path, names: tuple[str, ...] = ("Ana", "Bo")) -> None:
    with Book.open(path) as book:
        for name in names:
            book.contacts.add(name)
        book.backup()


def scribble_over(path: Path, name: str) -> None:
    """Overwrite the first page of one table or index of a closed book, as a failing disk might."""
    conn = sqlite3.connect(path)
    [root] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [name]).fetchone()
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page: root * page] = b"\xff" * page
    path.write_bytes(bytes(data))


def test_another_programs_database_is_refused_byte_for_byte_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "photos.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE albums (name TEXT)")
    conn.execute("INSERT INTO albums VALUES ('Holidays')")
    conn.commit()
    conn.close()
    before = digest(foreign)
    with pytest.raises(BookError, match="is an SQLite file but not a Rapport book. Nothing was changed."):
        Book.open(foreign)
    assert digest(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]  # no -wal, -shm, lock or backups


def test_a_new_book_cut_off_before_its_first_tables_is_made_again_on_the_next_open(tmp_path: Path) -> None:
    # What a power cut leaves when it strikes between the file's header and the first commit.
    path = tmp_path / "book.rapport"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    assert path.stat().st_size > 0
    with Book.open(path) as book:
        book.contacts.add("Ana")
    with Book.open(path) as book:
        assert [c.name for c in book.contacts.in_view()] == ["Ana"]


def test_an_empty_sqlite_file_beside_backups_is_damage_with_the_way_back(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    a_book(path)
    path.unlink()
    for side in (tmp_path / "book.rapport-wal", tmp_path / "book.rapport-shm"):
        side.unlink(missing_ok=True)
    sqlite3.connect(path).execute("PRAGMA journal_mode=WAL").fetchone()
    with pytest.raises(BookDamagedError, match="is empty \\(it holds no tables\\): it is damaged"):
        Book.open(path)


def test_a_book_from_a_newer_rapport_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    a_book(path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('rapport', 'm999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(BookError) as caught:
        Book.open(path)
    assert str(caught.value) == (f"This book was made by a newer Rapport; this one is version {RAPPORT_VERSION}. "
                                 "Nothing was changed.")
    assert digest(path) == before


def test_a_zero_length_book_with_backups_is_damaged_not_a_new_book(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    a_book(path)
    path.write_bytes(b"")
    with pytest.raises(BookDamagedError) as caught:
        Book.open(path)
    [good] = list_backups(path)
    assert str(caught.value) == f"The book {path} is empty (0 bytes): it is damaged. The last good backup is {good}."
    assert path.stat().st_size == 0


def test_a_damaged_book_is_checked_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    a_book(path, tuple(f"Customer {n}" for n in range(400)))
    data = bytearray(path.read_bytes())
    page = 4096
    for number in range(3, 9):  # scribble over the headers of a few b-tree pages
        data[number * page: number * page + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))
    backups_before = list_backups(path)
    before = digest(path)
    with pytest.raises(BookDamagedError, match="is damaged"):
        Book.open(path)
    assert digest(path) == before and list_backups(path) == backups_before  # no backup of the damage


def test_a_long_damage_report_is_said_in_one_line_with_how_many_more(tmp_path: Path) -> None:
    """SQLite lists up to a hundred problems in one row of many lines; the owner reads the first and a count
    (whole, they pushed the buttons of the dialog that offers the backup off the screen)."""
    path = tmp_path / "book.rapport"
    a_book(path, tuple(f"Customer {n}" for n in range(2000)))
    scribble_over(path, "contact_status_by_next_step")
    conn = sqlite3.connect(path)
    [report] = conn.execute("PRAGMA quick_check").fetchall()
    conn.close()
    lines = report[0].splitlines()
    assert lines[0] == "*** in database main ***" and len(lines) > 3
    with pytest.raises(BookDamagedError) as raised:
        Book.open(path)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"The book {path} is damaged ({lines[1]}; and {len(lines) - 2} more problems). "
                              "The last good backup is ")


@pytest.mark.parametrize("report, said", [
    (["*** in database main ***\nPage 9: btreeInitPage() returns error code 11"],
     "Page 9: btreeInitPage() returns error code 11"),
    (["*** in database main ***\nPage 9: bad\nPage 15 is never used"], "Page 9: bad; and 1 more problem"),
    (["row 3 missing from index contacts_by_source", "row 4 missing from index contacts_by_source"],
     "row 3 missing from index contacts_by_source; and 1 more problem"),
])
def test_damage_is_said_by_its_first_problem_and_a_count(report: list[str], said: str) -> None:
    from core.store.opening import damage_in_words

    assert damage_in_words(report) == said


def test_a_read_only_command_on_a_missing_book_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "book.rapport"
    for command in (["list"], ["show", "1"], ["tiers"], ["checklist"], ["export", "--format", "csv", "--out",
                                                                            str(tmp_path / "x.csv")]):
        code, _, err = rapport(missing, *command)
        assert (code, err) == (2, f"rapport: There is no book at {missing}. Nothing was created.\n")
    assert not (tmp_path / "nowhere").exists()


def test_a_reader_works_beside_the_window_and_a_writer_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    window = Book.open(path)  # the window holds the one-writer lock
    window.contacts.add("Ana")
    try:
        code, out, _ = rapport(path, "list")
        assert code == 0 and "Ana" in out and "1 contact" in out
        code, _, err = rapport(path, "add", "Bo")
        assert code == 2 and err.startswith("rapport: This book is already open in another Rapport window")
        with pytest.raises(BookLockedError):
            Book.open(path, wait=0.1)
    finally:
        window.close()
    code, out, _ = rapport(path, "add", "Bo")
    assert code == 0


def test_the_book_its_log_and_its_backups_are_private(tmp_path: Path) -> None:
    path = tmp_path / "shop" / "book.rapport"
    book = Book.open(path)
    book.contacts.add("Ana")
    backup = book.backup()
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    assert mode(path) == 0o600 and mode(Path(str(path) + "-wal")) == 0o600
    assert mode(path.parent) == 0o700 and mode(backup_dir(path)) == 0o700 and mode(backup) == 0o600
    book.close()


def test_closing_folds_the_log_into_the_one_file(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    book = Book.open(path)
    book.contacts.add("Ana")
    book.close()
    wal = Path(str(path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    copy = tmp_path / "usb-stick.rapport"
    copy.write_bytes(path.read_bytes())  # "your book is one file": a plain copy has everything
    assert [r[0] for r in sqlite3.connect(copy).execute("SELECT name FROM contacts")] == ["Ana"]


def read_only_mount(folder: Path) -> bool:
    """Root ignores file modes, so a read-only bind mount is the honest way to test read-only."""
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
    if done.returncode != 0:
        return False
    remounted = subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True)
    return remounted.returncode == 0 or True


def test_a_sound_book_in_a_read_only_folder_opens_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "shared-drive"
    path = folder / "book.rapport"
    a_book(path)
    if not read_only_mount(folder):
        if os.geteuid() == 0:
            pytest.skip("cannot make a read-only mount here to test a read-only folder")
        folder.chmod(0o500)
    try:
        if os.access(path, os.W_OK) and os.access(folder, os.W_OK):
            pytest.skip("the folder is still writable here (root without mount rights)")
        before = digest(path)
        book = Book.open(path)
        assert book.read_only and book.read_only_reason == READ_ONLY_BANNER
        assert sorted(c.name for c in book.contacts.in_view()) == ["Ana", "Bo"]
        with pytest.raises(BookError) as caught:
            book.contacts.add("Cy")
        assert str(caught.value) == READ_ONLY_BANNER
        book.close()
        assert digest(path) == before
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
        folder.chmod(0o700)


def test_save_a_copy_is_complete_while_the_book_is_open(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    book = Book.open(path)
    book.contacts.add("Ana")
    copy = book.save_copy(tmp_path / "usb" / ".." / "copy.rapport")
    assert copy == (tmp_path / "copy.rapport").resolve()
    with pytest.raises(RapportError, match="that is your book itself"):
        book.save_copy(path)
    book.close()
    with Book.open(copy) as again:
        assert [c.name for c in again.contacts.in_view()] == ["Ana"]


def test_readers_never_fail_because_a_writer_is_busy(tmp_path: Path) -> None:
    """`rapport tiers` beside a process that writes all the time (it failed 15 times in 300)."""
    import sys
    import textwrap

    path = tmp_path / "book.rapport"
    a_book(path, tuple(f"Customer {n}" for n in range(50)))
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
        from core.store import Book
        book = Book.open({str(path)!r})
        n = 0
        while True:
            book.interactions.log(1 + n % 50, "purchase", amount="5")
            n += 1
    """)], stderr=subprocess.DEVNULL)
    try:
        import time

        time.sleep(0.5)
        results = [rapport(path, "tiers")[0] for _ in range(40)]
    finally:
        writer.kill()
        writer.wait()
    assert results == [0] * 40


def test_a_crafted_file_with_rapports_migration_rows_over_other_tables_is_never_written(tmp_path: Path) -> None:
    """It says it has had every migration, but its tables are not a book's: refused before any write,
    byte for byte untouched, and no "nothing was changed" after a write."""
    from core.store import migrating
    from tests.test_cli import rapport

    crafted = tmp_path / "crafted.rapport"
    conn = sqlite3.connect(crafted)
    conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, "
                 "applied_at TEXT)")
    conn.executemany("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('rapport', ?, 'x')",
                     [(name,) for name in migrating.NAMES])
    conn.execute("CREATE TABLE contacts (secret TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = hashlib.sha256(crafted.read_bytes()).hexdigest()
    for command in (["list"], ["add", "X"], ["backup"]):
        code, _, err = rapport(crafted, *command)
        assert (code, err) == (2, f"rapport: {crafted} is an SQLite file but not a Rapport book (its table contacts "
                                  "has no column address). Nothing was changed.\n"), command
    assert hashlib.sha256(crafted.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crafted.rapport"]
