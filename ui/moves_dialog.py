"""Who moved on the ladder: after a settings change re-tiers the book, or from Review → Who moved…

A list, not a sentence: the owner sees each name, the move and its reason, and a double click
(or Enter) opens the contact.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from core.domain import TierChange
from core.text import format_day
from ui.dialogs import table_dialog_layout
from ui.lifetime import delete_on_close
from core.i18n import _, ngettext

ContactRole = Qt.ItemDataRole.UserRole + 30


class MovesDialog(QDialog):
    def __init__(self, title: str, moves: list[TierChange], open_contact: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.setWindowTitle(title)
        ups = sum(1 for m in moves if m.is_promotion)
        summary = QLabel(ngettext("{count} move: {ups} up, {downs} down.", "{count} moves: {ups} up, {downs} down.", len(moves)).format(count=len(moves), ups=ups, downs=len(moves) - ups)
                         if moves else _("Nobody moved."))
        self.table = QTableWidget(len(moves), 4)
        self.table.setTabKeyNavigation(False)  # the arrows move in it; Tab goes on to the buttons
        self.table.setAccessibleName(_("Who moved"))
        self.table.setHorizontalHeaderLabels([_("Day"), _("Name"), _("Move"), _("Why")])
        for row, move in enumerate(moves):
            before = move.from_tier.label if move.from_tier else "—"
            for column, text in enumerate((format_day(move.changed_on), move.contact_name,
                                           f"{before} → {move.to_tier.label}", move.reason)):
                item = QTableWidgetItem(text)
                item.setData(ContactRole, move.contact_id)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.resizeColumnsToContents()
        # "Why" takes the width that is left and wraps within it: a reason is a sentence, and sized to
        # its text it ran far off a netbook's screen, its header with it.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.setWordWrap(True)
        self.table.itemActivated.connect(lambda item: open_contact(item.data(ContactRole)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        table_dialog_layout(self, summary, self.table, buttons, 720, 420)
