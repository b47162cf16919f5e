"""A pinned note typed on the card shows in red under the name, as a mark in the list with the note in
its tooltip; Ctrl+Z takes it off again."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_a_pinned_note_on_the_card_marks_the_list_and_the_pane(qtbot, window) -> None:
    window.start_empty = True
    anna = window.book.contacts.add("Anna Berg", today=window.today)
    window.refresh()
    window.select_contact(anna.id)
    card = window.panel.card
    card.pinned.setFocus()
    qtbot.keyClicks(card.pinned, "allergic to lilies; nut allergy")
    qtbot.keyClick(card.pinned, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.book.contacts.get(anna.id).pinned == ("allergic to lilies", "nut allergy"))
    row = window.model.row_of(anna.id)
    assert window.model.index(row, 0).data() == "Anna Berg  \u2691"
    assert window.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == "allergic to lilies\nnut allergy"
    assert window.panel.pinned.text() == "\u2691 allergic to lilies\n\u2691 nut allergy"
    assert not window.panel.pinned.isHidden()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.book.contacts.get(anna.id).pinned == ()
    assert window.model.index(window.model.row_of(anna.id), 0).data() == "Anna Berg"
    assert window.panel.pinned.isHidden()
