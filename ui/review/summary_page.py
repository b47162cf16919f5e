"""The end of a review: how many, who moved, labels the evidence does not support, and the
customers one step from client, with one click to print their plans or pin them to the week."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core import operations
from core.dates import week_of
from core.books import Book
from core.review import ReviewSummary
from core.i18n import _, ngettext


class SummaryPage(QWidget):
    sig_close_requested = Signal()
    """The owner is done with the summary."""

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.summary: ReviewSummary | None = None
        self.today = date.today()
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.print_button = QPushButton(_("Print their cultivation plans…"))
        self.pin_button = QPushButton(_("Add them to this week's checklist"))
        close = QPushButton(_("Close"))
        self.print_button.clicked.connect(self.print_plans)
        self.pin_button.clicked.connect(self.pin)
        close.clicked.connect(self.sig_close_requested)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.pin_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 32, 60, 20)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def show_summary(self, summary: ReviewSummary, today: date) -> None:
        self.summary, self.today = summary, today
        self.title.setText(ngettext("You reviewed {count} contact", "You reviewed {count} contacts", summary.reviewed).format(count=summary.reviewed))
        parts = []
        if summary.changes:
            parts.append(_("<b>{promoted} moved up, {demoted} moved down:</b><br>").format(promoted=summary.promoted, demoted=summary.demoted) + "<br>".join(
                f"{name}: {before.label} → {after.label}" for _ignored, name, before, after in summary.changes))
        else:
            parts.append(_("<b>Nobody changed tier.</b>"))
        if summary.label_sentences:
            parts.append(_("<b>What you call them:</b><br>") + "<br>".join(summary.label_sentences))
        if summary.customers_one_step:
            parts.append(_("<b>Customers one step from client:</b><br>") + "<br>".join(
                f"{name}: {step}" for _ignored, name, step in summary.customers_one_step))
        else:
            parts.append(_("No customer is one step from client."))
        self.body.setText("<br><br>".join(parts))
        has_people = bool(summary.customers_one_step)
        self.print_button.setEnabled(has_people)
        self.pin_button.setEnabled(has_people)

    def one_step_ids(self) -> list[int]:
        return [cid for cid, _ignored, _ignored in self.summary.customers_one_step] if self.summary else []

    def print_plans(self) -> None:
        from ui.printing import preview_plans

        self.preview = preview_plans(self, self.book, self.one_step_ids())

    def pin(self) -> None:
        monday = week_of(self.today)[0]
        operations.pin_to_checklist(self.book, self.one_step_ids(), monday)
        self.pin_button.setText(_("Added to this week's checklist"))
        self.pin_button.setEnabled(False)
