"""A review of a small real book, walked with the keyboard only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt

from core.domain import Answer, Kind, Question, Tier
from core.review import ReviewSession
from core.store import Book
from ui.review import ReviewWindow, ScopeDialog, start

TODAY = date(2026, 11, 24)


def small_book(book: Book) -> list[int]:
    ids = []
    for n, name in enumerate(("Ana Ruiz", "Hotel Nord", "Cy Park")):
        contact = book.contacts.add(name, today=TODAY - timedelta(days=300))
        for k in range(3 - n):
            book.interactions.log(contact.id, Kind.PURCHASE, TODAY - timedelta(days=10 + 30 * k), today=TODAY)
        ids.append(contact.id)
    return ids


def open_window(qtbot, book: Book, scope: str = "customers") -> ReviewWindow:
    dialog = ScopeDialog(book, TODAY, [], "all")
    qtbot.addWidget(dialog)
    dialog.choose(scope)
    window = start(None, book, dialog, TODAY)
    qtbot.addWidget(window)
    return window


def keys(qtbot, window, *sequence) -> None:
    for key in sequence:
        qtbot.keyClick(window, key)


def test_keyboard_review_stores_answers_changes_tier_and_summarises(qtbot, book: Book) -> None:
    ana, hotel, cy = small_book(book)
    window = open_window(qtbot, book, "top20")
    assert window.session.contact_ids == [ana, hotel, cy], "most purchases in the window first"
    assert window.name.text() == "Ana Ruiz"
    keys(qtbot, window, Qt.Key.Key_Y, Qt.Key.Key_Y, Qt.Key.Key_Y, Qt.Key.Key_Y)
    answers = book.interactions.answers_for(ana)
    assert all(answers[q].answer is Answer.YES and answers[q].answered_on == TODAY for q in Question)
    assert book.status.tier_result(ana, TODAY).tier is Tier.CLIENT
    assert window.badge.text() == "Client"
    keys(qtbot, window, Qt.Key.Key_Return)
    assert window.name.text() == "Hotel Nord"
    keys(qtbot, window, Qt.Key.Key_3, Qt.Key.Key_Y, Qt.Key.Key_N, Qt.Key.Key_U)
    assert book.contacts.get(hotel).label is Tier.PARTNER
    assert "You call Hotel Nord a partner; the evidence says customer" in window.warning.text()
    assert book.interactions.answers_for(hotel)[Question.REFERENCE].answer is Answer.UNKNOWN
    keys(qtbot, window, Qt.Key.Key_Right, Qt.Key.Key_Right)
    assert window.stack.currentWidget() is window.summary
    text = window.summary.body.text()
    assert window.summary.title.text() == "You reviewed 3 contacts"
    assert "1 moved up, 0 moved down" in text and "Ana Ruiz: Customer → Client" in text
    assert "You call 1 of them a partner; the evidence supports 0." in text
    assert ReviewSession.load(book) is None, "a finished review is not offered for resuming"


def test_quitting_half_way_resumes_at_the_next_contact(qtbot, book: Book) -> None:
    ana, hotel, cy = small_book(book)
    window = open_window(qtbot, book)
    keys(qtbot, window, Qt.Key.Key_N, Qt.Key.Key_Return)
    assert window.name.text() == book.contacts.get(window.session.current).name
    second = window.session.current
    keys(qtbot, window, Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert book.interactions.answers_for(window.session.contact_ids[0])[Question.NEEDS].answer is Answer.NO, "saved as given"
    dialog = ScopeDialog(book, TODAY, [], "all")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == "resume"
    resumed = start(None, book, dialog, TODAY)
    qtbot.addWidget(resumed)
    assert resumed.session.current == second
    assert resumed.progress.text() == "Contact 2 of 3"
    keys(qtbot, resumed, Qt.Key.Key_Left)
    assert resumed.progress.text() == "Contact 1 of 3"


def test_summary_pins_one_step_customers_to_the_checklist(qtbot, book: Book) -> None:
    ana, hotel, cy = small_book(book)
    window = open_window(qtbot, book)
    keys(qtbot, window, *[Qt.Key.Key_Y] * 3, Qt.Key.Key_N, Qt.Key.Key_Return)  # Ana: trust is "no"
    keys(qtbot, window, Qt.Key.Key_Return, Qt.Key.Key_Return)
    page = window.summary
    assert page.one_step_ids() == [ana]
    assert "Ana Ruiz: Earn Ana's trust" in page.body.text()
    page.pin_button.click()
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert book.status.pinned(monday) == {ana}
    assert ana in {e.contact_id for s in book.status.checklist(monday, TODAY).sections for e in s.entries}
    assert not page.pin_button.isEnabled()


def test_on_a_netbook_the_review_scrolls_to_the_question_in_hand(qtbot, book: Book) -> None:
    """1024×600 at 150 % leaves 683 × 400 points: the review's page is taller, so it scrolls, and the
    question the keys now answer is brought into view; the warning wraps within the width."""
    from PySide6.QtCore import QPoint

    small_book(book)
    book.contacts.update(replace(book.contacts.get(book.contacts.ids()[0]), label=Tier.PARTNER), TODAY)
    window = open_window(qtbot, book, "top20")
    window.resize(683, 400)
    window.show()
    qtbot.waitUntil(lambda: window.width() <= 700)
    page = window.step_scroll
    assert page.verticalScrollBar().maximum() > 0, "the page scrolls rather than being cut off"
    keys(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down)
    last, _answer = window.question_labels[-1]
    top = last.mapTo(page.viewport(), QPoint(0, 0)).y()
    assert 0 <= top and top + last.height() <= page.viewport().height(), "the fourth question is in view"
    right = window.warning.mapTo(page.viewport(), QPoint(window.warning.width(), 0)).x()
    assert right <= page.viewport().width()
    keys(qtbot, window, Qt.Key.Key_Y)
    assert book.interactions.answers_for(window.session.current)[Question.TRUST].answer is Answer.YES


def test_with_nobody_in_the_top_20_start_reviews_the_selection_not_nothing(qtbot, book: Book) -> None:
    """A new book (suspects only): the top 20 and the tiers hold nobody. Start once closed the
    dialog and opened no review; it now starts on the first scope that holds someone."""
    from PySide6.QtWidgets import QDialogButtonBox

    john = book.contacts.add("John Doe", today=TODAY)
    dialog = ScopeDialog(book, TODAY, [john.id], "all")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == "selection"
    with Book.open(book.path.parent / "empty.rapport") as nobody:
        empty = ScopeDialog(nobody, TODAY, [], "all")
    qtbot.addWidget(empty)
    assert empty.chosen() is None
    assert not empty.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).isEnabled()
