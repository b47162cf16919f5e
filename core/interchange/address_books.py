"""Contact exports of address books and shop systems, recognised by their headers and read whole.

Google's and Outlook's CSVs have their own readers in ``mapping``; these are the others an owner
brings: Thunderbird, Shopify's and Square's customer lists, Toast's guest list and LinkedIn's
connections. Each layout says which columns hold a name's parts, the emails, the phones (with their
label), the address's parts, the birthday (one column, or Thunderbird's year, month and day), the
notes, the tags, the system's own customer id and whether the customer accepts marketing, so that
each imports with every field Rapport keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.interchange.csv_read import Table, _norm
from core.interchange.records import IncomingContact

Columns = tuple[str, ...]


@dataclass(frozen=True)
class BookLayout:
    system: str
    export: str
    menu: str
    signature: frozenset[str]
    first: Columns = ()
    last: Columns = ()
    full: Columns = ()
    nickname: Columns = ()
    organisation: Columns = ()
    title: Columns = ()
    emails: Columns = ()
    phones: tuple[tuple[str, str], ...] = ()  # (column, label)
    addresses: tuple[Columns, ...] = ()  # each: street lines…, then city, region, postal code, country
    birthday: Columns = ()
    birthday_parts: Columns = ()  # year, month, day in columns of their own
    notes: Columns = ()
    tags: Columns = ()
    customer_id: Columns = ()
    marketing: Columns = ()  # a yes column here tags the contact "accepts marketing"

    @property
    def description(self) -> str:
        return f"{self.system} {self.export} (CSV)"


def _sig(*titles: str) -> frozenset[str]:
    return frozenset(_norm(t) for t in titles)


BOOK_LAYOUTS: tuple[BookLayout, ...] = (
    BookLayout("Thunderbird", "address book", "Tools → Address Book → Tools → Export… → CSV",
               _sig("Primary Email", "Secondary Email", "Mobile Number"), first=("First Name",),
               last=("Last Name",), full=("Display Name",), nickname=("Nickname",), organisation=("Organization",),
               title=("Job Title",), emails=("Primary Email", "Secondary Email"),
               phones=(("Mobile Number", "mobile"), ("Work Phone", "work"), ("Home Phone", "home"),
                       ("Fax Number", "fax"), ("Pager Number", "pager")),
               addresses=(("Home Address", "Home Address 2", "Home City", "Home State", "Home ZipCode",
                           "Home Country"),
                          ("Work Address", "Work Address 2", "Work City", "Work State", "Work ZipCode",
                           "Work Country")),
               birthday_parts=("Birth Year", "Birth Month", "Birth Day"), notes=("Notes",)),
    BookLayout("Shopify", "customers", "Customers → Export → All customers, CSV for Excel",
               _sig("First Name", "Last Name", "Email", "Accepts Email Marketing", "Total Spent"),
               first=("First Name",), last=("Last Name",),
               organisation=("Default Address Company", "Company"), emails=("Email",),
               phones=(("Phone", ""), ("Default Address Phone", "")),
               addresses=(("Default Address Address1", "Default Address Address2", "Default Address City",
                           "Default Address Province Code", "Default Address Zip", "Default Address Country Code"),
                          ("Address1", "Address2", "City", "Province", "Zip", "Country")),
               notes=("Note",), tags=("Tags",), customer_id=("Customer ID",),
               marketing=("Accepts Email Marketing", "Accepts SMS Marketing")),
    BookLayout("Square", "customers", "Customers → Directory → Export customers",
               _sig("Square Customer ID", "Email Address", "Phone Number"), first=("First Name",),
               last=("Last Name",), nickname=("Nickname",), organisation=("Company Name",),
               emails=("Email Address",), phones=(("Phone Number", ""),),
               addresses=(("Street Address 1", "Street Address 2", "City", "State", "Postal Code"),),
               birthday=("Birthday",), notes=("Memo",), tags=("Groups",), customer_id=("Square Customer ID",),
               marketing=("Email Subscription Status",)),
    BookLayout("Toast", "guests", "Marketing → Guest book → Export",
               _sig("Guest GUID", "First Name", "Last Name"), first=("First Name",), last=("Last Name",),
               emails=("Email", "Email Address"), phones=(("Phone", ""), ("Phone Number", "")),
               birthday=("Birthday",), notes=("Notes", "Guest Notes"), tags=("Tags",),
               customer_id=("Guest GUID",), marketing=("Email Opt In", "Marketing Opt-In")),
    BookLayout("LinkedIn", "connections", "Settings → Data privacy → Get a copy of your data → Connections",
               _sig("First Name", "Last Name", "URL", "Email Address", "Connected On"), first=("First Name",),
               last=("Last Name",), organisation=("Company",), title=("Position",), emails=("Email Address",)),
)

_YES = {"yes", "true", "1", "subscribed", "y", "opted in", "opted_in"}


def recognise_address_book(table: Table) -> BookLayout | None:
    titles = {_norm(t) for t in table.header}
    found = [layout for layout in BOOK_LAYOUTS if layout.signature <= titles]
    return max(found, key=lambda layout: len(layout.signature)) if found else None


def contacts_from_address_book(table: Table, layout: BookLayout) -> list[IncomingContact]:
    index = {_norm(title): position for position, title in enumerate(table.header)}
    cards = []
    for line, row in table.numbered():

        def get(columns: Columns, row: list[str] = row) -> list[str]:
            found = []
            for column in columns:
                position = index.get(_norm(column))
                if position is not None and position < len(row) and row[position].strip():
                    found.append(row[position].strip())
            return found

        def one(columns: Columns) -> str:
            return next(iter(get(columns)), "")

        card = IncomingContact(line=line, organisation=one(layout.organisation), title=one(layout.title),
                               notes=one(layout.notes), external_id=one(layout.customer_id))
        card.name = " ".join(p for p in (one(layout.first), one(layout.last)) if p) or one(layout.full) \
            or one(layout.nickname)
        for column in layout.emails:
            for email in re.split(r"[;,]", one((column,))):
                card.add_email(email)
        for column, label in layout.phones:
            card.add_phone(one((column,)), label)
        for parts in layout.addresses:
            written = _address(get_all(parts, index, row))
            if written and written not in card.address:
                card.address = "\n".join(p for p in (card.address, written) if p)
        card.birthday = one(layout.birthday) or _birthday_from_parts(get_all(layout.birthday_parts, index, row))
        for tags in get(layout.tags):
            for tag in re.split(r"[;,]", tags):
                card.add_tag(tag)
        if any(value.lower() in _YES for value in get(layout.marketing)):
            card.add_tag("accepts marketing")
        card.kind = "organisation" if card.organisation and not card.name else ""
        card.name = card.name or card.organisation or (card.emails[0] if card.emails else "")
        cards.append(card)
    return cards


def get_all(columns: Columns, index: dict[str, int], row: list[str]) -> list[str]:
    """Each column's cell ("" where the column is missing or empty), in the layout's order."""
    out = []
    for column in columns:
        position = index.get(_norm(column))
        out.append(row[position].strip() if position is not None and position < len(row) else "")
    return out


def _address(parts: list[str]) -> str:
    """Two street lines, then city, region, postal code and country, as one line of an address:
    "Rosenweg 3, 8001 Zürich, ZH, CH"."""
    if not any(parts):
        return ""
    street_lines, city, region, postal = parts[:2], parts[2], parts[3], parts[4]
    country = parts[5] if len(parts) > 5 else ""
    town = " ".join(p for p in (postal, city) if p)
    return ", ".join(p for p in (*street_lines, town, region, country) if p)


def _birthday_from_parts(parts: list[str]) -> str:
    """Thunderbird's Birth Year, Month and Day: "1980-03-22", or "--03-22" with no year."""
    if len(parts) != 3 or not parts[1] or not parts[2]:
        return ""
    year, month, day = parts
    try:
        month_number, day_number = int(month), int(day)
    except ValueError:
        return ""
    if year.strip().isdigit() and int(year) > 0:
        return f"{int(year):04d}-{month_number:02d}-{day_number:02d}"
    return f"--{month_number:02d}-{day_number:02d}"


# Rapport's own spreadsheet export (``export.CSV_HEADER``), older ones included: it comes back whole.
RAPPORT_SIGNATURE = _sig("Name", "Kind", "Phones", "Emails", "You call them", "Next step by")


def is_rapport_export(table: Table) -> bool:
    return RAPPORT_SIGNATURE <= {_norm(t) for t in table.header}


def contacts_from_rapport_export(table: Table) -> list[IncomingContact]:
    """Every field the export wrote, its formula guards taken off again (``export.unguarded``)."""
    from core.interchange.export import unguarded

    index = {_norm(title): position for position, title in enumerate(table.header)}
    cards = []
    for line, row in table.numbered():

        def cell(title: str, row: list[str] = row) -> str:
            position = index.get(_norm(title))
            return unguarded(row[position]) if position is not None and position < len(row) else ""

        card = IncomingContact(line=line, name=cell("Name"), organisation=cell("Organisation"), title=cell("Title"),
                               address=cell("Address"), notes=cell("Notes"), birthday=cell("Birthday"),
                               anniversary=cell("Anniversary"), source=cell("Source"), how_met=cell("How you met"),
                               external_id=cell("Customer ID"), label=cell("You call them"), role=cell("Role"),
                               kind=cell("Kind").lower())
        kinds = [kind.strip() for kind in cell("Phone kinds").split(";")] if cell("Phone kinds") else []
        for number, phone in enumerate(p for p in cell("Phones").split(";") if p.strip()):
            card.add_phone(phone.strip(), kinds[number].strip() if number < len(kinds) else "")
        for email in cell("Emails").split(";"):
            card.add_email(email)
        tags = cell("Tags")
        for tag in tags.split("," if "," in tags else ";"):  # older exports joined tags with "; "
            card.add_tag(tag)
        cards.append(card)
    return cards
