"""Contacts in a real book file: add, edit, find, list, trash."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from core.domain import Contact, Tier
from core.errors import NotFoundError, ValidationError
from core.store import Book

TODAY = date(2026, 11, 24)


def test_add_and_get_round_trip_every_field(book: Book) -> None:
    added = book.contacts.add(
        Contact(
            name="  Maria Lopez ", organisation="Lopez Catering", phones=("+34 612 345 678",),
            emails=("maria@lopez.es",), address="Calle Mayor 3, Madrid", tags=("wedding", "catering"),
            notes="Prefers peonies", how_met="Market stall", label=Tier.CLIENT,
        ),
        today=TODAY,
    )
    got = book.contacts.get(added.id)
    assert got.name == "Maria Lopez"
    assert got.phones == ("+34 612 345 678",)
    assert got.emails == ("maria@lopez.es",)
    assert got.tags == ("wedding", "catering")
    assert got.label is Tier.CLIENT
    assert got.created_on == TODAY
    assert got.how_met == "Market stall"


def test_new_contact_is_a_suspect_with_history(book: Book) -> None:
    added = book.contacts.add("Ana", today=TODAY)
    assert book.status.tier_result(added.id, TODAY).tier is Tier.SUSPECT
    history = book.status.tier_history(added.id)
    assert [(h.from_tier, h.to_tier) for h in history] == [(None, Tier.SUSPECT)]


def test_update_returns_previous_for_undo(book: Book) -> None:
    added = book.contacts.add("Ana", today=TODAY, organisation="Old Co")
    previous = book.contacts.update(Contact(id=added.id, name="Ana Ruiz", organisation="New Co"))
    assert previous.organisation == "Old Co"
    assert book.contacts.get(added.id).organisation == "New Co"
    book.contacts.update(previous)
    assert book.contacts.get(added.id).name == "Ana"


@pytest.mark.parametrize(
    ("fields", "field_named"),
    [
        ({"name": "   "}, "name"),
        ({"name": "Ana", "emails": ("not-an-email",)}, "email"),
        ({"name": "Ana", "phones": ("call me",)}, "phone"),
        ({"name": "Ana", "label": "friend"}, "label"),
    ],
)
def test_bad_contact_names_the_field_and_leaves_book_unchanged(book: Book, fields: dict, field_named: str) -> None:
    with pytest.raises(ValidationError) as error:
        book.contacts.add(Contact(**fields), today=TODAY)
    assert error.value.field == field_named
    assert field_named in str(error.value)
    assert book.contacts.ids() == []


def test_get_missing_contact_is_clear(book: Book) -> None:
    with pytest.raises(NotFoundError, match="No contact with number 99"):
        book.contacts.get(99)


def test_trash_restore_and_empty(book: Book) -> None:
    ana = book.contacts.add("Ana", today=TODAY)
    bob = book.contacts.add("Bob", today=TODAY)
    book.interactions.log(ana.id, "purchase", "2026-11-01", amount="12.00", today=TODAY)
    book.contacts.delete(ana.id, today=TODAY)
    assert book.contacts.ids() == [bob.id]
    assert book.contacts.ids("trash") == [ana.id]
    with pytest.raises(NotFoundError):
        book.contacts.get(ana.id)
    book.contacts.restore(ana.id, today=TODAY)
    assert set(book.contacts.ids()) == {ana.id, bob.id}
    assert len(book.interactions.for_contact(ana.id)) == 1, "restore brings interactions back"
    book.contacts.delete(ana.id, today=TODAY)
    assert book.contacts.empty_trash() == 1
    assert book.contacts.ids("trash") == []
    count = book.conn.execute("SELECT count(*) FROM interactions").fetchone()[0]
    assert count == 0, "emptying the trash removes the contact's interactions for good"


def test_sorting_and_views(book: Book) -> None:
    b = book.contacts.add("Bea", today=TODAY)
    a = book.contacts.add("adam", today=TODAY)
    book.interactions.log(b.id, "purchase", "2026-11-01", today=TODAY)
    assert book.contacts.ids(sort="name") == [a.id, b.id]
    assert book.contacts.ids(sort="name", descending=True) == [b.id, a.id]
    assert book.contacts.ids(sort="tier", descending=True)[0] == b.id
    assert book.contacts.ids("customer") == [b.id]
    assert book.contacts.ids("suspect") == [a.id]
    counts = book.contacts.view_counts()
    assert counts["all"] == 2 and counts["customer"] == 1 and counts["suspect"] == 1
    rows = book.contacts.rows([b.id, a.id])
    assert [r.name for r in rows] == ["Bea", "adam"]
    assert rows[0].tier is Tier.CUSTOMER and rows[0].last_interaction_on == date(2026, 11, 1)


def test_book_file_uses_wal_and_foreign_keys(book: Book, book_path) -> None:
    assert book.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert book.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    raw = sqlite3.connect(book_path)
    names = {r[0] for r in raw.execute("SELECT name FROM _sqlite_migrations")}
    raw.close()
    assert "m001_initial" in names


def test_several_contacts_go_to_the_trash_together_or_not_at_all(book: Book) -> None:
    ana, bo = book.contacts.add("Ana"), book.contacts.add("Bo")
    with pytest.raises(NotFoundError, match="No contact with number 999 in the book."):
        book.contacts.delete_many([ana.id, 999])
    assert book.contacts.view_counts()["trash"] == 0, "refused whole: Ana is still here"
    assert [c.name for c in book.contacts.delete_many([ana.id, bo.id])] == ["Ana", "Bo"]
    assert book.contacts.ids() == [] and set(book.contacts.ids("trash")) == {ana.id, bo.id}
    book.contacts.restore_many([ana.id, bo.id])
    assert set(book.contacts.ids()) == {ana.id, bo.id} and book.contacts.view_counts()["trash"] == 0


def test_a_table_row_shows_the_first_phone_the_verdict_and_its_days(book: Book) -> None:
    from core.domain import Kind

    ana = book.contacts.add(Contact(name="Ana Ruiz", phones=("+34 600 111 222", "+34 911 000 000"), label=Tier.CLIENT),
                           today=date(2026, 1, 5))
    book.interactions.log(ana.id, Kind.PURCHASE, date(2026, 11, 2), amount="30", today=TODAY)
    bare = book.contacts.add("Bo Bare", today=TODAY)
    expected = {
        ana.id: ("Ana Ruiz", "+34 600 111 222", Tier.CUSTOMER, "Customer", Tier.CLIENT, True, date(2026, 11, 2),
                 "Invite Ana back: suggest something for their next occasion", date(2027, 1, 31), False),
        bare.id: ("Bo Bare", "", Tier.SUSPECT, "Suspect", None, False, None,
                  "Invite Bo to visit, or ask what they are looking for", None, False),
    }
    for rows in (book.contacts.rows([ana.id, bare.id]), book.contacts.list_rows()):
        assert {r.id: (r.name, r.phone, r.tier, r.display, r.label, r.label_warning, r.last_interaction_on,
                       r.next_step, r.due_on, r.slipping) for r in rows} == expected
