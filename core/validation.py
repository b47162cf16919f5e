"""Turning what the owner typed into clean values, or a ValidationError that names the field.

Every check runs before anything is written, so bad input leaves the book unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, cast

import re
import unicodedata
from functools import lru_cache
from datetime import date
from decimal import Decimal

from core.domain import Answer, Contact, ContactKind, Kind, Question, Role, Tier
from core.errors import ValidationError
from core.text import fold
from core.i18n import _

_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()./\-]{3,}(\s*(x|ext\.?)\s*[0-9]+)?$", re.IGNORECASE)
_MAX_TEXT = 20_000
MAX_NOTES = 2_000_000  # notes imported from an address book can be long (a pasted letter): keep them whole
MAX_AMOUNT_CENTS = 10**12  # ten billion in any currency: past that it is a typing mistake


# Terminal escape sequences (ANSI CSI/OSC), C0 and C1 control characters, and the invisible
# bidirectional controls that can make a list print in the wrong order: never part of a name.
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|\x1b.?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
# Invisible characters that make two names look the same: zero-width space, word joiner and the
# invisible operators, the byte-order mark, the Mongolian vowel separator, and the tag characters.
_INVISIBLE = re.compile("[\u200b\u2060-\u2064\ufeff\u180e\U000e0000-\U000e007f]")
# Zero-width (non-)joiners shape Persian, Arabic and Indic words and emoji; beside a Latin letter,
# a space or an edge they only hide.
_LONE_JOINER = re.compile("(?:(?<=[\x00-\u024f])|^)[\u200c\u200d]|[\u200c\u200d](?=[\x00-\u024f]|$)")


def plain_text(field: str, value: str, keep_lines: bool) -> str:
    """Text as it may be stored and printed: no escapes, no control or bidi-override characters.

    Printable text (Python's test: no control, format, surrogate or line characters) has none of
    them, and is most of what an import reads: it skips the three substitutions."""
    if value.isprintable():
        text = value
    else:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(field, value.encode("utf-8", "replace").decode("utf-8"),
                                  _("is not valid text (its bytes are not UTF-8)")) from None
        text = _BIDI.sub("", _CONTROLS.sub(" ", _ESCAPES.sub(" ", value)))
        text = _LONE_JOINER.sub("", _INVISIBLE.sub("", text))
    if not keep_lines:
        text = re.sub(r"\s+", " ", text)
    return text


def clean_name(value: str | None) -> str:
    name = plain_text("name", value or "", keep_lines=False).strip()
    if not name:
        raise ValidationError("name", value, _("a contact needs a name"))
    if not any(unicodedata.category(ch)[0] in "LN" for ch in name):
        raise ValidationError("name", value, _("a name needs letters or digits, not only marks or invisible characters"))
    if len(name) > 200:
        raise ValidationError("name", name[:40] + "…", _("a name is at most 200 characters"))
    return name


def clean_text(field: str, value: str | None) -> str:
    if not value:
        return ""  # most fields of an imported card are empty
    text = plain_text(field, value, keep_lines=True).strip()
    limit = MAX_NOTES if field == "notes" else _MAX_TEXT
    if len(text) > limit:
        raise ValidationError(field, text[:40] + "…", _("at most {limit:,} characters").format(limit=limit))
    return text


def clean_email(value: str) -> str:
    email = value.strip()
    if not _EMAIL.match(email):
        raise ValidationError("email", value, _("not an email address like name@example.com"))
    return email


def clean_phone(value: str) -> str:
    phone = " ".join(value.split())
    if not _PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 3:
        raise ValidationError("phone", value, _("not a phone number (digits, spaces, + ( ) - . only)"))
    return phone


def clean_list(field: str, values: object, cleaner=None) -> tuple[str, ...]:
    """Accept a list or a comma/semicolon separated string; drop empties and duplicates."""
    if not values:
        return ()
    items = re.split(r"[;,\n]", values) if isinstance(values, str) else list(cast(Iterable[object], values))
    cleaned: list[str] = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        text = cleaner(text) if cleaner else clean_text(field, text)
        if text not in cleaned:
            cleaned.append(text)
    return tuple(cleaned)


def parse_day(value: str | date | None, field: str = "date", default: date | None = None) -> date:
    """An ISO date (2026-11-02). "31 February" is refused with the field named."""
    if value is None or value == "":
        if default is None:
            raise ValidationError(field, value, _("a date is needed (YYYY-MM-DD)"))
        return default
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(field, value, _("not a date in the form YYYY-MM-DD"))
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, value, _("no such day in the calendar")) from None
    if day.year < 1900:
        raise ValidationError(field, value, _("dates before 1900 are not accepted"))
    if day.year > 2999:
        raise ValidationError(field, value, _("dates after 2999 are not accepted"))
    return day


# A currency's sign or code before or after an amount ("£150", "150 GBP", "€ 12,50"): tills write them,
# and so do owners.
CURRENCY_MARK = re.compile(r"^(?:[A-Z]{3}|[$€£¥₹₩₽₺₪₫฿₴₦₱]|R\$|kr\.?|Fr\.|CHF|zł|Kč|Ft|lei)\s*|\s*(?:[A-Z]{3}|[$€£¥₹₩₽₺₪₫฿₴₦₱]"
                       r"|kr\.?|Fr\.|CHF|zł|Kč|Ft|lei)$")


def parse_amount(value: str | int | Decimal | None, locale: str = "en_US") -> int | None:
    """Money as typed, read the way the book's locale writes numbers, to integer cents; never negative.
    A currency's sign or code around it is read past ("£150", "150 GBP").

    "1,000" is one thousand in en_US and one (with three decimals) in de_DE; an amount that has
    more decimals than cents, or a grouping that does not fit the locale, is refused with the
    readings it could have, never silently stored 1,000 times off.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        cents = value
    else:
        text = value if isinstance(value, Decimal) else CURRENCY_MARK.sub("", str(value).strip()).strip()
        cents = _cents(text if isinstance(text, Decimal) else _read_number(text, locale), value, locale)
    if cents < 0:
        raise ValidationError("amount", value, _("an amount cannot be negative"))
    if cents > MAX_AMOUNT_CENTS:
        raise ValidationError("amount", value, _("too large to be a real amount"))
    return cents


def amount_as_typed(cents: int, locale: str) -> str:
    """Cents the way the owner would type them back in this locale: 1234.5 → "1234,50" in de_DE."""
    from babel.numbers import format_decimal

    return format_decimal(Decimal(cents).scaleb(-2), "0.00", locale=locale)


def amount_in_words(cents: int, locale: str, currency: str) -> str:
    """How the window confirms what it read: "= 1,000.00 EUR"."""
    from babel.numbers import format_decimal

    return f"= {format_decimal(Decimal(cents).scaleb(-2), '#,##0.00', locale=locale)} {currency}"


_PLAIN_AMOUNT = re.compile(r"(\d{1,15})(?:([.,])(\d{1,2}))?")


@lru_cache(maxsize=64)
def _decimal_symbol(locale: str) -> str:
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(locale)


def _read_number(text: str, locale: str) -> Decimal:
    """The amount as a Decimal. The common shapes ("42", "42.50" where "." is the decimal mark)
    are read directly; everything else goes through Babel's strict parser (a sales log has
    70,000 of them, and Babel takes tens of microseconds each)."""
    plain = _PLAIN_AMOUNT.fullmatch(text.strip())
    if plain and (plain[2] is None or plain[2] == _decimal_symbol(locale)):
        return Decimal(f"{plain[1]}.{plain[3]}" if plain[3] else plain[1])
    return _read_with_babel(text, locale)


def _read_with_babel(text: str, locale: str) -> Decimal:
    from babel.numbers import NumberFormatError, parse_decimal

    raw = text
    text = re.sub(r"(?<=\d)[ \u00a0\u202f'](?=\d)", "", text.strip())  # 1 200 and 1'200: spaces group digits
    if not re.fullmatch(r"-?[0-9.,]*[0-9][0-9.,]*", text):
        raise ValidationError("amount", raw, _("not an amount like 42.50"))
    if len(re.sub(r"\D", "", text)) > 15:
        raise ValidationError("amount", raw, _("too large to be a real amount"))
    try:
        return parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError as exc:
        readings = [s for s in (getattr(exc, "suggestions", None) or []) if s]
        if readings:
            raise ValidationError("amount", raw, _("could be {join} here ({locale} numbers); write it as one of those").format(join=' or '.join(readings), locale=locale)) from None
        raise ValidationError("amount", raw, _("not an amount like 42.50")) from None
    except (ValueError, ArithmeticError):
        raise ValidationError("amount", raw, _("not an amount like 42.50")) from None


def _cents(amount: Decimal, raw: object, locale: str) -> int:
    if not amount.is_finite():
        raise ValidationError("amount", raw, _("not an amount like 42.50"))
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        from babel.numbers import format_decimal

        places = -exponent
        small = format_decimal(amount.quantize(Decimal("0.01"), rounding="ROUND_DOWN"), "#,##0.00", locale=locale)
        large = format_decimal(amount.scaleb(places), "#,##0.00", locale=locale)
        raise ValidationError("amount", raw, _("has {places} decimals; did you mean {large} or {small}?").format(places=places, large=large, small=small))
    return int(amount * 100)


_KINDS_AS_WRITTEN: dict[str, Kind] = {kind.value: kind for kind in Kind}


def parse_kind(value: str | Kind) -> Kind:
    known = _KINDS_AS_WRITTEN.get(value)  # a Kind, or its value as stored: every line of a sales log
    if known is not None:
        return known
    try:
        return Kind(str(value).strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        names = ", ".join(k.value for k in Kind)
        raise ValidationError("kind", value, _("unknown kind; use one of {names}").format(names=names)) from None


def parse_label(value: str | Tier | None) -> Tier | None:
    if value is None or value == "":
        return None
    try:
        return Tier(str(value).strip().lower())
    except ValueError:
        names = ", ".join(t.value for t in Tier)
        raise ValidationError("label", value, _("unknown label; use one of {names}").format(names=names)) from None


def parse_role(value: str | Role | None) -> Role:
    """A contact's role; blank is the default, customer. A file or a command may say it in any case."""
    if value is None or str(value).strip() == "":
        return Role.CUSTOMER
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise ValidationError("role", value, _("unknown role; use one of {names}").format(names=names)) from None


def parse_question(value: str | Question) -> Question:
    try:
        return Question(str(value).strip().lower())
    except ValueError:
        names = ", ".join(q.value for q in Question)
        raise ValidationError("question", value, _("unknown question; use one of {names}").format(names=names)) from None


def parse_answer(value: str | Answer) -> Answer:
    aliases = {"y": "yes", "n": "no", "u": "unknown", "?": "unknown"}
    text = str(value).strip().lower()
    try:
        return Answer(aliases.get(text, text))
    except ValueError:
        raise ValidationError("answer", value, _("answer yes, no or unknown")) from None


def parse_contact_kind(value: str | ContactKind | None) -> ContactKind:
    """Person or organisation ("org", "company" and "business" are read as organisation)."""
    if isinstance(value, ContactKind):
        return value
    text = str(value or "person").strip().lower()
    if text in ("org", "organization", "company", "business"):
        text = "organisation"
    try:
        return ContactKind(text)
    except ValueError:
        raise ValidationError(_("kind of contact"), value, _("a contact is a person or an organisation")) from None


def parse_yearless_day(value: str | None, field: str) -> str:
    """A birthday or anniversary: YYYY-MM-DD, or --MM-DD when the year is not known; "" for none."""
    text = (value or "").strip()
    if not text:
        return ""
    match = re.fullmatch(r"--(\d{2})-(\d{2})", text)
    if match:
        try:
            date(2000, int(match.group(1)), int(match.group(2)))  # a leap year: 29 February is a birthday
        except ValueError:
            raise ValidationError(field, value, _("no such day in the calendar")) from None
        return text
    return parse_day(text, field).isoformat()


def with_guessed_kind(contact: Contact) -> Contact:
    """On entry, a contact whose name is its organisation is taken for an organisation (editable)."""
    if contact.kind == ContactKind.PERSON and contact.organisation and \
            fold(contact.name.strip()) == fold(contact.organisation.strip()):
        return replace(contact, kind=ContactKind.ORGANISATION)
    return contact


def clean_contact(contact: Contact) -> Contact:
    """Validate every field; a ValidationError names the first bad one."""
    phones = clean_list("phone", contact.phones, clean_phone)
    labels = dict(zip((" ".join(p.split()) for p in contact.phones), contact.phone_labels))
    return replace(
        contact,
        name=clean_name(contact.name),
        organisation=clean_text("organisation", contact.organisation),
        phones=phones,
        phone_labels=tuple(clean_text(_("phone type"), labels.get(p, "")) for p in phones),
        kind=parse_contact_kind(contact.kind),
        title=clean_text("title", contact.title),
        source=clean_text("source", contact.source),
        birthday=parse_yearless_day(contact.birthday, "birthday"),
        anniversary=parse_yearless_day(contact.anniversary, "anniversary"),
        external_id=clean_text(_("customer number"), contact.external_id),
        emails=clean_list("email", contact.emails, clean_email),
        address=clean_text("address", contact.address),
        tags=clean_list("tag", [part for tag in contact.tags for part in tag.split(",")]),
        notes=clean_text("notes", contact.notes),
        how_met=clean_text(_("how we met"), contact.how_met),
        label=parse_label(contact.label),
        role=parse_role(contact.role),
        pinned=tuple(dict.fromkeys(clean_text(_("pinned note"), note) for note in contact.pinned if note.strip())),
    )
