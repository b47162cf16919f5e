"""A status bar whose notices wrap instead of being cut off.

QStatusBar draws a message on one line and clips the rest: on a small laptop screen at 150 %,
"Restored the backup of 1 Dec 2026 19:21. The book as it was is kept as …" lost its end, the
part that says where the old book went. This one grows to as many lines as the notice needs
while it shows, and back to one line when it fades.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QStatusBar, QStyle, QStyleOption, QWidget

_MARGIN = 6  # as QStatusBar leaves either side of its message
_GRIP = 16  # room kept for the size grip in the corner
_FLAGS = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap


class WrappingStatusBar(QStatusBar):
    """QStatusBar with the same API (showMessage, clearMessage, currentMessage), wrapped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(lambda _text: self._fit())

    def message_rect(self) -> QRect:
        """Where the notice is drawn: the bar less its margins and the size grip."""
        grip = _GRIP if self.isSizeGripEnabled() else 0
        return QRect(_MARGIN, 0, max(self.width() - 2 * _MARGIN - grip, 1), self.height())

    def _fit(self) -> None:
        """As tall as the wrapped notice (one line when there is none); the window lays out again."""
        text = self.currentMessage()
        lines_high = self.fontMetrics().height()
        if text:
            bounds = self.fontMetrics().boundingRect(self.message_rect().adjusted(0, 0, 0, 10_000), _FLAGS, text)
            lines_high = max(lines_high, bounds.height())
        wanted = lines_high + 4  # a little air above and below, as the stock bar has
        if self.minimumHeight() != wanted:
            self.setMinimumHeight(wanted)  # QStatusBar repaints the message itself

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()  # a narrower window wraps the notice onto more lines

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        text = self.currentMessage()
        if not text:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.message_rect(), _FLAGS, text)
