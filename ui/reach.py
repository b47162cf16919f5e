"""Reaching a contact from the pane: call, text, write or find them through the system's own
programs (``tel:``, ``sms:``, ``mailto:``, ``geo:``); back in Rapport, one quiet question logs it.

When no program takes the link, the number or address is copied instead, with a word saying so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QToolButton, QWidget

from core.domain import Contact, Kind
from core import operations

if TYPE_CHECKING:
    from ui.window_parts import WindowParts

# channel: (button, what the log says it was, the scheme)
CHANNELS = {"call": ("Call", "call", "tel"), "text": ("Text", "text message", "sms"),
            "email": ("Email", "email", "mailto"), "map": ("Map", "map", "geo")}


class ReachBar(QWidget):
    """Call · Text · Email · Map for the contact shown; each greyed out when there is nothing to use."""

    sig_reach = Signal(str)
    """The owner wants to reach the contact this way: "call", "text", "email" or "map"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QToolButton] = {}  # tool buttons: four fit the narrowest pane
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for channel, (shown, _said, scheme) in CHANNELS.items():
            button = QToolButton()
            button.setText(shown)
            button.setToolTip(f"Opens your {scheme}: program; back here, Rapport asks whether you reached them")
            button.clicked.connect(lambda _checked=False, c=channel: self.sig_reach.emit(c))
            row.addWidget(button)
            self.buttons[channel] = button
        row.addStretch(1)

    def show_contact(self, contact: Contact) -> None:
        for channel, button in self.buttons.items():
            button.setEnabled(bool(target(contact, channel)))


def target(contact: Contact, channel: str) -> str:
    """What the link is made of: the first phone, the first email, or the address ("" when none)."""
    if channel in ("call", "text"):
        return contact.phone
    if channel == "email":
        return contact.emails[0] if contact.emails else ""
    return contact.address


def link(contact: Contact, channel: str) -> str:
    value = target(contact, channel)
    scheme = CHANNELS[channel][2]
    if channel in ("call", "text"):
        return f"{scheme}:{''.join(ch for ch in value if ch.isdigit() or ch == '+')}"
    if channel == "email":
        return f"mailto:{value}"
    return f"geo:0,0?q={quote(' '.join(value.split()))}"


def reach(window: WindowParts, channel: str) -> None:
    """Open the link; remember to ask, once back, whether the owner reached them."""
    contact_id = window.current_id()
    if contact_id is None:
        return
    contact = window.book.contacts.get(contact_id)
    value = target(contact, channel)
    if not value:
        return
    if not QDesktopServices.openUrl(QUrl(link(contact, channel))):
        QGuiApplication.clipboard().setText(value)
        window.notify(f"No program here opens {CHANNELS[channel][2]}: links; {value} is copied.")
        return
    window.pending_reach = (contact_id, channel)


def ask_if_reached(window: WindowParts) -> None:
    """Back in Rapport after a link: "Did you reach Anna?" Yes logs the conversation, No an unanswered
    try (it counts toward "went quiet" and "lapsed"), Esc nothing. Asked once."""
    pending = window.pending_reach
    if pending is None or window.book.read_only:
        return
    window.pending_reach = None
    contact_id, channel = pending
    name = window.book.contacts.get(contact_id, include_deleted=True).name
    said = CHANNELS[channel][1]
    box = QMessageBox(QMessageBox.Icon.Question, "Did you reach them?", f"Did you reach {name}?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
                      window.widget)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Cancel:
        return
    note = f"Reached by {said}" if answer == QMessageBox.StandardButton.Yes else f"No answer ({said})"
    if window.commands.run(f"Log conversation for {name}", lambda: operations.log(
            window.book, contact_id, Kind.CONVERSATION, window.today, note=note, today=window.today)):
        window.notify(f"Logged for {name}: {note}. Ctrl+Z undoes it.")


def write_to_view(window: WindowParts) -> None:
    """Everyone the list shows, in Bcc of one new email; too many for a link: their addresses copied."""
    from core.interchange.export import bcc_link

    ids = window.book.contacts.ids(window.model.view, window.model.search)
    contacts = window.book.contacts.many(ids)
    addresses = [contacts[i].emails[0] for i in ids if i in contacts and contacts[i].emails]
    if not addresses:
        window.notify("Nobody in this list has an email address.")
        return
    link = bcc_link(addresses)
    if link is not None and QDesktopServices.openUrl(QUrl(link)):
        window.notify(f"A new email to {len(addresses)} people, in Bcc.")
        return
    QGuiApplication.clipboard().setText(", ".join(dict.fromkeys(addresses)))
    window.notify(f"{len(set(addresses))} addresses copied: paste them into Bcc (too many for one email link), "
                  "or export the email list (Ctrl+E).")
