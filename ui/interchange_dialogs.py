"""File → Export… and Contact → Sources…: small dialogs over core.interchange and the book."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.books import Book
from core.domain import Tier
from core.errors import ValidationError
from core.interchange.export import write_export
from core.text import format_count
from core.interchange.exporting import render_export, written_in_words
from core.interchange.records import EXPORT_FORMATS
from core.outputs import checked_output
from ui.dialogs import error_label, show_error, table_dialog_layout
from ui.lifetime import delete_on_close
from ui.waiting import wait_beside
from core.i18n import _

EVERYONE, THIS_VIEW, SELECTED = "everyone", "view", "selected"


class ExportDialog(QDialog):
    """Choose what to export and which contacts; then a Save dialog names the file."""

    sig_exported = Signal(str)
    """An export was written: a sentence saying where."""

    def __init__(self, book: Book, today: date, view_ids: list[int], selected_ids: list[int], view_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.setWindowTitle(_("Export"))
        self.book, self.today = book, today
        self.scopes = {EVERYONE: book.contacts.ids("all", today=today), THIS_VIEW: view_ids, SELECTED: selected_ids}
        self.format = QComboBox()
        for key, (label, _suffix) in EXPORT_FORMATS.items():  # label: marked for the catalog, said here
            self.format.addItem(_(label), key)
        self.scope = QComboBox()
        self.scope.addItem(_("Everyone ({count:,})").format(count=len(self.scopes[EVERYONE])), EVERYONE)
        self.scope.addItem(f"{view_name} ({format_count(len(view_ids))})", THIS_VIEW)
        if selected_ids:
            self.scope.addItem(_("The selected contacts ({count:,})").format(count=len(selected_ids)), SELECTED)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(_("Export as"), self.format)
        form.addRow(_("Contacts"), self.scope)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self._scope_changed()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _scope_changed(self) -> None:
        """Nothing to export (an empty book or view) is said, not written as an empty file."""
        empty = not self.scopes[self.scope.currentData()]
        self.save_button.setEnabled(not empty)
        if empty:
            show_error(self.error, _("there is nobody to export here yet."))
        else:
            self.error.hide()

    def choose_file(self) -> None:
        key = self.format.currentData()
        suffix = EXPORT_FORMATS[key][1]
        stem = {"phones": "phone-list", "emails": "email-list", "ics": "calendar"}.get(key, "contacts")
        suggested = str(Path.home() / f"rapport-{stem}{suffix}")
        target, _ignored = QFileDialog.getSaveFileName(self, _("Export to"), suggested, _("*{suffix};;All files (*)").format(suffix=suffix))
        if target:
            self.export_to(target)

    def export_to(self, target: str) -> bool:
        """Write the chosen export; a refused path is shown here and nothing is written."""
        key, ids = self.format.currentData(), self.scopes[self.scope.currentData()]
        book, today = self.book, self.today

        said: list[str] = []

        def export(checked: Path) -> Path:
            with book.reader() as reader:  # its own connection: the window reads beside it
                content = render_export(reader, ids, key, today)
                said.append(written_in_words(key, content, len(ids)))
                return write_export(checked, content)

        try:
            checked = checked_output(target, book.path, "file")
            # Seconds for everyone on a big book (5 s for 100,000 as CSV): beside the window.
            path = wait_beside(lambda: export(checked), _("Exporting {count:,} contacts…").format(count=len(ids)), self)
        except ValidationError as exc:
            show_error(self.error, f"{exc.problem}.")
            return False
        except OSError as exc:
            show_error(self.error, _("could not write {target}: {value}").format(target=target, value=exc.strerror or exc))
            return False
        self.sig_exported.emit(_("Exported {said} to {path}").format(said=said[0], path=path))
        self.accept()
        return True


class SourcesDialog(QDialog):
    """Per source list, how many came up each rung: which lists were worth it (seed 000)."""

    sig_source_chosen = Signal(str)
    """The owner double-clicked a source: its name, to show those contacts."""

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.setWindowTitle(_("Sources: which lists were worth it"))
        rows = book.interchange.sources()
        self.table = QTableWidget(len(rows), 2 + len(Tier))
        self.table.setTabKeyNavigation(False)  # the arrows move in it; Tab goes on to the buttons
        self.table.setAccessibleName(_("Sources: which lists were worth it"))
        self.table.setHorizontalHeaderLabels([_("Source"), _("People"), *(t.plural for t in Tier)])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (source, counts) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(source))
            self.table.setItem(r, 1, QTableWidgetItem(format_count(sum(counts.values()))))
            for c, tier in enumerate(Tier, start=2):
                self.table.setItem(r, c, QTableWidgetItem(format_count(counts.get(tier.value, 0))))
        self.table.resizeColumnsToContents()
        self.table.cellDoubleClicked.connect(lambda row, _col: self._choose(row))
        hint = QLabel(_("Double-click a source to see its people. Set a source when you import a list, "
                      "or type it on a contact's card.") if rows else
                      _("No contact has a source yet. Import a list (File → Import…) and say where it came from."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        table_dialog_layout(self, hint, self.table, buttons, 720, 360)

    def _choose(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.sig_source_chosen.emit(item.text())
            self.accept()
