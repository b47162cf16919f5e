"""A note that wraps over as many lines as it needs: the banner above the contact table.

A word-wrapped QLabel in a vertical layout is given the height its text needs at the width it
had when the layout was first worked out; in a narrower column (1024×600, 150 % scaling) its
last lines were cut off. This one asks again for the height its text needs whenever its width
or its text changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


class WrappedNote(QLabel):
    """A word-wrapped label whose minimum height follows its width and its text."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        needed = max(self.heightForWidth(max(self.width(), 1)), 0) if self.text() else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)
