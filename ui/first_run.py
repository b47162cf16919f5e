"""What an empty book shows: a calm choice between the demo book and starting empty."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class FirstRunPanel(QWidget):
    sig_demo_requested = Signal()
    """The owner wants to look around the demo flower shop first."""
    sig_start_empty = Signal()
    """The owner wants to start their own book now."""
    sig_import_requested = Signal()
    """The owner wants to bring in contacts or sales from a file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Welcome to Rapport")
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        text = QLabel(
            "Your book is empty. Look around a demo first — Bloom & Stem, a flower shop with two years of "
            "customers, clients and partners — start your own book now, or import the contacts from your "
            "phone, Gmail or Outlook and your till's sales.\n\n"
            "The demo is a separate book: nothing in it touches yours.")
        text.setWordWrap(True)
        self.demo_button = QPushButton("Open the demo book")
        self.empty_button = QPushButton("Start empty")
        self.import_button = QPushButton("Import contacts or sales…")
        self.import_button.clicked.connect(self.sig_import_requested)
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.sig_demo_requested)
        self.empty_button.clicked.connect(self.sig_start_empty)
        buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.buttons = buttons
        self.text = text
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        # A column of fixed width centred by stretches, not by an alignment flag: a word-wrapped
        # label given an alignment loses its height-for-width and is clipped at top and bottom.
        column = QWidget()
        column.setMaximumWidth(560)
        inner = QVBoxLayout(column)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(12)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Keep everything readable in a narrow pane (a netbook, 150 % scaling): the text takes the
        height its wrapping needs, and the buttons stack when they no longer fit side by side."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit)  # after the layout has given the text its new width

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        room = self.text.width()
        needed = sum(b.sizeHint().width() for b in (self.demo_button, self.empty_button, self.import_button)) + 24
        self.buttons.setDirection(QBoxLayout.Direction.LeftToRight if room >= needed
                                  else QBoxLayout.Direction.TopToBottom)
        self.text.setMinimumHeight(self.text.heightForWidth(max(room, 1)))
