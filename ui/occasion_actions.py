"""Adding and stopping occasions from the window: a small form, a reason asked, Ctrl+Z undoes both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from core.errors import RapportError
from core.occasions import OccasionKind
from core import operations
from core.i18n import _

if TYPE_CHECKING:
    from ui.window_parts import WindowParts

KIND_CHOICES = ((_("Birthday"), "birthday"), (_("Wedding anniversary"), "anniversary"), (_("Memorial day"), "memorial"),
                (_("Yearly order"), "yearly-order"), (_("Mother's Day"), "mothers-day"), (_("Father's Day"), "fathers-day"),
                (_("Valentine's Day"), "valentines"), (_("Christmas"), "christmas"))


class OccasionDialog(QDialog):
    """What, for whom, which day, how much notice, and a note. The kind's box takes a word of the
    owner's own too ("shop opening")."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("An occasion for {name}").format(name=name))
        self.kind = QComboBox()
        self.kind.setEditable(True)
        for shown, value in KIND_CHOICES:
            self.kind.addItem(shown, value)
        self.day = QLineEdit()
        self.day.setPlaceholderText(_("12 May, 12/05/1961 (not needed for Mother's Day…)"))
        self.for_whom = QLineEdit()
        self.for_whom.setPlaceholderText(_("{name} themself, or: his wife Mei").format(name=name))
        self.lead = QSpinBox()
        self.lead.setRange(0, 90)
        self.lead.setValue(7)
        self.lead.setSuffix(_(" days' notice"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("peonies, never lilies"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, widget in ((_("Occasion"), self.kind), (_("Day"), self.day), (_("For"), self.for_whom),
                              (_("Reminder"), self.lead), (_("Note"), self.note)):
            form.addRow(label, widget)
        form.addRow(self.error)
        form.addRow(buttons)

    def kind_typed(self) -> str:
        """The kind chosen (its value), or the owner's own word as typed."""
        text = self.kind.currentText().strip()
        found = self.kind.findText(text)
        return str(self.kind.itemData(found)) if found >= 0 else text


def add_occasion(window: WindowParts) -> None:
    contact_id = window.current_id()
    if contact_id is None or window.book.read_only:
        return
    book = window.book
    name = book.contacts.get(contact_id).name
    dialog = OccasionDialog(name, window.widget)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            added = window.commands.record(_("Add an occasion for {name}").format(name=name), lambda: operations.add_occasion(
                book, contact_id, dialog.kind_typed(), dialog.day.text(), for_whom=dialog.for_whom.text(),
                lead_days=dialog.lead.value(), note=dialog.note.text(), today=window.today)).value
        except RapportError as exc:  # said on the form, which stays open with what was typed
            dialog.error.setText(str(exc))
            dialog.error.show()
            continue
        window.notify(_("Added {what} for {name}. Ctrl+Z undoes it.").format(what=added.what(), name=name))
        return


def take_yearly_order(window: WindowParts, day: str) -> None:
    """One click: the yearly order the ladder saw ("Wei usually orders around 31 May") as an occasion."""
    contact_id = window.current_id()
    if contact_id is None or not day or window.book.read_only:
        return
    book = window.book
    name = book.contacts.get(contact_id).name
    if window.commands.run(_("Remind of {name}'s yearly order").format(name=name), lambda: operations.add_occasion(
            book, contact_id, OccasionKind.YEARLY_ORDER, day, today=window.today)):
        window.notify(_("{name}'s yearly order is an occasion now. Ctrl+Z undoes it.").format(name=name))


def stop_occasion(window: WindowParts, number: int) -> None:
    contact_id = window.current_id()
    if contact_id is None or window.book.read_only:
        return
    book = window.book
    listed = book.occasions.of(contact_id)
    if not 1 <= number <= len(listed):
        return
    chosen = listed[number - 1]
    why, ok = QInputDialog.getText(window.widget, _("Stop this occasion"),
                                   _("Why stop {what}? It is kept, and never shown again.").format(what=chosen.what()),
                                   text=_("no more reminders"))
    if not ok:
        return
    if window.commands.run(_("Stop {what}").format(what=chosen.what()),
                           lambda: operations.stop_occasion(book, contact_id, number, why, window.today)):
        window.notify(_("Stopped {what}: it will not be shown again. Ctrl+Z undoes it.").format(what=chosen.what()))


__all__ = ["add_occasion", "stop_occasion", "take_yearly_order"]
