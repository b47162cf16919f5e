"""The *Occasions soon* view: whose occasions fall in the coming 60 days, kept current by every write
of an occasion or of a card's birthday, and by a new day."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

from core.cli import run
from core.store import Book

TODAY = date(2026, 11, 24)


def test_the_view_lists_whose_occasions_are_coming_within_60_days(book: Book) -> None:
    anna = book.contacts.add("Anna Berg", birthday="--12-20", today=TODAY)  # in 26 days
    book.contacts.add("Bo Li", birthday="--03-01", today=TODAY)  # in 97 days
    wei = book.contacts.add("Wei Zhang", today=TODAY)
    assert book.occasions.mark_coming(TODAY) == 1
    assert book.contacts.ids("occasions") == [anna.id] and book.contacts.view_counts()["occasions"] == 1
    book.occasions.add(wei.id, "anniversary", "23 Jan", today=TODAY)  # in 60 days: still within
    assert book.contacts.ids("occasions") == [anna.id, wei.id]
    book.occasions.stop(wei.id, 1, "divorced", today=TODAY)
    assert book.contacts.ids("occasions") == [anna.id]
    book.contacts.update(replace(book.contacts.get(anna.id), birthday="--06-01"), TODAY)
    assert book.contacts.ids("occasions") == [] and book.contacts.view_counts()["occasions"] == 0
    assert book.contacts.view_counts() == book.contacts.recount_views()
    assert not book.conn.in_transaction, "the view's own table never leaves the book's transaction open"


def test_the_day_61_ahead_is_outside_and_the_command_line_lists_the_view(tmp_path: Path) -> None:
    path = tmp_path / "shop.rapport"
    with Book.open(path, backup_daily=False) as book:
        book.contacts.add("Cleo Day61", birthday="--01-24", today=TODAY)  # 61 days ahead
        book.contacts.add("Dara Day60", birthday="--01-23", today=TODAY)
    out = io.StringIO()
    assert run(["--book", str(path), "--today", TODAY.isoformat(), "list", "--view", "occasions"], out=out) == 0
    assert "Dara Day60" in out.getvalue() and "Cleo Day61" not in out.getvalue()
    assert out.getvalue().endswith("1 contact\n")
