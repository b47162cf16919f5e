"""Access and erasure requests: everything about a person, and forgetting them so the bytes go."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from core.errors import NotCompactedError
from core.store import Book
from tests.test_cli import rapport

TODAY = date(2026, 11, 25)


def test_forget_removes_every_trace_and_the_bytes(book_path: Path) -> None:
    book = Book.open(book_path)
    zoe = book.contacts.add("Zoë Quisling", emails=("zoe.quisling@example.org",), notes="allergic to lilies", today=TODAY)
    sofia = book.contacts.add("Sofia", today=TODAY)
    book.interactions.log(zoe.id, "purchase", "2026-11-01", amount="40", note="peonies", today=TODAY)
    book.interactions.log(sofia.id, "referral_received", "2026-11-02", referred_contact_id=zoe.id,
                         note="Sofia sent Zoë Quisling for her wedding", today=TODAY)
    book.interactions.record_answer(zoe.id, "trust", "yes", "2026-11-03", today=TODAY)
    words = book.privacy.forget(zoe.id, today=TODAY)
    assert words == "Zoë Quisling is forgotten. No backup held them."
    assert [c.name for c in book.contacts.in_view()] == ["Sofia"]
    [referral] = book.interactions.for_contact(sofia.id)
    assert referral.note == "Sofia sent a forgotten contact for her wedding" and referral.referred_contact_id is None
    assert book.contacts.ids(search="quisling") == []
    for table in ("interactions", "client_test_answers", "tier_history", "contact_status"):
        assert book.conn.execute(f"SELECT count(*) FROM {table} WHERE contact_id = ?", [zoe.id]).fetchone() == (0,)
    book.close()
    raw = b"".join(p.read_bytes() for p in book_path.parent.glob("book.rapport*") if p.is_file())
    for secret in ("Quisling", "lilies", "zoe.quisling"):
        assert secret.encode() not in raw, secret


def test_forget_leaves_no_bytes_behind_even_when_the_file_cannot_be_rewritten(book_path: Path) -> None:
    """The rewrite (VACUUM) can fail after the person is gone (a full disk needs room for a second
    copy). What was deleted is overwritten as it is deleted, so their bytes go all the same."""
    book = Book.open(book_path)
    zoe = book.contacts.add("Zoë Quisling", notes="allergic to lilies", today=TODAY)
    for n in range(30):  # enough others that her pages are reused, not dropped whole
        book.contacts.add(f"Neighbour {n}", notes="x" * 200, today=TODAY)
    book.interactions.log(zoe.id, "purchase", "2026-11-01", amount="40", note="peonies", today=TODAY)
    book.conn.execute("PRAGMA secure_delete = OFF")  # as SQLite is built for Windows and macOS (Debian's: on)
    reading = book.conn.execute("SELECT id FROM contacts")  # a read left open: SQLite refuses to VACUUM
    reading.fetchone()
    with pytest.raises(NotCompactedError) as refused:
        book.privacy.forget(zoe.id, today=TODAY)
    assert str(refused.value) == ("Zoë Quisling is forgotten from the book and what was deleted is overwritten, but "
                                  "the file could not be rewritten afterwards (SQLite said: cannot VACUUM - SQL "
                                  "statements in progress).")
    reading.close()
    assert book.contacts.ids(search="quisling") == [], "she is gone from the book"
    book.close()
    raw = b"".join(p.read_bytes() for p in book_path.parent.glob("book.rapport*") if p.is_file())
    for secret in ("Quisling", "lilies", "peonies"):
        assert secret.encode() not in raw, secret


def test_forget_says_how_long_backups_keep_them(book_path: Path) -> None:
    with Book.open(book_path) as book:
        ana = book.contacts.add("Ana Lind", today=TODAY)
        book.backup()
        assert book.privacy.forget(ana.id, today=TODAY) == (
            "Ana Lind is forgotten from the book. The existing backup still holds them until it "
            "rotates out: with a backup a day, it goes on 5 Dec 2026.")
        bo = book.contacts.add("Bo Berg", today=TODAY)
        book.backup("before-import")  # a second backup beside the first
        assert book.privacy.forget(bo.id, today=TODAY) == (
            "Bo Berg is forgotten from the book. The 2 existing backups still hold them until they "
            "rotate out: with a backup a day, the last of them goes on 5 Dec 2026.")


def test_everything_about_a_person_as_json(book_path: Path, tmp_path: Path) -> None:
    rapport(book_path, "add", "Ana Lind", "--email", "ana@example.org")
    rapport(book_path, "log", "1", "purchase", "--amount", "12.50", "--date", "2026-11-01")
    out_file = tmp_path / "ana.json"
    code, out, _ = rapport(book_path, "about", "1", "--out", str(out_file))
    assert code == 0 and out == f"Wrote everything about Ana Lind to {out_file}.\n"
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["contact"]["emails"] == ["ana@example.org"]
    assert [(i["kind"], i["amount_cents"]) for i in data["interactions"]] == [("purchase", 1250)]
    assert data["tier_history"][-1]["to"] == "customer"
    code, _, err = rapport(book_path, "forget", "1")
    assert code == 2 and "add --confirm" in err
    code, out, _ = rapport(book_path, "forget", "1", "--confirm")
    assert code == 0 and out.startswith("Ana Lind is forgotten")


def raw_bytes(book_path: Path) -> bytes:
    """The book, its -wal and its -shm as they are on disk now (the book still open)."""
    return b"".join(p.read_bytes() for p in (book_path, book_path.with_name(book_path.name + "-wal"),
                                             book_path.with_name(book_path.name + "-shm")) if p.is_file())


def test_forget_replaces_them_in_every_text_field_of_every_contact(book_path: Path) -> None:
    book = Book.open(book_path, backup_daily=False)
    zoe = book.contacts.add("Zoë Quisling", emails=("Zoe.Quisling@example.org",), phones=("+41 79 123 45 67",),
                            today=TODAY)
    book.contacts.add("Hannah", notes="sister of Zoë Quisling, write to zoe.quisling@example.org",
                      how_met="through Zoë Quisling (+41791234567)", today=TODAY)
    book.contacts.add("Imported", source="card of Zoë Quisling, 079 123 45 67", today=TODAY)
    book.interactions.log(zoe.id, "purchase", "2026-11-01", amount="40", today=TODAY)
    words = book.privacy.forget(zoe.id, today=TODAY)
    assert words == "Zoë Quisling is forgotten. No backup held them."
    hannah, imported = sorted(book.contacts.in_view(), key=lambda c: c.name)
    assert hannah.notes == "sister of a forgotten contact, write to a forgotten contact"
    assert hannah.how_met == "through a forgotten contact (a forgotten contact)"
    assert imported.source == "card of a forgotten contact, a forgotten contact"
    raw = raw_bytes(book_path)  # before close: the book and its working files as a copy would take them
    for secret in ("Quisling", "quisling@example", "79 123 45 67", "791234567", "123 45 67"):
        assert secret.encode() not in raw, secret
    book.close()


def test_forget_waits_for_a_reader_then_refuses_and_changes_nothing(book_path: Path) -> None:
    import sqlite3

    book = Book.open(book_path, backup_daily=False)
    zoe = book.contacts.add("Zoë Quisling", notes="allergic to lilies", today=TODAY)
    book.conn.execute("PRAGMA busy_timeout = 200")  # a reader is waited for this long (10 s in use)
    reader = sqlite3.connect(book_path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM contacts").fetchone()  # a command reading, its snapshot held
    zoe_later = book.contacts.add("Someone after", today=TODAY)  # so the reader's snapshot is an old one
    with pytest.raises(Exception) as refused:
        book.privacy.forget(zoe.id, today=TODAY)
    assert str(refused.value) == ("Another Rapport is reading this book just now (a command or a printout), and it "
                                  "would keep a copy of Zoë Quisling in the book's working file. Nothing was "
                                  "changed; try again when it is done.")
    assert {c.name for c in book.contacts.in_view()} == {"Zoë Quisling", zoe_later.name}
    reader.rollback()
    reader.close()
    book.privacy.forget(zoe.id, today=TODAY)
    assert b"Quisling" not in raw_bytes(book_path)
    book.close()


def test_forget_names_the_books_set_aside_by_a_restore(book_path: Path) -> None:
    from core.store.safety import restore_backup

    with Book.open(book_path, backup_daily=False) as book:
        book.contacts.add("Ana Lind", today=TODAY)
        backup = book.backup()
    aside = restore_backup(backup, book_path)
    assert aside is not None
    with Book.open(book_path, backup_daily=False) as book:
        words = book.privacy.forget(1, today=TODAY)
    assert words == ("Ana Lind is forgotten from the book. The existing backup still holds them until it rotates "
                     f"out: with a backup a day, it goes on 5 Dec 2026. This file beside the book still holds them "
                     f"until you delete it: {aside.name}.")


def test_forget_replaces_whole_names_only_and_leaves_others_findable(book_path: Path) -> None:
    """"Ana Lind" is forgotten, "Ana Lindqvist" is not: a name inside a longer word is someone else."""
    with Book.open(book_path, backup_daily=False) as book:
        ana = book.contacts.add("Ana Lind", today=TODAY)
        book.contacts.add("Ana Lindqvist", notes="cousin of Ana Lind; not Ana Lindqvist's sister", today=TODAY)
        book.privacy.forget(ana.id, today=TODAY)
        [other] = book.contacts.in_view()
        assert other.notes == "cousin of a forgotten contact; not Ana Lindqvist's sister"
        assert book.contacts.ids(search="lindqvist") == [other.id]
        assert book.contacts.ids(search="cousin") == [other.id], "the search text follows the notes"


@pytest.mark.parametrize(("name", "looked_for"), [("Bo", False), ("Ali", True)])
def test_forgetting_a_name_too_short_to_look_for_forgets_them_and_says_what_is_left_to_do(
        book_path: Path, name: str, looked_for: bool) -> None:
    """A two-letter name with no email or phone left nothing to look for in other texts, and the
    search for it was an SQL statement without a condition: forgetting failed with "incomplete input"."""
    with Book.open(book_path, backup_daily=False) as book:
        them = book.contacts.add(name, today=TODAY)
        other = book.contacts.add("Sofia Lind", notes=f"friend of {name}", today=TODAY)
        words = book.privacy.forget(them.id, today=TODAY)
        assert [c.name for c in book.contacts.in_view()] == ["Sofia Lind"]
        kept = book.contacts.get(other.id).notes
    told = (f" A name as short as “{name}” is not looked for in other contacts' notes: search for it and "
            "change what you find.")
    if looked_for:
        assert words == f"{name} is forgotten. No backup held them."
        assert kept == "friend of a forgotten contact"
    else:
        assert words == f"{name} is forgotten. No backup held them." + told
        assert kept == f"friend of {name}"
