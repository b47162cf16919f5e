"""Contact exports of address books and shop systems, in each one's own column layout, imported with
every field Rapport keeps: names, organisation, title, emails, phones, address, birthday, notes,
tags, the system's customer id and "accepts marketing"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.interchange import load, plan_import
from core.store import Book
from tests.interchange.test_tills import till_file

TODAY = date(2026, 11, 24)

THUNDERBIRD = ("First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,Work Phone,"
               "Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,Home City,Home State,"
               "Home ZipCode,Home Country,Work Address,Work Address 2,Work City,Work State,Work ZipCode,Work Country,"
               "Job Title,Department,Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,"
               "Custom 2,Custom 3,Custom 4,Notes").split(",")
GOOGLE_NEW = ("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
              "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,"
              "Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
              "Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,"
              "Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
              "Address 1 - Extended Address").split(",")
GOOGLE_OLD_NO_GIVEN = ("Name,Nickname,Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
                       "Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title").split(",")
SHOPIFY_CUSTOMERS = ("Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,"
                     "Default Address Address1,Default Address Address2,Default Address City,"
                     "Default Address Province Code,Default Address Country Code,Default Address Zip,"
                     "Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,"
                     "Tags").split(",")
SQUARE_CUSTOMERS = ("Reference ID,First Name,Last Name,Email Address,Phone Number,Nickname,Company Name,"
                    "Street Address 1,Street Address 2,City,State,Postal Code,Birthday,Memo,Square Customer ID,"
                    "Creation Source,First Visit,Last Visit,Transaction Count,Total Spend,Email Subscription Status,"
                    "Groups").split(",")
TOAST_GUESTS = "Guest GUID,First Name,Last Name,Email,Phone,Birthday,Notes,Tags,Email Opt In".split(",")
OUTLOOK = ("Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,E-mail Address,"
           "Mobile Phone,Nickname").split(",")


def planned(book: Book, path: Path):
    loaded = load(str(path))
    return loaded, plan_import(book, loaded, today=TODAY).creates


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_thunderbird_keeps_every_email_phone_and_the_birthday(book: Book, tmp_path: Path, delimiter: str) -> None:
    path = till_file(tmp_path, "thunderbird.csv", THUNDERBIRD, [
        {"First Name": "Zoë", "Last Name": "Ødegård", "Display Name": "Zoë Ødegård", "Primary Email": "zoe@example.org",
         "Secondary Email": "zoe.o@example.net", "Mobile Number": "+47 912 34 567", "Work Phone": "+47 22 12 34 56",
         "Home Address": "Storgata 1", "Home City": "Oslo", "Home ZipCode": "0155", "Home Country": "Norway",
         "Organization": "Blomster AS", "Job Title": "Owner", "Birth Year": "1980", "Birth Month": "3",
         "Birth Day": "22", "Notes": "Peonies"},
        {"Display Name": "Aunt May", "Primary Email": "may@example.org", "Birth Month": "12", "Birth Day": "1"},
    ], delimiter=delimiter)
    loaded, (zoe, may) = planned(book, path)
    assert loaded.description == "Thunderbird address book (CSV)"
    assert (zoe.name, zoe.emails, zoe.phones, zoe.phone_labels, zoe.address, zoe.organisation, zoe.title,
            zoe.birthday, zoe.notes) == (
        "Zoë Ødegård", ("zoe@example.org", "zoe.o@example.net"), ("+47 912 34 567", "+47 22 12 34 56"),
        ("mobile", "work"), "Storgata 1, 0155 Oslo, Norway", "Blomster AS", "Owner", "1980-03-22", "Peonies")
    assert (may.name, may.emails, may.birthday) == ("Aunt May", ("may@example.org",), "--12-01")


def test_google_new_csv_keeps_the_address_given_in_parts(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "contacts.csv", GOOGLE_NEW, [
        {"First Name": "Mei", "Last Name": "Lin", "Name Prefix": "Dr.", "E-mail 1 - Label": "* Home",
         "E-mail 1 - Value": "mei@example.org", "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+1 415 555 0101",
         "Address 1 - Street": "1 Market St", "Address 1 - City": "San Francisco", "Address 1 - Region": "CA",
         "Address 1 - Postal Code": "94105", "Address 1 - Country": "US", "Labels": "Weddings ::: * myContacts"},
        {"Nickname": "Bubbles", "E-mail 1 - Value": "bubbles@example.org"},
    ])
    loaded, (mei, bubbles) = planned(book, path)
    assert loaded.description == "Google Contacts (CSV)"
    assert (mei.name, mei.title, mei.emails, mei.phones, mei.address, mei.tags) == (
        "Mei Lin", "Dr.", ("mei@example.org",), ("+1 415 555 0101",), "1 Market St, 94105 San Francisco, CA, US",
        ("Weddings",))
    assert bubbles.name == "Bubbles", "a nickname serves as the name when a card has no other"


def test_google_old_csv_without_given_name_keeps_emails_and_phones(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "google.csv", GOOGLE_OLD_NO_GIVEN, [
        {"Name": "Ida Weiss", "E-mail 1 - Type": "* Work", "E-mail 1 - Value": "ida@example.org ::: ida@work.example",
         "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+49 170 1234567", "Organization 1 - Name": "Weiss GmbH"}])
    loaded, [ida] = planned(book, path)
    assert loaded.description == "Google Contacts (CSV)"
    assert (ida.name, ida.emails, ida.phones, ida.organisation) == (
        "Ida Weiss", ("ida@example.org", "ida@work.example"), ("+49 170 1234567",), "Weiss GmbH")


def test_shopify_customers_keep_company_address_id_and_marketing(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "customers_export.csv", SHOPIFY_CUSTOMERS, [
        {"Customer ID": "6930000000001", "First Name": "Anna", "Last Name": "Berg", "Email": "anna@example.org",
         "Accepts Email Marketing": "yes", "Default Address Company": "Berg Events",
         "Default Address Address1": "Rosenweg 3", "Default Address City": "Zürich",
         "Default Address Province Code": "ZH", "Default Address Country Code": "CH", "Default Address Zip": "8001",
         "Phone": "+41 79 123 45 67", "Accepts SMS Marketing": "no", "Note": "VIP", "Tags": "wedding, repeat"}])
    loaded, [anna] = planned(book, path)
    assert loaded.description == "Shopify customers (CSV)"
    assert (anna.name, anna.organisation, anna.emails, anna.phones, anna.address, anna.notes, anna.tags,
            anna.external_id) == (
        "Anna Berg", "Berg Events", ("anna@example.org",), ("+41 79 123 45 67",), "Rosenweg 3, 8001 Zürich, ZH, CH",
        "VIP", ("wedding", "repeat", "accepts marketing"), "6930000000001")


def test_square_customers_keep_their_square_id_birthday_and_memo(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "export-customers.csv", SQUARE_CUSTOMERS, [
        {"First Name": "Wei", "Last Name": "Chen", "Email Address": "wei@example.org", "Phone Number": "(415) 555-0199",
         "Company Name": "Chen Catering", "Street Address 1": "2 Pine St", "City": "Oakland", "State": "CA",
         "Postal Code": "94607", "Birthday": "1979-05-31", "Memo": "Anniversary 31 May",
         "Square Customer ID": "ZX81CUST", "Email Subscription Status": "subscribed", "Groups": "Regulars"}])
    loaded, [wei] = planned(book, path)
    assert loaded.description == "Square customers (CSV)"
    assert (wei.name, wei.organisation, wei.emails, wei.phones, wei.address, wei.birthday, wei.notes,
            wei.external_id, wei.tags) == (
        "Wei Chen", "Chen Catering", ("wei@example.org",), ("(415) 555-0199",), "2 Pine St, 94607 Oakland, CA",
        "1979-05-31", "Anniversary 31 May", "ZX81CUST", ("Regulars", "accepts marketing"))


def test_toast_guests_keep_the_guest_guid(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "guests.csv", TOAST_GUESTS, [
        {"Guest GUID": "5a1f0c3e-9b7d-4c1a-8e2f-000000000001", "First Name": "Ida", "Last Name": "Weiss",
         "Email": "ida@example.org", "Phone": "555-0101", "Birthday": "--06-12", "Notes": "Nut allergy",
         "Email Opt In": "true"}])
    loaded, [ida] = planned(book, path)
    assert loaded.description == "Toast guests (CSV)"
    assert (ida.name, ida.emails, ida.phones, ida.birthday, ida.notes, ida.external_id, ida.tags) == (
        "Ida Weiss", ("ida@example.org",), ("555-0101",), "--06-12", "Nut allergy",
        "5a1f0c3e-9b7d-4c1a-8e2f-000000000001", ("accepts marketing",))


def test_outlook_prefix_is_a_title_and_a_nickname_is_a_name(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "outlook.csv", OUTLOOK, [
        {"Title": "Mr.", "First Name": "Jan", "Last Name": "Novak", "E-mail Address": "jan@example.org"},
        {"Nickname": "Grandpa Joe", "Mobile Phone": "+44 7700 900123"}])
    loaded, (jan, joe) = planned(book, path)
    assert loaded.description == "Outlook contacts (CSV)"
    assert (jan.name, jan.title) == ("Jan Novak", "Mr.")
    assert (joe.name, joe.phones) == ("Grandpa Joe", ("+44 7700 900123",))


def test_linkedin_is_recognised_by_its_columns(book: Book, tmp_path: Path) -> None:
    path = till_file(tmp_path, "Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,"
                     "Connected On".split(","), [{"First Name": "Mei", "Last Name": "Lin", "Company": "Weddings by Mei",
                                                  "Position": "Planner", "Connected On": "03 Sep 2026"}])
    loaded, [mei] = planned(book, path)
    assert loaded.description == "LinkedIn connections (CSV)"
    assert (mei.name, mei.organisation, mei.title) == ("Mei Lin", "Weddings by Mei", "Planner")
