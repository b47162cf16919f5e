"""Notes that must never be missed ("allergic to lilies"): kept with the contact, shown on every
printed line about them, on the command line, and searched."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from core.cli import run
from core.store import Book

TODAY = "2026-11-24"


def cli(path: Path, *args: str) -> str:
    out = io.StringIO()
    assert run(["--book", str(path), "--today", TODAY, *args], out=out) == 0, out.getvalue()
    return out.getvalue()


def test_a_pinned_note_is_on_every_printed_line_and_the_card(tmp_path: Path) -> None:
    path = tmp_path / "shop.rapport"
    cli(path, "add", "Anna Berg")
    assert cli(path, "pin", "1", "allergic to lilies") == "Anna Berg: pinned note 1: allergic to lilies\n"
    cli(path, "pin", "1", "deliver to the back door")
    cli(path, "log", "1", "inquiry", "--date", "2026-11-20")
    assert "  ! Pinned 1: allergic to lilies\n  ! Pinned 2: deliver to the back door\n" in cli(path, "show", "1")
    cli(path, "checklist", "--week", "2026-11-23", "--out", str(tmp_path / "week.pdf"))
    week = "".join(page.extract_text() for page in PdfReader(tmp_path / "week.pdf").pages)
    assert "allergic to lilies; deliver to the back door" in week
    cli(path, "plan", "1", "--out", str(tmp_path / "plan.pdf"))
    assert "allergic to lilies; deliver to the back door" in PdfReader(tmp_path / "plan.pdf").pages[0].extract_text()
    assert cli(path, "unpin", "1", "1") == 'Anna Berg: unpinned "allergic to lilies".\n'
    with Book.open(path, backup_daily=False) as book:
        [anna] = book.contacts.in_view()
        assert anna.pinned == ("deliver to the back door",)
        assert book.contacts.ids(search="back door") == [anna.id]
        [row] = book.contacts.rows([anna.id])
        assert row.pinned == ("deliver to the back door",)


def test_an_empty_or_repeated_pin_is_not_kept_twice(book: Book) -> None:
    from dataclasses import replace

    anna = book.contacts.add("Anna Berg", today=date(2026, 11, 24))
    book.contacts.update(replace(anna, pinned=("nut allergy", " ", "nut allergy")))
    assert book.contacts.get(anna.id).pinned == ("nut allergy",)
