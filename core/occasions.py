"""Occasions: the florist's year (DESIGN, "Occasions"). Pure: no database, no clock, no Qt.

A contact holds occasions (a birthday, a wedding anniversary, a memorial day, a yearly order, a
floating day such as Mother's Day, or one the owner names), each for someone (the contact, or
"his wife Mei"), on a day with or without a year, with a lead time. Floating days follow the book's
country. A stopped occasion ("passed away") is kept but never shown again.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dateutil.easter import easter
from core.i18n import N_, _


class OccasionKind(StrEnum):
    BIRTHDAY = "birthday"
    ANNIVERSARY = "anniversary"
    MEMORIAL = "memorial"
    YEARLY_ORDER = "yearly-order"
    MOTHERS_DAY = "mothers-day"
    FATHERS_DAY = "fathers-day"
    VALENTINES = "valentines"
    CHRISTMAS = "christmas"
    NEW_YEAR = "new-year"
    OTHER = "other"  # the owner's own word is its label

    @property
    def floating(self) -> bool:
        """Its day comes from the calendar (and the book's country), not from the contact."""
        return self in _FLOATING

    @property
    def words(self) -> str:
        return _(_WORDS[self])


_FLOATING = frozenset({OccasionKind.MOTHERS_DAY, OccasionKind.FATHERS_DAY, OccasionKind.VALENTINES,
                       OccasionKind.CHRISTMAS, OccasionKind.NEW_YEAR})
_WORDS = {OccasionKind.BIRTHDAY: N_("birthday"), OccasionKind.ANNIVERSARY: N_("wedding anniversary"),
          OccasionKind.MEMORIAL: N_("memorial day"), OccasionKind.YEARLY_ORDER: N_("yearly order"),
          OccasionKind.MOTHERS_DAY: N_("Mother's Day"), OccasionKind.FATHERS_DAY: N_("Father's Day"),
          OccasionKind.VALENTINES: N_("Valentine's Day"), OccasionKind.CHRISTMAS: N_("Christmas"),
          OccasionKind.NEW_YEAR: N_("New Year"), OccasionKind.OTHER: N_("occasion")}


@dataclass(frozen=True)
class Occasion:
    """One of a contact's occasions. ``day`` is "YYYY-MM-DD", "--MM-DD" without the year, or "" for a
    floating day. ``source`` is "card" for the birthday and anniversary typed on the card (or imported
    with it), which live there; the rest are the book's own rows."""

    contact_id: int
    kind: OccasionKind
    day: str = ""
    for_whom: str = ""  # "" is the contact themself; else "his wife Mei", "Anna's mother"
    label: str = ""  # the owner's word for an OTHER occasion ("shop opening")
    lead_days: int = 7
    note: str = ""
    stopped_on: date | None = None
    stopped_why: str = ""
    id: int | None = None
    source: str = ""

    @property
    def stopped(self) -> bool:
        return self.stopped_on is not None

    @property
    def year(self) -> int | None:
        return int(self.day[:4]) if len(self.day) == 10 and not self.day.startswith("--") else None

    def what(self) -> str:
        """What it is, in the owner's words: "birthday", "shop opening", "Mother's Day"."""
        return self.label if self.kind is OccasionKind.OTHER and self.label else self.kind.words


def mothers_day(year: int, country: str) -> date:
    """Mother's Day where the book is: Mothering Sunday in the UK and Ireland (three weeks before
    Easter), the last Sunday of May in France (the first of June when that is Pentecost), the second
    Sunday of May in most other countries (the US, Canada, Germany, Italy, Australia…)."""
    if country in ("GB", "UK", "IE"):
        return easter(year) - timedelta(days=21)
    if country == "FR":
        last = _last_sunday(year, 5)
        return last + timedelta(days=7) if last == easter(year) + timedelta(days=49) else last
    if country == "ES":
        return _nth_sunday(year, 5, 1)  # Spain: the first Sunday of May
    return _nth_sunday(year, 5, 2)


def fathers_day(year: int, country: str) -> date:
    """Father's Day: Ascension Day in Germany, 19 March in Italy, Spain and Portugal, the first Sunday
    of September in Australia and New Zealand, the third Sunday of June elsewhere (the US, the UK,
    Canada, France…)."""
    if country in ("DE", "AT"):
        return easter(year) + timedelta(days=39)
    if country in ("IT", "ES", "PT"):
        return date(year, 3, 19)
    if country in ("AU", "NZ"):
        return _nth_sunday(year, 9, 1)
    return _nth_sunday(year, 6, 3)


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() + 1) % 7)


def on_in_year(occasion: Occasion, year: int, country: str, leap_day_on_28: bool = True) -> date | None:
    """The occasion's date in ``year`` (None: no day known). 29 February falls on the 28th in other
    years (or on 1 March, as the owner prefers)."""
    kind = occasion.kind
    if kind is OccasionKind.MOTHERS_DAY:
        return mothers_day(year, country)
    if kind is OccasionKind.FATHERS_DAY:
        return fathers_day(year, country)
    if kind is OccasionKind.VALENTINES:
        return date(year, 2, 14)
    if kind is OccasionKind.CHRISTMAS:
        return date(year, 12, 25)
    if kind is OccasionKind.NEW_YEAR:
        return date(year, 1, 1)
    if len(occasion.day) < 7:
        return None
    month, day = int(occasion.day[-5:-3]), int(occasion.day[-2:])
    if (month, day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28) if leap_day_on_28 else date(year, 3, 1)
    return date(year, month, day)


def next_on(occasion: Occasion, today: date, country: str, leap_day_on_28: bool = True) -> date | None:
    """The occasion's next date on or after ``today``; None when stopped or without a day."""
    if occasion.stopped:
        return None
    for year in (today.year, today.year + 1):
        day = on_in_year(occasion, year, country, leap_day_on_28)
        if day is None:
            return None
        if day >= today:
            return day
    return None


def ordinal(n: int) -> str:
    """"65th" in English; the catalog says it its way ("65e", "65.")."""
    from core.i18n import language

    if language() != "en":
        return _("{count}th").format(count=n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def weekday_day(day: date) -> str:
    """"Tue 29 May": a day this week or next, as a to-do says it ("mar. 29 mai", "Di. 29. Mai")."""
    from core.i18n import date_locale, language

    if language() == "en":
        return f"{calendar.day_abbr[day.weekday()]} {day.day} {calendar.month_abbr[day.month]}"
    from babel.dates import format_skeleton

    return format_skeleton("MMMEd", day, locale=date_locale())


def headline(occasion: Occasion, name: str, on: date) -> str:
    """"Wei's wedding anniversary on Thu 31 May", "Anna's mother's 65th birthday on Sat 12 May"."""
    who = occasion.for_whom or name
    what = occasion.what()
    year = occasion.year
    if year is not None and occasion.kind in (OccasionKind.BIRTHDAY, OccasionKind.ANNIVERSARY) and on.year > year:
        what = f"{ordinal(on.year - year)} {what}"
    if occasion.kind.floating:
        said = _("{what} (for {who})").format(what=what, who=occasion.for_whom) if occasion.for_whom else what
        return _("{what} on {day}").format(what=said, day=weekday_day(on))
    # TRANSLATORS: "Wei's wedding anniversary on Thu 31 May"; {what} is the occasion, {who} whose it is.
    return _("{who}'s {what} on {day}").format(who=who, what=what, day=weekday_day(on))


def call_by(on: date, lead_days: int) -> date:
    """When to call about it: two days before (time to order and deliver), never before the lead starts."""
    return max(on - timedelta(days=2), on - timedelta(days=lead_days))


STEP_PREFIX = "occasion:"  # every occasion step's key starts so: the Monday section finds its step by it


def step_key(occasion: Occasion, on: date) -> str:
    """The plan step's key for this year's occasion: what a tick, a reminder's Done and a snooze name."""
    return f"{STEP_PREFIX}{occasion.kind.value}:{occasion.for_whom}:{on.isoformat()}"


def lead_starts(on: date, lead_days: int) -> date:
    return on - timedelta(days=lead_days)
