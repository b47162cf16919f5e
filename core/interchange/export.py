"""Every way back out: vCard 3.0 and 4.0, a spreadsheet CSV, phone and email lists, iCalendar.

Writers return text; ``write_export`` puts it in a file through a temporary name, so a full
disk never leaves half a file behind.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from core.domain import Contact, ContactKind
from core.interchange.phones import dialling_form
from core.occasions import Occasion, on_in_year

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportRow:
    """One contact with what the spreadsheet export adds from the ladder."""

    contact: Contact
    tier: str = ""
    spend_cents: int = 0
    last_interaction: date | None = None
    next_step: str = ""
    next_step_due: date | None = None


# --------------------------------------------------------------------------- vCard
def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n")
            .replace(",", "\\,").replace(";", "\\;"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 6350 §3.2), never inside a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > (75 if not out else 74):
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)


# Phone kinds vCard has a TYPE for; any other word travels as Apple's X-ABLabel.
_TEL_TYPES = {"mobile": "cell", "home": "home", "work": "work", "fax": "fax", "home fax": "home,fax",
              "work fax": "work,fax", "pager": "pager", "main": "main", "car": "car"}


def to_vcard(contact: Contact, version: str = "3.0") -> str:
    """One card. Rapport's own fields (source, kind in 3.0) travel as X- properties."""
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if version == "4.0":
        lines.append(f"KIND:{'org' if contact.kind == ContactKind.ORGANISATION else 'individual'}")
    lines.append(f"FN:{_escape(contact.name)}")
    if contact.kind == ContactKind.ORGANISATION:
        lines.append("N:;;;;")
    else:
        words = contact.name.split()
        family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (contact.name, "")
        lines.append(f"N:{_escape(family)};{_escape(given)};;;")
        if version == "3.0":
            lines.append("X-RAPPORT-KIND:person")
    if version == "3.0" and contact.kind == ContactKind.ORGANISATION:
        lines.append("X-RAPPORT-KIND:organisation")
    if contact.organisation:
        lines.append(f"ORG:{_escape(contact.organisation)}")
    if contact.title:
        lines.append(f"TITLE:{_escape(contact.title)}")
    labels = list(contact.phone_labels) + [""] * len(contact.phones)
    for number, (phone, label) in enumerate(zip(contact.phones, labels), start=1):
        kinds = _TEL_TYPES.get(label, "")
        if kinds or not label:
            lines.append(f"TEL{f';TYPE={kinds}' if kinds else ''}:{_escape(phone)}")
        else:  # the owner's own word ("shop", "Zoë's"): Apple's labelled group carries it
            lines += [f"item{number}.TEL:{_escape(phone)}", f"item{number}.X-ABLabel:{_escape(label)}"]
    for email in contact.emails:
        lines.append(f"EMAIL:{_escape(email)}")
    if contact.address:
        lines.append(f"ADR:;;{_escape(contact.address)};;;;")
    if contact.birthday:
        lines.append(f"BDAY:{contact.birthday}")
    if contact.anniversary:
        prop = "ANNIVERSARY" if version == "4.0" else "X-ANNIVERSARY"
        lines.append(f"{prop}:{contact.anniversary}")
    if contact.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in contact.tags))
    if contact.notes:
        lines.append(f"NOTE:{_escape(contact.notes)}")
    if contact.source:
        lines.append(f"X-RAPPORT-SOURCE:{_escape(contact.source)}")
    if contact.external_id:
        lines.append(f"X-RAPPORT-CUSTOMER-ID:{_escape(contact.external_id)}")
    if contact.how_met:
        lines.append(f"X-RAPPORT-HOW-MET:{_escape(contact.how_met)}")
    if contact.label:
        lines.append(f"X-RAPPORT-LABEL:{contact.label.value}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def vcards(contacts: Iterable[Contact], version: str = "3.0") -> str:
    return "".join(to_vcard(c, version) for c in contacts)


# --------------------------------------------------------------------------- CSV
_PHONE_ONLY = re.compile(r"\+[\d\s().\-/]+")
_PLAIN_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula gets a leading quote.

    A phone written "+41 79 123 45 67" and a plain negative number hold nothing a spreadsheet could
    run, so they are left as they are (no visible mark); the guard stays for everything else that
    starts with =, +, -, @, a tab or a carriage return. ``unguarded`` takes the mark off again."""
    text = "" if value is None else str(value)
    if not text.startswith(FORMULA_STARTS) or _PHONE_ONLY.fullmatch(text) or _PLAIN_NUMBER.fullmatch(text):
        return text
    return "'" + text


def unguarded(text: str) -> str:
    """A cell of Rapport's own export as it was before ``safe_cell`` guarded it."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


CSV_HEADER = ("Name", "Kind", "Organisation", "Title", "Phones", "Emails", "Address", "Tier", "You call them",
              "Source", "Spend", "Last interaction", "Next step", "Next step by", "Tags", "Birthday", "Notes",
              "Phone kinds", "How you met", "Anniversary", "Customer ID", "Role")


def csv_cells(row: ExportRow) -> list[str]:
    """One contact's cells in ``CSV_HEADER``'s order, unguarded (the xlsx export types them as text)."""
    c = row.contact
    spend = f"{row.spend_cents // 100}.{row.spend_cents % 100:02d}"
    # The kind and the label are written as every Rapport reads them back ("Person", "Client"), whatever
    # the language of the window that wrote the file: an export must import back whole.
    return [c.name, c.kind.value.capitalize(), c.organisation, c.title, "; ".join(c.phones), "; ".join(c.emails),
            c.address, row.tier, c.label.value.capitalize() if c.label else "", c.source, spend,
            row.last_interaction.isoformat() if row.last_interaction else "", row.next_step,
            row.next_step_due.isoformat() if row.next_step_due else "", ", ".join(c.tags), c.birthday, c.notes,
            "; ".join(c.phone_labels) if any(c.phone_labels) else "", c.how_met, c.anniversary, c.external_id,
            c.role.value]


def contacts_csv(rows: Iterable[ExportRow], currency: str = "") -> str:
    """UTF-8 with a byte-order mark, so that Excel opens accents correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([safe_cell(v) for v in csv_cells(row)])
    return "\ufeff" + buffer.getvalue()


def contacts_xlsx(rows: Iterable[ExportRow]) -> bytes:
    """The spreadsheet export as an Excel workbook: every cell typed as text, so Excel and LibreOffice
    show "+41 79 …" and "=SUM" as written, with no mark and nothing run, and accents need no BOM."""
    import openpyxl
    from openpyxl.cell.cell import TYPE_STRING

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Contacts")
    sheet.append(list(CSV_HEADER))
    for row in rows:
        cells = []
        for value in csv_cells(row):
            cell = openpyxl.cell.WriteOnlyCell(sheet, value=value)
            cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def phone_list(contacts: Iterable[Contact], country: str = "") -> str:
    """Name and number to dial, one per line, for everyone in a view who has a phone."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(("Name", "Phone", "Dial"))
    for c in contacts:
        for phone in c.phones[:1]:
            writer.writerow((safe_cell(c.name), safe_cell(phone), safe_cell(dialling_form(phone, country))))
    return "\ufeff" + buffer.getvalue()


def email_list(contacts: Iterable[Contact]) -> str:
    """"Name <address>," lines: paste them into the Bcc field to send news to a group."""
    lines = []
    for c in contacts:
        if c.emails:
            name = c.name.replace('"', "'")
            lines.append(f'"{name}" <{c.emails[0]}>,')
    return "\n".join(lines) + ("\n" if lines else "")


MAILTO_LIMIT = 2000  # characters a mailto: link may hold and still open in every mail program


def bcc_link(addresses: Iterable[str], limit: int = MAILTO_LIMIT) -> str | None:
    """A mailto: link with everyone in Bcc (seed 002: share news with a group), or None when it would
    be longer than mail programs take; then the addresses are copied instead."""
    unique = list(dict.fromkeys(a.strip() for a in addresses if a.strip()))
    if not unique:
        return None
    link = "mailto:?bcc=" + ",".join(quote(a, safe="@+._-") for a in unique)
    return link if len(link) <= limit else None


# --------------------------------------------------------------------------- iCalendar
def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def calendar(steps: Iterable[tuple[int, str, str, date]], occasions: Iterable[tuple[int, str, Occasion]],
             business: str, now: datetime | None = None, country: str = "", today: date | None = None,
             leap_day_on_28: bool = True) -> str:
    """Due steps as all-day events on their day; occasions as yearly events, each with an alarm its
    lead time before, so the owner's phone reminds her even when the laptop is shut.

    ``steps`` are (contact id, name, step, due day); ``occasions`` (contact id, name, occasion), the
    stopped ones left out. A floating day (Mother's Day) is written for the next five years.
    """
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rapport//Relationship book//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ics_text(business)}"]
    for contact_id, name, step, due in steps:
        lines += ["BEGIN:VEVENT", f"UID:step-{contact_id}-{due:%Y%m%d}@rapport", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{due:%Y%m%d}", f"SUMMARY:{_ics_text(f'{name}: {step}')}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    start = today or date.today()
    for number, (contact_id, name, occasion) in enumerate(occasions):
        if occasion.stopped:
            continue
        whom = f" (for {occasion.for_whom})" if occasion.for_whom else ""
        summary = _ics_text(f"{occasion.what()[0].upper()}{occasion.what()[1:]}: {name}{whom}")
        alarm = ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{summary}", f"TRIGGER:-P{occasion.lead_days}D",
                 "END:VALARM"]
        uid = f"{occasion.kind.value}-{contact_id}-{occasion.id or 'card'}-{number}"
        if occasion.kind.floating:
            for year in range(start.year, start.year + 5):
                on = on_in_year(occasion, year, country)
                if on is not None:
                    lines += ["BEGIN:VEVENT", f"UID:{uid}-{year}@rapport", f"DTSTAMP:{stamp}",
                              f"DTSTART;VALUE=DATE:{on:%Y%m%d}", f"SUMMARY:{summary}", "TRANSP:TRANSPARENT",
                              *alarm, "END:VEVENT"]
            continue
        month_day = occasion.day[-5:].replace("-", "")
        first_year = occasion.day[:4] if not occasion.day.startswith("--") else "2000"
        # 29 February: the last day of February (other years: the 28th), or the 60th day of the year
        # (other years: 1 March), as the owner chose in Settings.
        leap_rule = "BYMONTH=2;BYMONTHDAY=-1" if leap_day_on_28 else "BYYEARDAY=60"
        rule = f"RRULE:FREQ=YEARLY;{leap_rule}" if month_day == "0229" else "RRULE:FREQ=YEARLY"
        lines += ["BEGIN:VEVENT", f"UID:{uid}@rapport", f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{first_year}{month_day}",
                  rule, f"SUMMARY:{summary}", "TRANSP:TRANSPARENT", *alarm, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


# --------------------------------------------------------------------------- files
def write_export(path: str | Path, content: str | bytes) -> Path:
    """Write through a temporary file in the same folder, readable by the owner only, then rename."""
    from core.outputs import write_atomically

    target = Path(path).expanduser()
    if target.is_dir():
        raise OSError(f"{target} is a folder; give a file name")
    if isinstance(content, bytes):
        write_atomically(target, lambda tmp: tmp.write_bytes(content))
    else:
        write_atomically(target, lambda tmp: tmp.write_text(content, encoding="utf-8", newline=""))
    return target
