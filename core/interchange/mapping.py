"""What a table's columns mean: Google and Outlook exports by their headers, sales logs by their
columns, and any other table through a mapping of Rapport's fields to its columns.

A mapping is ``{field: column title}``; the window shows it as a step with a preview and the
command line takes it as ``--map field=column``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from core.interchange.csv_read import Table, _norm
from core.interchange.records import CONTACT_FIELDS, SALES_FIELDS, ImportFileError, IncomingContact, IncomingSale
from core.interchange.address_books import (
    BOOK_LAYOUTS,
    contacts_from_address_book,
    contacts_from_rapport_export,
    is_rapport_export,
    recognise_address_book,
)
from core.interchange.tills import LAYOUTS, recognise_till
from core.i18n import _


_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "display name", "contact", "contact name", "customer name", "client name"),
    "first_name": ("first name", "given name", "firstname", "forename", "first"),
    "last_name": ("last name", "family name", "surname", "lastname", "last"),
    "organisation": ("organisation", "organization", "company", "business", "organization name", "firm"),
    "title": ("title", "job title", "position", "role"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail"),
    "phone": ("phone", "telephone", "tel", "phone number", "landline", "business phone", "home phone"),
    "mobile": ("mobile", "mobile phone", "cell", "cell phone", "cellphone"),
    "address": ("address", "street address", "postal address", "home address", "business address"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
    "tags": ("tags", "tag", "categories", "category", "groups", "labels"),
    "birthday": ("birthday", "birth date", "date of birth", "dob"),
    "anniversary": ("anniversary", "wedding date"),
    "kind": ("kind", "type", "contact type"),
    "source": ("source", "list", "lead source", "origin"),
    "role": ("contact role", "relationship", "rapport role"),
    "customer_id": ("customer id", "customer", "customer number", "customer no", "client id", "client number",
                    "account", "account number", "member id", "card number", "id"),
    "date": ("date", "day", "visit date", "order date", "purchase date", "sale date", "transaction date"),
    "amount": ("amount", "total", "dollar value", "value", "price", "spend", "spent", "revenue", "sum", "paid"),
    "note": ("note", "notes", "description", "item", "items", "product", "comment"),
}


@dataclass
class Recognised:
    """What the file was taken for, in words, and how its columns will be read."""

    format: str  # "google", "google-old", "outlook", "contacts", "sales", "till:N" (tills.LAYOUTS[N])
    description: str
    mapping: dict[str, str] = field(default_factory=dict)


def recognise(table: Table) -> Recognised:
    """Google or Outlook by their headers; a sales log by a date and an amount column; else contacts."""
    titles = {_norm(t) for t in table.header}
    if is_rapport_export(table):
        return Recognised("rapport", _("Rapport's own contacts export"))
    book_layout = recognise_address_book(table)
    if book_layout is not None:
        return Recognised(f"book:{BOOK_LAYOUTS.index(book_layout)}", book_layout.description)
    if {"name", "e-mail 1 - type", "e-mail 1 - value"} <= titles and "first name" not in titles:
        return Recognised("google-old", "Google Contacts (CSV)")
    if {"given name", "e-mail 1 - value"} <= titles or {"given name", "family name", "group membership"} <= titles:
        return Recognised("google-old", "Google Contacts (CSV)")
    if {"first name", "last name", "e-mail 1 - value"} <= titles or {"first name", "labels", "e-mail 1 - label"} <= titles:
        return Recognised("google", "Google Contacts (CSV)")
    if {"first name", "last name", "e-mail address"} <= titles or {"first name", "mobile phone", "job title"} <= titles:
        return Recognised("outlook", "Outlook contacts (CSV)")
    till = recognise_till(table)
    if till is not None:  # a till's or a shop system's own export: read by its layout, no mapping step
        return Recognised(f"till:{LAYOUTS.index(till)}", till.description)
    mapping = guess_mapping(table, SALES_FIELDS)
    if "date" in mapping and "amount" in mapping and ({"customer_id", "name", "email", "phone"} & set(mapping)):
        return Recognised("sales", _("a sales log"), mapping)
    return Recognised("contacts", _("a list of contacts"), _roles_or_titles(table, guess_mapping(table, CONTACT_FIELDS)))


_ROLE_WORDS = frozenset({"", "customer", "supplier", "team"})


def _roles_or_titles(table: Table, mapping: dict[str, str]) -> dict[str, str]:
    """A column headed "Role" is a job title in most files; it is read as the contact's role
    (customer, supplier, team) when every one of its cells is one of those words."""
    column = mapping.get("title")
    if column is None or _norm(column) != "role" or "role" in mapping:
        return mapping
    index = table.column(column)
    if index is None:
        return mapping
    cells = {row[index].strip().lower() for _, row in table.numbered() if index < len(row)}
    if cells <= _ROLE_WORDS and cells - {""}:
        mapping = {key: value for key, value in mapping.items() if key != "title"}
        mapping["role"] = column
    return mapping


def guess_mapping(table: Table, fields: tuple[str, ...]) -> dict[str, str]:
    """Rapport field → column, from the header's words, or from the cells when there is no header."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for name in fields:
        for synonym in _SYNONYMS.get(name, ()):
            for title in table.header:
                if title not in used and _norm(title) == synonym:
                    mapping[name] = title
                    used.add(title)
                    break
            if name in mapping:
                break
    if not mapping and table.header[0].startswith("column "):
        mapping = _guess_from_cells(table, fields)
    return mapping


def _guess_from_cells(table: Table, fields: tuple[str, ...]) -> dict[str, str]:
    """A headerless sales log (CDNOW's sample): a column of dates, one of money, the first an id."""
    if "date" not in fields:
        return {}
    sample = table.first(200)
    mapping: dict[str, str] = {}
    for index, title in enumerate(table.header):
        cells = [row[index] for row in sample if index < len(row)]
        if "date" not in mapping and cells and all(re.fullmatch(r"(19|20)\d{6}|\d{4}-\d{2}-\d{2}", c) for c in cells):
            mapping["date"] = title
        elif cells and all(re.fullmatch(r"\d+[.,]\d{2}", c) for c in cells):
            mapping["amount"] = title
    if mapping.get("date") and table.header[0] != mapping["date"]:
        mapping["customer_id"] = table.header[0]
    return mapping


# --------------------------------------------------------------------------- contacts
def contacts_from_table(table: Table, recognised: Recognised) -> list[IncomingContact]:
    if recognised.format in ("google", "google-old"):
        return [_google(line, row) for line, row in table.records()]
    if recognised.format == "outlook":
        return [_outlook(line, row) for line, row in table.records()]
    if recognised.format == "rapport":
        return contacts_from_rapport_export(table)
    if recognised.format.startswith("book:"):
        return contacts_from_address_book(table, BOOK_LAYOUTS[int(recognised.format.split(":")[1])])
    return contacts_from_mapping(table, recognised.mapping)


def _refuse_unknown_columns(table: Table, mapping: dict[str, str]) -> None:
    """A mapping naming a column the file does not have is refused, with the columns it has."""
    unknown = [column for column in mapping.values() if table.column(column) is None]
    if unknown:
        raise ImportFileError(_("the file has no column {column!r}; its columns are: {columns}").format(
            column=unknown[0], columns=", ".join(table.header)))


def contacts_from_mapping(table: Table, mapping: dict[str, str]) -> list[IncomingContact]:
    _refuse_unknown_columns(table, mapping)
    if not ({"name", "first_name", "last_name", "organisation", "email", "phone", "mobile"} & set(mapping)):
        raise ImportFileError(_("say which column holds the name (or at least the email or phone)"))
    contacts = []
    for line, row in table.records():
        get = lambda key, row=row: row.get(mapping[key], "") if key in mapping else ""  # noqa: E731
        card = IncomingContact(line=line, organisation=get("organisation"), title=get("title"),
                               address=get("address"), notes=get("notes"), birthday=get("birthday"),
                               anniversary=get("anniversary"), kind=get("kind"), source=get("source"),
                               external_id=get("customer_id"), role=get("role"))
        card.name = get("name") or " ".join(p for p in (get("first_name"), get("last_name")) if p)
        for email in re.split(r"[;,]| ::: ", get("email")):
            card.add_email(email)
        for key, label in (("mobile", "mobile"), ("phone", "")):
            for phone in re.split(r"[;,]| ::: ", get(key)):
                card.add_phone(phone, label)
        for tag in re.split(r"[;,]| ::: ", get("tags")):
            card.add_tag(tag)
        contacts.append(card)
    return contacts


def _multi(value: str) -> list[str]:
    """Google puts several values in one cell separated by ' ::: '."""
    return [part.strip() for part in value.split(":::") if part.strip()]


def _google(line: int, row: dict[str, str]) -> IncomingContact:
    value = {(_norm(k)): v for k, v in row.items()}
    card = IncomingContact(line=line)
    parts = [value.get(k, "") for k in ("given name", "first name", "additional name", "middle name",
                                        "family name", "last name", "name suffix")]
    card.name = value.get("name", "") or " ".join(p for p in parts if p) or value.get("nickname", "")
    card.organisation = value.get("organization 1 - name", "") or value.get("organization name", "")
    card.title = value.get("organization 1 - title", "") or value.get("organization title", "") or \
        value.get("name prefix", "")  # "Dr.": a title, never part of the name
    card.notes = value.get("notes", "")
    card.birthday = value.get("birthday", "")
    for number in range(1, 10):
        for email in _multi(value.get(f"e-mail {number} - value", "")):
            card.add_email(email)
        kind = value.get(f"phone {number} - type", "") or value.get(f"phone {number} - label", "")
        for phone in _multi(value.get(f"phone {number} - value", "")):
            card.add_phone(phone, _phone_word(kind))
        address = value.get(f"address {number} - formatted", "") or _google_address(value, number)
        if address:
            card.address = "\n".join(p for p in (card.address, " ".join(address.split())) if p)
        event = value.get(f"event {number} - type", "") or value.get(f"event {number} - label", "")
        if event.lower().strip("* ") == "anniversary":
            card.anniversary = value.get(f"event {number} - value", "")
    for tag in _multi(value.get("group membership", "") or value.get("labels", "")):
        if not tag.startswith("*"):  # "* myContacts", "* starred": Google's own system groups
            card.add_tag(tag)
    card.kind = "organisation" if card.organisation and not card.name else ""
    card.name = card.name or card.organisation or (card.emails[0] if card.emails else "")
    return card


def _google_address(value: dict[str, str], number: int) -> str:
    """Google's newer CSV leaves "Formatted" empty and gives the parts: street, city, region, code, country."""
    part = {name: value.get(f"address {number} - {name}", "").strip()
            for name in ("street", "extended address", "po box", "city", "region", "postal code", "country")}
    town = " ".join(p for p in (part["postal code"], part["city"]) if p)
    return ", ".join(p for p in (part["street"], part["extended address"], part["po box"], town, part["region"],
                                 part["country"]) if p)


def _outlook(line: int, row: dict[str, str]) -> IncomingContact:
    value = {(_norm(k)): v for k, v in row.items()}
    card = IncomingContact(line=line)
    parts = [value.get(k, "") for k in ("first name", "middle name", "last name", "suffix")]
    card.name = " ".join(p for p in parts if p) or value.get("nickname", "")
    card.organisation = value.get("company", "")
    card.title, card.notes = _title_and_prefix(value.get("job title", ""), value.get("title", ""),
                                               value.get("notes", ""))
    card.birthday = _outlook_day(value.get("birthday", ""))
    card.anniversary = _outlook_day(value.get("anniversary", ""))
    for key in ("e-mail address", "e-mail 2 address", "e-mail 3 address"):
        card.add_email(value.get(key, ""))
    for key, label in (("mobile phone", "mobile"), ("primary phone", ""), ("business phone", "work"),
                       ("business phone 2", "work"), ("home phone", "home"), ("home phone 2", "home"),
                       ("company main phone", "main"), ("other phone", "other"), ("business fax", "work fax"),
                       ("home fax", "home fax")):
        card.add_phone(value.get(key, ""), label)
    for place in ("business", "home", "other"):
        street = " ".join(value.get(f"{place} street{n}", "") for n in ("", " 2", " 3")).strip()
        town = " ".join(p for p in (value.get(f"{place} postal code", ""), value.get(f"{place} city", "")) if p)
        parts = [street, town, value.get(f"{place} state", ""), value.get(f"{place} country", "")]
        text = ", ".join(p for p in parts if p)
        if text:
            card.address = "\n".join(p for p in (card.address, text) if p)
    for tag in re.split(r"[;,]", value.get("categories", "")):
        card.add_tag(tag)
    card.kind = "organisation" if card.organisation and not card.name else ""
    card.name = card.name or card.organisation or (card.emails[0] if card.emails else "")
    return card


def _title_and_prefix(job_title: str, prefix: str, notes: str) -> tuple[str, str]:
    """A name's prefix ("Mr.", "Dr.") is never part of the name: it is the title when there is no job
    title, else it is kept in the notes ("Name prefix: Dr."), never lost."""
    if not prefix.strip():
        return job_title, notes
    if not job_title.strip():
        return prefix.strip(), notes
    return job_title, "\n".join(p for p in (notes, f"Name prefix: {prefix.strip()}") if p)


def _outlook_day(text: str) -> str:
    """Outlook writes M/D/YYYY, and 0/0/00 for none."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    if not match or match.group(3) in ("0000", "0"):
        return text.strip() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()) else ""
    month, day, year = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _phone_word(kind: str) -> str:
    word = kind.lower().strip("* ")
    return {"cell": "mobile"}.get(word, word)


# --------------------------------------------------------------------------- sales
def sales_from_table(table: Table, mapping: dict[str, str]) -> Callable[[], Iterator[IncomingSale]]:
    """The sales of a mapped table, as a function that reads them afresh on each call (the plan
    goes over a till's log twice and never holds it whole). A mapping that cannot work is refused here."""
    missing = [f for f in ("date", "amount") if f not in mapping]
    if missing:
        raise ImportFileError(_("say which column holds the date of each sale") if missing[0] == "date" else
                              _("say which column holds the amount of each sale"))
    if not ({"customer_id", "name", "email", "phone"} & set(mapping)):
        raise ImportFileError(_("say which column names the customer (a customer number, name, email or phone)"))
    _refuse_unknown_columns(table, mapping)
    fields = ("customer_id", "name", "email", "phone", "date", "amount", "kind", "note")
    columns = [table.column(mapping[key]) if key in mapping else None for key in fields]

    def sales() -> Iterator[IncomingSale]:
        for line, row in table.numbered():  # a till's log has tens of thousands of lines
            width = len(row)
            customer, name, email, phone, day, amount, kind, note = [
                row[i].strip() if i is not None and i < width else "" for i in columns]
            yield IncomingSale(line=line, customer=customer, name=name, email=email, phone=phone, day=day,
                               amount=amount, kind=kind or "purchase", note=note)
    return sales
