"""Dates as people type them: 31/12/2026, 31 Dec, 2026-12-31, "yesterday".

A day that does not exist is refused with the field named; a typed day is never changed into
another one (Qt's date editor turned 31 February into 25 February and 31 into 3 November).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from core.errors import ValidationError
from core.i18n import _
from core.text import fold

@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    """Every way a month is typed in English, French, German and Spanish, from Babel's calendars: the
    full and short names ("février", "févr", "Feb", "Sept"), without their accents ("fevrier") and
    cut to their first three or four letters ("fev", "dez"), except where two months share them
    ("jui": juin or juillet)."""
    from babel.dates import get_month_names

    found: dict[str, int] = {}
    shared: set[str] = set()
    for locale in ("en", "fr", "de", "es"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    name = name.lower().rstrip(".")
                    plain = fold(name)  # the names without their accents, as core.text folds any text
                    for typed in {name, plain, name[:3], plain[:3], name[:4], plain[:4]}:
                        if len(typed) >= 3 and found.setdefault(typed, number) != number:
                            shared.add(typed)
    return {typed: number for typed, number in found.items() if typed not in shared}


_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "aujourd'hui": 0, "hier": -1, "heute": 0, "gestern": -1,
          "hoy": 0, "ayer": -1}


def month_first(locale: str) -> bool:
    """Whether the locale writes 12/31 (month first), as en_US does."""
    try:
        from babel.dates import get_date_format

        return get_date_format("short", locale=locale).pattern.lstrip("[").lower().startswith("m")
    except Exception:  # noqa: BLE001 - an unknown locale reads day first, as most of the world does
        return False


def parse_typed_day(text: str, today: date, field: str = "date", locale: str = "en_GB") -> date:
    """The day the owner typed, or ValidationError naming ``field``; never a nearby day instead."""
    value = " ".join(text.strip().lower().replace(",", " ").split())
    if not value:
        raise ValidationError(field, text, _("type a date, such as 31/12/2026, 31 Dec or yesterday"))
    if value in _WORDS:
        return today + timedelta(days=_WORDS[value])
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if match:
        return _day(int(match[1]), int(match[2]), int(match[3]), text, field)
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?", value)
    if match:
        first, second = int(match[1]), int(match[2])
        day, month = (second, first) if month_first(locale) else (first, second)
        return _day(_year(match[3], today), month, day, text, field)
    match = re.fullmatch(r"(\d{1,2})\.? ([^\W\d_]+)\.?(?: (\d{4}))?", value)
    named = _month_names().get(match[2]) if match else None  # read from Babel on the first typed month
    if match and named:
        return _day(_year(match[3], today), named, int(match[1]), text, field)
    match = re.fullmatch(r"([^\W\d_]+)\.? (\d{1,2})(?: (\d{4}))?", value)
    named = _month_names().get(match[1]) if match else None
    if match and named:
        return _day(_year(match[3], today), named, int(match[2]), text, field)
    raise ValidationError(field, text, _("not a date; type it as 31/12/2026, 31 Dec 2026 or 2026-12-31"))


def typed_yearly_day(text: str, locale: str = "en_GB", field: str = "birthday") -> str:
    """A birthday or an anniversary as the owner types it, read as every date field reads dates
    ("28/11/1980", "28 Nov 1980", "Nov 28", "28/11"), as stored: "1980-11-28", or "--11-28" when
    no year was typed. ISO days and "--MM-DD" pass as they are (the book checks them)."""
    value = text.strip()
    if not value or re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}|--\d{2}-\d{2}", value):
        return value
    if " ".join(value.lower().split()) in _WORDS:
        raise ValidationError(field, text, _("a day of the year, such as 28/11, 28 Nov or 28/11/1980"))
    with_year = re.search(r"\d{4}", value) is not None or re.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}", value)
    try:
        day = parse_typed_day(value, date(2000, 1, 1), field, locale)  # 2000 is a leap year: 29 Feb is a birthday
    except ValidationError as exc:
        if with_year:
            raise
        raise ValidationError(field, text, exc.problem.replace(" 2000", "")) from None  # no year was typed
    return day.isoformat() if with_year else f"--{day:%m-%d}"


def _year(text: str | None, today: date) -> int:
    if not text:
        return today.year
    year = int(text)
    return 2000 + year if year < 100 else year


def _day(year: int, month: int, day: int, text: str, field: str) -> date:
    try:
        found = date(year, month, day)
    except ValueError:
        if 1 <= month <= 12:
            raise ValidationError(field, text, _("there is no day {day} in {date:%B} {year}").format(day=day, date=date(2000, month, 1), year=year)) from None
        raise ValidationError(field, text, _("there is no such month")) from None
    if not 1900 <= found.year <= 2999:
        raise ValidationError(field, text, _("a date between 1900 and 2999"))
    return found


@lru_cache(maxsize=4096)
def week_of(day: date) -> tuple[date, date]:
    """The Monday and Sunday of the week that contains ``day``: the checklist's week, everywhere."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
