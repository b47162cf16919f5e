"""The forecast under a contact's reasons: one sentence, and the numbers behind it a click away."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget
from core.i18n import _

NUMBERS = _("Numbers")


class ForecastLine(QWidget):
    """ "Likely still with you (84 %) · usually every 5 weeks · …", with a Numbers button that shows
    the chance, the visits and the fit they come from; hidden for whoever has no forecast."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.toggle = QToolButton()
        self.toggle.setText(NUMBERS)
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(_("Show the numbers behind the forecast"))
        self.numbers = QLabel()
        self.numbers.setWordWrap(True)
        self.numbers.setStyleSheet("color: palette(placeholder-text);")
        self.numbers.hide()
        self.toggle.toggled.connect(self.numbers.setVisible)
        # The button under the sentence, not beside it: a narrow pane (1024×600 at 150 %) then wraps
        # the sentence over its whole width instead of a third of it.
        under = QHBoxLayout()
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(self.toggle)
        under.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sentence)
        layout.addLayout(under)
        layout.addWidget(self.numbers)

    def show_forecast(self, forecast: tuple[str, str] | None) -> None:
        """``forecast`` is (sentence, numbers) from ``book.forecasts.outlook_for``; no numbers when the
        sentence says why there is no forecast yet."""
        self.setVisible(forecast is not None)
        sentence, numbers = forecast or ("", "")
        self.sentence.setText(_("Forecast: {sentence}").format(sentence=sentence) if sentence else "")
        self.numbers.setText(numbers)
        self.toggle.setVisible(bool(numbers))
        self.numbers.setVisible(bool(numbers) and self.toggle.isChecked())
