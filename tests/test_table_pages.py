"""The contact table read a page at a time: every plan gives the rows the whole sorted list gives."""

from __future__ import annotations

import itertools
import string
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from core import operations
from core.domain import Contact, Kind, Role, Tier
from core.store import Book, listing
from core.store.listing import SORTS, matches_folded
from core.text import fold

TODAY = date(2026, 11, 24)
NAMES = ["Zoë Fontaine", "Jan Łukasiewicz", "Kari Ødegård", "Анна Павлова", "王伟", "José Núñez", "ana_b Smith",
         "Marie-Claire Dubois", "O'Brien Pat", "Café Olé", "anna lopez", "Anna Lopez", "Björk", "zz top"]


@pytest.fixture
def shop(book: Book) -> Book:
    """Fourteen contacts with every kind of name, a few purchases, a label, one in the Trash, two
    suppliers, five from a fair's list."""
    for n, name in enumerate(NAMES):
        contact = book.contacts.add(Contact(name=name, tags=("wedding",) if n % 3 else (),
                                            source="Bridal fair" if n % 3 == 1 else ""), today=TODAY)
        if n in (4, 9):
            operations.set_role(book, contact.id, Role.SUPPLIER, today=TODAY)
        for visit in range(n % 4):
            book.interactions.log(contact.id, Kind.PURCHASE, TODAY - timedelta(days=visit * 40), today=TODAY)
        if n in (5, 8):
            operations.set_label(book, contact.id, Tier.PARTNER if n == 5 else Tier.CLIENT, today=TODAY)
    book.contacts.delete(book.contacts.ids(search="bjork")[0], today=TODAY)
    return book


@pytest.mark.parametrize("sort", SORTS)
def test_each_plan_gives_the_pages_of_the_whole_list(shop: Book, monkeypatch, sort: str) -> None:
    views = ["all", "customer", "suspect", "trash", "due", "hybrid", "supplier", "source:Bridal fair"]
    for view, search, descending in itertools.product(views,
                                                      ["", "an", "wedding", "zz"], [False, True]):
        monkeypatch.setattr(listing, "SMALL_SET", 20_000)
        whole = shop.contacts.ids(view, search, sort, descending)
        # Read whole; walk testing each row's text; walk looking rows up in FTS5's matches; FTS5's matches sorted.
        for small_set, broad, few in ((20_000, 0.5, 2_000), (0, 0.0, 0), (0, 2.0, 0), (0, 2.0, 10**9)):
            monkeypatch.setattr(listing, "SMALL_SET", small_set)
            monkeypatch.setattr(listing, "BROAD_SHARE", broad)
            monkeypatch.setattr(listing, "FEW_MATCHES", few)
            pages = [shop.contacts.ids(view, search, sort, descending, offset=at, limit=4) for at in range(0, 16, 4)]
            assert [i for page in pages for i in page] == whole, (view, search, descending, small_set, broad, few)
            assert shop.contacts.ids(view, search, sort, descending) == whole, ("all at once", small_set, broad, few)
            # A whole list read in one query ("rapport list"): the same rows, in the same order.
            assert shop.contacts.list_rows(view, search, sort, descending) == shop.contacts.rows(whole), ("rows", small_set)


def test_names_sort_without_case_then_by_number(shop: Book) -> None:
    first = [shop.contacts.get(i).name for i in shop.contacts.ids(limit=3)]
    assert first == ["ana_b Smith", "anna lopez", "Anna Lopez"]
    labelled = [shop.contacts.get(i).name for i in shop.contacts.ids(sort="label", descending=True)]
    assert labelled[-2:] == ["José Núñez", "O'Brien Pat"]  # descending: the unlabelled first, then partner, client


words = st.text(alphabet=string.ascii_letters + "éøß王Ж_- .@'0123456789\u0301\ue000", min_size=1, max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(words, min_size=1, max_size=6), query=words)
def test_a_row_is_tested_as_fts5_matches_it(tmp_path: Path, texts: list[str], query: str) -> None:
    """The broad plan tests rows with ``matches_folded``; FTS5 decides the narrow one: they agree."""
    with Book.open(tmp_path / f"{abs(hash((tuple(texts), query)))}.rapport") as book:
        ids = {book.contacts.add(Contact(name=f"x {text}"), today=TODAY).id: text for text in texts}
        words = listing.search_words(query)
        if not words or not all(listing._WORD.fullmatch(w) for w in words):
            return  # such a search always goes to FTS5
        by_fts = set(book.contacts.ids(search=query))
        by_rows = {i for i in ids if matches_folded(fold(f"x {ids[i]}"), "\t".join(words))}
        assert by_rows == by_fts


def test_the_pane_keeps_only_whom_the_list_shows(shop: Book) -> None:
    jose = shop.contacts.find_by_name("José Núñez")[0].id
    assert shop.contacts.shows(jose, "all", "nunez")
    assert not shop.contacts.shows(jose, "all", "zoe")
    assert not shop.contacts.shows(jose, "trash", "")
    assert shop.contacts.shows(jose, "customer", "jo")


def test_names_sort_as_people_read_them_not_by_code_point(book: Book) -> None:
    """"Łukasz" and "Ñandú" came after "Zora": letters are compared without their accents."""
    for name in ("Zora", "Łukasz", "Ñandú", "Anna", "Émile", "zoë"):
        book.contacts.add(name, today=TODAY)
    names = [book.contacts.get(i).name for i in book.contacts.ids()]
    assert names == ["Anna", "Émile", "Łukasz", "Ñandú", "zoë", "Zora"]
    by_tier = [book.contacts.get(i).name for i in book.contacts.ids(sort="tier")]
    assert by_tier == names, "every sort falls back on the same order of names"
