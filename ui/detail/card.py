"""The contact's card: editable fields, saved as one action (undoable)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from core.domain import Contact, ContactKind, Role, Tier
from ui.wheel import wheel_only_when_focused
from core.i18n import _

NO_LABEL = "—"


class ContactCard(QWidget):
    """Name, organisation, phones, emails, address, tags, notes, how we met, the owner's label and the role."""

    sig_save_requested = Signal(object)
    """The owner pressed Save: the edited Contact."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contact: Contact | None = None
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.phones = QLineEdit()
        self.phones.setPlaceholderText(_("Separate several with commas"))
        self.emails = QLineEdit()
        self.emails.setPlaceholderText(_("Separate several with commas"))
        self.address = QLineEdit()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(_("wedding, regular, …"))
        self.how_met = QLineEdit()
        self.kind = QComboBox()
        for kind in ContactKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setToolTip(_("People and organisations get different steps (joint promotions are for businesses)."))
        self.title = QLineEdit()
        self.source = QLineEdit()
        self.source.setPlaceholderText(_("The list they came from: Bridal fair 2026, …"))
        self.birthday = QLineEdit()
        self.birthday.setPlaceholderText(_("28/11/1980, 28 Nov 1980, or 28 Nov without the year"))
        self.label = QComboBox()
        self.label.addItem(NO_LABEL, None)
        for tier in Tier:
            self.label.addItem(tier.label, tier.value)
        self.label.setToolTip(_("What you call them. Rapport tells you when the evidence says less."))
        self.role = QComboBox()
        for role, words in ((Role.CUSTOMER, _("Customer: on the ladder")), (Role.SUPPLIER, _("Supplier: you buy from them")),
                            (Role.TEAM, _("Team: outside the ladder"))):
            self.role.addItem(words, role.value)
        self.role.setToolTip(_("A supplier's way up is partner, never an invitation to visit; the team (co-owner, "
                             "staff, family) has no tier, no steps and is in no count."))
        self.pinned = QLineEdit()
        self.pinned.setPlaceholderText(_("allergic to lilies; deliver to the back door"))
        self.pinned.setToolTip(_("Notes never to miss, separated by ';': shown in red on the card, marked in the list "
                               "and printed on every line about them."))
        self.pinned.setStyleSheet("color: #b00020; font-weight: bold;")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab goes on to the next field; a note needs no tab stops
        self.notes.setFixedHeight(60)
        self.save_button = QPushButton(_("Save changes"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.setToolTip(_("Save the card (Ctrl+S)"))
        self.save_button.clicked.connect(self._save)
        wheel_only_when_focused(self.kind, self.label, self.role)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow pane: the field under its label
        form.setContentsMargins(0, 0, 0, 0)
        for label, widget in ((_("Name"), self.name), (_("Person or organisation"), self.kind),
                              (_("Organisation"), self.organisation), (_("Job title"), self.title), (_("Phones"), self.phones),
                              (_("Emails"), self.emails), (_("Address"), self.address), (_("Tags"), self.tags),
                              (_("Source"), self.source), (_("Birthday"), self.birthday), (_("How we met"), self.how_met),
                              (_("You call them"), self.label), (_("Role"), self.role), (_("Never miss"), self.pinned),
                              (_("Notes"), self.notes)):
            form.addRow(label, widget)
        form.addRow("", self.save_button)

    def is_dirty(self) -> bool:
        """Whether the owner has typed something on the card that is not saved yet."""
        edited = self.edited()
        return edited is not None and edited != self._contact

    def reload(self, contact: Contact) -> None:
        """Show the contact as stored, dropping the typed text (after it was saved)."""
        self._contact = None
        self.show_contact(contact)

    def show_contact(self, contact: Contact) -> None:
        if self._contact is not None and contact.id == self._contact.id and self.is_dirty():
            # The same contact shown again (after a log, an answer, a background re-tier):
            # what the owner is typing stays on the card.
            self._contact = contact
            return
        self._contact = contact
        self.name.setText(contact.name)
        self.organisation.setText(contact.organisation)
        self.phones.setText(", ".join(contact.phones))
        self.emails.setText(", ".join(contact.emails))
        self.address.setText(contact.address)
        self.tags.setText(", ".join(contact.tags))
        self.how_met.setText(contact.how_met)
        self.kind.setCurrentIndex(max(0, self.kind.findData(contact.kind.value)))
        self.title.setText(contact.title)
        self.source.setText(contact.source)
        self.birthday.setText(contact.birthday)
        self.label.setCurrentIndex(max(0, self.label.findData(contact.label.value if contact.label else None)))
        self.role.setCurrentIndex(max(0, self.role.findData(contact.role.value)))
        self.pinned.setText("; ".join(contact.pinned))
        self.notes.setPlainText(contact.notes)
        for field in (self.name, self.organisation, self.phones, self.emails, self.address, self.tags, self.how_met,
                      self.title, self.source, self.birthday, self.pinned):
            field.setCursorPosition(0)  # a long line shows its start ("905-555-1234, …"), not its end

    def edited(self) -> Contact | None:
        """The card as typed (validated by the book when saved)."""
        if self._contact is None:
            return None
        label = self.label.currentData()
        phones = _split(self.phones.text())
        old_labels = dict(zip(self._contact.phones, self._contact.phone_labels))
        return replace(
            self._contact, name=self.name.text(), organisation=self.organisation.text(),
            phones=phones, phone_labels=tuple(old_labels.get(p, "") for p in phones), emails=_split(self.emails.text()), address=self.address.text(),
            tags=_split(self.tags.text()), how_met=self.how_met.text(), notes=self.notes.toPlainText(),
            label=Tier(label) if label else None, kind=ContactKind(self.kind.currentData()),
            title=self.title.text(), source=self.source.text(), birthday=self.birthday.text(),
            role=Role(self.role.currentData()),
            pinned=tuple(part.strip() for part in self.pinned.text().split(";") if part.strip()),
        )

    def _save(self) -> None:
        contact = self.edited()
        if contact is not None:
            self.sig_save_requested.emit(contact)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())
