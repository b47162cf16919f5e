"""rapport import / export / merge / sources, in-process on real files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import SAMPLES
from tests.test_cli import rapport


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_a_list_of_suspects_with_its_source(book_path: Path, tmp_path: Path) -> None:
    fair = tmp_path / "fair.csv"
    fair.write_text("Name,Email,Phone\nAnna Berg,anna@example.de,\nBo Lind,,+46 70 123 45 67\n", encoding="utf-8")
    code, out, _ = rapport(book_path, "import", str(fair), "--source", "Bridal fair 2026", "--dry-run")
    assert code == 0
    assert "  2 new contacts will be created" in out and "Nothing was changed (--dry-run)." in out
    code, out, _ = rapport(book_path, "list")
    assert "0 contacts" in out
    code, out, _ = rapport(book_path, "import", str(fair), "--source", "Bridal fair 2026")
    assert "Imported: 2 new contacts, 0 merged, 0 purchases logged, 0 skipped." in out
    code, out, _ = rapport(book_path, "list", "--source", "Bridal fair 2026")
    assert "Anna Berg" in out and "Bo Lind" in out and "2 contacts" in out
    code, out, _ = rapport(book_path, "list", "--search", "bridal")
    assert "2 contacts" in out
    code, out, _ = rapport(book_path, "sources")
    assert out.splitlines()[1].split() == ["Bridal", "fair", "2026", "2", "2", "0", "0", "0", "0"]
    code, out, _ = rapport(book_path, "import", str(fair))
    assert "Nothing to import: the book already holds all of it." in out


def test_import_a_sales_log_with_a_mapping(book_path: Path, tmp_path: Path) -> None:
    till = tmp_path / "till.csv"
    till.write_text("Kunde;Tag;Summe\n17;01.03.2026;42,50\n17;15.03.2026;10,00\n", encoding="utf-8")
    code, _, err = rapport(book_path, "import", str(till), "--sales")
    assert code == 2 and err == "rapport: say which column holds the date of each sale\n"
    code, out, _ = rapport(book_path, "import", str(till), "--sales", "--map", "customer_id=Kunde", "--map",
                           "date=Tag", "--map", "amount=Summe")
    assert code == 0 and "1 new contact, 0 merged, 2 purchases logged" in out
    code, out, _ = rapport(book_path, "show", "1")
    assert "Customer 17" in out and "2026-03-15  Purchase 10.00 EUR" in out and "2026-03-01  Purchase 42.50 EUR" in out


def test_a_broken_file_exits_2_naming_the_line_and_leaves_the_book(book_path: Path, tmp_path: Path) -> None:
    rapport(book_path, "add", "Keep Me")
    before = digest(book_path)
    broken = tmp_path / "broken.csv"
    broken.write_text('Name,Email\nAna,ana@example.org\n"Bo,bo@example.org\n', encoding="utf-8")
    code, _, err = rapport(book_path, "import", str(broken))
    assert code == 2 and err.startswith("rapport: line 3: a quote")
    code, _, err = rapport(book_path, "import", str(tmp_path / "missing.vcf"))
    assert code == 2 and err == f"rapport: there is no file {tmp_path / 'missing.vcf'}\n"
    code, _, err = rapport(book_path, "import", str(tmp_path))
    assert code == 2 and "is a folder" in err
    assert digest(book_path) == before


def test_export_every_format_and_merge(book_path: Path, tmp_path: Path) -> None:
    rapport(book_path, "import", str(SAMPLES / "vcard" / "rfc2426-example.vcf"))
    # Each export counts what it wrote: the calendar its events (none: no step is due and no birthday
    # is known), the lists their numbers and addresses.
    for fmt, start, written in (("vcard", "BEGIN:VCARD\r\nVERSION:3.0", "2 contacts"),
                                ("vcard4", "BEGIN:VCARD\r\nVERSION:4.0", "2 contacts"),
                                ("csv", "\ufeffName,Kind", "2 contacts"),
                                ("phones", "\ufeffName,Phone,Dial", "2 phone numbers"),
                                ("emails", '"Frank Dawson" <Frank_Dawson@Lotus.com>,', "2 email addresses"),
                                ("ics", "BEGIN:VCALENDAR", "0 events")):
        target = tmp_path / f"out.{fmt}"
        code, out, _ = rapport(book_path, "export", "--format", fmt, "--out", str(target))
        assert code == 0 and out == f"Wrote {written} to {target}.\n"
        assert target.read_bytes().decode("utf-8").startswith(start)
    code, out, _ = rapport(book_path, "merge", "1", "2")
    assert out == "Merged Tim Howes (contact 2) into Frank Dawson (contact 1); contact 2 is in the Trash.\n"
    code, out, _ = rapport(book_path, "show", "1")
    assert "howes@netscape.com" in out
    code, _, err = rapport(book_path, "merge", "1", "1")
    assert code == 2 and "a contact cannot be merged with itself" in err
