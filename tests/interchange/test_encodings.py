"""CSVs saved by Windows and Mac address books in their own code pages, read as they were written,
and the reading named so the owner can change it."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.interchange import load, plan_import
from core.store import Book
from tests.test_cli import rapport


@pytest.mark.parametrize("encoding, names, read_as", [
    ("gbk", ["王小明", "李华"], "gb18030"),
    ("shift_jis", ["山田太郎", "佐藤花子"], "cp932"),
    ("big5", ["王小明", "陳美玲"], "big5"),
    ("mac_roman", ["Zoë Ødegård", "José Müller"], "mac_roman"),
    ("cp1252", ["Zoë Ødegård", "François Crème"], "cp1252"),
    ("cp1251", ["Иван Петров", "Ольга Смирнова"], "cp1251"),
    ("utf-16-le", ["Zoë Ødegård", "王小明"], "utf-16-le"),  # no byte-order mark
    ("utf-16", ["Zoë Ødegård", "王小明"], "utf-16"),  # with one
])
def test_an_address_book_in_its_own_code_page_keeps_its_names(book: Book, tmp_path: Path, encoding: str,
                                                              names: list[str], read_as: str) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(("Name,Email\n" + "".join(f"{n},p{i}@example.org\n" for i, n in enumerate(names)))
                     .encode(encoding))
    loaded = load(str(path))
    assert loaded.encoding == read_as
    assert [c.name for c in plan_import(book, loaded).creates] == names


def test_the_command_line_names_the_encoding_and_takes_another(book_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes("Name,Email\n王小明,wang@example.cn\n".encode("gbk"))
    code, out, _ = rapport(book_path, "import", str(path), "--dry-run")
    assert code == 0 and "  read as GBK / GB18030 (Chinese, simplified); the first names read: 王小明" in out
    code, out, _ = rapport(book_path, "import", str(path), "--dry-run", "--encoding", "big5")
    assert code == 0 and "read as Big5 (Chinese, traditional)" in out and "王小明" not in out
    code, _, err = rapport(book_path, "import", str(path), "--encoding", "klingon")
    assert (code, err) == (2, "rapport: there is no encoding called 'klingon'; try utf-8, cp1252, mac_roman, gbk, "
                              "shift_jis or big5\n")
    code, _, err = rapport(book_path, "import", str(path), "--encoding", "utf-8")
    assert (code, err) == (2, "rapport: the file cannot be read as UTF-8 (byte 12 does not fit it); choose another "
                              "encoding\n")


def test_a_weak_guess_is_said(book_path: Path, tmp_path: Path) -> None:
    """Two bytes that read as well in Windows-1252 as in Windows-1250: the owner is asked to look."""
    path = tmp_path / "one.csv"
    path.write_bytes("Name\nBjörk Ñandú\n".encode("cp1252"))
    code, out, _ = rapport(book_path, "import", str(path), "--dry-run")
    assert code == 0 and "read as Windows-1252 (Western); the first names read: Björk Ñandú" in out
    assert "note: the file's encoding is a guess; if those names look wrong, import it again with --encoding" in out
