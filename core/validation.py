"""Turning what the owner typed into clean values, or a ValidationError that names the field.

Every check runs before anything is written, so bad input leaves the book unchanged.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from core.domain import Answer, ContactKind, Kind, Question, Tier
from core.errors import ValidationError

_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()./\-]{3,}(\s*(x|ext\.?)\s*[0-9]+)?$", re.IGNORECASE)
_MAX_TEXT = 20_000
MAX_NOTES = 2_000_000  # notes imported from an address book can be long (a pasted letter): keep them whole
MAX_AMOUNT_CENTS = 10**12  # ten billion in any currency: past that it is a typing mistake


def clean_name(value: str | None) -> str:
    name = (value or "").strip()
    if not name:
        raise ValidationError("name", value, "a contact needs a name")
    if len(name) > 200:
        raise ValidationError("name", name[:40] + "…", "a name is at most 200 characters")
    return name


def clean_text(field: str, value: str | None) -> str:
    text = (value or "").strip()
    limit = MAX_NOTES if field == "notes" else _MAX_TEXT
    if len(text) > limit:
        raise ValidationError(field, text[:40] + "…", f"at most {limit:,} characters")
    return text


def clean_email(value: str) -> str:
    email = value.strip()
    if not _EMAIL.match(email):
        raise ValidationError("email", value, "not an email address like name@example.com")
    return email


def clean_phone(value: str) -> str:
    phone = " ".join(value.split())
    if not _PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 3:
        raise ValidationError("phone", value, "not a phone number (digits, spaces, + ( ) - . only)")
    return phone


def clean_list(field: str, values: object, cleaner=None) -> tuple[str, ...]:
    """Accept a list or a comma/semicolon separated string; drop empties and duplicates."""
    if values is None:
        return ()
    items = re.split(r"[;,\n]", values) if isinstance(values, str) else list(values)  # type: ignore[arg-type]
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
            raise ValidationError(field, value, "a date is needed (YYYY-MM-DD)")
        return default
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(field, value, "not a date in the form YYYY-MM-DD")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, value, "no such day in the calendar") from None
    if day.year < 1900:
        raise ValidationError(field, value, "dates before 1900 are not accepted")
    return day


def parse_amount(value: str | int | Decimal | None) -> int | None:
    """Money as typed ("42.50", "42,50", "1 200") to integer cents; never negative."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        cents = value
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError("amount", value, "not an amount like 42.50") from None
        if not amount.is_finite():
            raise ValidationError("amount", value, "not an amount like 42.50")
        if amount != amount.quantize(Decimal("0.01")):
            raise ValidationError("amount", value, "at most two decimals")
        cents = int(amount * 100)
    if cents < 0:
        raise ValidationError("amount", value, "an amount cannot be negative")
    if cents > MAX_AMOUNT_CENTS:
        raise ValidationError("amount", value, "too large to be a real amount")
    return cents


def parse_kind(value: str | Kind) -> Kind:
    try:
        return Kind(str(value).strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        names = ", ".join(k.value for k in Kind)
        raise ValidationError("kind", value, f"unknown kind; use one of {names}") from None


def parse_label(value: str | Tier | None) -> Tier | None:
    if value is None or value == "":
        return None
    try:
        return Tier(str(value).strip().lower())
    except ValueError:
        names = ", ".join(t.value for t in Tier)
        raise ValidationError("label", value, f"unknown label; use one of {names}") from None


def parse_question(value: str | Question) -> Question:
    try:
        return Question(str(value).strip().lower())
    except ValueError:
        names = ", ".join(q.value for q in Question)
        raise ValidationError("question", value, f"unknown question; use one of {names}") from None


def parse_answer(value: str | Answer) -> Answer:
    aliases = {"y": "yes", "n": "no", "u": "unknown", "?": "unknown"}
    text = str(value).strip().lower()
    try:
        return Answer(aliases.get(text, text))
    except ValueError:
        raise ValidationError("answer", value, "answer yes, no or unknown") from None


def parse_contact_kind(value: str | ContactKind | None) -> ContactKind:
    """Person or organisation ("org", "company" and "business" are read as organisation)."""
    text = str(value or "person").strip().lower()
    if text in ("org", "organization", "company", "business"):
        text = "organisation"
    try:
        return ContactKind(text)
    except ValueError:
        raise ValidationError("kind of contact", value, "a contact is a person or an organisation") from None


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
            raise ValidationError(field, value, "no such day in the calendar") from None
        return text
    return parse_day(text, field).isoformat()
