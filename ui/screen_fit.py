"""Every window and dialog fits the screen it opens on: a 1024×600 netbook, or 150 % scaling.

A dialog asks for the size it would like; it gets at most the screen's free area (leaving room
for the window frame), placed inside it, so its buttons are never below the edge.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = 40  # room for a window manager's title bar and borders


def fit_on_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width``×``height``, or less where the screen is smaller."""
    screen = (widget.parentWidget().screen() if widget.parentWidget() else None) or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    free = screen.availableGeometry()
    widget.setMinimumSize(min(widget.minimumWidth(), free.width()), min(widget.minimumHeight(), free.height() - FRAME))
    widget.resize(min(width, free.width()), min(height, free.height() - FRAME))
    left = max(free.left(), min(widget.x(), free.right() - widget.width()))
    top = max(free.top(), min(widget.y(), free.bottom() - widget.height() - FRAME))
    QWidget.move(widget, left, top)  # the widget's own move() may mean something else (the review's)
