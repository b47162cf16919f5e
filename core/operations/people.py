"""What the owner does to the contacts themselves: add, edit, label, close, merge, trash, forget."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, Sequence

from core.domain import Changes, Closure, Contact, Role, Tier
from core.errors import RapportError
from core.operations.done import Done, reversible
from core.store import Book
from core.store.imports import MergeRecord
from core.validation import parse_role
from core.i18n import _


def add_contact(book: Book, contact: Contact, today: date | None = None) -> Done[Contact]:
    """A new contact, who enters the ladder as evaluated; undo moves them to the Trash, redo brings
    the same contact back (their number, and whatever was logged for them since, unchanged)."""
    return reversible(book, lambda: book.contacts.add(contact, today),
                      lambda added: book.contacts.delete(_id(added), today),
                      lambda added: book.contacts.restore(_id(added), today))


def edit_contact(book: Book, edited: Contact, today: date | None = None) -> Done[Contact]:
    """Save a card as edited; the value is the contact as it was, which undo puts back."""
    return reversible(book, lambda: book.contacts.update(edited, today),
                      lambda before: book.contacts.update(before, today))


def _changed(book: Book, contact_id: int, today: date | None, **fields: Any) -> Done[Contact]:
    """One card field changed; the value is the contact as it was, which undo puts back."""
    return reversible(book, lambda: book.contacts.update(replace(book.contacts.get(contact_id), **fields), today),
                      lambda before: book.contacts.update(before, today))


def close_loop(book: Book, contact_id: int, closure: Closure | None, today: date | None = None) -> Done[Contact]:
    """Close (or, with None, reopen) a loop by hand, dated today; the value is the contact as it was."""
    day = today or date.today()
    return _changed(book, contact_id, day, closed_as=closure, closed_on=day if closure else None)


def set_label(book: Book, contact_id: int, label: Tier | None, today: date | None = None) -> Done[Contact]:
    """What the owner calls them (the evidence decides the tier); the value is the contact as it was."""
    return _changed(book, contact_id, today, label=label)


def set_role(book: Book, contact_id: int, role: Role | str, today: date | None = None) -> Done[Contact]:
    """Customer, supplier or team (DESIGN, "outside the ladder"); the value is the contact as it was.
    The team leaves the ladder and every count; back as a customer, the evidence places them again."""
    return _changed(book, contact_id, today, role=parse_role(role))


def pin_note(book: Book, contact_id: int, text: str, today: date | None = None) -> Done[Contact]:
    """A note pinned to the top of the card and the plan; undo takes it off."""
    return _changed(book, contact_id, today, pinned=(*book.contacts.get(contact_id).pinned, text))


def unpin_note(book: Book, contact_id: int, number: int, today: date | None = None) -> Done[Contact]:
    """Take off pinned note ``number`` (1 is the first); undo pins it back in its place."""
    contact = book.contacts.get(contact_id)
    if not 1 <= number <= len(contact.pinned):
        raise RapportError(_("{name} has no pinned note number {number} (they have {count})").format(name=contact.name, number=number, count=len(contact.pinned)))
    return _changed(book, contact_id, today, pinned=contact.pinned[:number - 1] + contact.pinned[number:])


def delete_contacts(book: Book, contact_ids: Sequence[int], today: date | None = None) -> Done[list[Contact]]:
    """A multi-selection to the Trash, all or none; the value is them as they were; undo brings them back."""
    ids = list(contact_ids)
    return reversible(book, lambda: book.contacts.delete_many(ids, today),
                      lambda _trashed: book.contacts.restore_many(ids, today))


def restore_contacts(book: Book, contact_ids: Sequence[int], today: date | None = None) -> Done[list[Contact]]:
    """Bring contacts back from the Trash, each with everything it had; undo trashes them again."""
    ids = list(contact_ids)
    return reversible(book, lambda: book.contacts.restore_many(ids, today),
                      lambda _restored: book.contacts.delete_many(ids, today))


def merge(book: Book, keep_id: int, other_id: int, today: date | None = None) -> Done[MergeRecord]:
    """Fold one contact into another; undo puts every moved row back where it was."""
    return reversible(book, lambda: book.interchange.merge(keep_id, other_id, today),
                      lambda record: book.interchange.unmerge(record, today))


def empty_trash(book: Book, today: date | None = None, only: Sequence[int] | None = None) -> Done[int]:
    """Remove the trashed contacts for good, after a backup (the backup is the way back, not undo);
    the value is how many went; the changes name who moved with them (whom a referral linked)."""
    removed = book.contacts.empty_trash(today, only)
    return Done(removed, Changes(moves=list(book.changes.moves) if removed else [], whole_book=True))


def forget(book: Book, contact_id: int, today: date | None = None) -> Done[str]:
    """Remove a person and every trace of them, the file rewritten (not undoable: the window asks
    twice); the value is the sentence that says what was done and what still holds them."""
    return Done(book.privacy.forget(contact_id, today), Changes(whole_book=True))


def _id(contact: Contact) -> int:
    assert contact.id is not None, "the book returns stored contacts, numbered"
    return contact.id
