"""A large import sets the row-by-row triggers aside and does their work in one statement: the
search index, the sidebar's counts and the triggers themselves must come out as if it had not.
Into a book smaller than the import, it also builds the tables' indexes afresh afterwards: they
too must come out exactly as they were."""

from __future__ import annotations

import pytest

from core.interchange import load, plan_import
from core.store.bulk import BULK_ROWS
from core.store.imports import ImportCancelled
from tests.conftest import SAMPLES

CDNOW_SAMPLE = SAMPLES / "transactions" / "CDNOW_sample.txt"


def triggers(book) -> list[tuple[str, str]]:
    """Every trigger and index of the book, as written."""
    return sorted(book.conn.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('trigger', 'index')"))


def dropped_indexes(book, action) -> list[str]:
    """The tables whose indexes ``action`` dropped, in the order it dropped them (read off SQLite's trace)."""
    names = dict(book.conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"))
    statements: list[str] = []
    book.conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        book.conn.set_trace_callback(None)
    return list(dict.fromkeys(names[s.split('"')[1]] for s in statements if s.startswith("DROP INDEX")))


def test_an_import_larger_than_the_book_builds_indexes_afresh_and_one_smaller_grows_them(book, tmp_path) -> None:
    plan = plan_import(book, load(CDNOW_SAMPLE), source="CDNOW")
    before = triggers(book)
    assert dropped_indexes(book, lambda: book.interchange.apply_import(plan, backup=False)) == [
        "contacts", "interactions", "contact_status", "tier_history"]
    assert triggers(book) == before
    assert book.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    # More sales than BULK_ROWS, but fewer than the book now holds: written into the indexes as they are.
    lines = CDNOW_SAMPLE.read_text().splitlines()[:BULK_ROWS + 10]
    more = tmp_path / "more.txt"
    more.write_text("".join(line.replace(" 0", " 9", 1) + "\n" for line in lines))  # other customer numbers
    second = plan_import(book, load(more), source="More")
    assert len(second.sales) > BULK_ROWS
    assert dropped_indexes(book, lambda: book.interchange.apply_import(second, backup=False)) == []
    assert triggers(book) == before


def test_a_large_import_leaves_search_counts_and_triggers_as_row_by_row_writes_would(book) -> None:
    book.contacts.add("Keep Me")
    book.contacts.delete(book.contacts.add("In The Trash").id)  # type: ignore[arg-type]
    before = triggers(book)
    plan = plan_import(book, load(CDNOW_SAMPLE), source="CDNOW")
    assert len(plan.creates) >= BULK_ROWS  # the bulk path, not the row-by-row one

    book.interchange.apply_import(plan, backup=False)

    assert triggers(book) == before
    assert book.contacts.view_counts() == book.contacts.recount_views()
    assert book.contacts.view_counts()["trash"] == 1
    assert book.contacts.ids(search="00021") == [book.conn.execute(
        "SELECT id FROM contacts WHERE external_id = '00021'").fetchone()[0]]
    # The triggers are back and working: a write after the import is counted and found as ever.
    zoe = book.contacts.add("Zoë Bulkley")
    book.interactions.log(zoe.id, "inquiry")
    assert book.contacts.view_counts() == book.contacts.recount_views()
    assert book.contacts.ids(search="bulkley") == [zoe.id]


def test_a_small_import_keeps_to_the_triggers(book, tmp_path) -> None:
    sheet = tmp_path / "few.csv"
    sheet.write_text("Name,Email\n" + "".join(f"Guest {n},g{n}@example.org\n" for n in range(3)), encoding="utf-8")
    book.interchange.apply_import(plan_import(book, load(sheet), source="Fair"), backup=False)
    assert book.contacts.view_counts() == book.contacts.recount_views() and book.contacts.view_counts()["all"] == 3
    assert len(book.contacts.ids(search="guest")) == 3


@pytest.mark.parametrize("when", ["while the contacts are written", "after the verdicts are written"])
def test_a_large_import_cancelled_leaves_the_book_and_its_triggers_as_they_were(book, when: str) -> None:
    keep = book.contacts.add("Keep Me")
    before = triggers(book)
    counts = book.contacts.view_counts()
    plan = plan_import(book, load(CDNOW_SAMPLE), source="CDNOW")

    def cancelled() -> bool:
        if when == "while the contacts are written":
            return True  # the first tick comes with the triggers set aside
        return book.conn.execute("SELECT count(*) FROM contact_status").fetchone()[0] > 1

    with pytest.raises(ImportCancelled):
        book.interchange.apply_import(plan, cancelled=cancelled, backup=False)

    assert triggers(book) == before
    assert book.contacts.view_counts() == counts
    assert book.contacts.ids() == [keep.id]
    assert book.conn.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'cdnow'").fetchone() == (0,)


def test_an_import_holds_the_cycle_collector_off_while_it_writes_and_lets_it_go_after(book) -> None:
    import gc

    plan = plan_import(book, load(CDNOW_SAMPLE), source="CDNOW")
    seen: list[bool] = []
    book.interchange.apply_import(plan, backup=False, progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()


def test_the_bar_moves_while_the_verdicts_are_worked_out_and_says_what_it_is_doing(book) -> None:
    """Working out the verdicts is the longest part of an import: it is counted contact by contact,
    not as one last step that left the bar at 99 % for seconds (and Cancel unheard)."""
    from core.store.imports import import_stage_in_words, import_stages

    plan = plan_import(book, load(CDNOW_SAMPLE), source="CDNOW")
    contacts, sales, verdicts = import_stages(plan)
    assert (contacts, sales, verdicts) == (2 * len(plan.creates), len(plan.sales), 9 * len(plan.creates))
    seen: list[tuple[int, int]] = []
    book.interchange.apply_import(plan, backup=False, progress=lambda done, total: seen.append((done, total)))
    assert {total for _, total in seen} == {contacts + sales + verdicts}
    assert [done for done, _ in seen] == sorted(done for done, _ in seen), "the bar only moves forward"
    after_writing = [done for done, _ in seen if done > contacts + sales]
    assert len(after_writing) >= 2 and after_writing[-1] == seen[-1][1]
    people, bought = len(plan.creates), len(plan.sales)
    assert import_stage_in_words(0, plan) == f"Writing the contacts… 0 of {people:,}"
    assert import_stage_in_words(contacts - 1, plan) == f"Writing the contacts… {people - 1:,} of {people:,}"
    assert import_stage_in_words(contacts, plan) == f"Logging the purchases… 0 of {bought:,}"
    assert import_stage_in_words(contacts + sales - 1, plan) == f"Logging the purchases… {bought - 1:,} of {bought:,}"
    assert import_stage_in_words(contacts + sales, plan) == "Working out where each contact stands on the ladder…"
