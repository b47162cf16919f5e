"""The book file itself: creation, migrations, backups, damage, and the Qt-free core."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import BookError
from core.store import Book
from core.store import safety
from core.store import migrating

ROOT = Path(__file__).resolve().parents[1]


def test_opening_an_empty_file_applies_every_migration(tmp_path: Path) -> None:
    path = tmp_path / "empty.rapport"
    path.touch()
    with Book.open(path) as book:
        assert migrating.pending(book.conn) == [] and migrating.registry().pending(book.db) == []
        assert {"contacts", "interactions", "client_test_answers", "tier_history", "settings"} <= set(
            book.db.table_names()
        )


def test_reopening_keeps_data_and_migrates_nothing(book_path: Path) -> None:
    with Book.open(book_path) as book:
        book.contacts.add("Ana")
    with Book.open(book_path) as book:
        assert [c.name for c in book.contacts.in_view()] == ["Ana"]
        assert len(migrating.registry().applied(book.db)) == len(migrating.NAMES)


def test_daily_backup_on_reopen_and_rotation(book_path: Path) -> None:
    with Book.open(book_path) as book:
        book.contacts.add("Ana")
    with Book.open(book_path):
        pass
    backups = safety.list_backups(book_path)
    assert len(backups) == 1, "one daily backup however often the book is opened that day"
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT name FROM contacts").fetchall() == [("Ana",)]
    copy.close()
    with Book.open(book_path) as book:
        for _ in range(safety.KEEP + 3):
            book.backup()
    assert len(safety.list_backups(book_path)) == safety.KEEP


def test_damaged_book_names_last_good_backup_and_restores(book_path: Path) -> None:
    with Book.open(book_path) as book:
        book.contacts.add("Ana")
        good = book.backup()
    data = bytearray(book_path.read_bytes())
    data[100:4096] = b"\x00garbage" * ((4096 - 100) // 8) + b"\x00" * ((4096 - 100) % 8)
    book_path.write_bytes(bytes(data))
    with pytest.raises(BookError) as error:
        Book.open(book_path)
    assert "damaged" in str(error.value) or "cannot be opened" in str(error.value)
    assert safety.last_good_backup(book_path) == good
    aside = safety.restore_backup(good, book_path)
    assert aside.exists(), "the damaged file is kept aside, never deleted"
    with Book.open(book_path) as book:
        assert [c.name for c in book.contacts.in_view()] == ["Ana"]


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    other.commit()
    other.close()
    with pytest.raises(BookError, match="not a Rapport book"):
        Book.open(path)
    check = sqlite3.connect(path)
    assert [r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["recipes"]
    check.close()


def test_core_never_imports_qt() -> None:
    """core/ must stay Qt-free so it runs headless and is testable without a display."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "core").rglob("*.py")
        if re.search(r"^\s*(from|import)\s+(PySide6|shiboken6|PyQt\d|ui)\b", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []


def test_no_sqlite_utils_plugin_runs_on_the_book(book_path: Path) -> None:
    """A plugin another package registers for sqlite-utils is never loaded onto the owner's book
    (a fresh interpreter: nothing else in it has loaded them)."""
    script = ("import sys; from core.store import Book; import sqlite_utils.plugins as p; "
              f"Book.open({str(book_path)!r}).close(); sys.exit(3 if p._plugins_loaded else 0)")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr or "sqlite-utils loaded its plugins"


def test_commands_check_a_book_once_a_day(book_path: Path) -> None:
    from datetime import date, timedelta

    from core.store.opening import checked_marker

    with Book.open(book_path) as book:
        book.contacts.add("Ana")
    marker = checked_marker(book_path)
    assert not marker.exists(), "the window checks on every open; only commands keep the marker"
    Book.open(book_path, check_integrity="daily").close()
    assert marker.read_text(encoding="utf-8") == date.today().isoformat() + "\n"
    assert oct(marker.stat().st_mode & 0o777) == "0o600"
    marker.write_text((date.today() - timedelta(days=1)).isoformat())  # yesterday's check: check again
    data = bytearray(book_path.read_bytes())
    data[100:4096] = b"\x00garbage" * ((4096 - 100) // 8) + b"\x00" * ((4096 - 100) % 8)
    book_path.write_bytes(bytes(data))
    with pytest.raises(BookError, match="damaged|cannot be opened"):
        Book.open(book_path, check_integrity="daily")


def test_the_ladder_settings_are_every_setting_a_verdict_reads(book_path: Path) -> None:
    from dataclasses import fields

    from core.domain import Settings

    not_read_by_the_rules = {"business_name", "currency", "paper_size", "country", "number_locale", "checklist_pages",
                             "forecast_min_buyers", "forecast_min_repeat_buyers"}  # P(alive) never decides a tier
    assert set(Settings.LADDER) == {f.name for f in fields(Settings)} - not_read_by_the_rules
    from datetime import date, timedelta

    from core.domain import Question

    with Book.open(book_path) as book:
        ana = book.contacts.add("Ana")
        book.interactions.log(ana.id, "purchase")
        book.interactions.log(ana.id, "purchase", date.today() - timedelta(days=3))
        for question in Question:
            book.interactions.record_answer(ana.id, question, "yes")
        assert book.status.tier_result(ana.id).tier.value == "client"
        assert book.update_settings(business_name="Lina's Flowers") == []
        assert not book.status.is_stale(date.today()), "a name changes no verdict"
        assert book.update_settings(later=True, client_min_purchases=3) == [] and book.status.is_stale(date.today())
        moved = book.status.bring_up_to_date().moves
        assert [(m.from_tier.value, m.to_tier.value) for m in moved] == [("client", "customer")]
        moved = book.update_settings(client_min_purchases=2)  # at once, without later
        assert [(m.from_tier.value, m.to_tier.value) for m in moved] == [("customer", "client")]


def test_a_page_count_out_of_range_is_refused_in_words_and_nothing_changes(book_path: Path) -> None:
    from core.errors import ValidationError

    with Book.open(book_path) as book:
        with pytest.raises(ValidationError, match="must be between 0 \\(every line\\) and 50 pages"):
            book.update_settings(checklist_pages=51)
        assert book.settings().checklist_pages == 2
        assert book.update_settings(checklist_pages=0) == [] and book.settings().checklist_pages == 0


@pytest.mark.parametrize(("key", "kept", "refused", "words"), [
    ("window_days", (1, 10_000), (0, 10_001), "must be between 1 and 10,000"),
    ("slipping_gap_factor", (1.0, 10.0), (0.9, 10.5), "must be between 1.0 and 10.0"),
    ("checklist_pages", (0, 50), (-1, 51), "must be between 0 (every line) and 50 pages"),
])
def test_each_number_setting_is_kept_inside_its_range_and_refused_outside_in_words(
        book_path: Path, key: str, kept: tuple, refused: tuple, words: str) -> None:
    from core.errors import ValidationError

    with Book.open(book_path) as book:
        for value in kept:
            book.update_settings(**{key: value})
            assert getattr(book.settings(), key) == value
        for value in refused:
            with pytest.raises(ValidationError) as raised:
                book.update_settings(**{key: value})
            assert raised.value.problem == words
            assert getattr(book.settings(), key) == kept[-1]


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_a_business_name_of_nothing_but_spaces_is_refused_by_the_book_and_one_letter_is_kept(
        book_path: Path, blank: str) -> None:
    """The book refuses it itself, whoever asks (the window, ``rapport settings``, a script): it heads
    every printout. A name is kept as typed, without the spaces around it."""
    from core.errors import ValidationError

    with Book.open(book_path) as book:
        book.update_settings(business_name="  B  ")
        assert book.settings().business_name == "B"
        with pytest.raises(ValidationError) as raised:
            book.update_settings(business_name=blank)
        assert str(raised.value) == f"business_name: the business needs a name (got {blank!r})"
    with Book.open(book_path) as reopened:
        assert reopened.settings().business_name == "B"


@pytest.mark.parametrize(("system", "reads_as"), [("C.UTF-8", "en_US"), ("POSIX", "en_US"), ("de_DE.UTF-8", "de_DE"),
                                                 ("fr_CH.UTF-8", "fr_CH")])
def test_amounts_are_read_as_the_computer_writes_them_and_the_c_locale_as_en_us(
        monkeypatch: pytest.MonkeyPatch, book_path: Path, system: str, reads_as: str) -> None:
    from core.store.book import system_number_locale

    monkeypatch.delenv("LANGUAGE", raising=False)
    for variable in ("LC_ALL", "LC_NUMERIC", "LANG"):
        monkeypatch.setenv(variable, system)
    assert system_number_locale() == reads_as  # never "en_US_POSIX", a name no owner knows
    with Book.open(book_path) as book:
        assert book.number_locale() == reads_as


def test_an_up_to_date_book_opens_reads_and_writes_without_sqlite_utils(book_path: Path) -> None:
    """sqlite-utils runs the migrations; an up-to-date book never needs it (its import was 48 ms of
    every command and of each process beside at its start). A fresh interpreter, as a command is."""
    with Book.open(book_path) as book:
        book.contacts.add("Ana")
    code = ("import sys; from core.store import Book; from core import operations\n"
            f"book = Book.open({str(book_path)!r}, backup_daily=False)\n"
            "ana = book.contacts.find_by_name('Ana')[0].id\n"
            "operations.log(book, ana, 'purchase', amount='12')\n"
            "book.status.checklist(*__import__('core.dates', fromlist=['x']).week_of(__import__('datetime').date.today()))\n"
            "book.close(); print('sqlite_utils' in sys.modules)")
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False", ran.stderr


def test_the_shape_every_open_checks_is_the_shape_the_migrations_make(tmp_path: Path) -> None:
    """Each prefix of the steps, run in memory without sqlite-utils, makes the tables and columns that
    sqlite-utils' registry makes of it (its own record of them aside)."""
    from sqlite_utils import Database

    for count in range(len(migrating.NAMES) + 1):
        memory = Database(sqlite3.connect(":memory:"), execute_plugins=False)
        stop = migrating.NAMES[count] if count < len(migrating.NAMES) else None
        migrating.registry().apply(memory, stop_before=stop)
        made = {table: frozenset(c[1] for c in memory.execute(f'PRAGMA table_info("{table}")'))
                for (table,) in memory.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                if table != "_sqlite_migrations"}
        assert migrating.shape_after(frozenset(migrating.NAMES[:count])) == made, migrating.NAMES[count - 1] if count else "none"


def test_every_connection_of_a_book_fires_triggers_as_sqlite_utils_had_them(book_path: Path) -> None:
    """sqlite-utils, made on every connection before, turned recursive triggers on; the book keeps
    them on now that it is made only for migrations (a REPLACE fires delete triggers)."""
    with Book.open(book_path) as book:
        with book.helper() as helper:
            seen = [book.conn.execute("PRAGMA recursive_triggers").fetchone()[0],
                    helper.conn.execute("PRAGMA recursive_triggers").fetchone()[0]]
    with Book.open(book_path, writer=False) as reader:
        seen.append(reader.conn.execute("PRAGMA recursive_triggers").fetchone()[0])
    assert seen == [1, 1, 1]
