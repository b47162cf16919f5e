"""How this computer writes numbers, for a book whose own number format is left to the system."""

from __future__ import annotations


def system_number_locale() -> str:
    """How this computer writes numbers, as a Babel locale; the C locale (Babel reads it as
    "en_US_POSIX", a name no owner knows) and an unset one read as en_US."""
    from babel import default_locale

    found = (default_locale("LC_NUMERIC") or "").removesuffix("_POSIX")
    return found if found and found not in ("C", "POSIX") else "en_US"
