"""One call for every export, used by the window and the command line alike."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from core.dates import week_of
from core.interchange.export import calendar, contacts_csv, contacts_xlsx, email_list, phone_list, vcards
from core.interchange.phones import default_country
from core.i18n import ngettext

if TYPE_CHECKING:
    from core.store import Book

def render_export(book: Book, ids: list[int], fmt: str, today: date) -> str | bytes:
    """The text of one export of these contacts (in this order); an Excel workbook's bytes."""
    found = book.contacts.many(ids)
    contacts = [found[i] for i in ids if i in found]
    settings = book.settings()
    if fmt in ("vcard", "vcard4"):
        return vcards(contacts, "4.0" if fmt == "vcard4" else "3.0")
    if fmt == "csv":
        return contacts_csv(book.interchange.export_rows(ids), settings.currency)
    if fmt == "xlsx":
        return contacts_xlsx(book.interchange.export_rows(ids))
    if fmt == "phones":
        return phone_list(contacts, settings.country or default_country())
    if fmt == "emails":
        return email_list(contacts)
    if fmt == "ics":
        monday = week_of(today)[0]
        wanted = set(ids)
        steps = [s for s in book.interchange.steps_due(monday, monday + timedelta(days=6)) if s[0] in wanted]
        return calendar(steps, book.occasions.for_calendar(ids), settings.business_name, country=settings.country,
                        leap_day_on_28=settings.leap_day_on_28,
                        today=today)
    raise ValueError(f"unknown export format {fmt!r}")


def written_in_words(fmt: str, content: str | bytes, contacts: int) -> str:
    """What an export holds, counted in what was written: "12 events", "48 contacts", "30 phone numbers"."""
    if fmt == "ics":
        n = str(content).count("BEGIN:VEVENT")
        return ngettext("{count:,} event", "{count:,} events", n).format(count=n)
    if fmt == "phones":
        n = max(0, str(content).count("\r\n") - 1)
        return ngettext("{count:,} phone number", "{count:,} phone numbers", n).format(count=n)
    if fmt == "emails":
        n = str(content).count(">,")
        return ngettext("{count:,} email address", "{count:,} email addresses", n).format(count=n)
    return ngettext("{count:,} contact", "{count:,} contacts", contacts).format(count=contacts)
