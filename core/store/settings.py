"""The book's settings checked before they are stored: each keeps its type and stays sane."""

from __future__ import annotations

from core.domain import Settings
from core.errors import ValidationError


# The settings a verdict depends on; changing any of them works every verdict out again.
LADDER_SETTINGS = ("window_days", "client_min_purchases", "partner_cadence_days", "client_cadence_days",
                   "customer_cadence_days", "prospect_cadence_days", "slipping_min_purchases", "slipping_gap_factor",
                   "slipping_grace_days", "partner_risk_days", "max_follow_ups", "recheck_days", "rhythm_grace_days",
                   "leap_day")


def system_number_locale() -> str:
    """How this computer writes numbers, as a Babel locale; the C locale (Babel reads it as
    "en_US_POSIX", a name no owner knows) and an unset one read as en_US."""
    from babel import default_locale

    found = (default_locale("LC_NUMERIC") or "").removesuffix("_POSIX")
    return found if found and found not in ("C", "POSIX") else "en_US"


def checked_setting(key: str, value: object, current: object) -> object:
    """Settings keep their type; numbers must be positive and sane."""
    if isinstance(current, str):
        text = str(value).strip()
        if key == "paper_size" and text not in ("A4", "Letter"):
            raise ValidationError(key, value, "paper size is A4 or Letter")
        if key == "leap_day" and text not in ("28 Feb", "1 Mar"):
            raise ValidationError(key, value, "a 29 February falls on 28 Feb or 1 Mar in other years")
        if key == "currency" and not (1 <= len(text) <= 5):
            raise ValidationError(key, value, "a currency is a short code such as EUR or $")
        if key == "country" and text and not (len(text) == 2 and text.isalpha()):
            raise ValidationError(key, value, "a country is two letters, such as ES, GB or US")
        if key == "country":
            text = text.upper()
        if key == "number_locale" and text:
            from babel import Locale, UnknownLocaleError

            try:
                text = str(Locale.parse(text.replace("-", "_")))
            except (ValueError, UnknownLocaleError):
                raise ValidationError(key, value, "a locale such as en_GB, de_DE or fr_FR") from None
        if key == "business_name" and not text:
            raise ValidationError(key, value, "the business needs a name")
        return text
    try:
        number = float(str(value)) if isinstance(current, float) else int(str(value))
    except (TypeError, ValueError):
        raise ValidationError(key, value, "must be a number") from None
    low, high = Settings.limits(key)
    if not low <= number <= high:
        if key == "checklist_pages":
            raise ValidationError(key, value, "must be between 0 (every line) and 50 pages")
        raise ValidationError(key, value, f"must be between {low:,} and {high:,}")
    return number

