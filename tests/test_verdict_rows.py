"""A changed verdict is written column by column (``core.store.verdict_rows``): whatever changed is
stored, the name's sort key included, and the sidebar's counts follow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from core.store import Book

TODAY = date(2026, 11, 24)


def test_a_renamed_contact_sorts_by_the_new_name_in_every_order(book: Book) -> None:
    ana = book.contacts.add("Ana", today=TODAY)
    bo = book.contacts.add("Bo", today=TODAY)
    assert book.contacts.ids(sort="tier", today=TODAY) == [ana.id, bo.id]
    book.contacts.update(replace(book.contacts.get(ana.id), name="Zoë"), today=TODAY)
    assert book.contacts.ids(sort="tier", today=TODAY) == [bo.id, ana.id], "the tier order's tie is broken by name"
    assert book.contacts.ids(sort="due", today=TODAY) == [bo.id, ana.id]


def test_only_the_changed_columns_are_written(book: Book) -> None:
    ana = book.contacts.add("Ana", today=TODAY)
    before = book.conn.execute("SELECT * FROM contact_status WHERE contact_id = ?", [ana.id]).fetchone()
    book.interactions.log(ana.id, "purchase", TODAY, amount="20", today=TODAY)
    after = book.conn.execute("SELECT * FROM contact_status WHERE contact_id = ?", [ana.id]).fetchone()
    names = [d[0] for d in book.conn.execute("SELECT * FROM contact_status LIMIT 0").description]
    changed = {name for name, old, new in zip(names, before, after) if old != new}
    assert {"tier", "display", "last_interaction_on"} <= changed and "sort_name" not in changed
    assert book.contacts.view_counts()["customer"] == 1 and book.contacts.view_counts()["suspect"] == 0
