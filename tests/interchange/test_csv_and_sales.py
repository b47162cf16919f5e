"""CSV contacts (Google, Outlook, any table) and sales logs, CDNOW included, through a real book."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from core.interchange import load, plan_import
from core.interchange.records import ImportFileError
from tests.conftest import SAMPLES

GOOGLE_OLD = ("Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
              "Phone 1 - Type,Phone 1 - Value,Organization 1 - Name\r\n"
              "Zoë Adams,Zoë,,Adams,* myContacts ::: Wedding,* Home,zoe@example.org ::: z.adams@work.example,"
              "Mobile,+34 612 345 678,\r\n")
GOOGLE_NEW = ("First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,"
              "Phone 1 - Value,Organization Name,Birthday\n"
              "Łukasz,,Nowak,* myContacts,Work,lukasz@example.pl,Mobile,+48 600 100 200,Nowak Florals,1985-04-02\n")
OUTLOOK = ("First Name,Middle Name,Last Name,Title,Company,Job Title,E-mail Address,Mobile Phone,Business Phone,"
           "Birthday,Notes\n"
           "Grace,,Okafor,Dr.,St Mary's,Surgeon,grace@stmarys.example,07700 900123,,4/30/1977,\"Likes lilies,\nnot roses\"\n")


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_google_csv_old_header(book, tmp_path: Path) -> None:
    loaded = load(write(tmp_path, "google.csv", GOOGLE_OLD))
    assert loaded.description == "Google Contacts (CSV)"
    plan = plan_import(book, loaded)
    [zoe] = plan.creates
    assert (zoe.name, zoe.emails, zoe.phones, zoe.tags) == (
        "Zoë Adams", ("zoe@example.org", "z.adams@work.example"), ("+34 612 345 678",), ("Wedding",))


def test_google_csv_new_header(book, tmp_path: Path) -> None:
    plan = plan_import(book, load(write(tmp_path, "contacts.csv", GOOGLE_NEW)))
    [lukasz] = plan.creates
    assert (lukasz.name, lukasz.emails, lukasz.organisation, lukasz.birthday) == (
        "Łukasz Nowak", ("lukasz@example.pl",), "Nowak Florals", "1985-04-02")


def test_outlook_csv_with_a_multiline_note(book, tmp_path: Path) -> None:
    loaded = load(write(tmp_path, "outlook.csv", OUTLOOK))
    assert loaded.description == "Outlook contacts (CSV)"
    [grace] = plan_import(book, loaded).creates
    # Outlook's "Title" is a name prefix: not part of her name; with a job title beside it, it is kept in the notes.
    assert (grace.name, grace.title, grace.phones, grace.birthday, grace.notes) == (
        "Grace Okafor", "Surgeon", ("07700 900123",), "1977-04-30", "Likes lilies,\nnot roses\nName prefix: Dr.")


def test_windows_1252_semicolons_and_a_bom_are_detected(book, tmp_path: Path) -> None:
    text = "Name;Email;Phone\r\nRenée Côté;renee@example.fr;01 23 45 67 89\r\n"
    for data in (text.encode("cp1252"), "\ufeff".encode() + text.encode("utf-8")):
        loaded = load(write(tmp_path, "fair.csv", data))
        [renee] = plan_import(book, loaded, source="Bridal fair 2026").creates
        assert (renee.name, renee.emails, renee.source) == ("Renée Côté", ("renee@example.fr",), "Bridal fair 2026")


def test_tab_separated_with_a_column_mapping(book, tmp_path: Path) -> None:
    loaded = load(write(tmp_path, "list.tsv", "Wer\tKontakt\nAnna Berg\tanna@example.de\n"))
    with pytest.raises(ImportFileError, match="say which column holds the name"):
        plan_import(book, loaded)
    [anna] = plan_import(book, loaded, mapping={"name": "Wer", "email": "Kontakt"}).creates
    assert (anna.name, anna.emails) == ("Anna Berg", ("anna@example.de",))


def test_a_field_over_128_kb_is_accepted(book, tmp_path: Path) -> None:
    note = "n" * 200_000
    [card] = plan_import(book, load(write(tmp_path, "big.csv", f'Name,Notes\nAna,"{note}"\n'))).creates
    assert card.notes == note


def test_an_unterminated_quote_names_its_line(book, tmp_path: Path) -> None:
    path = write(tmp_path, "broken.csv", 'Name,Email\nAna,ana@example.org\n"Bo,bo@example.org\nCy,cy@example.org\n')
    with pytest.raises(ImportFileError) as caught:
        load(path)
    assert str(caught.value).startswith("line 3: a quote (\") opened on this line is never closed")


def test_importing_the_same_file_twice_adds_nothing(book, tmp_path: Path) -> None:
    path = write(tmp_path, "google.csv", GOOGLE_OLD)
    book.interchange.apply_import(plan_import(book, load(path)), backup=False)
    again = plan_import(book, load(path))
    assert again.is_empty
    assert [(s.line, s.reason) for s in again.skipped] == [(2, "already in the book (same email zoe@example.org)")]


def test_a_match_by_phone_or_name_merges_instead_of_adding(book, tmp_path: Path) -> None:
    book.update_settings(country="ES")
    book.contacts.add("Zoë Adams", phones=("612 345 678",))
    plan = plan_import(book, load(write(tmp_path, "google.csv", GOOGLE_OLD)))
    assert not plan.creates
    [(contact_id, merged)] = plan.merges.items()
    assert plan.merge_reasons[contact_id] == "same phone +34 612 345 678"
    assert merged.emails == ("zoe@example.org", "z.adams@work.example")
    book.contacts.add("Luis Adams", phones=("+34 612 345 679",))
    plan = plan_import(book, load(write(tmp_path, "shared.csv", "Name,Phone\nMarta Adams,612 345 679\n")))
    assert [c.name for c in plan.creates] == ["Marta Adams"]  # one home line, two people: kept apart
    book.contacts.add("Ana Ruiz", emails=("ana@one.example",))
    text = "Name,Email\nANA RUIZ,ana@two.example\nana ruiz,\n"
    plan = plan_import(book, load(write(tmp_path, "names.csv", text)))
    assert [c.name for c in plan.creates] == ["ANA RUIZ"]  # a conflicting email: not the same person
    assert [s.reason for s in plan.skipped] == ["already in the book (same name)"]  # no email: no conflict


CDNOW = SAMPLES / "transactions" / "CDNOW_master.txt"


def test_cdnow_imports_every_customer_and_every_cent(book) -> None:
    loaded = load(CDNOW)
    assert (loaded.description, loaded.mapping) == (
        "a sales log", {"customer_id": "customer_id", "date": "date", "amount": "dollar_value"})
    result = book.interchange.apply_import(plan_import(book, loaded, source="CDNOW"))
    assert (result.created, result.logged) == (23_570, 69_659)
    contacts, = book.conn.execute("SELECT count(*) FROM contacts WHERE deleted_on IS NULL").fetchone()
    total, purchases, zero = book.conn.execute(
        "SELECT sum(amount_cents), count(*), sum(amount_cents = 0) FROM interactions WHERE kind = 'purchase'").fetchone()
    assert (contacts, total, purchases, zero) == (23_570, 250_031_563, 69_659, 80)
    again = plan_import(book, load(CDNOW), source="CDNOW")
    assert again.is_empty and len(again.skipped) == 69_659


def test_a_headerless_sales_sample_is_recognised_by_its_cells(book) -> None:
    loaded = load(SAMPLES / "transactions" / "CDNOW_sample.txt")
    assert loaded.kind == "sales"
    assert loaded.mapping == {"date": "column 3", "amount": "column 5", "customer_id": "column 1"}
    plan = plan_import(book, loaded)
    assert (len(plan.creates), len(plan.sales)) == (2_357, 6_919)


def test_a_sales_log_matches_customers_by_email_and_names_bad_lines(book, tmp_path: Path) -> None:
    maria = book.contacts.add("Maria Lopez", emails=("maria@lopez.es",))
    text = ("Date,Email,Total,Item\n2026-03-01,MARIA@lopez.es,42.50,Bouquet\n2026-02-31,maria@lopez.es,10.00,Vase\n"
            "2026-03-02,maria@lopez.es,-5,Refund\n")
    plan = plan_import(book, load(write(tmp_path, "till.csv", text)), today=__import__("datetime").date(2026, 11, 1))
    assert not plan.creates
    # A negative amount at a till is money given back: a refund, logged against her, never dropped.
    assert [(s.interaction.kind.value, s.interaction.amount_cents, s.existing_id) for s in plan.sales] == [
        ("purchase", 4250, maria.id), ("refund", 500, maria.id)]
    assert [(s.line, s.reason) for s in plan.skipped] == [
        (3, "date: no such day in the calendar (got '2026-02-31')"),
    ]


@pytest.mark.parametrize("content, words", [
    (b"\x00\x01\x02binary\xff\xfe" * 100, "this is not a text file"),
    (b"", "the file is empty"),
    (b"BEGIN:VCARD\nVERSION:3.0\nFN:Cut sho", "the file ends in the middle of a card"),
])
def test_broken_files_are_refused_and_the_book_is_unchanged(book, book_path: Path, tmp_path: Path,
                                                            content: bytes, words: str) -> None:
    book.contacts.add("Keep Me")
    book.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = hashlib.sha256(book_path.read_bytes()).hexdigest()
    with pytest.raises(ImportFileError, match=words):
        plan_import(book, load(write(tmp_path, "junk.vcf", content)))
    assert hashlib.sha256(book_path.read_bytes()).hexdigest() == before


def test_a_50_mb_file_imports_or_is_refused_cleanly(book, tmp_path: Path) -> None:
    row = "Customer Number,Email\n" + "".join(f"C{i},c{i}@example.org\n" for i in range(1_600_000))
    path = write(tmp_path, "huge.csv", row)
    assert path.stat().st_size > 50 * 1024 * 1024 * 0.8
    loaded = load(path)
    assert loaded.kind == "contacts" and len(loaded.table.rows) == 1_600_000  # read whole, nothing swallowed


def test_a_cancelled_import_leaves_the_book_as_it_was(book, tmp_path: Path) -> None:
    from core.store.imports import ImportCancelled

    book.contacts.add("Keep Me")
    plan = plan_import(book, load(SAMPLES / "transactions" / "CDNOW_sample.txt"))
    with pytest.raises(ImportCancelled):
        book.interchange.apply_import(plan, cancelled=lambda: True, backup=False)
    assert [c.name for c in book.contacts.in_view()] == ["Keep Me"]
    assert book.conn.execute("SELECT count(*) FROM interactions").fetchone() == (0,)


def test_an_import_works_out_again_the_contacts_already_in_the_book_it_changes(book, tmp_path: Path) -> None:
    """A regular's till sales make them a customer; a card that completes someone changes their plan's words."""
    from datetime import date

    today = date(2026, 11, 24)
    ana = book.contacts.add("Ana Ruiz", emails=("ana@example.org",), today=today)
    planner = book.contacts.add("Wedding Bells Planning", today=today)
    assert book.contacts.rows([ana.id])[0].display == "Suspect"
    assert book.contacts.rows([planner.id])[0].next_step == "Invite Wedding to visit, or ask what they are looking for"
    till = write(tmp_path, "till.csv", "Email,Date,Amount\nana@example.org,2026-11-02,42.50\n")
    book.interchange.apply_import(plan_import(book, load(till), today=today), today=today, backup=False)
    sheet = write(tmp_path, "sheet.csv", "Name,Organization\nWedding Bells Planning,Wedding Bells Planning\n")
    loaded = load(sheet)
    book.interchange.apply_import(plan_import(book, loaded, mapping={"name": "Name", "organisation": "Organization"},
                                  today=today), today=today, backup=False)
    assert book.contacts.rows([ana.id])[0].display == "Customer"
    assert book.contacts.rows([planner.id])[0].next_step == (
        "Invite Wedding Bells Planning to visit, or ask what they are looking for")
