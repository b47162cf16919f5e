"""The import plan: what an import will do to the book, decided before anything is written.

Each incoming contact is matched against the book (and against the file's earlier rows):
same email, same normalised phone, the same till customer number, or the same name after
Unicode normalisation and case folding with no conflicting email. A match is merged, not
added; a record that adds nothing is skipped as "already in the book". The plan is what the
preview shows and what ``book.interchange.apply_import`` carries out in one transaction.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Callable, Iterable

from core.dates import month_first
from core.domain import Contact, Interaction, Kind, Role
from core.errors import ValidationError
from core.interchange.phones import normalise_phone
from core.text import format_amount, format_count
from core.interchange.planned_sales import PlannedSale, PlannedSales
from core.interchange.records import IncomingContact, IncomingSale, Skipped
from core.interchange.sale_values import (
    damaged_by_a_spreadsheet,
    date_order,
    file_number_locale,
    parse_sale_day,
    split_amount,
)
from core.validation import clean_contact
from core.validation import clean_email, clean_phone, parse_amount, parse_kind, parse_yearless_day
from core.i18n import _, ngettext


@dataclass(frozen=True)
class Existing:
    """What matching needs to know of a contact already in the book."""

    id: int
    contact: Contact


@dataclass
class ImportPlan:
    description: str
    source: str = ""
    creates: list[Contact] = field(default_factory=list)
    create_lines: list[int] = field(default_factory=list)
    merges: dict[int, Contact] = field(default_factory=dict)  # existing id → the contact after merging
    merge_reasons: dict[int, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    sales: PlannedSales = field(default_factory=PlannedSales)
    warnings: list[str] = field(default_factory=list)
    counted: dict[str, int] = field(default_factory=dict)  # lines left out and only counted (_COUNTED)
    of_sales: bool = False  # a sales log (``plan_sales``): its purchases are counted even when there are none

    @property
    def is_empty(self) -> bool:
        return not (self.creates or self.merges or self.sales)

    def book_ids_touched(self) -> set[int]:
        """Contacts already in the book that the import changes: those it completes and those whose
        sales it logs (their verdicts are worked out again with the new ones')."""
        return set(self.merges) | self.sales.book_ids()

    def summary(self) -> list[str]:
        """The preview's lines: what will be created, merged and logged, then what will be skipped
        (by reason) and what could not be read at all."""
        creates, merges = len(self.creates), len(self.merges)
        lines = [ngettext("{count:,} new contact will be created", "{count:,} new contacts will be created",
                          creates).format(count=creates),
                 ngettext("{count:,} existing contact will be completed (merged)",
                          "{count:,} existing contacts will be completed (merged)", merges).format(count=merges)]
        if self.sales or self.of_sales or self.counted:
            for kind in (Kind.PURCHASE, Kind.REFUND):
                count, total = self.sales.count_and_total(kind)
                amount = format_amount(total)
                if kind == Kind.PURCHASE:
                    lines.append(ngettext("{count:,} purchase will be logged, {amount} in all",
                                          "{count:,} purchases will be logged, {amount} in all", count).format(
                        count=count, amount=amount))
                elif count:
                    lines.append(ngettext("{count:,} refund will be logged, {amount} in all",
                                          "{count:,} refunds will be logged, {amount} in all", count).format(
                        count=count, amount=amount))
        refused = [s for s in self.skipped if s.refused]
        left_out = len(self.skipped) - len(refused) + sum(self.counted.values())
        lines.append(ngettext("{count:,} record will be skipped", "{count:,} records will be skipped",
                              left_out).format(count=left_out))
        reasons: dict[str, int] = {}
        for skipped in self.skipped:
            if not skipped.refused:
                key = skipped.reason.split(" (")[0].split(";")[0]
                reasons[key] = reasons.get(key, 0) + 1
        if len(reasons) + len(self.counted) > 1:
            lines += [f"  {format_count(n)}: {reason}" for reason, n in reasons.items()]
        lines += [f"  {format_count(n)} {_COUNTED[key](n)}" for key, n in self.counted.items()]
        if refused:
            lines.append(ngettext("{count:,} line could not be read and was refused (why is listed below)",
                                  "{count:,} lines could not be read and were refused (why is listed below)",
                                  len(refused)).format(count=len(refused)))
        return lines

    def nothing_to_import(self) -> str:
        """Said when the import would change nothing, and only what is true: "the book already holds
        all of it" only when every line was already there."""
        if any(s.refused for s in self.skipped):
            return _("Nothing to import: no line could be imported (see why above); the book was not changed.")
        if self.counted or any(not s.held for s in self.skipped):
            return _("Nothing to import: every line was skipped (see why above); the book was not changed.")
        return _("Nothing to import: the book already holds all of it.")


# Lines an import counts instead of listing one by one (a till's anonymous card payments run to
# thousands): (singular, plural), as the summary says them.
_COUNTED = {
    "no customer": lambda n: ngettext("sale had no customer (an anonymous payment) and will be skipped",
                                      "sales had no customer (anonymous payments) and will be skipped", n),
    "not a sale": lambda n: ngettext(
        "line was not a sale (a payout, a fee, a failed or voided payment) and will be skipped",
        "lines were not sales (payouts, fees, failed or voided payments) and will be skipped", n),
}


def name_key(name: str) -> str:
    """Names compared after Unicode normalisation and case folding ("ZOË" = "Zoë" = "Zoe\u0308")."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


class Matcher:
    """Finds the contact an incoming record belongs to: in the book or earlier in the same file."""

    def __init__(self, existing: list[Existing], country: str) -> None:
        self.country = country
        self.by_email: dict[str, tuple[str, int]] = {}
        self.by_phone: dict[str, tuple[str, int]] = {}
        self.by_external: dict[str, tuple[str, int]] = {}
        self.by_name: dict[str, list[tuple[str, int]]] = {}
        self.emails: dict[tuple[str, int], set[str]] = {}
        self.names: dict[tuple[str, int], str] = {}
        self.externals: dict[tuple[str, int], str] = {}
        for item in existing:
            self.remember(("book", item.id), item.contact)

    def remember(self, ref: tuple[str, int], contact: Contact) -> None:
        emails = {e.casefold() for e in contact.emails}
        self.emails[ref] = self.emails.get(ref, set()) | emails
        self.names[ref] = "" if _nameless(contact) else name_key(contact.name)
        for email in emails:
            self.by_email.setdefault(email, ref)
        for phone in contact.phones:
            normal = normalise_phone(phone, self.country)
            if normal:
                self.by_phone.setdefault(normal, ref)
        if contact.external_id:
            self.by_external.setdefault(contact.external_id, ref)
            self.externals.setdefault(ref, contact.external_id)
        refs = self.by_name.setdefault(name_key(contact.name), [])
        if ref not in refs:
            refs.append(ref)

    def find(self, contact: Contact) -> tuple[tuple[str, int], str] | None:
        """The matching record and the reason, in words; None when the contact is new."""
        if contact.external_id and contact.external_id in self.by_external:
            return self.by_external[contact.external_id], _("same customer number {external_id}").format(external_id=contact.external_id)
        for email in contact.emails:
            if email.casefold() in self.by_email:
                return self.by_email[email.casefold()], _("same email {email}").format(email=email)
        mine_name = "" if _nameless(contact) else name_key(contact.name)
        for phone in contact.phones:
            normal = normalise_phone(phone, self.country)
            ref = self.by_phone.get(normal) if normal else None
            # A shared home or shop line is not the same person: two different names on one
            # number are kept apart (the owner can still merge them by hand).
            if ref is not None and (not mine_name or not self.names.get(ref) or self.names[ref] == mine_name):
                return ref, _("same phone {phone}").format(phone=phone)
        mine = {e.casefold() for e in contact.emails}
        for ref in self.by_name.get(name_key(contact.name), []):
            theirs = self.emails.get(ref, set())
            # Two customer numbers of one till are two people, however alike their names.
            other_number = contact.external_id and self.externals.get(ref, contact.external_id) != contact.external_id
            if (not mine or not theirs or mine & theirs) and not other_number:
                return ref, _("same name")
        return None


def _nameless(contact: Contact) -> bool:
    """A card with no name of its own is named after its email or phone (an Android habit)."""
    return contact.name in contact.emails or contact.name in contact.phones


def merged(into: Contact, extra: Contact) -> Contact:
    """``into`` completed by ``extra``: lists united, empty fields filled; nothing overwritten."""
    phones = list(into.phones)
    labels = list(into.phone_labels) + [""] * (len(into.phones) - len(into.phone_labels))
    for phone, label in zip(extra.phones, list(extra.phone_labels) + [""] * len(extra.phones)):
        if phone not in phones:
            phones.append(phone)
            labels.append(label)
    emails = list(into.emails) + [e for e in extra.emails if e.casefold() not in {x.casefold() for x in into.emails}]
    tags = list(into.tags) + [t for t in extra.tags if t not in into.tags]
    notes = into.notes
    if extra.notes and extra.notes not in notes:
        notes = f"{notes}\n\n{extra.notes}" if notes else extra.notes
    fill = {name: getattr(into, name) or getattr(extra, name)
            for name in ("organisation", "title", "address", "how_met", "source", "birthday", "anniversary",
                         "external_id", "label")}
    role = into.role if into.role is not Role.CUSTOMER else extra.role  # customer is the default: not a choice
    return replace(into, phones=tuple(phones), phone_labels=tuple(labels), emails=tuple(emails), tags=tuple(tags),
                   notes=notes, role=role, **fill)


# --------------------------------------------------------------------------- contacts
def to_contact(card: IncomingContact, source: str, today: date) -> tuple[Contact | None, list[str]]:
    """A clean Contact from a record, moving any unreadable value into the notes (never lost)."""
    warnings: list[str] = []
    kept_aside: list[str] = []
    phones, labels = [], []
    for phone, label in zip(card.phones, card.phone_labels):
        try:
            phones.append(clean_phone(phone))
            labels.append(label)
        except ValidationError:
            kept_aside.append(_("Phone as imported: {phone}").format(phone=phone))
            warnings.append(_("line {line}: {phone!r} is not a phone number; kept in the notes").format(line=card.line, phone=phone))
    emails = []
    for email in card.emails:
        try:
            emails.append(clean_email(email))
        except ValidationError:
            kept_aside.append(_("Email as imported: {email}").format(email=email))
            warnings.append(_("line {line}: {email!r} is not an email address; kept in the notes").format(line=card.line, email=email))
    days: dict[str, str] = {}
    for name in ("birthday", "anniversary"):
        text = getattr(card, name)
        try:
            days[name] = parse_yearless_day(text, name)
        except ValidationError:
            days[name] = ""
            kept_aside.append(_("{name} as imported: {text}").format(name=name.capitalize(), text=text))
            warnings.append(_("line {line}: {text!r} is not a date; the {name} is kept in the notes").format(line=card.line, text=text, name=name))
    name = " ".join(card.name.split()) or card.organisation or (emails[0] if emails else "") or (phones[0] if phones else "")
    if not name:
        return None, warnings
    external_id = card.external_id
    if external_id and damaged_by_a_spreadsheet(external_id):
        warnings.append(_("line {line}: the customer id {external_id} was rounded by a spreadsheet (its digits are lost), so it is not kept; the contact is matched by name, email or phone instead").format(line=card.line, external_id=external_id))
        external_id = ""
    notes = "\n".join(p for p in (card.notes.strip(), *kept_aside) if p)
    draft = Contact(name=_clean_control(name), organisation=card.organisation, title=card.title,
                    phones=tuple(phones), phone_labels=tuple(labels), emails=tuple(emails), address=card.address,
                    notes=notes, tags=tuple(card.tags), source=card.source or source,
                    external_id=external_id, created_on=today, birthday=days["birthday"],
                    anniversary=days["anniversary"], how_met=card.how_met,
                    label=card.label or None,  # type: ignore[arg-type]  # as written: clean_contact reads it
                    role=card.role,  # type: ignore[arg-type]  # as written: clean_contact reads it
                    kind=card.kind or "person")  # type: ignore[arg-type]  # as written: clean_contact reads it
    try:
        return clean_contact(draft), warnings
    except ValidationError as exc:
        warnings.append(_("line {line}: {exc}").format(line=card.line, exc=exc))
        return None, warnings


def _clean_control(text: str) -> str:
    """A name pasted with a newline or a tab is one line of text."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]+", " ", text).strip()


def plan_contacts(cards: list[IncomingContact], existing: list[Existing], description: str, source: str,
                  country: str, today: date) -> ImportPlan:
    plan = ImportPlan(description=description, source=source)
    matcher = Matcher(existing, country)
    book_contacts = {item.id: item.contact for item in existing}
    for card in cards:
        contact, warnings = to_contact(card, source, today)
        plan.warnings.extend(warnings)
        if contact is None:
            reason = warnings[-1].split(": ", 1)[1] if warnings else _("no name, email or phone")
            plan.skipped.append(Skipped(card.line, card.name or _("(no name)"), reason, refused=bool(warnings)))
            continue
        _place(plan, matcher, book_contacts, contact, card.line)
    return plan


def _place(plan: ImportPlan, matcher: Matcher, book_contacts: dict[int, Contact], contact: Contact,
           line: int) -> tuple[str, int]:
    """Create, merge or skip one clean contact; returns where it went."""
    found = matcher.find(contact)
    if found is None:
        plan.creates.append(contact)
        plan.create_lines.append(line)
        ref = ("new", len(plan.creates) - 1)
        matcher.remember(ref, contact)
        return ref
    (where, index), reason = found
    if where == "new":
        plan.creates[index] = merged(plan.creates[index], contact)
        matcher.remember(found[0], plan.creates[index])
        plan.skipped.append(Skipped(line, contact.name, _("the same person as line {create_lines} ({reason}); merged into it").format(create_lines=plan.create_lines[index], reason=reason), held="file"))
        return found[0]
    before = plan.merges.get(index, book_contacts[index])
    after = merged(before, contact)
    if after == book_contacts[index]:
        plan.skipped.append(Skipped(line, contact.name, _("already in the book ({reason})").format(reason=reason),
                                    held="book"))
    elif after != before:
        plan.merges[index] = after
        plan.merge_reasons[index] = reason
        matcher.remember(found[0], after)
    return found[0]


# --------------------------------------------------------------------------- sales
def plan_sales(sales: Iterable[IncomingSale] | Callable[[], Iterable[IncomingSale]], existing: list[Existing],
               known_keys: set[int], description: str, source: str, country: str, today: date,
               number_locale: str = "en_US", day_order: str = "") -> ImportPlan:
    """What importing these sales would do. A slashed date that the file itself leaves open (3/9)
    is read as ``day_order`` says (the system that wrote it), else as the book's locale writes dates.
    ``sales`` may be a function that reads them afresh: they are then gone over twice (the days and
    amounts first, to learn how the file writes them) and never all held at once."""
    passes: Callable[[], Iterable[IncomingSale]] = sales if callable(sales) else (lambda: sales)
    plan = ImportPlan(description=description, source=source, of_sales=True)
    matcher = Matcher(existing, country)
    book_contacts = {item.id: item.contact for item in existing}
    # A till's log repeats a few hundred days and prices over and over: each text is read once.
    day_texts: dict[str, None] = {}
    amount_texts: dict[str, None] = {}
    for sale in passes():
        day_texts[sale.day] = amount_texts[sale.amount] = None
    order = date_order(list(day_texts)) or day_order or ("mdy" if month_first(number_locale) else "dmy")
    signed = {text: split_amount(text) for text in amount_texts}
    del day_texts, amount_texts
    number_format = file_number_locale(list(dict.fromkeys(plain for _ignored, plain in signed.values())), number_locale)
    # How often each sale's description came before (two bouquets alike on one day are two sales):
    # fingerprints only, a set for those seen once and counts for the few seen again.
    seen_once: set[int] = set()
    seen_again: dict[int, int] = {}
    refs: dict[str, tuple[str, int]] = {}
    days: dict[str, date] = {}
    amounts: dict[str, int | None] = {}
    damaged: set[str] = set()
    for sale in passes():
        try:
            day = days.get(sale.day) or days.setdefault(sale.day, parse_sale_day(sale.day, order))
            if day > today:
                raise ValidationError("date", sale.day, _("is after today; only what already happened is logged"))
            negative, plain = signed[sale.amount]
            cents = amounts[plain] if plain in amounts else amounts.setdefault(plain, parse_amount(plain, number_format))
            kind = parse_kind(sale.kind or "purchase")
            if negative and kind == Kind.PURCHASE:
                kind = Kind.REFUND  # "-$12.96" or "(12.96)" at a till: money given back
        except ValidationError as exc:
            plan.skipped.append(Skipped(sale.line, sale.customer or sale.name or sale.email, str(exc), refused=True))
            continue
        if sale.customer and damaged_by_a_spreadsheet(sale.customer):
            if sale.customer not in damaged:
                damaged.add(sale.customer)
                plan.warnings.append(_("line {line}: the customer id {customer} was rounded by a spreadsheet (its digits are lost), so it is not used; the customer is matched by name, email or phone instead").format(line=sale.line, customer=sale.customer))
            sale = replace(sale, customer="")
        who = sale.customer or sale.email.casefold() or sale.phone or name_key(sale.name)
        if not who:
            plan.counted["no customer"] = plan.counted.get("no customer", 0) + 1
            continue
        base = f"sale|{who}|{day.isoformat()}|{cents}|{kind.value}|{sale.note}"
        fingerprint = hash(base)
        if fingerprint in seen_once:
            seen_again[fingerprint] = times = seen_again.get(fingerprint, 1) + 1
        else:
            seen_once.add(fingerprint)
            times = 1
        key = import_key(f"{base}|{times}")
        if key in known_keys:
            plan.skipped.append(Skipped(sale.line, who, _("already imported"), held="imported"))
            continue
        ref = refs.get(who)
        if ref is None:
            contact = Contact(name=sale.name or (_("Customer {customer}").format(customer=sale.customer) if sale.customer else sale.email or sale.phone),
                              emails=(sale.email,) if sale.email else (), phones=(sale.phone,) if sale.phone else (),
                              external_id=sale.customer, source=source, created_on=today)
            try:
                contact = clean_contact(contact)
            except ValidationError as exc:
                plan.skipped.append(Skipped(sale.line, who, str(exc), refused=True))
                continue
            ref = refs[who] = _place(plan, matcher, book_contacts, contact, sale.line)
        interaction = Interaction(contact_id=0, kind=kind, occurred_on=day, note=sale.note, amount_cents=cents)
        plan.sales.append(PlannedSale(line=sale.line, interaction=interaction, import_key=key,
                                      existing_id=ref[1] if ref[0] == "book" else None,
                                      new_index=ref[1] if ref[0] == "new" else None))
    # A customer line that only repeats a known customer is not worth a "skipped" line of its own.
    plan.skipped = [s for s in plan.skipped if s.held not in ("book", "file")]
    return plan


def import_key(text: str) -> int:
    """A line's identity as a 63-bit number: the same sale in the same file gives the same key,
    so a re-import skips it; a number keeps the unique index small on a million rows."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") >> 1
