"""Dates as people type them; a day that does not exist is refused, never moved."""

from __future__ import annotations

from datetime import date

import pytest

from core.dates import parse_typed_day
from core.errors import ValidationError

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("typed, locale, day", [
    ("31/12/2026", "en_GB", date(2026, 12, 31)),
    ("12/31/2026", "en_US", date(2026, 12, 31)),
    ("3/11", "en_GB", date(2026, 11, 3)),
    ("31 Dec", "en_GB", date(2026, 12, 31)),
    ("31 december 2025", "en_GB", date(2025, 12, 31)),
    ("Dec 31, 2025", "en_US", date(2025, 12, 31)),
    ("2026-12-31", "de_DE", date(2026, 12, 31)),
    ("31.12.2026", "de_DE", date(2026, 12, 31)),
    ("1. März 2026", "de_DE", date(2026, 3, 1)),
    ("yesterday", "en_GB", date(2026, 11, 24)),
    ("  Today ", "en_GB", TODAY),
    ("29/02/2024", "en_GB", date(2024, 2, 29)),
])
def test_what_people_type(typed: str, locale: str, day: date) -> None:
    assert parse_typed_day(typed, TODAY, locale=locale) == day


@pytest.mark.parametrize("typed, words", [
    ("31 Feb 2026", "there is no day 31 in February 2026"),
    ("31/11/2026", "there is no day 31 in November 2026"),
    ("29/02/2026", "there is no day 29 in February 2026"),
    ("13/13/2026", "there is no such month"),
    ("soon", "not a date; type it as 31/12/2026, 31 Dec 2026 or 2026-12-31"),
    ("", "type a date"),
])
def test_days_that_do_not_exist_are_refused_with_the_field(typed: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_typed_day(typed, TODAY, field="When", locale="en_GB")
    assert caught.value.field == "When" and words in caught.value.problem
