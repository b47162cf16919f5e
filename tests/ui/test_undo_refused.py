"""An undo the book refuses says why in words, changes nothing, and leaves the history: a merge whose
other contact was removed for good since (emptied from the Trash by the command line, say)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from core import operations
from core.domain import Changes
from ui import undo


def test_a_refused_undo_is_said_changes_nothing_and_leaves_the_history(qtbot, book) -> None:
    ana = book.contacts.add("Ana Ruiz")
    dup = book.contacts.add("Ana R.")
    operations.log(book, dup.id, "purchase", amount="10")
    merged = operations.merge(book, ana.id, dup.id)
    book.contacts.empty_trash()  # Ana R., merged away into the Trash, is gone for good
    said: list[str] = []
    repainted: list[Changes] = []
    stack = QUndoStack()
    undo.push(stack, "Merge Ana R. into Ana Ruiz", merged, repainted.append, said.append)
    assert stack.count() == 1 and len(repainted) == 1  # the merge itself, repainted once
    stack.undo()
    assert said == ["Ana R. was removed for good (the Trash was emptied, or they were forgotten), so this merge "
                    "cannot be undone. Nothing was changed."]
    assert stack.count() == 0, "a way back that cannot be taken leaves the history"
    assert len(book.interactions.for_contact(ana.id)) == 1, "the book is as it was"
    assert len(repainted) == 1
