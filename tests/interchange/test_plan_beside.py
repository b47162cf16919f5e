"""An import's plan made in a process of its own (``core.import_beside``) is the plan made here:
the file read again there as the preview read it, the plan handed back in parts."""

from __future__ import annotations

import gc
import os
from datetime import date
from pathlib import Path

import pytest

from core import i18n
from core.import_beside import PART, from_parts, in_parts, plan_in_a_process, received
from core.interchange import load, plan_import
from core.interchange.records import ImportFileError
from core.store import Book
from tests.conftest import SAMPLES
from tests.interchange.test_tills import SQUARE_TRANSACTIONS, till_file

TODAY = date(2026, 12, 4)


def _same(here, beside) -> None:
    assert beside.summary() == here.summary()
    assert (beside.creates, beside.create_lines, beside.merges, beside.merge_reasons) == \
           (here.creates, here.create_lines, here.merges, here.merge_reasons)
    assert (beside.skipped, beside.warnings, beside.counted, beside.description) == \
           (here.skipped, here.warnings, here.counted, here.description)
    assert list(beside.sales) == list(here.sales)


def _square(folder: Path, encoding: str = "utf-8") -> Path:
    path = till_file(folder, "transactions.csv", SQUARE_TRANSACTIONS, [
        {"Date": f"2026-09-{day:02d}", "Time Zone": "UTC", "Total Collected": f"${day}.50", "Transaction ID": f"T{day}",
         "Event Type": "Payment", "Customer ID": f"C{day % 7}", "Customer Name": f"Zoë Ødegård {day % 7}"}
        for day in range(1, 29)])
    if encoding != "utf-8":
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    return path


@pytest.mark.parametrize("which", ["cdnow", "square", "square-cp1252", "vcard"])
def test_the_plan_made_beside_is_the_plan_made_here(book: Book, tmp_path: Path, which: str) -> None:
    book.contacts.add("Zoë Ødegård 3")  # something in the book to match against
    path = {"cdnow": lambda: SAMPLES / "transactions" / "CDNOW_sample.txt",
            "square": lambda: _square(tmp_path),
            "square-cp1252": lambda: _square(tmp_path, "cp1252"),
            "vcard": lambda: SAMPLES / "vcard" / "John_Doe_IPHONE.vcf"}[which]()
    loaded = load(path)
    here = plan_import(book, loaded, source="Till", today=TODAY)
    beside = plan_in_a_process(book.path, loaded, source="Till", today=TODAY)
    _same(here, beside)
    assert here.creates or here.sales, "a plan with something in it"


def test_a_file_changed_after_the_preview_is_not_planned_as_if_it_were_the_same(book: Book, tmp_path: Path) -> None:
    path = _square(tmp_path)
    loaded = load(path)
    with open(path, "a", encoding="utf-8") as more:
        more.write("2026-09-30" + "," * (len(SQUARE_TRANSACTIONS) - 1) + "\n")
    os.utime(path, ns=(loaded.seen[1] + 1_000_000_000, loaded.seen[1] + 1_000_000_000))
    with pytest.raises(ImportFileError, match=f"^{path} changed after it was read; choose it again to see what it "
                                              "holds now$"):
        plan_in_a_process(book.path, loaded, today=TODAY)


def test_the_plan_comes_back_in_parts_of_a_thousand_and_whole(book: Book) -> None:
    loaded = load(SAMPLES / "transactions" / "CDNOW_sample.txt")
    plan = plan_import(book, loaded, today=TODAY)
    parts = {name: (shape, len(pickles)) for name, shape, pickles in in_parts(plan)}
    assert len(plan.creates) > PART and parts["creates"] == ("list", -(-len(plan.creates) // PART))
    assert parts["description"] == ("one", 1)
    _same(plan, from_parts(in_parts(plan)))


def test_the_plan_received_sets_off_no_full_collection_and_goes_when_let_go(book: Book) -> None:
    """Unpickled in the window's process, the CDNOW plan set off a full collection that held the
    interpreter 40 ms while the window waited."""
    parts = in_parts(plan_import(book, load(SAMPLES / "transactions" / "CDNOW_master.txt"), today=TODAY))
    walked: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            walked.append(info["generation"])

    thresholds = gc.get_threshold()
    gc.collect()
    gc.unfreeze()
    before = len(gc.get_objects())
    gc.set_threshold(100, 1, 1)  # a full collection every few hundred objects, unless held
    gc.callbacks.append(note)
    try:
        plan = received(parts)
        assert 2 not in walked
        frozen = gc.get_freeze_count()
        assert frozen > before + 40_000, "the plan's objects are out of the collector's sight"
        assert not any(contact is plan.creates[0] for contact in gc.get_objects())
        del plan
        assert gc.get_freeze_count() < before + 1_000, "and they go when the plan is let go"
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def test_the_plan_made_beside_speaks_the_owners_language(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Name,Email\nAna,not-an-email\n", encoding="utf-8")
    loaded = load(path)
    i18n.use_language("fr")
    try:
        here = plan_import(book, loaded, today=TODAY)
        beside = plan_in_a_process(book.path, loaded, today=TODAY)
    finally:
        i18n.use_language("en")
    assert beside.warnings == here.warnings == ["ligne 2 : 'not-an-email' n'est pas une adresse e-mail ; "
                                                "gardée dans les notes"]
