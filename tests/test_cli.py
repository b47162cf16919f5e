"""The command line, run in-process on a real book file."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import run
from core.store import Book

ROOT = Path(__file__).resolve().parents[1]


def rapport(book_path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--book", str(book_path), "--today", "2026-11-24", *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_add_log_list_show(book_path: Path) -> None:
    code, out, _ = rapport(book_path, "add", "Maria Lopez", "--phone", "+34 612 345 678", "--email", "maria@lopez.es")
    assert code == 0 and "Added Maria Lopez as contact 1." in out
    code, out, _ = rapport(book_path, "log", "1", "purchase", "--amount", "42.50", "--date", "2026-11-02",
                           "--note", "wedding bouquet")
    assert code == 0
    assert "Logged purchase for Maria Lopez on 2 Nov 2026." in out
    assert "Maria Lopez is now a Customer." in out
    code, out, _ = rapport(book_path, "list", "--tier", "customer")
    assert code == 0 and "Maria Lopez" in out and "1 contact" in out
    code, out, _ = rapport(book_path, "list", "--search", "lopez")
    assert "Maria Lopez" in out
    code, out, _ = rapport(book_path, "show", "1")
    assert code == 0
    assert "Tier: Customer" in out
    assert "2026-11-02  Purchase 42.50 EUR  wedding bouquet" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("log", "1", "purchase", "--date", "2026-02-31"), "date: no such day"),
        (("log", "1", "purchase", "--amount", "-3"), "amount: an amount cannot be negative"),
        (("log", "1", "gossip"), "kind: unknown kind"),
        (("log", "7", "purchase"), "No contact with number 7"),
        (("add", " "), "name: a contact needs a name"),
        (("add", "Ana", "--email", "ana-at-home"), "email: not an email address"),
        (("log", "one", "purchase"), "'one' is not a contact number (see 'rapport list')"),
        (("log", "9223372036854775808", "purchase"), "there is no contact number 9223372036854775808"),
        (("log", "1", "referral_received", "--referred", str(2**64)), f"there is no contact number {2**64}"),
        (("log", "1", "purchase", "--date", "2999-12-31"), "date: is after today"),
        (("checklist", "--week", "9999-12-31"), "--week: dates after 2999 are not accepted"),
        (("add", "Eve\n   9  Fake Partner"), ""),  # accepted as one line: checked by the next test
        (("add", "\u0301\u200b"), "name: a name needs letters or digits"),
        (("add", "Eve\udcff"), "name: is not valid text (its bytes are not UTF-8)"),
        (("log", "1", "purchase", "--amount", "1e309"), "amount: not an amount like 42.50"),
        (("log", "1", "purchase", "--amount", "1.000"), "amount: has 3 decimals; did you mean 1,000.00 or 1.00?"),
        (("--book", "", "list"), "--book: give the book's file name"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(book_path: Path, args: tuple[str, ...], message: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    rapport(book_path, "add", "Ana")
    try:
        code, out, err = rapport(book_path, *args)
    except SystemExit as exit_:  # argparse errors leave through SystemExit, as a real CLI would
        code, err = exit_.code, capsys.readouterr().err
    if not message:
        return
    assert code == 2
    assert message in err
    assert err.strip().count("\n") == 0, "one line"
    with Book.open(book_path) as book:
        assert [c.name for c in book.contacts.in_view()] == ["Ana"]
        assert book.interactions.for_contact(1) == []


def test_a_change_sqlite_refuses_is_said_in_words_and_changes_nothing(book_path: Path) -> None:
    rapport(book_path, "add", "Ana")
    with Book.open(book_path) as book:
        book.conn.execute("CREATE TRIGGER no_room BEFORE INSERT ON interactions BEGIN "
                          "SELECT RAISE(ABORT, 'database or disk is full'); END")
        book.conn.commit()
    code, _out, err = rapport(book_path, "log", "1", "purchase", "--amount", "12")
    assert code != 0 and err == "rapport: the disk is full; nothing was changed.\n"
    with Book.open(book_path) as book:
        assert book.interactions.for_contact(1) == []


def test_names_cannot_spoof_the_list_or_drive_the_terminal(book_path: Path) -> None:
    rapport(book_path, "add", "Eve\n   9  Fake Partner")
    rapport(book_path, "add", "Mallory\x1b[2J\x1b]0;owned\x07 \u202eyrammaS")
    code, out, _ = rapport(book_path, "list")
    lines = out.splitlines()
    assert len(lines) == 3 and lines[-1] == "2 contacts"  # one line per contact, nothing forged
    assert "Eve 9 Fake Partner" in lines[0]
    assert "\x1b" not in out and "\u202e" not in out and "Mallory" in lines[1]


def test_tiers_and_moves(book_path: Path) -> None:
    rapport(book_path, "add", "Ana")
    rapport(book_path, "add", "Bob")
    rapport(book_path, "log", "1", "purchase", "--date", "2026-10-01")
    rapport(book_path, "log", "2", "inquiry", "--date", "2026-11-01")
    code, out, _ = rapport(book_path, "tiers")
    assert code == 0
    assert "Customers        1" in out and "Prospects        1" in out and "Suspects         0" in out
    code, out, _ = rapport(book_path, "moves", "--since", "2026-01-01")
    assert code == 0 and "2 moves" in out and "Suspect → Customer" in out


def test_main_entry_point_runs_a_command_as_a_process(tmp_path: Path) -> None:
    book = tmp_path / "cli.rapport"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--book", str(book), "add", "Zoë"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Added Zoë as contact 1." in result.stdout
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "--book", str(book), "log", "1", "purchase",
                          "--amount", "-1"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert bad.stderr.strip() == "rapport: amount: an amount cannot be negative (got '-1')"


def test_book_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "env.rapport"
    monkeypatch.setenv("RAPPORT_BOOK", str(target))
    out = io.StringIO()
    assert run(["add", "Ana"], out=out) == 0
    assert target.exists()


def test_plan_and_checklist_as_text_and_pdf(book_path: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    rapport(book_path, "add", "Maria Lopez", "--phone", "+34 612 345 678")
    rapport(book_path, "add", "Bob")
    rapport(book_path, "log", "1", "inquiry", "--date", "2026-11-15")
    code, out, _ = rapport(book_path, "plan", "1")
    assert code == 0
    assert "Maria Lopez: Prospect → Customer" in out
    assert "[ ] Follow up on Maria's inquiry of 15 Nov 2026  (by 24 Nov 2026)" in out
    code, out, _ = rapport(book_path, "checklist", "--week", "2026-11-25")
    assert code == 0
    assert "partner-cultivation checklist, 23 Nov 2026 – 29 Nov 2026" in out
    prospects = out[out.index("Prospects to follow up"):]
    assert "[ ] Maria Lopez  +34 612 34 56 78" in prospects  # printed in the form to dial
    assert out.count("Nobody this week") == 8  # nine sections, one of them with Maria

    week_pdf, plans_pdf = tmp_path / "week.pdf", tmp_path / "plans.pdf"
    code, out, _ = rapport(book_path, "checklist", "--week", "2026-11-23", "--out", str(week_pdf))
    assert code == 0 and f"Wrote 1 page to {week_pdf}." in out
    assert "Maria Lopez" in PdfReader(week_pdf).pages[0].extract_text()
    code, out, _ = rapport(book_path, "plan", "1", "2", "--out", str(plans_pdf))
    assert code == 0 and "Wrote 2 pages" in out
    assert "Bob" in PdfReader(plans_pdf).pages[1].extract_text()


def test_install_desktop_writes_a_menu_entry_and_the_icon(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    out, err = io.StringIO(), io.StringIO()
    assert run(["install-desktop"], out=out, err=err) == 0, err.getvalue()
    entry = tmp_path / "share" / "applications" / "rapport.desktop"
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "rapport.svg"
    mime = tmp_path / "share" / "mime" / "packages" / "rapport.xml"
    assert out.getvalue().splitlines() == [f"Wrote {entry}", f"Wrote {icon}", f"Wrote {mime}"]
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]" and "Name=Rapport" in lines and "Icon=rapport" in lines
    [command] = [line for line in lines if line.startswith("Exec=")]
    assert command.endswith(" %f") and ("main.py" in command or command.startswith("Exec=/"))
    assert icon.read_bytes().startswith(b"<")  # the shipped SVG
    # Its own type for *.rapport, not every SQLite file on the computer.
    assert "MimeType=application/x-rapport-book;" in lines and not any("sqlite" in line for line in lines)
    import xml.etree.ElementTree as ElementTree

    kind = ElementTree.parse(mime).getroot()[0]
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    assert (kind.get("type"), kind.find(f"{ns}glob").get("pattern")) == ("application/x-rapport-book", "*.rapport")
    assert not list((tmp_path / "share").rglob("*.part")), "no temporary file left behind"


def test_a_demo_book_is_made_as_a_new_file_and_never_over_an_existing_one(tmp_path: Path) -> None:
    path = tmp_path / "demo.rapport"
    out, err = io.StringIO(), io.StringIO()
    assert run(["demo", str(path)], out=out, err=err) == 0
    assert out.getvalue() == f'Made the demo book {path}: open it with rapport --book "{path}"\n'
    book = Book.open(path)
    try:
        assert book.settings().business_name == "Bloom & Stem" and len(book.contacts.in_view()) == 70
    finally:
        book.close()
    before = path.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    assert run(["demo", str(path)], out=out, err=err) != 0
    assert err.getvalue() == f"rapport: {path} already exists; a demo book is only made as a new file\n"
    assert path.read_bytes() == before
