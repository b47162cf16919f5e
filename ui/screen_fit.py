"""Every window and dialog fits the screen it opens on (a 1024×600 netbook, or 150 % scaling) and
opens at the size the owner last gave it.

A dialog asks for the size it would like; it gets the size it had last time if the owner resized
it, and at most the screen's free area (leaving room for the window frame), placed inside it, so
its buttons are never below the edge.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = 40  # room for a window manager's title bar and borders


class _RememberSize(QObject):
    """Stores the dialog's size when it closes, under its class name."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Hide and isinstance(watched, QWidget):
            from ui.books import app_settings

            app_settings().setValue(_key(watched), watched.size())
        return False


def _key(widget: QWidget) -> str:
    return f"sizes/{type(widget).__name__}"


def fit_on_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to its remembered size or ``width``×``height``, never beyond the screen."""
    from ui.books import app_settings

    remembered = app_settings().value(_key(widget))
    if isinstance(remembered, QSize) and remembered.isValid():
        width, height = remembered.width(), remembered.height()
    keeper = _RememberSize(widget)
    widget.installEventFilter(keeper)
    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    free = screen.availableGeometry()
    widget.setMinimumSize(min(widget.minimumWidth(), free.width()), min(widget.minimumHeight(), free.height() - FRAME))
    widget.resize(min(width, free.width()), min(height, free.height() - FRAME))
    left = max(free.left(), min(widget.x(), free.right() - widget.width()))
    top = max(free.top(), min(widget.y(), free.bottom() - widget.height() - FRAME))
    QWidget.move(widget, left, top)  # the widget's own move() may mean something else (the review's)
