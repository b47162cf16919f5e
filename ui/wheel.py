"""The mouse wheel over a scrolling pane scrolls it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget


class _ScrollPastUnlessFocused(QObject):
    """Hands a wheel turned over an unfocused field on to what holds it (the pane, which scrolls):
    Qt's drop-downs otherwise take it, and scrolling the contact pane past the card quietly made
    a person an organisation, to be saved with the next move."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # not taken here: Qt offers it to the parents, up to the scroll area
            return True
        return False


_GUARD = _ScrollPastUnlessFocused()


def wheel_only_when_focused(*fields: QWidget) -> None:
    """Fields in a scrolling pane change by the wheel only once clicked or tabbed into."""
    for field in fields:
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel alone does not give them the focus
        field.installEventFilter(_GUARD)
