"""Every vCard in shared/samples imports with the names, emails and phones its file holds.

The expected values are read off the sample files by eye (they are quoted in the comments),
not taken from the parser.
"""

from __future__ import annotations

import pytest

from core.interchange import load, plan_import
from core.interchange.records import ImportFileError
from core.interchange.vcard_read import read_vcards
from tests.conftest import SAMPLES

VCARDS = SAMPLES / "vcard"

# file: [(name, emails, phones)] for every card, in file order
EXPECTED = {
    "John_Doe_ANDROID.vcf": [
        ("john.doe@company.com", ["john.doe@company.com"], []),  # a card with only EMAIL: named by it
        ("jane.doe@company.com", ["jane.doe@company.com"], []),
        ("Ñ Ñ Ñ Ñ Ñ", [], ["123456789"]),  # quoted-printable UTF-8
        ("Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", [], ["123456", "234567", "3456789", "45678901"]),  # soft line breaks
        ("Ñ Ñ Ñ Ñ", ["bob@company.com", "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ"], ["123456"]),
        ("ÑÑÑÑ", ["henry@company.com"], ["55556666"]),
    ],
    "John_Doe_BLACK_BERRY.vcf": [("John Doe", [], ["+96123456789"])],
    "John_Doe_EVOLUTION.vcf": [("Mr. John Richter, James Doe Sr.", ["john.doe@ibm.com"],
                                ["905-666-1234", "905-555-1234"])],
    "John_Doe_GMAIL.vcf": [("Mr. John Richter, James Doe Sr.", ["john.doe@ibm.com"], ["905-555-1234", "905-666-1234"])],
    "John_Doe_IPHONE.vcf": [("Mr. John Richter James Doe Sr.", ["john.doe@ibm.com"],
                             ["905-555-1234", "905-666-1234", "905-777-1234", "905-888-1234", "905-999-1234",
                              "905-111-1234", "905-222-1234"])],
    "John_Doe_MAC_ADDRESS_BOOK.vcf": [("Mr. John Richter,James Doe Sr.", ["john.doe@ibm.com"],
                                       ["905-777-1234", "905-666-1234", "905-555-1234", "905-888-1234",
                                        "905-999-1234", "905-111-1234", "905-222-1234"])],
    "John_Doe_MS_OUTLOOK.vcf": [("Mr. John Richter James Doe Sr.", ["john.doe@ibm.cm"],
                                 ["(905) 555-1234", "(905) 666-1234"])],
    "gmail-list.vcf": [("Arnold Smith", ["asmithk@gmail.com"], []), ("Chris Beatle", ["chrisy55d@yahoo.com"], []),
                       ("Doug White", ["dwhite@gmail.com"], [])],
    "rfc2426-example.vcf": [("Frank Dawson", ["Frank_Dawson@Lotus.com", "fdawson@earthlink.net"],
                             ["+1-919-676-9515", "+1-919-676-9564"]),
                            ("Tim Howes", ["howes@netscape.com"], ["+1-415-937-3419", "+1-415-528-4164"])],
    "rfc6350-example.vcf": [("Simon Perreault", ["simon.perreault@viagenie.ca"],
                             ["+1-418-656-9254 ext. 102", "+1-418-262-6501"])],
    "issue114.vcf": [("Dummy, Dummy", ["dummy.dummy@dummy.com"], ["+49 1234 56789", "+49 9876 54321"])],
    "outlook-2007.vcf": [("Mr. Michael Angstadt Jr.", ["mike.angstadt@gmail.com"],
                          ["(111) 555-1111", "(111) 555-2222", "(111) 555-4444", "(111) 555-3333"])],
    "thunderbird-MoreFunctionsForAddressBook-extension.vcf": [
        ("John Doe", ["doe.john@hotmail.com", "additional-email@company.com", "additional-email1@company.com",
                      "additional-email2@company.com", "additional-email3@company.com"],
         ["555-555-1111", "555-555-2222", "555-555-5555", "555-555-3333", "555-555-4444"])],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_cards_read_with_their_names_emails_and_phones(name: str) -> None:
    cards = read_vcards((VCARDS / name).read_bytes())
    assert [(c.name, c.emails, c.phones) for c in cards] == EXPECTED[name]


def test_every_sample_file_imports_into_a_book(book) -> None:
    files = sorted(VCARDS.glob("*.vcf"))
    assert len(files) == 18
    for path in files:
        plan = plan_import(book, load(path), source="Phone")
        book.interchange.apply_import(plan, backup=False)
    names = {c.name for c in book.contacts.in_view()}
    assert {"Frank Dawson", "Simon Perreault", "Arnold Smith", "Mr. Michael Angstadt Jr."} <= names
    emails = {e for c in book.contacts.in_view() for e in c.emails}
    # gmail-single's Greg shares the phone 555 555 1111 with fullcontact's card: two names, two people.
    assert "Greg Dartmouth" in names
    assert {"gdartmouth@hotmail.com", "howes@netscape.com", "dummy.dummy@dummy.com", "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ"} - emails == {
        "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ"}  # not an email address: kept in the notes instead
    android = next(c for c in book.contacts.in_view() if "bob@company.com" in c.emails)
    assert "Email as imported: ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ" in android.notes


def test_fn_with_a_comma_keeps_the_whole_name() -> None:
    card = read_vcards("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Smith, John\r\nEND:VCARD\r\n")[0]
    assert card.name == "Smith, John"


def test_android_soft_line_breaks_join_the_value() -> None:
    text = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB =\r\n"
            "L=C3=B3pez\r\nEND:VCARD\r\n")
    assert read_vcards(text)[0].name == "Zoë López"


def test_a_version_4_data_uri_photo_is_skipped_whole() -> None:
    text = ("BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nPHOTO:data:image/jpeg;base64,/9j/4AAQ\n AAAA\n"
            "EMAIL:ana@example.org\nEND:VCARD\n")
    card = read_vcards(text)[0]
    assert (card.name, card.emails) == ("Ana", ["ana@example.org"])


def test_birthdays_anniversaries_categories_and_apple_labels() -> None:
    card = read_vcards((VCARDS / "John_Doe_IPHONE.vcf").read_bytes())[0]
    assert card.birthday == "2012-06-06"
    assert card.phone_labels[card.phones.index("905-222-1234")] == "assistantphone"  # item2.X-ABLabel
    thunderbird = read_vcards((VCARDS / "thunderbird-MoreFunctionsForAddressBook-extension.vcf").read_bytes())[0]
    assert thunderbird.tags == ["category1", "category2", "category3"]
    assert (thunderbird.birthday, thunderbird.anniversary) == ("1970-09-21", "1990-04-30")
    rfc = read_vcards((VCARDS / "rfc6350-example.vcf").read_bytes())[0]
    assert (rfc.birthday, rfc.anniversary) == ("--02-03", "2009-08-08")


def test_organisation_cards_are_guessed_as_organisations() -> None:
    text = "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Greenleaf Growers\nORG:Greenleaf Growers\nEND:VCARD\n"
    assert read_vcards(text)[0].kind == "organisation"
    text = "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:Town Hall Events\nORG:Town Hall Events\nEND:VCARD\n"
    assert read_vcards(text)[0].kind == "organisation"
    text = "BEGIN:VCARD\nVERSION:3.0\nN:Lopez;Maria;;;\nFN:Maria Lopez\nORG:Town Hall Events\nEND:VCARD\n"
    assert read_vcards(text)[0].kind == "person"


@pytest.mark.parametrize("text, words", [
    ("BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEMAIL:ana@example.org\n", "line 1: the file ends in the middle of a card"),
    ("hello\nworld\n", "line 1: this is not a vCard file"),
    ("BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\n", "line 4: a card begins before"),
])
def test_broken_cards_name_the_line(text: str, words: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        read_vcards(text)
    assert str(caught.value).startswith(words)
