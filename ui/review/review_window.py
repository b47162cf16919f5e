"""The review itself: one contact at a time, full-window and calm, driven by the keyboard.

Y, N, U answer the highlighted question and move to the next; after the fourth, Enter or →
goes to the next contact, ← goes back. 1, 2, 3 say what you call them (customer, client,
partner), 0 clears it. Esc stops; the review resumes where it stopped.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QFrame, QGridLayout, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from core import operations
from core.books import Book
from core.domain import Answer, Question, Tier
from core.review import ReviewSession, summarise
from core.text import format_day
from ui.detail.sections import tier_badge
from ui.lifetime import delete_on_close
from ui.review.summary_page import SummaryPage
from ui.screen_fit import fit_on_screen
from core.i18n import _

KEY_ANSWERS = {Qt.Key.Key_Y: Answer.YES, Qt.Key.Key_N: Answer.NO, Qt.Key.Key_U: Answer.UNKNOWN}
KEY_LABELS = {Qt.Key.Key_1: Tier.CUSTOMER, Qt.Key.Key_2: Tier.CLIENT, Qt.Key.Key_3: Tier.PARTNER, Qt.Key.Key_0: None}
HINTS = _("Y yes · N no · U unknown · 1 customer · 2 client · 3 partner · 0 no label · ←/→ move · Enter next · Esc stop")


class ReviewWindow(QDialog):
    sig_finished = Signal()
    """The owner reached the end of the review (the summary is showing)."""

    def __init__(self, book: Book, session: ReviewSession, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.book, self.session, self.today = book, session, today
        self.question_index = 0
        self.setWindowTitle(_("Review"))
        fit_on_screen(self, 1100, 720)
        self.setStyleSheet("QLabel { font-size: 15px; }")  # full-window and calm: readable from the sofa
        self.stack = QStackedWidget()
        self.step_page = QWidget()
        self.progress = QLabel()
        self.name = QLabel()
        self.name.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.badge = QLabel()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.label_line = QLabel()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background:#fff4d6; color:#7a4b00; border-radius:4px; padding:6px;")
        self.recent = QLabel()
        self.recent.setWordWrap(True)
        self.questions = QGridLayout()
        self.question_labels: list[tuple[QLabel, QLabel]] = []
        for row, question in enumerate(Question):
            text = QLabel(f"<b>{question.title}</b> — {question.text}")
            text.setWordWrap(True)
            answer = QLabel()
            self.questions.addWidget(text, row, 0)
            self.questions.addWidget(answer, row, 1)
            self.question_labels.append((text, answer))
        self.questions.setColumnStretch(0, 1)
        hints = QLabel(HINTS)
        hints.setStyleSheet("color: palette(placeholder-text);")
        for line in (self.progress, self.name, self.label_line, hints):  # a netbook's width: they wrap
            line.setWordWrap(True)
        step = QVBoxLayout(self.step_page)
        step.setContentsMargins(60, 32, 60, 20)
        step.setSpacing(10)
        for widget in (self.progress, self.name, self.badge, self.reasons, self.warning, self.label_line,
                       QLabel(_("<b>Last interactions</b>")), self.recent, QLabel(_("<b>The client test</b>"))):
            step.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft if widget is self.badge else Qt.AlignmentFlag(0))
        step.addLayout(self.questions)
        step.addStretch(1)
        step.addWidget(hints)
        self.summary = SummaryPage(book)
        self.summary.sig_close_requested.connect(self.accept)
        # On a netbook (1024×600 at 150 %) the page is taller than the screen: it scrolls, and the keys
        # stay the review's (the scroll area never takes the focus, so arrows still move the review).
        self.step_scroll = QScrollArea()
        self.step_scroll.setWidgetResizable(True)
        self.step_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.step_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.step_scroll.setWidget(self.step_page)
        self.stack.addWidget(self.step_scroll)
        self.stack.addWidget(self.summary)
        QVBoxLayout(self).addWidget(self.stack)
        self.show_current()

    # ------------------------------------------------------------------ showing
    def show_current(self) -> None:
        if self.session.finished:
            self.finish()
            return
        contact_id = self._current()
        contact = self.book.contacts.get(contact_id)
        result = self.book.status.tier_result(contact_id, self.today)
        self.progress.setText(_("Contact {value} of {count}").format(value=self.session.position + 1, count=len(self.session.contact_ids)))
        self.name.setText(contact.name)
        tier_badge(self.badge, result)
        self.reasons.setText("\n".join(f"• {r}" for r in result.reasons))
        self.warning.setText(result.label_warning or "")
        self.warning.setVisible(bool(result.label_warning))
        called = contact.label.label if contact.label else _("nothing yet")
        self.label_line.setText(_("You call them: <b>{called}</b>  (1 customer · 2 client · 3 partner · 0 none)").format(called=called))
        recent = self.book.interactions.for_contact(contact_id, limit=5)
        self.recent.setText("\n".join(f"{format_day(i.occurred_on)}  {i.kind.label}"
                                      + (f" — {i.note}" if i.note else "") for i in recent) or _("Nothing logged yet."))
        answers = self.book.interactions.answers_for(contact_id)
        for index, (question, (text, answer_label)) in enumerate(zip(Question, self.question_labels)):
            given = answers.get(question)
            answer_label.setText(f"{given.answer.label}, {format_day(given.answered_on)}"
                                 if given else _("not answered"))
            focused = index == self.question_index
            text.setStyleSheet("background: palette(highlight); color: palette(highlighted-text); padding:4px;"
                               if focused else "padding:4px;")
            if focused:
                self.step_scroll.ensureWidgetVisible(text)  # the question the keys now answer, in view

    def finish(self) -> None:
        self.session.clear(self.book)
        self.summary.show_summary(summarise(self.book, self.session, self.today), self.today)
        self.stack.setCurrentWidget(self.summary)
        self.sig_finished.emit()

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        if self.stack.currentWidget() is not self.step_scroll:
            super().keyPressEvent(event)
            return
        key = Qt.Key(event.key())
        if key in KEY_ANSWERS:
            self.answer(KEY_ANSWERS[key])
        elif key in KEY_LABELS:
            self.set_label(KEY_LABELS[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right):
            self.step_by(1)
        elif key == Qt.Key.Key_Left:
            self.step_by(-1)
        elif key == Qt.Key.Key_Down:
            self.question_index = min(self.question_index + 1, len(Question) - 1)
            self.show_current()
        elif key == Qt.Key.Key_Up:
            self.question_index = max(self.question_index - 1, 0)
            self.show_current()
        elif key == Qt.Key.Key_Escape:
            self.session.save(self.book)
            self.reject()
        else:
            super().keyPressEvent(event)

    def answer(self, answer: Answer) -> None:
        """Save the answer now (one transaction), then highlight the next question."""
        question = list(Question)[self.question_index]
        operations.answer(self.book, self._current(), question, answer, today=self.today)
        self.question_index = min(self.question_index + 1, len(Question) - 1)
        self.show_current()

    def set_label(self, label: Tier | None) -> None:
        operations.set_label(self.book, self._current(), label, today=self.today)
        self.show_current()

    def _current(self) -> int:
        current = self.session.current
        assert current is not None, "a finished session shows its summary, not a contact"
        return current

    def step_by(self, step: int) -> None:
        self.session.position = max(0, self.session.position + step)
        self.question_index = 0
        self.session.save(self.book)
        self.show_current()
