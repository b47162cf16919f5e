"""Small text helpers shared by the ladder, the printouts and the search index."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from core.i18n import _, keeps_words


# Letters that Unicode does not decompose into a base letter plus an accent, so NFKD alone
# would leave "Łukasiewicz" unfindable by "lukas".
_UNDECOMPOSABLE = str.maketrans(
    {
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "þ": "th", "Þ": "th", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t", "ŀ": "l", "Ŀ": "l",
    }
)


class _WithoutMarks(dict):
    """A ``str.translate`` table that drops combining marks: each character is asked of Unicode once,
    then looked up in C (a name's fold, a verdict's sort key, walked a character at a time in Python,
    cost 5 µs of every verdict)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """Lower-case and strip accents so that "zoe" finds "Zoë" and "lukas" finds "Łukasiewicz".

    Scripts without case or accents (Chinese, for instance) pass through unchanged.
    """
    if text.isascii():
        return text.lower()  # nothing to decompose or strip: most names and every email and phone
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return decomposed.translate(_WITHOUT_MARKS).casefold()


def sort_key(name: str) -> str:
    """Where a name stands in an alphabetical list: its letters without accents, in lower case
    ("Łukasz" with the L's, "Ñandú" with the N's, "Zoë" before "Zora"); equal keys keep the order the
    contacts were added in. Stored with each contact: the list reads it along an index."""
    return fold(name.strip())


def format_day(day: date) -> str:
    """A date as an owner writes it in her language: "2 Nov 2026", "2 nov. 2026", "2. Nov. 2026"."""
    return _day_as_written(day)


def day_and_month(day: date) -> str:
    """A day of the year as an owner says it: "31 May", "31 mai", "31. Mai"."""
    return _day_as_written(day, with_year=False)


def month_words(day: date, with_year: bool = False) -> str:
    """The month of ``day`` as a chart's axis names it: "Dec 2026" or "Dec"; "déc. 2026", "Dez. 2026"."""
    from babel.dates import format_date, format_skeleton

    from core.i18n import date_locale, language

    if language() == "en":
        return format_date(day, "MMM y" if with_year else "MMM", locale="en_US")
    return format_skeleton("yMMM" if with_year else "MMM", day, locale=date_locale())


def weekday_and_day(day: date) -> str:
    """A typed day read back with its weekday, so that a slip shows: "Saturday 5 Dec 2026",
    "samedi 5 déc. 2026", "Samstag 5. Dez. 2026"."""
    from babel.dates import format_date

    from core.i18n import date_locale, language

    weekday = format_date(day, "EEEE", locale="en_US" if language() == "en" else date_locale())
    return f"{weekday} {format_day(day)}"


def complaint_words(made: date, resolved: date) -> str:
    """A put-right complaint as the reasons say it: "Complaint of 29 May 2026, resolved 30 May 2026"."""
    return _("Complaint of {made}, resolved {resolved}").format(made=format_day(made), resolved=format_day(resolved))


def timeline_words(kind_label: str, resolved_on: date | None) -> str:
    """What one timeline line calls an interaction: its kind, and for a complaint put right, when
    ("Complaint, resolved 30 May 2026"), so that the resolution stays in sight beside the complaint."""
    return f"{kind_label}, resolved {format_day(resolved_on)}" if resolved_on else kind_label


def format_moment(moment: datetime) -> str:
    """A day and a time as an owner reads them: "1 Dec 2026 19:21" (a backup's, say)."""
    return f"{format_day(moment.date())} {moment:%H:%M}"


@keeps_words
@lru_cache(maxsize=8192)
def _day_as_written(day: date, with_year: bool = True) -> str:
    # Kept for the days seen last: re-tiering a book writes the same few thousand days many times.
    template, months = _day_template(with_year)
    return template % {"d": day.day, "MMM": months[day.month], "y": day.year}


@keeps_words
@lru_cache(maxsize=4)
def _day_template(with_year: bool) -> tuple[str, dict[int, str]]:
    """How the language writes a day, as Babel's calendar says it ("d MMM y", "d. MMM y"), made once
    into a template and the month names it takes: a pane's timeline writes two hundred days, and
    Babel's formatter took 30 µs a day where this takes one. English keeps "2 Sep 2026"."""
    import re

    from babel import Locale
    from babel.dates import get_month_names, match_skeleton, parse_pattern

    from core.i18n import date_locale, language

    if language() == "en":
        locale, pattern = Locale.parse("en_US"), "d MMM y" if with_year else "d MMM"
    else:
        locale = Locale.parse(date_locale())
        skeletons = locale.datetime_skeletons
        pattern = str(skeletons[match_skeleton("yMMMd" if with_year else "MMMd", skeletons)])
    template = str(parse_pattern(pattern).format)  # "%(d)s %(MMM)s %(y)s"
    assert set(re.findall(r"%\((\w+)\)s", template)) <= {"d", "MMM", "y"}, f"a day written as {pattern!r}"
    return template, dict(get_month_names("abbreviated", "format", locale=locale))


def numbers_locale() -> str:
    """The Babel locale numbers are shown in: English as written in the US and Britain ("1,042.50"),
    else the language's own ("1 042,50", "1.042,50"), as money and charts write them."""
    from core.i18n import date_locale, language

    return "en_US" if language() == "en" else date_locale()


def format_number(value: float | Decimal, places: int = 0) -> str:
    """A number grouped by thousands as the owner's language writes it, with ``places`` decimals:
    "23,570", "23 570", "23.570"."""
    return _grouped(value, repr(value), places, numbers_locale())


@lru_cache(maxsize=4096)
def _grouped(value: float | Decimal, written: str, places: int, locale: str) -> str:
    """``format_number``'s words, kept: Babel takes 50 µs a number, and after every log the sidebar
    writes the same dozen counts again (a twentieth of the log's time). Kept by how Python writes
    the number too (``written``): -0.0 equals 0 but Babel writes it "-0", and the one must not be
    read back for the other."""
    from babel.numbers import format_decimal

    return format_decimal(value, "#,##0" + ("." + "0" * places if places else ""), locale=locale)


def format_count(value: float) -> str:
    """A chart's number as the owner's language writes it: whole, or with one decimal below 100."""
    return format_number(value, 0 if float(value).is_integer() or abs(value) >= 100 else 1)


def format_money(cents: int, currency: str = "EUR") -> str:
    """Integer cents as the owner's language writes them: "1,042.50 EUR", "1 042,50 EUR", "1.042,50 EUR";
    money is never held as a float."""
    return f"{format_amount(cents)} {currency}"


def format_amount(cents: int) -> str:
    """Integer cents as a number the owner's language writes: "1,042.50", "1 042,50", "1.042,50"."""
    from core.i18n import language

    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    if language() == "en":
        return f"{sign}{whole:,}.{part:02d}"
    return f"{sign}{format_number(Decimal(abs(cents)).scaleb(-2), 2)}"
