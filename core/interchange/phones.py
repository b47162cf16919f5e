"""Phone numbers compared and dialled in one form (E.164), whatever way they were typed.

What the owner typed is kept as typed; the normalised form is computed when needed, from
the book's country (a setting), so "0612 345 678" in Spain and "+34 612 345 678" match.
"""

from __future__ import annotations

import locale
from functools import lru_cache

import phonenumbers


def default_country() -> str:
    """The country of the system's locale ("en_GB" → "GB"), or "" when it says none."""
    name = (locale.getlocale()[0] or "")
    region = name.split("_")[1][:2].upper() if "_" in name else ""
    return region if region in phonenumbers.SUPPORTED_REGIONS else ""


@lru_cache(maxsize=65536)
def normalise_phone(number: str, country: str = "") -> str | None:
    """The number in E.164 ("+34612345678"), or None when it cannot be read as a phone number."""
    try:
        parsed = phonenumbers.parse(number, (country or "").upper() or None)
    except phonenumbers.NumberParseException:
        digits = "".join(ch for ch in number if ch.isdigit())
        return digits if len(digits) >= 6 else None
    if not phonenumbers.is_possible_number(parsed):
        digits = "".join(ch for ch in number if ch.isdigit())
        return digits if len(digits) >= 6 else None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def dialling_form(number: str, country: str = "") -> str:
    """How to print a number to be dialled: international format when it can be read, else as typed."""
    try:
        parsed = phonenumbers.parse(number, (country or "").upper() or None)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_valid_number(parsed):
        return number
    same_country = country and phonenumbers.region_code_for_number(parsed) == country.upper()
    style = phonenumbers.PhoneNumberFormat.NATIONAL if same_country else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(parsed, style)
