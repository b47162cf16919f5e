"""Review → Start a review…: who to walk through (or resume the unfinished review)."""

from __future__ import annotations

from datetime import date
from typing import Sequence

from PySide6.QtWidgets import QButtonGroup, QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from core.books import Book
from core.review import SCOPES, ReviewSession, candidates, scope_sizes
from core.text import format_count, format_day
from core.i18n import _

RESUME = "resume"


class ScopeDialog(QDialog):
    """Radio buttons with how many each scope holds; the seed-001 top 20 is the default."""

    def __init__(self, book: Book, today: date, selection: Sequence[int], view: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Start a review"))
        self.group = QButtonGroup(self)
        self.book, self.today, self.selection, self.view = book, today, list(selection), view
        self.saved = ReviewSession.load(book)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Walk through your contacts one at a time: answer the four client-test questions "
                       "and say what you call each of them. Everything is saved as you go."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if self.saved is not None:
            button = QRadioButton(
                _("Resume the review of {count} contacts started {fromisoformat} (stopped at {value})").format(count=len(self.saved.contact_ids), fromisoformat=format_day(date.fromisoformat(self.saved.started_on)), value=self.saved.position + 1))
            self.group.addButton(button)
            button.setProperty("scope", RESUME)
            layout.addWidget(button)
        sizes = scope_sizes(book, today, selection, view)
        for scope, label in SCOPES.items():
            if scope == "selection" and not selection:
                continue
            button = QRadioButton(f"{_(label)}  ({format_count(sizes[scope])})")
            button.setProperty("scope", scope)
            button.setEnabled(bool(sizes[scope]))
            self.group.addButton(button)
            layout.addWidget(button)
        # The top 20 (or the review to resume); when it holds nobody, the first scope that holds
        # someone: Start always starts something, or cannot be pressed.
        default = RESUME if self.saved is not None else "top20"
        enabled = [b for b in self.group.buttons() if b.isEnabled()]
        chosen = next((b for b in enabled if b.property("scope") == default), enabled[0] if enabled else None)
        if chosen is not None:
            chosen.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Start"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(chosen is not None)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose(self, scope: str) -> None:
        for button in self.group.buttons():
            if button.property("scope") == scope:
                button.setChecked(True)

    def ids(self, scope: str) -> list[int]:
        """Who the chosen scope walks through, listed only now that it is chosen."""
        return candidates(self.book, scope, self.today, self.selection, self.view)

    def chosen(self) -> str | None:
        button = self.group.checkedButton()
        return button.property("scope") if button else None
