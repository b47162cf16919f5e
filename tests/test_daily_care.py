"""The first command of a day does not wait for the day's check and backup: they run after it, in a
process of their own, as a reader; a damaged book found there is refused by the next command."""

from __future__ import annotations

import io
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from core import daily_care
from core.cli import run
from core.store import Book
from core.store.opening import checked_marker
from core.store.safety import backup_problem, list_backups


def _cli(path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--book", str(path), *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def yesterdays_book(tmp_path: Path, monkeypatch) -> Path:
    """A book last cared for yesterday, with no backup: today's first command is its first."""
    monkeypatch.setenv(daily_care.MODE_VARIABLE, "wait")  # the care in its own process, waited for here
    path = tmp_path / "shop.rapport"
    with Book.open(path, backup_daily=False) as book:
        book.contacts.add("Ana")
    checked_marker(path).write_text("2020-01-01\n", encoding="utf-8")
    return path


def test_the_first_command_runs_before_the_care_and_the_care_follows(yesterdays_book: Path, monkeypatch) -> None:
    started: list[Path] = []
    real_start = daily_care.start
    seen_when_started: list[tuple[int, str]] = []

    def start(path: Path):
        seen_when_started.append((len(list_backups(path)), daily_care.state(path)))
        started.append(path)
        return real_start(path)

    monkeypatch.setattr(daily_care, "start", start)
    code, out, _ = _cli(yesterdays_book, "tiers")
    assert code == 0 and "Suspect" in out
    assert started == [yesterdays_book] and seen_when_started == [(0, "2020-01-01")], "nothing was done before it"
    [backup] = list_backups(yesterdays_book)
    assert backup.name.endswith("_daily.rapport") and backup_problem(backup) is None
    assert daily_care.state(yesterdays_book) == date.today().isoformat()
    _cli(yesterdays_book, "tiers")
    assert started == [yesterdays_book], "once a day"


def test_a_write_also_runs_first(yesterdays_book: Path) -> None:
    code, out, _ = _cli(yesterdays_book, "log", "1", "purchase", "--amount", "12")
    assert code == 0 and "Logged purchase for Ana" in out
    assert len(list_backups(yesterdays_book)) == 1 and daily_care.state(yesterdays_book) == date.today().isoformat()


def test_damage_found_by_the_care_is_refused_by_the_next_command(yesterdays_book: Path) -> None:
    with sqlite3.connect(yesterdays_book) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(yesterdays_book, "r+b") as raw:  # scribble over the second page: a table's b-tree
        raw.seek(page_size + 10)
        raw.write(b"\xff" * 64)
    _cli(yesterdays_book, "list")  # whatever it printed, the care looked at the whole file after it
    assert daily_care.known_damaged(yesterdays_book)
    assert list_backups(yesterdays_book) == [], "a damaged book is never made a backup"
    code, _, err = _cli(yesterdays_book, "tiers")
    assert code == 2 and err.startswith(f"rapport: The book {yesterdays_book} is damaged (")


def test_a_book_that_needs_an_upgrade_is_checked_before_it(yesterdays_book: Path, monkeypatch) -> None:
    with sqlite3.connect(yesterdays_book) as conn:  # as a book written by the version before m023
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm023_contacts_with_days'")
    assert not daily_care.deferred(yesterdays_book)
    started: list[Path] = []
    monkeypatch.setattr(daily_care, "start", started.append)
    code, _, _ = _cli(yesterdays_book, "log", "1", "purchase", "--amount", "12")
    assert code == 0 and started == [], "checked and backed up before the upgrade, as before"
    assert daily_care.state(yesterdays_book) == date.today().isoformat()
    assert any(b.name.endswith("_before-upgrade.rapport") for b in list_backups(yesterdays_book))


def test_a_backup_the_care_could_not_make_is_said_by_the_next_command(yesterdays_book: Path) -> None:
    backups = yesterdays_book.with_name(yesterdays_book.name + ".backups")
    backups.write_text("not a folder", encoding="utf-8")  # the backups folder cannot be made
    code, _, err = _cli(yesterdays_book, "tiers")
    assert code == 0 and err == ""
    said = f"Backup failed: {backups} is not a folder"
    assert daily_care.backup_problem(yesterdays_book) == said
    code, out, err = _cli(yesterdays_book, "tiers")
    assert code == 0 and "Suspect" in out and err == f"rapport: {said}\n", "the owner is told, and the command ran"
    backups.unlink()  # the owner made room: the next command's care makes it
    _cli(yesterdays_book, "tiers")
    assert daily_care.state(yesterdays_book) == date.today().isoformat() and len(list_backups(yesterdays_book)) == 1


def test_a_failed_backup_is_known_by_the_mark_whatever_language_said_it(yesterdays_book: Path) -> None:
    """The care ran in German; the next command speaks English (the owner changed the language): the
    failure is still known, by the mark's own word, and said in the words it was written in."""
    from core import i18n

    backups = yesterdays_book.with_name(yesterdays_book.name + ".backups")
    backups.write_text("not a folder", encoding="utf-8")
    i18n.use_language("de")
    try:
        daily_care.care(yesterdays_book)
    finally:
        i18n.use_language("en")
    said = daily_care.backup_problem(yesterdays_book)
    assert said.startswith("Sicherung fehlgeschlagen") and str(backups) in said
    assert not daily_care.known_damaged(yesterdays_book)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads a process's priority from /proc (Linux)")
def test_the_care_runs_at_a_lower_priority_than_the_owners_commands(yesterdays_book: Path, monkeypatch) -> None:
    """Background work: the owner's next command, started while the care still reads a large book,
    has the cores first."""
    import os
    import time

    monkeypatch.setenv(daily_care.MODE_VARIABLE, "")  # detached, as after an owner's command
    child = daily_care.start(yesterdays_book)
    seen: set[int] = set()
    while child.poll() is None:
        try:
            fields = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            break
        seen.add(int(fields[16]))  # the 19th field of the line, its niceness
        time.sleep(0.002)
    assert child.wait(30) == 0
    assert os.nice(0) + daily_care.NICENESS in seen, seen
    assert daily_care.state(yesterdays_book) == date.today().isoformat(), "and it did the day's care"
