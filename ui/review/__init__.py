"""The guided, keyboard-driven review (Review → Start a review…, Ctrl+R)."""

from __future__ import annotations

from datetime import date
from typing import Sequence

from PySide6.QtWidgets import QDialog, QWidget

from core.books import Book
from core.review import ReviewSession
from ui.review.review_window import ReviewWindow
from ui.review.scope_dialog import RESUME, ScopeDialog


def open_review(parent: QWidget | None, book: Book, selection: Sequence[int], view: str,
                today: date | None = None) -> ReviewWindow | None:
    """Ask who to review, then open the review window (non-modal); returns it, or None."""
    today = today or date.today()
    dialog = ScopeDialog(book, today, selection, view, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
            return None
        return start(parent, book, dialog, today)
    finally:
        dialog.deleteLater()  # read, then gone (ui.lifetime says why)


def start(parent: QWidget | None, book: Book, dialog: ScopeDialog, today: date) -> ReviewWindow:
    scope = dialog.chosen()
    if scope == RESUME and dialog.saved is not None:
        session = dialog.saved
    else:
        chosen = scope or "selection"
        session = ReviewSession.start(book, chosen, dialog.ids(chosen), today)
    window = ReviewWindow(book, session, today, parent)
    if parent is not None and hasattr(parent, "refresh"):
        window.finished.connect(lambda _result: parent.refresh())
    window.showMaximized()
    return window


__all__ = ["open_review", "start", "ScopeDialog", "ReviewWindow"]
