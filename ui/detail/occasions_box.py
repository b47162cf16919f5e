"""The contact's occasions in the pane: what is coming and when, with Add and Stop."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from core.occasions import Occasion, next_on
from core.text import format_day
from core.i18n import _

NumberRole = Qt.ItemDataRole.UserRole + 31


class OccasionsBox(QWidget):
    """One line per live occasion ("31 May 2026 — wedding anniversary: red roses"), soonest first."""

    sig_add_requested = Signal()
    """The owner wants to add an occasion to the contact."""
    sig_offer_taken = Signal(str)
    """The owner took the offer of the contact's yearly rhythm as an occasion: its day ("--05-31")."""
    sig_stop_requested = Signal(int)
    """The owner wants to stop one: its number as ``book.occasions.of`` lists it (1 is the first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Occasions"))
        self.list.setAccessibleDescription(_("Birthdays, anniversaries and the rest of this contact's year, soonest first"))
        self.list.setMaximumHeight(110)
        self.list.setWordWrap(True)
        self.empty = QLabel(_("No occasions yet: a birthday on the card is one; add an anniversary, a memorial "
                            "day or a yearly order."))
        self.empty.setWordWrap(True)
        self.add_button = QPushButton(_("Add an occasion…"))
        self.add_button.setToolTip(_("Add an occasion (Ctrl+Shift+O)"))
        self.stop_button = QPushButton(_("Stop…"))
        self.stop_button.setToolTip(_("Stop the selected occasion: it is kept and never shown again (Ctrl+Z undoes it)"))
        self.offer_button = QPushButton()  # "Remind me of the yearly order (around 31 May)", when the ladder knows one
        self.offer_button.hide()
        self._offer = ""
        self.offer_button.clicked.connect(lambda: self.sig_offer_taken.emit(self._offer))
        self.add_button.clicked.connect(self.sig_add_requested)
        self.stop_button.clicked.connect(self._stop)
        self.list.itemActivated.connect(lambda _item: None)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addWidget(self.offer_button)
        layout.addLayout(buttons)

    def show_occasions(self, occasions: list[Occasion], today: date, country: str, on_28: bool = True) -> None:
        self.list.clear()
        dated = [(next_on(o, today, country, on_28), number, o) for number, o in enumerate(occasions, start=1)]
        for on, number, occasion in sorted(dated, key=lambda item: (item[0] or date.max, item[1])):
            whom = f" for {occasion.for_whom}" if occasion.for_whom else ""
            note = f": {occasion.note}" if occasion.note else ""
            when = format_day(on) if on else _("no day")
            item = QListWidgetItem(f"{when} — {occasion.what()}{whom}{note}")
            item.setData(NumberRole, number)
            self.list.addItem(item)
        self.list.setVisible(bool(occasions))
        self.empty.setVisible(not occasions)
        self.stop_button.setEnabled(bool(occasions))
        if occasions:
            self.list.setCurrentRow(0)

    def offer(self, day: str | None, around: str) -> None:
        """Offer the contact's yearly rhythm as an occasion in one click (``day`` "--05-31"), or not."""
        self._offer = day or ""
        self.offer_button.setText(_("Remind me of their yearly order (around {around})").format(around=around))
        self.offer_button.setVisible(bool(day))

    def set_writable(self, writable: bool) -> None:
        self.add_button.setEnabled(writable)
        self.offer_button.setEnabled(writable)
        self.stop_button.setEnabled(writable and self.list.count() > 0)

    def _stop(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.sig_stop_requested.emit(int(item.data(NumberRole)))
