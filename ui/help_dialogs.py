"""Help → Keyboard shortcuts (F1) and About Rapport: offline, built from the window's own actions,
so the list can never disagree with the keys that really work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from core.books import RAPPORT_VERSION
from core.resources import shipped
from ui.lifetime import delete_on_close
from ui.screen_fit import fit_on_screen
from core.i18n import _

FONTS = shipped("fonts")


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.setWindowTitle(_("Keyboard shortcuts"))
        rows = sorted(((a.text().replace("&", "").rstrip("…"), ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in a.shortcuts())) for a in actions
            if a.shortcuts()), key=lambda r: r[0])
        extra = [(_("Search: just type in the list"), "letters"), (_("Clear the search"), _("Escape")),
                 (_("From the search, go to the first result"), _("Down, Enter")),
                 (_("Go to the last contact of the list"), "Ctrl+End")]
        self.table = QTableWidget(len(rows) + len(extra), 2)
        self.table.setTabKeyNavigation(False)  # the arrows move in it; Tab goes on to the buttons
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("To"), _("Press")])
        for r, (what, keys) in enumerate(rows + extra):
            self.table.setItem(r, 0, QTableWidgetItem(what))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_on_screen(self, 460, 520)


class AboutDialog(QDialog):
    def __init__(self, book_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.setWindowTitle(_("About Rapport"))
        licences = ", ".join(sorted(p.name for p in FONTS.glob("*")
                                    if p.suffix.lower() in (".txt", ".md") or "licen" in p.name.lower()))
        self.text = QLabel(
            _("<h3>Rapport {RAPPORT_VERSION}</h3><p>An offline relationship book: Suspect → Prospect → Customer → Client → Partner.</p><p>This book: <code>{book_path}</code><br>Backups: <code>{book_path}.backups</code></p><p>Printouts use DejaVu Sans and Droid Sans Fallback, shipped with their licences in <code>{FONTS}</code> ({value}).</p><p>Everything stays on this computer. Nothing is sent anywhere.</p>").format(RAPPORT_VERSION=RAPPORT_VERSION, book_path=book_path, FONTS=FONTS, value=licences or 'see that folder'))
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        fit_on_screen(self, 520, 300)
