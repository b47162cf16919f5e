"""Undoable actions: each is one book operation forward and its inverse back.

The book returns what is needed to undo (the contact before an edit, the interaction
deleted), so undo never guesses.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from core import operations
from core.books import Book
from core.domain import ClientTestAnswer, Closure, Contact, Interaction, PlanStep


class BookCommand(QUndoCommand):
    """``do`` forward, ``undo`` back; ``changed`` refreshes the window after either.

    Run it with ``perform_and_push()``: the action happens *before* the command is pushed, so a book
    error reaches the caller as itself and a failed action never lands on the undo stack
    (an exception inside ``redo()`` would be re-worded by PySide and the command kept).
    Forward and back go through ``operations.undoable`` and ``operations.take_back``: undone, the
    tier history is as if the action never happened; redone, as if it happened once.
    """

    def __init__(self, book: Book, text: str, do: Callable[[], object], undo: Callable[[object], object],
                 changed: Callable[[], None]) -> None:
        super().__init__(text)
        self._book, self._do, self._undo, self._changed = book, do, undo, changed
        self._done: operations.Undoable[object] | None = None
        self._performed = False

    @property
    def outcome(self) -> object:
        """What the action returned (the interaction logged, the contact as it was…)."""
        return self._done.value if self._done is not None else None

    def perform(self) -> object:
        self._done = operations.undoable(self._book, self._do)
        self._performed = True
        return self.outcome

    def redo(self) -> None:
        if self._performed:
            self._performed = False  # the first push: the action already happened
        else:
            self._done = operations.undoable(self._book, self._do)
        self._changed()

    def undo(self) -> None:
        if self._done is not None:
            operations.take_back(self._book, self._done, self._undo)
        self._changed()


def perform_and_push(stack: QUndoStack, command: BookCommand) -> object:
    """Do the action, then make it undoable; raises (and pushes nothing) if the book refuses."""
    outcome = command.perform()
    stack.push(command)
    return outcome


def log_command(book: Book, contact_id: int, values: dict, name: str, changed: Callable[[], None]) -> BookCommand:
    """Log an interaction; undo deletes it; redo logs it again with the same number."""
    logged: dict[str, Interaction] = {}

    def do() -> Interaction:
        if "interaction" in logged:
            return book.interactions.restore(logged["interaction"])
        logged["interaction"] = operations.log(book, contact_id, **values).value
        return logged["interaction"]

    return BookCommand(book, f"Log {values['kind'].label.lower()} for {name}", do,
                       lambda interaction: book.interactions.delete(interaction.id), changed)  # type: ignore[attr-defined]


def edit_interaction_command(book: Book, item: Interaction, values: dict, changed: Callable[[], None]) -> BookCommand:
    """An edit as typed in the log form (``values``), read by ``operations.edit_interaction``; undo
    puts the interaction back as it was."""
    return BookCommand(book, "Edit interaction", lambda: operations.edit_interaction(book, item, **values).value,
                       lambda before: book.interactions.update(before), changed)  # type: ignore[arg-type]


def delete_interaction_command(book: Book, interaction: Interaction, changed: Callable[[], None]) -> BookCommand:
    return BookCommand(book, f"Delete {interaction.kind.label.lower()}", lambda: book.interactions.delete(interaction.id),  # type: ignore[arg-type]
                       lambda deleted: book.interactions.restore(deleted), changed)  # type: ignore[arg-type]


def delete_contacts_command(book: Book, contacts: list[Contact], changed: Callable[[], None]) -> BookCommand:
    """A multi-selection to the Trash: one transaction, one refresh, one undo."""
    ids = [c.id for c in contacts]
    text = f"Delete {contacts[0].name}" if len(contacts) == 1 else f"Delete {len(contacts)} contacts"
    return BookCommand(book, text, lambda: operations.delete_contacts(book, ids).value,  # type: ignore[arg-type]
                       lambda _: book.contacts.restore_many(ids), changed)  # type: ignore[arg-type]


def restore_contact_command(book: Book, contact: Contact, changed: Callable[[], None]) -> BookCommand:
    return BookCommand(book, f"Restore {contact.name}", lambda: book.contacts.restore(contact.id),  # type: ignore[arg-type]
                       lambda _: book.contacts.delete(contact.id), changed)  # type: ignore[arg-type]


def edit_contact_command(book: Book, edited: Contact, changed: Callable[[], None]) -> BookCommand:
    state: dict[str, Contact] = {"next": edited}

    def do() -> Contact:
        before = book.contacts.update(state["next"])
        state["before"] = before
        return before

    def undo(_: object) -> None:
        state["next"] = book.contacts.update(state["before"])

    return BookCommand(book, f"Edit {edited.name}", do, undo, changed)


def add_contact_command(book: Book, fields: dict, changed: Callable[[], None]) -> BookCommand:
    added: dict[str, Contact] = {}

    def do() -> Contact:
        if "contact" in added:
            return book.contacts.restore(added["contact"].id)  # type: ignore[arg-type]
        added["contact"] = book.contacts.add(Contact(**fields))
        return added["contact"]

    return BookCommand(book, f"Add {fields['name'].strip()}", do,
                       lambda contact: book.contacts.delete(contact.id), changed)  # type: ignore[attr-defined]


def answer_command(book: Book, contact_id: int, question, answer, name: str,
                   changed: Callable[[], None]) -> BookCommand:
    def do() -> ClientTestAnswer:
        return operations.answer(book, contact_id, question, answer).value

    return BookCommand(book, f"Answer “{question.title}” for {name}", do,
                       lambda recorded: book.interactions.delete_answer(recorded.id), changed)  # type: ignore[attr-defined]


def merge_command(book: Book, keep: Contact, other: Contact, changed: Callable[[], None]) -> BookCommand:
    """Merge ``other`` into ``keep``; undo puts every moved row back (the book records them)."""
    return BookCommand(book, f"Merge {other.name} into {keep.name}",
                       lambda: book.interchange.merge(keep.id, other.id),  # type: ignore[arg-type]
                       lambda record: book.interchange.unmerge(record), changed)  # type: ignore[arg-type]


def step_command(book: Book, contact_id: int, step: PlanStep, changed: Callable[[], None]) -> BookCommand:
    """A ticked plan step (what it logs is core's rule); undo takes the log or the resolution back."""
    return BookCommand(book, f"Done: {step.text}", lambda: operations.complete_step(book, contact_id, step).value,
                       lambda done: operations.undo_step(book, done), changed)  # type: ignore[arg-type]


def close_loop_command(book: Book, contact_id: int, closure: Closure | None, name: str,
                       changed: Callable[[], None]) -> BookCommand:
    text = f"Close {name}: {closure.label}" if closure else f"Reopen {name}"
    return BookCommand(book, text, lambda: operations.close_loop(book, contact_id, closure).value,
                       lambda before: book.contacts.update(before), changed)  # type: ignore[arg-type]


def resolve_command(book: Book, contact_id: int, name: str, changed: Callable[[], None]) -> BookCommand:
    return BookCommand(book, f"Resolve {name}'s complaint", lambda: book.interactions.resolve_complaints(contact_id),
                       lambda complaints: book.interactions.reopen_complaints(complaints), changed)  # type: ignore[arg-type]
