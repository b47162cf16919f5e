"""The banner's note takes every line its text needs, whatever the width it is given."""

from __future__ import annotations

from ui.wrapped_note import WrappedNote


def test_a_note_asks_for_the_height_of_its_wrapped_text_as_its_width_and_text_change(qtbot) -> None:
    note = WrappedNote()
    qtbot.addWidget(note)
    note.resize(600, 10)
    note.show()
    assert note.minimumHeight() == 0, "no text yet: no room asked for"
    note.setText("The book is damaged and nothing will be written to it. " * 4)
    wide = note.minimumHeight()
    assert wide == note.heightForWidth(600) > 0
    note.resize(250, note.height())
    qtbot.waitUntil(lambda: note.minimumHeight() == note.heightForWidth(250))
    assert note.minimumHeight() > wide, "narrower: more lines"
    note.setText("")
    assert note.minimumHeight() == 0
