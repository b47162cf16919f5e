"""How long the window's dialogs live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def delete_on_close(dialog: QWidget) -> None:
    """A dialog made for one use goes when it closes. Kept as a hidden child of the window, each one
    made a day's later dialogs slower: closing a modal dialog tells every widget of every window,
    hidden ones included (after a hundred logs, a log took twice as long)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
