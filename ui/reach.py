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
from core.i18n import _
from ui.waiting import after_the_wait

if TYPE_CHECKING:
    from ui.window_parts import WindowParts

# channel: (button, what the log says it was, the scheme)
CHANNELS = {"call": (_("Call"), "call", "tel"), "text": (_("Text"), _("text message"), "sms"),
            "email": (_("Email"), "email", "mailto"), "map": (_("Map"), "map", "geo")}


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
            button.setToolTip(_("Opens your {scheme}: program; back here, Rapport asks whether you reached them").format(scheme=scheme))
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
        window.notify(_("No program here opens {CHANNELS}: links; {value} is copied.").format(CHANNELS=CHANNELS[channel][2], value=value))
        return
    window.pending_reach = (contact_id, channel)


def ask_if_reached(window: WindowParts) -> None:
    """Back in Rapport after a link: "Did you reach Anna?" Yes logs the conversation, No an unanswered
    try (it counts toward "went quiet" and "lapsed"), Esc nothing. Asked once, and never while the
    owner waits for work (back from a call as the Trash is emptied): after it."""
    after_the_wait(window.widget, lambda: _ask(window))


def _ask(window: WindowParts) -> None:
    pending = window.pending_reach
    if pending is None or window.book.closed or window.book.read_only:
        return
    window.pending_reach = None
    contact_id, channel = pending
    name = window.book.contacts.get(contact_id, include_deleted=True).name
    said = CHANNELS[channel][1]
    box = QMessageBox(QMessageBox.Icon.Question, _("Did you reach them?"), _("Did you reach {name}?").format(name=name),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
                      window.widget)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Cancel:
        return
    note = _("Reached by {said}").format(said=said) if answer == QMessageBox.StandardButton.Yes else _("No answer ({said})").format(said=said)
    if window.commands.run(_("Log conversation for {name}").format(name=name), lambda: operations.log(
            window.book, contact_id, Kind.CONVERSATION, window.today, note=note, today=window.today)):
        window.notify(_("Logged for {name}: {note}. Ctrl+Z undoes it.").format(name=name, note=note))


def write_to_view(window: WindowParts) -> None:
    """Everyone the list shows, in Bcc of one new email; too many for a link: their addresses copied."""
    from core.interchange.export import bcc_link

    ids = window.book.contacts.ids(window.model.view, window.model.search)
    contacts = window.book.contacts.many(ids)
    addresses = [contacts[i].emails[0] for i in ids if i in contacts and contacts[i].emails]
    if not addresses:
        window.notify(_("Nobody in this list has an email address."))
        return
    link = bcc_link(addresses)
    if link is not None and QDesktopServices.openUrl(QUrl(link)):
        window.notify(_("A new email to {count} people, in Bcc.").format(count=len(addresses)))
        return
    QGuiApplication.clipboard().setText(", ".join(dict.fromkeys(addresses)))
    window.notify(_("{count} addresses copied: paste them into Bcc (too many for one email link), or export the email list (Ctrl+E).").format(count=len(set(addresses))))
