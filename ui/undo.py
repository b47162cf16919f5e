"""The owner's undo history: each step is an operation already done, and its way back and forth.

An operation (``core.operations``) returns a ``Done`` whose ``undo`` is itself an operation, and
whose undo's ``Done`` carries the redo; one command runs whichever comes next, and hands the
``Changes`` each made to the window. Undone, the tier history is as if the action never happened;
redone, as if it happened once (``core.operations.done.reversible``).
"""

from __future__ import annotations

import sqlite3
from typing import Any, Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from core.domain import Changes
from ui.books import book_error_in_words
from core.errors import RapportError
from core.operations import Done, Operation

Repaint = Callable[[Changes], None]


class BookCommand(QUndoCommand):
    """One step of the undo history. It is pushed after its operation ran (so a refusal reaches the
    caller as itself, and a refused action never lands on the stack); the push's own ``redo`` only
    repaints. A way back the book refuses (a merge whose contact was removed for good since) is said
    by ``refused`` and leaves the history."""

    def __init__(self, text: str, done: Done[Any], repaint: Repaint, refused: Callable[[str], None]) -> None:
        super().__init__(text)
        if done.undo is None:
            raise ValueError(f"{text}: this operation cannot be undone")
        self._next: Operation = done.undo
        self._pending: Changes | None = done.changes  # what the operation changed, repainted at the push
        self._repaint, self._refused = repaint, refused

    def redo(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._repaint(pending)
        else:
            self._run_next()

    def undo(self) -> None:
        self._run_next()

    def _run_next(self) -> None:
        try:
            done = self._next()
        except RapportError as exc:
            self._give_up(str(exc))
            return
        except sqlite3.Error as exc:
            self._give_up(book_error_in_words(exc))
            return
        assert done.undo is not None, "a way back comes with its way forward"
        self._next = done.undo
        self._repaint(done.changes)

    def _give_up(self, why: str) -> None:
        self.setObsolete(True)  # the stack drops it: nothing changed, so there is nothing to go back or forth to
        self._refused(why)


def push(stack: QUndoStack, text: str, done: Done[Any], repaint: Repaint, refused: Callable[[str], None]) -> None:
    """Make an operation that has run undoable, under ``text`` ("Log purchase for Emily")."""
    stack.push(BookCommand(text, done, repaint, refused))
