"""The day and the money of a sale as tills, shop systems and spreadsheets write them.

A till writes "$31.16", "€ 12,50", "12.50 EUR", "-$12.96" or "(12.96)" for a refund; Shopify
writes "2026-09-03 10:14:00 -0400"; a spreadsheet that saved a CSV writes "$1,149.00 " and
"9/3/2026". Each is read here into what the plan checks: a day, and an amount in the file's one
number format with its sign apart (a negative amount is money given back: a refund).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from core.errors import ValidationError
from core.validation import CURRENCY_MARK as _CURRENCY
from core.i18n import _

# Currency signs and the codes tills put before or after an amount.
_SPACES = re.compile(r"[\s\u00a0\u202f']")  # Swiss and French group digits with ' and narrow spaces


def split_amount(text: str) -> tuple[bool, str]:
    """(negative, the number alone): "-$12.96" → (True, "12.96"), "€ 1.149,00" → (False, "1.149,00")."""
    value = text.strip()
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1].strip()
    for _ignored in range(2):  # a sign and a currency, in either order: "-$12.96", "$-12.96", "-12.96 EUR"
        if value.startswith(("-", "−", "\u2212")):
            negative, value = True, value[1:].strip()
        value = _CURRENCY.sub("", value).strip()
    if value.endswith("-"):  # some tills write the sign last: "12.96-"
        negative, value = True, value[:-1].strip()
    return negative, _SPACES.sub("", value) if re.search(r"\d[\s\u00a0\u202f']\d{3}", value) else value


def plain_decimal(text: str) -> Decimal | None:
    """"1,149.00", "1.149,00", "12,50" or "12.50" as a number: the last separator followed by one or
    two digits is the decimal one. None when the text is not a number."""
    match = re.fullmatch(r"(\d{1,3}(?:([.,])\d{3})*|\d+)(?:([.,])(\d{1,2}))?", text.strip())
    if not match or (match.group(2) and match.group(2) == match.group(3)):
        return None
    whole = re.sub(r"[.,]", "", match.group(1))
    return Decimal(f"{whole}.{match.group(4) or '0'}")


def damaged_by_a_spreadsheet(identifier: str) -> bool:
    """A long number a spreadsheet turned into a rounded one ("7.02255E+12"): its digits are lost,
    so it must never be used to match a customer."""
    return re.fullmatch(r"\d(?:[.,]\d+)?E\+\d{1,3}", identifier.strip(), re.IGNORECASE) is not None


def file_number_locale(amounts: list[str], book_locale: str) -> str:
    """A till writes every amount the same way: when they all use "." (or all ",") for cents, read
    the whole file that way, thousands grouped or not; otherwise as the book's locale does."""
    plain = [a.strip() for a in amounts if a.strip()]
    if plain and all(re.fullmatch(r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?", a) for a in plain) \
            and any("." in a for a in plain):
        return "en_US"
    if plain and all(re.fullmatch(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?", a) for a in plain) \
            and any("," in a for a in plain):
        return "de_DE"
    if plain and all(re.fullmatch(r"-?\d+", a) for a in plain):
        return "en_US"
    return book_locale


def date_order(texts: list[str]) -> str:
    """"dmy" or "mdy" for slashed dates, decided by the whole file ("" when every one could be read
    either way: the caller decides by the system or the book's locale); ISO and YYYYMMDD need neither."""
    day_first = month_first = False
    for text in texts:
        match = _SLASHED.fullmatch(day_part(text))
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            day_first |= first > 12
            month_first |= second > 12
    if day_first and month_first:
        return "mixed"
    return "mdy" if month_first else "dmy" if day_first else ""  # "": the file does not say


_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})")
# A time after the day, with seconds, fractions, AM/PM and a zone or offset: all of it is dropped,
# since the day the sale was rung up is the day written before it.
_TIME = re.compile(r"(?:[ T,]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?)?"
                   r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}|[A-Z]{2,5}|\([^)]*\))?\s*$")
_MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}


def day_part(text: str) -> str:
    """The date of a date-and-time: "2026-09-03 10:14:00 -0400" → "2026-09-03"."""
    value = text.strip()
    match = re.match(r"\d{4}-\d{1,2}-\d{1,2}|\d{8}(?!\d)|\d{5}(?:\.\d+)?(?!\d)|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}"
                     r"|\d{1,2}[ -][A-Za-z]{3,9}\.?[ -]\d{4}", value)
    if match and _TIME.fullmatch(value[match.end():]):
        return match.group(0)
    return value


def parse_sale_day(text: str, order: str = "dmy") -> date:
    """20250131, 2025-01-31, 31/01/2025, 31.01.2025, 31/01/25, "Jan 31, 2025" or "31 Jan 2025", with
    or without a time after it (01/31/2025 when the file is month-first)."""
    value = day_part(text)
    try:
        if re.fullmatch(r"\d{5}(\.\d+)?", value) and 20_000 <= float(value) <= 80_000:
            # A spreadsheet's serial day (46268 is 3 Sep 2026): days since 30 Dec 1899, as Excel counts.
            return date(1899, 12, 30) + timedelta(days=int(float(value)))
        if re.fullmatch(r"\d{8}", value):
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            year, month, day = (int(p) for p in value.split("-"))
            return date(year, month, day)
        match = _SLASHED.fullmatch(value)
        if match:
            if order == "mixed":
                raise ValidationError("date", text, _("the file mixes day-first and month-first dates"))
            order = order or "dmy"
            first, second, year = (int(g) for g in match.groups())
            year += 2000 if year < 100 else 0  # "12/31/21": a till's two-digit year is this century's
            return date(year, second, first) if order == "dmy" else date(year, first, second)
        match = re.fullmatch(r"([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}),? (\d{4})|(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -]"
                             r"(\d{4})", value)
        if match:
            month_word, day_text, year_text = (match.group(1), match.group(2), match.group(3)) if match.group(1) \
                else (match.group(5), match.group(4), match.group(6))
            named = _MONTHS.get(month_word.lower())
            if named:
                return date(int(year_text), named, int(day_text))
    except ValueError:
        raise ValidationError("date", text, _("no such day in the calendar")) from None
    raise ValidationError("date", text, _("not a date (use 2025-01-31, 20250131 or 31/01/2025)"))
