"""Undo and redo leave the ladder's history as if the undone action never happened, then as if it
happened once, pressing the real keys on the real window (random sequences: tests/test_undo_history.py)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from core.domain import Answer, Question, Tier
from core.store import Book
from tests.ui.test_daily_flow import tier_cell


def history(book: Book, contact_id: int) -> list[tuple]:
    return [(c.changed_on, c.from_tier, c.to_tier, c.reason) for c in book.status.tier_history(contact_id)]


def test_emily_becomes_a_client_once_after_undo_and_redo(qtbot, window) -> None:
    book = window.book
    today = date.today()
    emily = book.contacts.add("Emily Hart", today=today - timedelta(days=40))
    for days in (30, 10):
        book.interactions.log(emily.id, "purchase", (today - timedelta(days=days)).isoformat(), amount="40",
                              today=today)
    for question in (Question.NEEDS, Question.REFERRAL, Question.REFERENCE):
        book.interactions.record_answer(emily.id, question, Answer.YES, today.isoformat(), today=today)
    window.refresh()
    window.select_contact(emily.id)
    before = history(book, emily.id)
    assert before[-1][2] == Tier.CUSTOMER
    window.panel.client_test.choose(Question.TRUST, Answer.YES)  # her Trust answer makes her a Client
    once = history(book, emily.id)
    assert [row[2] for row in once[len(before):]] == [Tier.CLIENT]
    assert window.last_notice == "Emily Hart is now a Client", "an answer that promotes says so, as a log does"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert history(book, emily.id) == before, "undone: as if the answer had never been given"
    assert tier_cell(window, emily.id) == "Customer"
    qtbot.keyClick(window.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert history(book, emily.id) == once, "redone: a Client once, and no drop back before she was one"
    assert tier_cell(window, emily.id) == "Client"
