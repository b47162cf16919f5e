"""What an import brings in, before it touches the book: plain records with their line numbers.

Readers (vCard, CSV, sales logs) turn a file into these records; the import plan then decides
for each one whether it creates a contact, merges into one, or is skipped, and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from core.i18n import N_, _

CONTACTS, SALES = "contacts", "sales"  # what a file is read as
# The fields a column can be mapped to, for contacts and for a sales log (``mapping``).
CONTACT_FIELDS = ("name", "first_name", "last_name", "organisation", "title", "email", "phone", "mobile",
                  "address", "notes", "tags", "birthday", "anniversary", "kind", "source", "customer_id", "role")
SALES_FIELDS = ("customer_id", "name", "email", "phone", "date", "amount", "kind", "note")
# format key → (what the owner reads, the file name's ending)
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "vcard": (N_("vCard 3.0 (phones, Gmail, Outlook)"), ".vcf"),
    "vcard4": (N_("vCard 4.0"), ".vcf"),
    "csv": (N_("Spreadsheet (CSV)"), ".csv"),
    "xlsx": (N_("Excel workbook (phones and text exactly as written)"), ".xlsx"),
    "phones": (N_("Phone list"), ".csv"),
    "emails": (N_("Email list (paste into Bcc)"), ".txt"),
    "ics": (N_("Calendar: this week's steps and birthdays (.ics)"), ".ics"),
}


@dataclass
class IncomingContact:
    """One contact as a file describes it. ``line`` is where it starts, for messages."""

    name: str = ""
    kind: str = ""  # "person" or "organisation"; "" lets the import guess
    organisation: str = ""
    title: str = ""
    phones: list[str] = field(default_factory=list)
    phone_labels: list[str] = field(default_factory=list)  # parallel to phones: "mobile", "work"…
    emails: list[str] = field(default_factory=list)
    address: str = ""
    notes: str = ""
    birthday: str = ""  # ISO "1980-03-22" or "--03-22" when the year is unknown
    anniversary: str = ""
    tags: list[str] = field(default_factory=list)
    source: str = ""
    external_id: str = ""
    how_met: str = ""
    label: str = ""  # what the owner calls them (a tier's name), from Rapport's own exports
    role: str = ""  # customer, supplier or team; "" is a customer
    line: int = 0
    warnings: list[str] = field(default_factory=list)

    def add_phone(self, number: str, label: str = "") -> None:
        number = " ".join(number.split())
        if number and number not in self.phones:
            self.phones.append(number)
            self.phone_labels.append(label)

    def add_email(self, email: str) -> None:
        email = email.strip().strip("<>").strip()
        if email.lower().startswith("mailto:"):
            email = email[7:]
        if email and email.lower() not in (e.lower() for e in self.emails):
            self.emails.append(email)

    def add_tag(self, tag: str) -> None:
        tag = tag.strip()
        if tag and tag not in self.tags:
            self.tags.append(tag)


@dataclass(slots=True)
class IncomingSale:
    """One line of a sales or visits log: who, when, how much."""

    line: int
    customer: str = ""  # the till's customer id, if any
    name: str = ""
    email: str = ""
    phone: str = ""
    day: str = ""  # as written in the file; checked by the plan
    amount: str = ""  # as written; parsed by the plan
    kind: str = "purchase"
    note: str = ""


@dataclass
class Skipped:
    """A record that will not be imported, and why, in words."""

    line: int
    what: str
    reason: str
    refused: bool = False  # the line could not be read (no such day, not an amount), not merely left out
    # What already holds it, whatever language the reason is in: "book" (the contact is in the book as
    # it is), "file" (an earlier line of the file is the same person), "imported" (a sale imported before).
    held: str = ""


class ImportFileError(ValueError):
    """The file cannot be read as what it claims to be; the message names the line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(_("line {line}: {message}").format(line=line, message=message) if line else message)
