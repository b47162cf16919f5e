"""A date field that takes what people type (31/12/2026, 31 Dec, yesterday) and says how it read it.

Qt's QDateEdit steps through day, month and year sections and silently turns 31 February into
another day; this field is one line of text, Tab leaves it, and a day that does not exist is
named, never saved.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from core.dates import parse_typed_day
from core.errors import ValidationError
from core.text import format_day, weekday_and_day
from core.i18n import _


class DateField(QWidget):
    def __init__(self, today: date, locale: str, field: str = _("When"), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today, self.number_locale, self.field = today, locale, field
        self.edit = QLineEdit(format_day(today))
        self.edit.setPlaceholderText(_("31/12/2026, 31 Dec, yesterday…"))
        self.edit.setAccessibleName(field)  # the form's label names this box, not the field inside it
        self.hint = QLabel()
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._show)
        self._show(self.edit.text())

    def set_day(self, day: date) -> None:
        self.edit.setText(format_day(day))

    def day(self) -> date:
        """The typed day; ValidationError naming the field when it does not exist."""
        return parse_typed_day(self.edit.text(), self.today, self.field, self.number_locale)

    def _show(self, _text: str) -> None:
        try:
            found = self.day()
        except ValidationError as exc:
            self.hint.setText(exc.problem[:1].upper() + exc.problem[1:])
            return
        self.hint.setText(weekday_and_day(found))
