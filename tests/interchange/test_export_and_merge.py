"""Exports read back (by Rapport and by vobject) with every field equal; merges keep everything."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.domain import Contact, ContactKind, Tier
from core.interchange.export import calendar, contacts_csv, email_list, phone_list, safe_cell, vcards, write_export
from core.interchange.plan import to_contact
from core.interchange.vcard_read import read_vcards

FULL = Contact(
    name="Zoë Łukasiewicz-Ödegaard", organisation="A & B; Co <Ltd>", title="Head, Events", phones=("+34 612 345 678",
    "555-1234"), phone_labels=("mobile", "work"), emails=("zoe@example.org",), address="1 Main St\nSpringfield",
    notes="Likes peonies; hates lilies,\nand \\ backslashes", tags=("vip", "wedding"), birthday="--03-22",
    anniversary="2001-06-01", source="Bridal fair 2026", external_id="C-17", kind=ContactKind.PERSON)

FIELDS = ("name", "organisation", "title", "phones", "phone_labels", "emails", "address", "notes", "tags",
          "birthday", "anniversary", "source", "external_id", "kind")


def back(contact: Contact, version: str) -> Contact:
    [card] = read_vcards(vcards([contact], version))
    result, warnings = to_contact(card, "", date(2026, 11, 25))
    assert not warnings and result is not None
    return result


def test_vcard_3_and_4_round_trip_every_field() -> None:
    for version in ("3.0", "4.0"):
        again = back(FULL, version)
        assert {f: getattr(again, f) for f in FIELDS} == {f: getattr(FULL, f) for f in FIELDS}
    org = Contact(name="Greenleaf Growers", organisation="Greenleaf Growers", kind=ContactKind.ORGANISATION)
    assert back(org, "4.0").kind == back(org, "3.0").kind == ContactKind.ORGANISATION


def test_vobject_reads_the_export_with_the_same_values() -> None:
    for version in ("3.0", "4.0"):
        card = vobject.readOne(vcards([FULL], version))
        assert card.fn.value == FULL.name
        assert [t.value for t in card.contents["tel"]] == list(FULL.phones)
        assert card.email.value == "zoe@example.org"
        assert card.note.value == FULL.notes
        assert card.categories.value == ["vip", "wedding"]
        assert card.org.value == ["A & B; Co <Ltd>"]


names = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Lo", "Mn", "Nd", "Zs", "Pd", "Po")),
                min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(
    lambda s: s and not unicodedata.combining(s[0]) and not s.startswith(("-", "'"))
    and any(unicodedata.category(c)[0] in "LN" for c in s))  # a name has letters or digits


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(name=names, form=st.sampled_from(["NFC", "NFD"]), rtl=st.booleans())
def test_random_unicode_names_round_trip(name: str, form: str, rtl: bool) -> None:
    name = unicodedata.normalize(form, ("שלום " if rtl else "") + name)
    contact = Contact(name=name, notes=name)
    for version in ("3.0", "4.0"):
        assert back(contact, version).name == name
        assert vobject.readOne(vcards([contact], version)).fn.value == name


def test_csv_export_has_a_bom_and_neutralises_formulas(tmp_path: Path) -> None:
    from core.interchange.export import CSV_HEADER, ExportRow

    evil = Contact(name="=HYPERLINK(\"http://x\")", notes="+1 cmd", tags=("@sum",), organisation="-2+3")
    text = contacts_csv([ExportRow(evil, tier="Client", spend_cents=123456, next_step="Call")])
    assert text.startswith("\ufeffName,Kind,Organisation")
    row = list(csv.reader(io.StringIO(text[1:])))[1]
    notes = CSV_HEADER.index("Notes")
    assert row[0] == "'=HYPERLINK(\"http://x\")" and row[2] == "'-2+3" and row[notes] == "'+1 cmd"
    assert row[7:11] == ["Client", "", "", "1234.56"]
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(start + "x") == "'" + start + "x"
    assert safe_cell("Zoë") == "Zoë"
    path = write_export(tmp_path / "out.csv", text)
    assert path.read_bytes().decode("utf-8") == text
    assert (path.stat().st_mode & 0o777) == 0o600


def test_phone_and_email_lists() -> None:
    people = [Contact(name="Ana", phones=("612 345 678",), emails=("ana@example.org",)), Contact(name="Bo")]
    assert phone_list(people, "ES").splitlines() == ["\ufeffName,Phone,Dial", "Ana,612 345 678,612 34 56 78"]
    assert email_list(people) == '"Ana" <ana@example.org>,\n'


def test_calendar_holds_steps_and_yearly_occasions_with_their_alarms() -> None:
    from core.occasions import Occasion, OccasionKind

    occasions = [(7, "Zoë", Occasion(7, OccasionKind.BIRTHDAY, "--03-22")),
                 (7, "Zoë", Occasion(7, OccasionKind.ANNIVERSARY, "2001-05-31", lead_days=10)),
                 (8, "Wei", Occasion(8, OccasionKind.BIRTHDAY, "--02-29", for_whom="his wife Mei")),
                 (8, "Wei", Occasion(8, OccasionKind.MOTHERS_DAY, for_whom="his mother")),
                 (9, "Ida", Occasion(9, OccasionKind.BIRTHDAY, "--06-01", stopped_on=date(2026, 1, 2)))]
    text = calendar([(7, "Zoë", "Call, then visit", date(2026, 11, 27))], occasions, "Bloom & Stem", country="GB",
                    today=date(2026, 12, 4))
    cal = vobject.readOne(text)
    events = {e.summary.value: e for e in cal.contents["vevent"] if "Mother" not in e.summary.value}
    assert sorted(events) == ["Birthday: Wei (for his wife Mei)", "Birthday: Zoë", "Wedding anniversary: Zoë",
                              "Zoë: Call, then visit"], "the stopped one is left out"
    assert events["Birthday: Zoë"].rrule.value == "FREQ=YEARLY"
    assert events["Birthday: Wei (for his wife Mei)"].rrule.value == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    assert events["Wedding anniversary: Zoë"].dtstart.value == date(2001, 5, 31)
    assert events["Wedding anniversary: Zoë"].valarm.trigger.value == -timedelta(days=10)
    assert events["Birthday: Zoë"].valarm.trigger.value == -timedelta(days=7)
    assert events["Zoë: Call, then visit"].dtstart.value == date(2026, 11, 27)
    mothers = sorted(e.dtstart.value for e in cal.contents["vevent"] if "Mother" in e.summary.value)
    assert mothers == [date(2026, 3, 15), date(2027, 3, 7), date(2028, 3, 26), date(2029, 3, 11), date(2030, 3, 31)]


def test_merge_keeps_everything_of_both_and_undoes_exactly(book) -> None:
    today = date(2026, 11, 25)
    keep = book.contacts.add("Maria Lopez", emails=("maria@lopez.es",), today=today)
    other = book.contacts.add("María López", phones=("612 345 678",), label="partner", today=today)
    friend = book.contacts.add("Sofia", today=today)
    book.interactions.log(other.id, "purchase", "2026-10-01", amount="40", today=today)
    book.interactions.log(other.id, "referral_received", "2026-10-02", referred_contact_id=friend.id, today=today)
    book.interactions.log(friend.id, "referral_received", "2026-10-03", referred_contact_id=other.id, today=today)
    book.interactions.record_answer(other.id, "trust", "yes", "2026-10-04", today=today)
    before_history = len(book.status.tier_history(other.id))
    record = book.interchange.merge(keep.id, other.id, today=today)
    merged = book.contacts.get(keep.id)
    assert (merged.emails, merged.phones, merged.label) == (("maria@lopez.es",), ("612 345 678",), Tier.PARTNER)
    kinds = sorted(i.kind.value for i in book.interactions.for_contact(keep.id))
    assert kinds == ["purchase", "referral_received"]
    assert [line.other_contact_id for line in book.interactions.referral_ledger(friend.id)] == [keep.id]
    assert set(book.interactions.answers_for(keep.id)) == {__import__("core.domain", fromlist=["Question"]).Question.TRUST}
    assert len(book.status.tier_history(keep.id)) >= before_history + 1
    assert book.contacts.get(other.id, include_deleted=True).deleted_on == today
    book.interchange.unmerge(record, today=today)
    assert book.contacts.get(keep.id).phones == ()
    assert book.contacts.get(other.id).deleted_on is None
    assert [i.kind.value for i in book.interactions.for_contact(other.id)] == ["referral_received", "purchase"]
    assert [line.other_contact_id for line in book.interactions.referral_ledger(friend.id)] == [other.id]
    assert len(book.status.tier_history(other.id)) == before_history


def test_a_contact_named_as_its_organisation_enters_as_an_organisation(book) -> None:
    from core.domain import ContactKind

    hotel = book.contacts.add("Hôtel du Parc", organisation="hôtel du parc")
    maria = book.contacts.add("Maria Lopez", organisation="Hôtel du Parc")
    assert (hotel.kind, maria.kind) == (ContactKind.ORGANISATION, ContactKind.PERSON)
    [many] = [book.contacts.get(i) for i in book.bulk.add_many([Contact(name="Greenleaf", organisation="Greenleaf")])]
    assert many.kind == ContactKind.ORGANISATION


def test_the_checklist_prints_phones_in_the_form_to_dial(book) -> None:
    book.update_settings(country="ES")
    today = date(2026, 11, 25)
    ana = book.contacts.add("Ana Ruiz", phones=("612345678",), today=today)
    abroad = book.contacts.add("Tom Reyes", phones=("+442079461000",), today=today)
    for contact in (ana, abroad):
        book.interactions.log(contact.id, "inquiry", "2026-11-20", today=today)
    entries = {e.name: e.phone for s in book.status.checklist(date(2026, 11, 23), today).sections for e in s.entries}
    assert entries == {"Ana Ruiz": "612 34 56 78", "Tom Reyes": "+44 20 7946 1000"}
    assert book.contacts.get(ana.id).phones == ("612345678",)  # what was typed is kept as typed


def test_a_merge_whose_other_contact_was_emptied_from_the_trash_is_refused_in_words(book) -> None:
    import pytest

    from core.errors import NotFoundError

    ana = book.contacts.add("Ana Silva")
    other = book.contacts.add("Ana S.")
    record = book.interchange.merge(ana.id, other.id)
    book.contacts.empty_trash()
    before = book.contacts.get(ana.id)
    with pytest.raises(NotFoundError) as refused:
        book.interchange.unmerge(record)
    assert str(refused.value) == ("Ana S. was removed for good (the Trash was emptied, or they were forgotten), so "
                                  "this merge cannot be undone. Nothing was changed.")
    assert book.contacts.get(ana.id) == before


def test_a_bcc_link_holds_everyone_until_it_is_too_long() -> None:
    from core.interchange.export import bcc_link

    assert bcc_link(["a@x.org", "b+news@x.org", "a@x.org", " "]) == "mailto:?bcc=a@x.org,b+news@x.org"
    assert bcc_link([]) is None
    many = [f"person{n}@example.com" for n in range(200)]
    assert bcc_link(many) is None
    link = bcc_link(many[:10], limit=10_000)
    assert link is not None and link.count("@") == 10
    assert bcc_link(["x@y.zz"], limit=len("mailto:?bcc=x@y.zz")) == "mailto:?bcc=x@y.zz"
    assert bcc_link(["x@y.zz"], limit=len("mailto:?bcc=x@y.zz") - 1) is None
