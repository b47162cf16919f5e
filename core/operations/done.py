"""What every operation returns, and how an operation is taken back.

An operation is one transaction in the book. It returns a ``Done``: its value, the ``Changes`` the
transaction made (whose verdicts were worked out again, who moved on the ladder), and, when it can
be taken back, ``undo``: itself an operation, whose ``Done`` carries the redo. So a reverse step is
recorded, re-tiered and reported like any other write, and the window's undo stack is one small
command that runs whichever of the two comes next (as Anki's ``aqt/operations`` over its collection).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar

from core.domain import Changes
from core.store import Book

_T = TypeVar("_T")

Operation = Callable[[], "Done[Any]"]
"""An operation bound to its book and its arguments, run later (an undo, a redo)."""


@dataclass(frozen=True)
class Done(Generic[_T]):
    """What an operation did: ``value`` (the row logged, the contact as it was…), ``changes`` (whose
    verdicts were worked out again, who moved), and ``undo``, the operation that takes it back, or
    None when nothing can (an import, forgetting a person: both leave a backup instead)."""

    value: _T
    changes: Changes
    undo: Operation | None = None


def once(book: Book, action: Callable[[], _T]) -> Done[_T]:
    """Run ``action`` as one transaction, with no way back."""
    with book.transaction() as changes:
        value = action()
    return Done(value, changes)


def reversible(book: Book, forward: Callable[[], _T], back: Callable[[_T], object],
               again: Callable[[_T], _T] | None = None) -> Done[_T]:
    """Run ``forward`` as one transaction; its ``undo`` runs ``back(value)``, and the undo's own
    ``undo`` (the redo) runs ``again(value)`` (by default ``forward`` once more; a log is restored
    with the same number instead, so that what refers to it still does).

    Undone, the tier history is exactly as if the action had never happened: the move it recorded
    and the move back are both taken out. Redone, it records its move once again: Emily becomes a
    Client once, not twice, and never drops back three days before she was one."""
    with book.transaction() as changes:
        mark = book.status.history_mark()
        value = forward()
        moved = frozenset(book.status.moved_since(mark))

    def undo() -> Done[_T]:
        with book.transaction() as undone:
            back(value)
            # A history the inverse replayed from the evidence is already as if it never happened.
            book.status.forget_moves_since(mark, (moved | {m.contact_id for m in undone.moves}) - undone.rewritten)
            undone.moves.clear()  # nobody moved, as far as the owner is concerned: nothing to announce
        redo = forward if again is None else (lambda: again(value))
        return Done(value, undone, lambda: reversible(book, redo, back, again))

    return Done(value, changes, undo)
