"""A big export is read from its bytes row by row and its sales are kept as columns: what that
must not change (every character, every line number, every sale as it was planned)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.domain import Interaction, Kind
from core.interchange import load, plan_import
from core.interchange.csv_read import read_table
from core.interchange.planned_sales import PlannedSale, PlannedSales
from core.interchange.records import ImportFileError
from core.interchange.textfile import detect_reading
from core.store import Book
from tests.test_cli import rapport

MEGABYTE = 1024 * 1024


def test_a_character_split_across_the_first_megabyte_is_still_utf8(book: Book, tmp_path: Path) -> None:
    """The bytes are checked a megabyte at a time: "ë" (two bytes) straddles the first boundary."""
    head = "Name,Notes\nAna,"
    filler = "n" * (MEGABYTE - len(head) - 4)  # then "\nZo": "ë" starts on the last byte
    path = tmp_path / "long.csv"
    path.write_bytes(f"{head}{filler}\nZoë,rose\n".encode())
    assert path.read_bytes()[MEGABYTE - 1:MEGABYTE + 1] == "ë".encode()
    loaded = load(str(path))
    assert (loaded.encoding, loaded.encoding_weak) == ("utf-8", False)
    assert [c.name for c in plan_import(book, loaded).creates] == ["Ana", "Zoë"]


def test_a_byte_past_the_first_megabyte_that_does_not_fit_is_named(book_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    first = b"Name,Notes\n" + b"Ana,peonies and roses\n" * (MEGABYTE * 3 // 2 // 22)
    path.write_bytes(first + "Zoë,rose\n".encode("cp1252"))
    code, _, err = rapport(book_path, "import", str(path), "--encoding", "utf-8")
    assert (code, err) == (2, f"rapport: the file cannot be read as UTF-8 (byte {len(first) + 3} does not fit "
                              "it); choose another encoding\n")
    code, out, _ = rapport(book_path, "import", str(path), "--dry-run")
    assert code == 0 and "read as Windows-1252 (Western)" in out


def test_rows_are_read_again_on_each_pass_with_their_lines() -> None:
    """An old Mac's lone carriage returns end lines too; a quoted cell keeps its line break."""
    table = read_table(b'Name,Notes\rAna,"two\rlines"\r\rBo,x\r')
    assert (table.header, len(table)) == (["Name", "Notes"], 2)
    assert list(table.numbered()) == [(2, ["Ana", "two\rlines"]), (5, ["Bo", "x"])]
    assert list(table.numbered()) == list(table.numbered())
    assert (table.first(1), table.rows[-1], list(table.lines)) == ([["Ana", "two\rlines"]], ["Bo", "x"], [2, 5])
    with pytest.raises(IndexError):
        table.rows[2]


def test_a_mark_at_the_start_is_never_part_of_the_first_title() -> None:
    for data in ("\ufeffName,Email\nAna,a@example.org\n".encode("utf-8"),
                 "Name,Email\nAna,a@example.org\n".encode("utf-16")):
        table = read_table(data)
        assert (table.header, table.first(5)) == (["Name", "Email"], [["Ana", "a@example.org"]])


def test_an_empty_file_and_a_file_without_rows_are_told_apart() -> None:
    with pytest.raises(ImportFileError, match="^the file is empty$"):
        read_table(b"  \n\n")
    with pytest.raises(ImportFileError, match="^the file has no rows$"):
        read_table(b",,\n,,\n")


def sale(line: int, kind: Kind, cents: int | None, note: str, existing: int | None, new: int | None) -> PlannedSale:
    return PlannedSale(line=line, import_key=2 ** 62 + line,
                       interaction=Interaction(contact_id=0, kind=kind, occurred_on=date(2026, 3, line),
                                               note=note, amount_cents=cents),
                       existing_id=existing, new_index=new)


def test_planned_sales_come_back_as_they_went_in() -> None:
    planned = [sale(1, Kind.PURCHASE, 3116, "2 × Red roses", 0, None),
               sale(2, Kind.REFUND, 1296, "refunded", None, 0),
               sale(3, Kind.PURCHASE, None, "", 7, None),
               sale(4, Kind.PURCHASE, 0, "2 × Red roses", None, 3)]
    sales = PlannedSales()
    assert not sales
    for one in planned:
        sales.append(one)
    assert (len(sales), list(sales), sales[1:3], sales[-1]) == (4, planned, planned[1:3], planned[3])
    assert sales.book_ids() == {0, 7}
    assert (sales.count_and_total(Kind.PURCHASE), sales.count_and_total(Kind.REFUND)) == ((3, 3116), (1, 1296))
    assert sales.rows(1, 9, new_ids=[40, 41, 42, 43]) == [
        (40, "refund", "2026-03-02", "refunded", 1296, 2 ** 62 + 2),
        (7, "purchase", "2026-03-03", "", None, 2 ** 62 + 3),
        (43, "purchase", "2026-03-04", "2 × Red roses", 0, 2 ** 62 + 4)]
    with pytest.raises(IndexError):
        sales[4]


@pytest.mark.parametrize("at", [10, MEGABYTE - 1, MEGABYTE, 2 * MEGABYTE + 5])
def test_the_byte_named_is_the_one_that_does_not_fit_wherever_it_is(at: int) -> None:
    """A character cut by a megabyte's end is checked with its rest: "Ã" then a comma fails at the "Ã"."""
    data = bytearray(b"n" * (2 * MEGABYTE + 10))
    data[at:at + 2] = b"\xc3,"
    with pytest.raises(ImportFileError) as refused:
        detect_reading(bytes(data), "utf-8")
    assert str(refused.value) == f"the file cannot be read as UTF-8 (byte {at + 1} does not fit it); choose another encoding"


def test_a_character_cut_at_the_end_of_the_file_does_not_fit() -> None:
    with pytest.raises(ImportFileError, match=r"\(byte 5 does not fit it\)"):
        detect_reading(b"Name\xc3", "utf-8")
