"""Every export Rapport writes imports back into an empty book with every field equal: the CSV, the
Excel workbook, vCard 3.0 and 4.0, on random Unicode contacts (hypothesis). And the spreadsheet
export guards formulas without marking phones."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.domain import Contact, ContactKind, Tier
from core.interchange import load, plan_import
from core.interchange.export import CSV_HEADER, ExportRow, contacts_csv, contacts_xlsx, write_export
from core.interchange.exporting import render_export
from core.store import Book

TODAY = date(2026, 11, 24)
FIELDS = ("name", "kind", "organisation", "title", "phones", "phone_labels", "emails", "address", "tags", "notes",
          "how_met", "label", "source", "birthday", "anniversary", "external_id")

letters = st.characters(categories=("Lu", "Ll", "Lo"), exclude_characters="\u0130\u0131ǅǈǋǲ")
word = st.text(alphabet=letters, min_size=1, max_size=8)
words = st.lists(word, min_size=1, max_size=3).map(" ".join)
maybe = st.one_of(st.just(""), words)
day = st.one_of(st.just(""), st.dates(date(1920, 1, 1), date(2020, 12, 31)).map(date.isoformat),
                st.dates(date(2000, 1, 1), date(2000, 12, 31)).map(lambda d: f"--{d:%m-%d}"))
note_text = st.lists(st.one_of(words, st.sampled_from(["=SUM(A1)", "+1 cmd", "-2+3", "@here", 'say "hi"', "a, b; c",
                                                       "line\nbreak", "50%"])),
                     max_size=4).map(" ".join)


@st.composite
def contacts(draw) -> list[Contact]:
    count = draw(st.integers(1, 4))
    names = draw(st.lists(words, min_size=count, max_size=count, unique_by=lambda n: n.casefold()))
    out = []
    for number, name in enumerate(names):
        phones = tuple(f"+41 79 {number}{k}{k} 45 6{k}" for k in range(draw(st.integers(0, 2))))
        out.append(Contact(
            name=name, kind=draw(st.sampled_from(list(ContactKind))), organisation=draw(maybe), title=draw(maybe),
            phones=phones, phone_labels=tuple(draw(st.sampled_from(["", "mobile", "work", "shop"])) for _ in phones),
            emails=tuple(f"p{number}x{k}@example.org" for k in range(draw(st.integers(0, 2)))),
            address=draw(maybe), tags=tuple(draw(st.lists(word, max_size=3, unique_by=str.casefold))),
            notes=draw(note_text).strip(), how_met=draw(maybe), label=draw(st.one_of(st.none(), st.sampled_from(list(Tier)))),
            source=draw(maybe), birthday=draw(day), anniversary=draw(day),
            external_id=draw(st.one_of(st.just(""), st.from_regex(r"[A-Z0-9]{3,10}", fullmatch=True).map(
                lambda text, number=number: f"{text}-{number}")))))
    return out


def fields_of(contact: Contact) -> tuple:
    return tuple(getattr(contact, name) for name in FIELDS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=contacts())
def test_every_export_imports_back_whole(people: list[Contact]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with Book.open(Path(folder) / "from.rapport", backup_daily=False) as book:
            written = [book.contacts.add(person, today=TODAY) for person in people]
            ids = [c.id for c in written if c.id is not None]
            expected = sorted(fields_of(c) for c in book.contacts.many(ids).values())
            exports = {fmt: render_export(book, ids, fmt, TODAY) for fmt in ("csv", "xlsx", "vcard", "vcard4")}
        for fmt, content in exports.items():
            path = write_export(Path(folder) / f"out-{fmt}.{ 'vcf' if fmt.startswith('vcard') else fmt}", content)
            with Book.open(Path(folder) / f"to-{fmt}.rapport", backup_daily=False) as fresh:
                plan = plan_import(fresh, load(str(path)), today=TODAY)
                assert plan.warnings == [] and plan.skipped == [], (fmt, plan.warnings, plan.skipped)
                fresh.interchange.apply_import(plan, today=TODAY, backup=False)
                back = sorted(fields_of(c) for c in fresh.contacts.in_view())
            assert back == expected, fmt


def test_phones_carry_no_mark_and_formulas_stay_guarded(tmp_path: Path) -> None:
    person = Contact(name="=HYPERLINK(\"http://x\")", phones=("+41 79 123 45 67",), notes="@SUM(1)")
    text = contacts_csv([ExportRow(person)])
    row = dict(zip(CSV_HEADER, list(csv.reader(io.StringIO(text[1:])))[1]))
    assert row["Phones"] == "+41 79 123 45 67", "a phone starting with + has no visible mark"
    assert (row["Name"], row["Notes"]) == ("'=HYPERLINK(\"http://x\")", "'@SUM(1)")
    sheet = openpyxl.load_workbook(io.BytesIO(contacts_xlsx([ExportRow(person)]))).active
    cells = {title: sheet.cell(2, number + 1) for number, title in enumerate(CSV_HEADER)}
    assert (cells["Name"].value, cells["Name"].data_type) == ("=HYPERLINK(\"http://x\")", "s"), "text, never a formula"
    assert cells["Phones"].value == "+41 79 123 45 67"


def test_an_older_export_comes_back_with_its_emails_phones_and_tags(book: Book, tmp_path: Path) -> None:
    """The header Rapport wrote before (no Anniversary column, tags joined with "; ")."""
    old = tmp_path / "rapport-csv.csv"
    old.write_text("\ufeffName,Kind,Organisation,Title,Phones,Emails,Address,Tier,You call them,Source,Spend,"
                   "Last interaction,Next step,Next step by,Tags,Birthday,Notes\r\n"
                   "'=Ana,Person,,,'+41 79 123 45 67; 044 123 45 67,ana@example.org; ana@work.example,,Client,Client,"
                   "Fair,12.00,,,,vip; wedding,1980-03-22,'=notes\r\n", encoding="utf-8")
    loaded = load(str(old))
    assert loaded.description == "Rapport's own contacts export"
    [ana] = plan_import(book, loaded, today=TODAY).creates
    assert (ana.name, ana.phones, ana.emails, ana.tags, ana.label, ana.birthday, ana.notes) == (
        "=Ana", ("+41 79 123 45 67", "044 123 45 67"), ("ana@example.org", "ana@work.example"), ("vip", "wedding"),
        Tier.CLIENT, "1980-03-22", "=notes")


def test_the_calendar_export_counts_its_events(book_path: Path, tmp_path: Path) -> None:
    from tests.test_cli import rapport

    rapport(book_path, "add", "Ana", "--email", "ana@example.org")
    with Book.open(book_path) as book:
        for n in range(3):
            book.contacts.add(f"Birthday {n}", birthday=f"1980-0{n + 1}-15", today=TODAY)
    code, out, _ = rapport(book_path, "export", "--format", "ics", "--out", str(tmp_path / "week.ics"))
    assert code == 0 and out == f"Wrote 3 events to {tmp_path / 'week.ics'}.\n"


def test_an_export_made_in_french_imports_back_whole_in_german(tmp_path: Path) -> None:
    """The owner's language says the window's words, never a file's values: a CSV, a workbook or a
    vCard written by a French Rapport comes back whole into a German one."""
    from core import i18n

    people = [Contact(name="Hôtel du Parc", kind=ContactKind.ORGANISATION, organisation="Hôtel du Parc",
                      label=Tier.CLIENT, phones=("+33 1 23 45 67 89",), tags=("mariage",)),
              Contact(name="Zoë Martin", label=Tier.PARTNER, birthday="--05-12", emails=("zoe@example.fr",))]
    try:
        i18n.use_language("fr")
        with Book.open(tmp_path / "fr.rapport", backup_daily=False) as book:
            ids = [book.contacts.add(person, today=TODAY).id for person in people]
            expected = sorted(fields_of(c) for c in book.contacts.many(ids).values())
            exports = {fmt: render_export(book, ids, fmt, TODAY) for fmt in ("csv", "xlsx", "vcard", "vcard4")}
        i18n.use_language("de")
        for fmt, content in exports.items():
            path = write_export(tmp_path / f"out-{fmt}.{'vcf' if fmt.startswith('vcard') else fmt}", content)
            with Book.open(tmp_path / f"de-{fmt}.rapport", backup_daily=False) as fresh:
                plan = plan_import(fresh, load(str(path)), today=TODAY)
                assert plan.warnings == [] and plan.skipped == [], (fmt, plan.warnings, plan.skipped)
                fresh.interchange.apply_import(plan, today=TODAY, backup=False)
                assert sorted(fields_of(c) for c in fresh.contacts.in_view()) == expected, fmt
    finally:
        i18n.use_language("en")
