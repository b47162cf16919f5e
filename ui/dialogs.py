"""Small dialogs: log an interaction, add a contact. Errors show inline; input is kept."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core.books import Book
from core.domain import Contact, Interaction, Kind
from core.errors import RapportError, ValidationError
from core.validation import amount_as_typed, amount_in_words, parse_amount
from ui.date_field import DateField
from ui.lifetime import delete_on_close
from core.i18n import _


def error_colour() -> str:
    """A red that reads on the desktop's own background: dark red on light, light red on dark."""
    from PySide6.QtGui import QGuiApplication, QPalette

    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return "#ff8a80" if window.lightnessF() < 0.5 else "#b3261e"  # 5.4 : 1 and 5.7 : 1


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {error_colour()}; font-weight: bold;")
    label.hide()
    return label


def build_form(dialog: QDialog, rows: list[tuple[str, QWidget]], save: Callable[[], None]) -> QLabel:
    """Fields, an inline error line, Save and Cancel: the frame every small dialog shares."""
    form = QFormLayout()
    form.setObjectName("form")  # a dialog that hides rows finds it again (LogDialog)
    for label, widget in rows:
        form.addRow(label, widget)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    error = error_label()
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error


def show_error(label: QLabel, message: object) -> None:
    """Put the book's message (it names the field and the value) under the form, capitalised."""
    text = str(message)
    label.setText(text[:1].upper() + text[1:])
    label.show()
    grow_to_fit(label.window())


def grow_to_fit(dialog: QWidget) -> None:
    """Let a dialog grow with what it now shows (a hint, an error over two lines), within the
    screen. Qt does not count a wrapped label's lines when it sizes a window, so at 1024×600 and
    150 % a long amount hint and an error squeezed the date field above them flat."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    need = (layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth()
            else layout.totalSizeHint().height())
    screen = dialog.screen()
    room = screen.availableGeometry().height() if screen is not None else need
    if dialog.height() < min(need, room):
        dialog.resize(dialog.width(), min(need, room))


class LogDialog(QDialog):
    """Log (or edit) one interaction. Enter saves; a refused value is named and nothing is lost."""

    def __init__(self, book: Book, contact_name: str, save: Callable[[dict], object], parent: QWidget | None = None,
                 existing: Interaction | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.book = book
        self._save = save
        self.saved: object = None
        self.setWindowTitle((_("Edit an interaction with {contact_name}") if existing else _("Log an interaction with {contact_name}")).format(contact_name=contact_name))
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(kind.label, kind.value)
        self.date = DateField(date.today(), book.number_locale())
        self.number_locale, self.currency = book.number_locale(), book.settings().currency
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_("e.g. {amount} ({currency})").format(
            amount=amount_as_typed(4250, self.number_locale), currency=self.currency))
        self.amount_hint = QLabel()
        self.amount_hint.setStyleSheet("color: palette(placeholder-text);")
        self.amount.textChanged.connect(self._show_amount)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("What happened, in a few words"))
        self.referred = QLineEdit()
        self.referred.setPlaceholderText(_("Start typing a name…"))
        self._names = QStringListModel(self)
        self._ids_by_name: dict[str, int] = {}
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.referred.setCompleter(completer)
        self.referred.textEdited.connect(self._suggest)
        self.error = build_form(self, [(_("What"), self.kind), (_("When"), self.date), (_("Amount"), self.amount),
                                       ("", self.amount_hint), (_("Referred"), self.referred), (_("Note"), self.note)],
                                self.try_save)
        form = self.findChild(QFormLayout, "form")
        assert form is not None, "build_form made it"
        self.form = form
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if existing:
            self.kind.setCurrentIndex(self.kind.findData(existing.kind.value))
            self.date.set_day(existing.occurred_on)
            if existing.amount_cents is not None:
                self.amount.setText(amount_as_typed(existing.amount_cents, self.number_locale))
            self.note.setText(existing.note)
            if existing.referred_contact_id:
                name = book.contacts.get(existing.referred_contact_id, include_deleted=True).name
                self._ids_by_name[name] = existing.referred_contact_id
                self.referred.setText(name)
        self._kind_changed()
        self.resize(460, self.sizeHint().height())

    def _show_amount(self, text: str) -> None:
        """Say how the amount was read as it is typed, so 1,000 is never silently one."""
        if not text.strip():
            self.amount_hint.setText("")
            return
        try:
            cents = parse_amount(text, self.number_locale)
        except ValidationError as exc:
            self.amount_hint.setText(exc.problem[:1].upper() + exc.problem[1:])
            grow_to_fit(self)
            return
        self.amount_hint.setText(amount_in_words(cents or 0, self.number_locale, self.currency))

    def set_kind(self, kind: Kind) -> None:
        """Log this kind; the keyboard goes where the owner types next (the amount of a purchase, else
        the note), so Ctrl+L, 12.50, Enter logs a sale."""
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        (self.amount if kind is Kind.PURCHASE else self.note).setFocus()

    def _kind_changed(self) -> None:
        """Only the fields this kind uses are shown: an amount for a purchase, a name for a referral."""
        kind = Kind(self.kind.currentData())
        for widget, shown in ((self.amount, kind is Kind.PURCHASE), (self.amount_hint, kind is Kind.PURCHASE),
                              (self.referred, kind.is_referral)):
            self.form.setRowVisible(widget, shown)
            widget.setEnabled(shown)

    def _suggest(self, text: str) -> None:
        rows = self.book.contacts.rows(self.book.contacts.ids(search=text, limit=20)) if text.strip() else []
        self._ids_by_name.update((row.name, row.id) for row in rows)
        self._names.setStringList([row.name for row in rows])

    def values(self) -> dict:
        """What the owner typed, for the book to validate."""
        kind = Kind(self.kind.currentData())
        referred_name = self.referred.text().strip() if kind.is_referral else ""
        referred_id = self._ids_by_name.get(referred_name)
        if referred_name and referred_id is None:  # typed, not picked: fine when it names one contact
            exact = self.book.contacts.find_by_name(referred_name)
            matches = [c.id for c in exact] if exact else self.book.contacts.ids(search=referred_name, limit=2)
            referred_id = matches[0] if len(matches) == 1 else -1
        return {
            "kind": kind,
            "occurred_on": self.date.day(),
            "amount": self.amount.text() if kind is Kind.PURCHASE else None,
            "note": self.note.text(),
            "referred_contact_id": referred_id,
        }

    def try_save(self) -> None:
        try:
            values = self.values()
        except RapportError as exc:  # a typed day that does not exist: named, nothing saved
            self.show_error(str(exc))
            return
        if values["referred_contact_id"] == -1:
            self.show_error(_("Referred: “{text}” does not name exactly one contact. Pick one from the list.").format(text=self.referred.text().strip()))
            return
        try:
            self.saved = self._save(values)
        except RapportError as exc:
            self.show_error(str(exc))
            return
        self.accept()

    def show_error(self, message: str) -> None:
        show_error(self.error, message)


class NewContactDialog(QDialog):
    """The few fields needed to start; the rest is on the card."""

    def __init__(self, save: Callable[[dict], Contact], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self._save = save
        self.saved: Contact | None = None
        self.setWindowTitle(_("New contact"))
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.error = build_form(self, [(_("Name"), self.name), (_("Organisation"), self.organisation),
                                       (_("Phone"), self.phone), (_("Email"), self.email)], self.try_save)
        self.resize(420, self.sizeHint().height())

    def try_save(self) -> None:
        values = {"name": self.name.text(), "organisation": self.organisation.text(),
                  "phones": (self.phone.text(),) if self.phone.text().strip() else (),
                  "emails": (self.email.text(),) if self.email.text().strip() else ()}
        try:
            self.saved = self._save(values)
        except RapportError as exc:
            show_error(self.error, exc)
            return
        self.accept()


def table_dialog_layout(dialog: QDialog, heading: QWidget, table: QWidget, buttons: QWidget,
                        width: int, height: int) -> None:
    """A dialog that is a list: a line above, the table taking the room, the buttons below; sized to
    fit the screen and remembered (the Sources, Restore and Who moved dialogs)."""
    from ui.screen_fit import fit_on_screen

    layout = QVBoxLayout(dialog)
    layout.addWidget(heading)
    layout.addWidget(table, 1)
    layout.addWidget(buttons)
    fit_on_screen(dialog, width, height)
