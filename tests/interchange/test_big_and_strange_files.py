"""Big and strange files: a vCard with a photo of many megabytes, a CSV of one enormous line, and
names with invisible characters that would make two names look the same."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from core.interchange.csv_read import read_table
from core.interchange.records import ImportFileError
from core.interchange.vcard_read import read_vcards
from core.store import Book
from tests.test_cli import rapport


def card_with_photo(megabytes: int, note: str = "peonies") -> bytes:
    photo = base64.b64encode(os.urandom(megabytes * 1024 * 1024 * 3 // 4)).decode()
    folded = "\r\n ".join(photo[i:i + 74] for i in range(0, len(photo), 74))
    return (f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lind\r\nPHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\n"
            f"EMAIL:ana@example.org\r\nNOTE:{note}\r\nEND:VCARD\r\n").encode()


def test_a_card_with_a_big_photo_imports_with_everything_else(book_path: Path, tmp_path: Path) -> None:
    """The photo is skipped by length, never gathered: 8 MB here (bench/bench_big_files.py times 50)."""
    card = tmp_path / "ana.vcf"
    card.write_bytes(card_with_photo(8))
    code, out, err = rapport(book_path, "import", str(card))
    assert code == 0, err
    with Book.open(book_path) as book:
        [ana] = book.contacts.in_view()
        assert (ana.name, ana.emails, ana.notes) == ("Ana Lind", ("ana@example.org",), "peonies")


def test_a_vcard_line_over_the_limit_is_refused_by_its_number() -> None:
    with pytest.raises(ImportFileError) as refused:
        read_vcards(card_with_photo(1, note="n" * (3 * 1024 * 1024)))
    note_line = 3 + -(-1024 * 1024 // 74) + 2  # BEGIN, VERSION, FN, the photo's folded lines, EMAIL, NOTE
    assert refused.value.line == note_line
    assert str(refused.value) == (f"line {note_line} is 3 MB long; the longest a vCard line may be "
                                  "is 1 MB")


def test_a_csv_of_one_enormous_line_is_refused_in_words_and_nothing_is_changed(book_path: Path,
                                                                               tmp_path: Path) -> None:
    rapport(book_path, "add", "Already here")
    sheet = tmp_path / "one-line.csv"
    sheet.write_text("Name,Email\n" + "a," * (25 * 1024 * 1024) + "\n", encoding="utf-8")
    code, _, err = rapport(book_path, "import", str(sheet))
    assert (code, err) == (2, "rapport: line 2 is 50 MB long; the longest a CSV line may be is 1 MB\n")
    sheet.write_text("a;" * (600 * 1024), encoding="utf-8")  # just over the limit, on line 1
    code, _, err = rapport(book_path, "import", str(sheet))
    assert (code, err) == (2, "rapport: line 1 is 1 MB long; the longest a CSV line may be is 1 MB\n")
    with Book.open(book_path) as book:
        assert [c.name for c in book.contacts.in_view()] == ["Already here"]


def test_a_csv_line_just_under_the_limit_is_read() -> None:
    table = read_table(("Name,Notes\nAna," + "n" * (1024 * 1024 - 4) + "\n").encode())
    assert [(row[0], len(row[1])) for row in table.rows] == [("Ana", 1024 * 1024 - 4)]


@pytest.mark.parametrize("typed, stored", [
    ("Ana\u200bLind", "AnaLind"),  # zero-width space
    ("\ufeffAna Lind", "Ana Lind"),  # a byte-order mark pasted at the start
    ("Ana Lind\U000e0041\U000e0042", "Ana Lind"),  # Unicode tag characters
    ("Ana\u2060 Lind", "Ana Lind"),  # word joiner
    ("Ana\u200d Lind", "Ana Lind"),  # a joiner beside Latin letters only hides
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),
])
def test_invisible_characters_never_stay_in_a_name(book: Book, typed: str, stored: str) -> None:
    """Persian keeps its zero-width non-joiner: it shapes the word."""
    assert book.contacts.add(typed).name == stored


def vcard(*lines: str) -> bytes:
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VCARD\r\n").encode()


@pytest.mark.parametrize("bday, stored", [
    ("BDAY:16040101", "--01-01"),  # Apple: a birthday without a year
    ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-22", "--03-22"),
    ("BDAY:--0101", "--01-01"),
    ("BDAY:1980-03-22", "1980-03-22"),
])
def test_year_less_birthdays_the_apple_way(book: Book, tmp_path: Path, bday: str, stored: str) -> None:
    from core.interchange import load, plan_import

    card = tmp_path / "card.vcf"
    card.write_bytes(vcard("FN:Ana Lind", bday))
    [ana] = plan_import(book, load(str(card))).creates
    assert ana.birthday == stored


def test_a_birthday_in_words_goes_to_the_notes_with_a_message(book: Book, tmp_path: Path) -> None:
    from core.interchange import load, plan_import

    card = tmp_path / "card.vcf"
    card.write_bytes(vcard("FN:Old Master", "BDAY;VALUE=text:circa 1800", "NOTE:Painter"))
    plan = plan_import(book, load(str(card)))
    [master] = plan.creates
    assert (master.birthday, master.notes) == ("", "Painter\nBirthday as imported: circa 1800")
    assert plan.warnings == ["line 1: 'circa 1800' is not a date; the birthday is kept in the notes"]


def test_a_vcard_without_begin_says_so(tmp_path: Path) -> None:
    from core.interchange import load

    card = tmp_path / "cut.vcf"
    card.write_text("VERSION:3.0\r\nFN:Ana Lind\r\nEMAIL:ana@example.org\r\nEND:VCARD\r\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        load(str(card))
    assert str(refused.value) == ("line 1: this looks like a vCard file, but its first card does not start with "
                                  "BEGIN:VCARD (the file may be cut at its top); add that line, or export the cards "
                                  "again")
