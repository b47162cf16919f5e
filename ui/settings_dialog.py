"""Settings: the business, and every number of the ladder. OK re-tiers the whole book."""

from __future__ import annotations

from dataclasses import asdict
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from datetime import date

from core.domain import Settings
from core.i18n import LANGUAGES, _, choose_language, chosen_language, system_language
from core.text import day_and_month
from core.errors import RapportError
from ui.dialogs import error_label, show_error
from ui.lifetime import delete_on_close
from ui.screen_fit import fit_on_screen
from ui.wheel import wheel_only_when_focused

GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (_("Business"), (("business_name", _("Business name")), ("currency", _("Currency")), ("paper_size", _("Paper size")),
                  ("country", _("Phone country (ES, GB…)")),
                  ("number_locale", _("Amount format (en_GB, de_DE…)")), ("language", _("Language")))),
    (_("Ladder"), (("window_days", _("Relationship window (days)")), ("client_min_purchases", _("Purchases to be a client")),
                ("partner_risk_days", _("Warn when partner evidence expires within (days)")),
                ("recheck_days", _("Check the client test again before it expires (days)")),
                ("max_follow_ups", _("Unanswered follow-ups before a contact went quiet")),
                ("rhythm_grace_days", _("A yearly buyer keeps their tier until late by (days)")),
                ("leap_day", _("A 29 February occasion falls, in other years, on")),
                ("checklist_pages", _("Printed checklist pages (0: print every line)")))),
    (_("Keep-in-touch cadence (days)"), (("partner_cadence_days", _("Partners")), ("client_cadence_days", _("Clients")),
                                      ("customer_cadence_days", _("Customers")),
                                      ("prospect_cadence_days", _("Prospects, after an inquiry")))),
    (_("Slipping away"), (("slipping_min_purchases", _("A regular has at least (purchases)")),
                       ("slipping_gap_factor", _("Absent longer than (× usual gap)")),
                       ("slipping_grace_days", _("…and longer than usual gap + (days)")),
                       ("forecast_min_buyers", _("Forecast once the book has (buyers)")),
                       ("forecast_min_repeat_buyers", _("…of whom came back at least once")))),
)


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``apply`` hands the changes to the book, which validates them."""

    def __init__(self, settings: Settings, apply: Callable[[dict], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.setWindowTitle(_("Settings"))
        self._apply = apply
        self.editors: dict[str, QWidget] = {}
        current = {**asdict(settings), "language": chosen_language()}  # the language is this computer's, not the book's
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        boxes = []
        for number, (title, items) in enumerate(GROUPS):
            box = QGroupBox(title)
            form = QFormLayout(box)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for key, label in items:
                editor = self._editor(key, current[key])
                wheel_only_when_focused(editor)  # scrolling the settings never changes a number
                self.editors[key] = editor
                form.addRow(label, editor)
            (left if number % 2 == 0 else right).addWidget(box)
            boxes.append(box)
        self._shown = self.values()
        columns.addLayout(left)
        columns.addLayout(right)
        free = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
        one_column = body.sizeHint().width() + 60 > free.width()
        if one_column:  # a netbook: the groups one under another
            for box in boxes:
                left.addWidget(box)
        # Tab reads the page as the eye does: down the left column, then down the right one.
        reading = boxes if one_column else boxes[0::2] + boxes[1::2]
        self._tab_order = [editor for box in reading for editor in box.findChildren(QWidget)
                           if editor in self.editors.values()]
        left.addStretch(1)
        right.addStretch(1)
        # The groups scroll; the error and the buttons stay in view whatever the screen.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no stop of its own: Tab goes to what it holds
        scroll.setWidget(body)
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        chain = [*self._tab_order, buttons.button(QDialogButtonBox.StandardButton.Ok),
                 buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for before, after in zip(chain, chain[1:]):  # once all of them are in this dialog
            QWidget.setTabOrder(before, after)
        wanted = body.sizeHint()
        fit_on_screen(self, wanted.width() + 40, wanted.height() + buttons.sizeHint().height() + 60)

    @staticmethod
    def _editor(key: str, value: object) -> QWidget:
        if key == "language":
            combo = QComboBox()
            combo.addItem(_("The computer's ({language})").format(language=LANGUAGES[system_language()]), "")
            for code, name in LANGUAGES.items():
                combo.addItem(name, code)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.setToolTip(_("The language of the window and the printouts, from Rapport's next start."))
            return combo
        if key in ("paper_size", "leap_day"):
            combo = QComboBox()
            # The book stores "A4", "Letter", "28 Feb" or "1 Mar"; the owner reads them in her language.
            shown = ((("A4", "A4"), (_("Letter"), "Letter")) if key == "paper_size"
                     else ((day_and_month(date(2026, 2, 28)), "28 Feb"), (day_and_month(date(2026, 3, 1)), "1 Mar")))
            for words, stored in shown:
                combo.addItem(words, stored)
            combo.setCurrentIndex(max(0, combo.findData(str(value))))
            return combo
        if isinstance(value, str):
            edit = QLineEdit(value)
            edit.setMinimumWidth(160)
            tips = {"country": _("Phones typed without +code are read as from this country; empty: the computer's."),
                    "number_locale": _("How you type amounts: en_GB for 1,000.50, de_DE for 1.000,50; empty: the "
                                     "computer's.")}
            edit.setToolTip(tips.get(key, ""))
            return edit
        low, high = Settings.limits(key)  # what the book accepts, no more and no less
        if isinstance(value, float):
            spin = QDoubleSpinBox()
            spin.setRange(low, high)
            spin.setSingleStep(0.5)
            spin.setValue(value)
            return spin
        whole = QSpinBox()
        whole.setRange(int(low), int(high))
        if key == "checklist_pages":
            whole.setSpecialValueText(_("every line"))  # 0: no cut
        whole.setValue(int(str(value)))  # a whole number of the ladder, as the book stored it
        return whole

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                out[key] = editor.currentData()
            elif isinstance(editor, QLineEdit):
                out[key] = editor.text()
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                out[key] = editor.value()
        return out

    def try_apply(self) -> None:
        """Hand the book what the owner changed, never a value an editor merely showed (an editor that
        could not show a stored value must not write its nearest one back)."""
        changed = {k: v for k, v in self.values().items() if v != self._shown[k]}
        language = changed.pop("language", None)
        try:
            self._apply(changed)
        except RapportError as exc:
            show_error(self.error, exc)
            return
        if language is not None:
            try:
                choose_language(str(language))
            except OSError as exc:  # a config folder that cannot be written: said, the book untouched
                self.error.setText(_("The language could not be kept ({reason}); the other settings are saved.")
                                   .format(reason=exc.strerror or exc))
                self.error.show()
                return
            QMessageBox.information(self, _("Language"), _("Rapport speaks {language} from its next start.").format(
                language=LANGUAGES[str(language) or system_language()]))
        self.accept()
