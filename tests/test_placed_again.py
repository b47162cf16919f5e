"""After a write that touched a few contacts, the table puts them back in place among the rows it
has read instead of reading them all again: the list it gets is the one a fresh read gives."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from core import operations
from core.domain import Contact, Kind, Tier
from core.errors import NotFoundError, ValidationError
from core.store import Book
from core.store import listing
from core.store.listing import SORTS
from tests.test_table_pages import NAMES  # every kind of name: accents, scripts, an underscore

TODAY = date(2026, 11, 24)
VIEWS = ["all", "due", "customer", "client", "suspect", "trash", "slipping"]
SEARCHES = ["", "an", "o", "zz"]


def _a_shop(book: Book, rng: random.Random) -> list[int]:
    """Thirty contacts on every rung, a few steps due, two in the Trash."""
    ids = []
    for n in range(30):
        contact = book.contacts.add(Contact(name=f"{NAMES[n % len(NAMES)]} {n // len(NAMES) or ''}".strip()),
                                    today=TODAY - timedelta(days=400))
        ids.append(contact.id)
        for _visit in range(rng.randrange(5)):
            book.interactions.log(contact.id, Kind.PURCHASE, TODAY - timedelta(days=rng.randrange(300)), today=TODAY)
        if rng.random() < 0.2:
            book.interactions.log(contact.id, Kind.INQUIRY, TODAY - timedelta(days=rng.randrange(60)), today=TODAY)
    for contact_id in ids[:2]:
        book.contacts.delete(contact_id, today=TODAY)
    return ids


def _act(book: Book, rng: random.Random, ids: list[int]) -> set[int]:
    """One owner's write on one or two contacts; returns whom it touched, as the window is told."""
    who = rng.choice(ids)
    choice = rng.randrange(7)
    if choice == 0:
        done = operations.log(book, who, Kind.PURCHASE, TODAY - timedelta(days=rng.randrange(3)), amount="12.50",
                              today=TODAY)
    elif choice == 1:
        contact = book.contacts.get(who, include_deleted=True)
        done = operations.edit_contact(book, replace(contact, name=rng.choice(NAMES) + " " + rng.choice("abcxyz")),
                                       today=TODAY)
    elif choice == 2:
        done = operations.set_label(book, who, rng.choice([None, Tier.CLIENT, Tier.PARTNER]), today=TODAY)
    elif choice == 3:
        done = operations.delete_contacts(book, [who], today=TODAY)
    elif choice == 4:
        done = operations.restore_contacts(book, [who], today=TODAY)
    elif choice == 5:
        done = operations.log(book, who, Kind.REFERRAL_RECEIVED, TODAY, referred_contact_id=rng.choice(ids), today=TODAY)
    else:
        done = operations.log(book, who, Kind.COMPLAINT, TODAY, note="late flowers", today=TODAY)
    assert not done.changes.whole_book
    return done.changes.touched


@pytest.mark.parametrize("seed", range(4))
def test_contacts_put_back_in_place_give_the_list_a_fresh_read_gives(book: Book, seed: int) -> None:
    rng = random.Random(seed)
    ids = _a_shop(book, rng)
    moved_out = placed = 0
    for _round in range(120):
        view, search = rng.choice(VIEWS), rng.choice(SEARCHES)
        sort, descending = rng.choice(SORTS), rng.random() < 0.5
        whole = book.contacts.ids(view, search, sort, descending)
        depth = rng.randrange(1, len(whole) + 2) if whole else 0
        read = whole[:depth]  # the rows the table had read; all of them, or the first ``depth``
        complete = depth >= len(whole)
        try:
            touched = _act(book, rng, ids)
        except (NotFoundError, ValidationError):  # a log for someone in the Trash, a referral of oneself
            continue
        again = book.contacts.placed_again(read, complete, touched, view, search, sort, descending)
        fresh = book.contacts.ids(view, search, sort, descending)
        assert again == fresh[:len(again)], (view, search, sort, descending, touched)
        if complete:
            assert again == fresh, "a list read whole stays whole"
        else:  # still a prefix, short by at most the touched who left it
            assert len(again) >= len(read) - len(touched)
        placed += 1
        moved_out += read != [i for i in again if i in read]
    assert placed > 60, "most rounds wrote something"
    assert moved_out > 0, "some writes changed the list's order or rows"


def test_one_contact_comes_before_another_as_the_list_orders_them(book: Book) -> None:
    rng = random.Random(7)
    _a_shop(book, rng)
    for sort in SORTS:
        for descending in (False, True):
            whole = book.contacts.ids("all", "", sort, descending)
            for first, second in zip(whole, whole[1:]):
                assert listing.comes_before(book.conn, first, second, sort, descending), (sort, descending)
                assert not listing.comes_before(book.conn, second, first, sort, descending), (sort, descending)
