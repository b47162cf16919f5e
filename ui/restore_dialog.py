"""File → Restore from backup…: every good backup with its date, why it was made and how many
contacts it holds. Restoring sets the current file aside (never deletes it)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from core.books import BackupInfo
from core.text import format_count
from ui.dialogs import table_dialog_layout
from ui.lifetime import delete_on_close
from core.i18n import _


class RestoreDialog(QDialog):
    sig_restore_chosen = Signal(object)
    """The owner chose a backup to put in place of the book: its Path."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        """``backups``: ``core.books.backup_catalogue``, read beforehand off the GUI thread (each
        backup is checked whole: seconds apiece on a big book)."""
        super().__init__(parent)
        delete_on_close(self)
        self.setWindowTitle(_("Restore from backup"))
        self.backups = backups
        text = (_("Choose the copy to go back to. The book as it is now is kept beside it, renamed, never "
                "deleted.") if self.backups else _("There is no good backup of this book yet."))
        hint = QLabel(text)
        hint.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 3)
        self.table.setTabKeyNavigation(False)  # the arrows move in it; Tab goes on to the buttons
        self.table.setHorizontalHeaderLabels([_("Made"), _("Why"), _("Contacts")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, info in enumerate(self.backups):
            for column, value in enumerate((info.when, info.reason, format_count(info.contacts))):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        if self.backups:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self.choose())
        buttons = QDialogButtonBox()
        # Made in the order Tab reaches them, as in every form: the action, then Cancel.
        self.restore_button = buttons.addButton(_("Restore this backup"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button.setEnabled(bool(self.backups))
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        table_dialog_layout(self, hint, self.table, buttons, 560, 360)

    def choose(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.sig_restore_chosen.emit(self.backups[rows[0].row()].path)
            self.accept()
