"""Search as you type: prefixes, any case, any accent."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain import Contact
from core.store import Book
from core.text import fold

TODAY = date(2026, 11, 24)


@pytest.fixture
def people(book: Book) -> dict[str, int]:
    names = {
        "zoe": Contact(name="Zoë Fontaine", emails=("zoe@fontaine.fr",)),
        "lukas": Contact(name="Jan Łukasiewicz", organisation="Kwiaty Sp."),
        "ode": Contact(name="Kari Ødegård", phones=("+47 22 33 44 55",)),
        "anna": Contact(name="Анна Павлова", tags=("ресторан",)),
        "eleni": Contact(name="Ελένη Παππά"),
        "wang": Contact(name="王伟", notes="Orders orchids every Friday"),
        "jose": Contact(name="José Núñez", organisation="Café Olé"),
    }
    return {key: book.contacts.add(c, today=TODAY).id for key, c in names.items()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zoe", {"zoe"}),
        ("ZOË", {"zoe"}),
        ("lukas", {"lukas"}),
        ("łukasiewicz", {"lukas"}),
        ("odeg", {"ode"}),
        ("анна", {"anna"}),
        ("ελεν", {"eleni"}),
        ("王", {"wang"}),
        ("orchid", {"wang"}),
        ("cafe ole", {"jose"}),
        ("nunez", {"jose"}),
        ("kwiaty", {"lukas"}),
        ("fontaine.fr", {"zoe"}),
        ("4722334455", {"ode"}),
        ("22 33", {"ode"}),
        ("рест", {"anna"}),
        ("jo", {"jose"}),
        ("nobody", set()),
    ],
)
def test_prefix_accent_insensitive_search(book: Book, people: dict[str, int], query: str, expected: set[str]) -> None:
    found = set(book.contacts.ids(search=query))
    assert found == {people[k] for k in expected}


def test_search_follows_edits_and_trash(book: Book, people: dict[str, int]) -> None:
    zoe = book.contacts.get(people["zoe"])
    book.contacts.update(Contact(id=zoe.id, name="Zoé Martin"))
    assert book.contacts.ids(search="fontaine") == []
    assert book.contacts.ids(search="martin") == [zoe.id]
    book.contacts.delete(zoe.id, today=TODAY)
    assert book.contacts.ids(search="martin") == []
    assert book.contacts.ids("trash", search="martin") == [zoe.id]


def test_search_ignores_fts_syntax(book: Book, people: dict[str, int]) -> None:
    assert book.contacts.ids(search='"zoe* (') == [people["zoe"]], "quotes, stars and brackets are not FTS syntax"
    assert book.contacts.ids(search='zoe OR jose') == [], "OR is a word, not an operator"
    assert set(book.contacts.ids(search="   ")) == set(people.values())


def test_fold_handles_letters_without_decomposition() -> None:
    assert fold("Łukasiewicz Ødegård Straße Æsir") == "lukasiewicz odegard strasse aesir"


@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40))
def test_fold_of_plain_ascii_is_what_the_full_unicode_path_gives(text: str) -> None:
    """The shortcut for ASCII names must give the index exactly what decomposing them would."""
    full = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()
    assert fold(text) == full


def test_fold_of_accented_and_cased_text_still_decomposes() -> None:
    assert fold("ZOË Ǆ ﬁne") == "zoe dz fine"  # Ǆ is D, Z and a caron; ﬁ is f and i
