"""Dates as people type them; a day that does not exist is refused, never moved."""

from __future__ import annotations

from dataclasses import replace
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


@pytest.mark.parametrize("typed, locale, stored", [
    ("28/11/1980", "en_GB", "1980-11-28"),
    ("11/28/1980", "en_US", "1980-11-28"),
    ("28 Nov 1980", "en_GB", "1980-11-28"),
    ("28 Nov", "en_GB", "--11-28"),
    ("Nov 28", "en_US", "--11-28"),
    ("28/11", "en_GB", "--11-28"),
    ("29/02", "en_GB", "--02-29"),
    ("1980-11-28", "en_GB", "1980-11-28"),
    ("--11-28", "en_GB", "--11-28"),
])
def test_a_birthday_on_the_card_is_read_as_every_date_field_reads_dates(book_path, typed, locale, stored) -> None:
    from core.store import Book

    with Book.open(book_path, backup_daily=False) as book:
        book.update_settings(number_locale=locale)
        ana = book.contacts.add("Ana")
        book.contacts.update(replace(book.contacts.get(ana.id), birthday=typed))
        assert book.contacts.get(ana.id).birthday == stored


@pytest.mark.parametrize("typed, words", [
    ("31/02", "birthday: there is no day 31 in February (got '31/02')"),
    ("31/02/1980", "birthday: there is no day 31 in February 1980 (got '31/02/1980')"),
    ("yesterday", "birthday: a day of the year, such as 28/11, 28 Nov or 28/11/1980 (got 'yesterday')"),
])
def test_a_birthday_that_is_no_day_is_refused_in_words(book_path, typed, words) -> None:
    from core.store import Book

    with Book.open(book_path, backup_daily=False) as book:
        book.update_settings(number_locale="en_GB")  # day first
        ana = book.contacts.add("Ana")
        with pytest.raises(ValidationError) as refused:
            book.contacts.update(replace(book.contacts.get(ana.id), birthday=typed))
        assert str(refused.value) == words


@pytest.mark.parametrize("typed, day", [
    ("3 févr. 2027", date(2027, 2, 3)), ("3 fevrier 2027", date(2027, 2, 3)), ("3. Dezember", date(2026, 12, 3)),
    ("14 juillet", date(2026, 7, 14)), ("1 août", date(2026, 8, 1)), ("5 Sept 2026", date(2026, 9, 5)),
    ("5 sep 2026", date(2026, 9, 5)), ("12 März", date(2026, 3, 12)), ("12 marz", date(2026, 3, 12)),
    ("2 ene 2027", date(2027, 1, 2)), ("Okt 9", date(2026, 10, 9)),
])
def test_month_names_in_english_french_german_and_spanish(typed: str, day: date) -> None:
    """Babel's calendars give the names, full and short, with or without accents or a full stop."""
    assert parse_typed_day(typed, TODAY) == day


def test_letters_two_months_share_are_not_read_as_either() -> None:
    with pytest.raises(ValidationError):
        parse_typed_day("14 jui", TODAY)  # juin or juillet?
