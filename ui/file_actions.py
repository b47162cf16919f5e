"""The window's file and person actions: import, export, merge, sources, copies, backups, restore,
and the data-protection requests. Mixed into MainWindow beside WindowActions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.errors import RapportError
from core.paths import BOOK_SUFFIX
from ui import undo

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard
    from ui.interchange_dialogs import ExportDialog, SourcesDialog
    from ui.main_window import MainWindow
    from ui.restore_dialog import RestoreDialog


class FileActions:
    # ------------------------------------------------------------------ moving in and out
    def import_file(self: MainWindow, path: str = "") -> ImportWizard:
        """The import wizard; when it has written, the window shows the book as it now is."""
        from ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.book, self.today, self, path)
        wizard.sig_imported.connect(lambda result: (self.refresh(), self.notify(result.sentence())))
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def export_contacts(self: MainWindow) -> ExportDialog:
        from ui.interchange_dialogs import ExportDialog

        dialog = ExportDialog(self.book, self.today, self.model.all_ids(), self.selected_ids(),
                              self.sidebar.label_of(self.model.view), self)
        dialog.sig_exported.connect(self.notify)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def merge_selected(self: MainWindow) -> None:
        """Merge two selected contacts: the first (by number) keeps its card, the other's history joins it."""
        ids = sorted(self.selected_ids())
        if len(ids) != 2:
            self.notify("Select exactly two contacts to merge (Ctrl+click the second).")
            return
        found = self.book.contacts.many(ids)
        keep, other = found[ids[0]], found[ids[1]]
        answer = QMessageBox.question(
            self, "Merge two contacts?",
            f"Merge {other.name} into {keep.name}? Every interaction, answer, referral and move of "
            f"{other.name} joins {keep.name}; {other.name} goes to the Trash. Ctrl+Z undoes it.")
        if answer == QMessageBox.StandardButton.Yes and self.push(
                undo.merge_command(self.book, keep, other, self.refresh)):
            self.select_contact(keep.id)
            self.notify(f"Merged {other.name} into {keep.name}. Ctrl+Z undoes it.")

    def save_everything_about(self: MainWindow, target: str = "") -> Path | None:
        """An access request: all the book holds on the selected contact, as one JSON file."""
        from core.errors import ValidationError
        from core.interchange.export import write_export
        from core.outputs import checked_output

        contact_id = self.current_id()
        if contact_id is None:
            self.notify("Choose a contact first.")
            return None
        name = self.book.contacts.get(contact_id, include_deleted=True).name
        if not target:
            suggested = str(Path.home() / f"{name} - everything in Rapport.json")
            target, _ = QFileDialog.getSaveFileName(self, f"Everything about {name}", suggested, "JSON (*.json)")
        if not target:
            return None
        try:
            saved = write_export(checked_output(target, self.book.path, "file"),
                                 self.book.privacy.everything_about_json(contact_id))
        except (ValidationError, OSError) as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return None
        self.notify(f"Saved everything about {name} to {saved}")
        return saved

    def forget_person(self: MainWindow) -> bool:
        """An erasure request. Asked twice, since it cannot be undone; then said what backups still hold."""
        contact_id = self.current_id()
        if contact_id is None:
            self.notify("Choose a contact first.")
            return False
        name = self.book.contacts.get(contact_id, include_deleted=True).name
        first = QMessageBox.question(
            self, "Forget this person?",
            f"Remove {name} and every trace of them from the book: interactions, answers, their place on the "
            "ladder, their name in others' notes. Use this when someone asks you to erase their data.")
        if first != QMessageBox.StandardButton.Yes:
            return False
        second = QMessageBox.question(
            self, "This cannot be undone",
            f"Forget {name} for good? Ctrl+Z will not bring them back.")
        if second != QMessageBox.StandardButton.Yes:
            return False
        words = self.book.privacy.forget(contact_id, today=self.today)
        self.undo_stack.clear()  # undo entries may point at what no longer exists
        self.panel.clear()
        self.refresh()
        QMessageBox.information(self, "Forgotten", words)
        return True

    def show_sources(self: MainWindow) -> SourcesDialog:
        from ui.interchange_dialogs import SourcesDialog

        dialog = SourcesDialog(self.book, self)
        dialog.sig_source_chosen.connect(self.show_source)
        self.sources_dialog = dialog
        dialog.open()
        return dialog

    def show_source(self: MainWindow, source: str) -> None:
        self.search.clear()
        self.model.set_filter(view=f"source:{source}", search="")
        self.sidebar.clearSelection()
        self.refresh()


    # ------------------------------------------------------------------ copies and backups
    def save_copy(self: MainWindow, target: str = "") -> Path | None:
        """The safe way to copy an open book (to a USB stick): a complete, checked copy."""
        if not target:
            suggested = str(Path.home() / f"{self.book.path.stem}-copy{BOOK_SUFFIX}")
            target, _ = QFileDialog.getSaveFileName(self, "Save a copy of the book", suggested,
                                                    f"Rapport books (*{BOOK_SUFFIX})")
        if not target:
            return None
        try:
            saved = self.book.save_copy(target)
        except RapportError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return None
        self.notify(f"Saved a copy of the book to {saved}")
        return saved

    def choose_backup(self: MainWindow) -> RestoreDialog:
        from ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.book.path, self)
        dialog.sig_restore_chosen.connect(self.restore_from)
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def restore_from(self: MainWindow, backup: Path) -> bool:
        """Close the book, put the backup in its place (the current file set aside), open it again."""
        from core.books import restore_backup

        path = self.book.path
        self.release_book()
        try:
            aside = restore_backup(backup, path)
        except (RapportError, OSError) as exc:
            QMessageBox.warning(self, "Not restored", f"The backup could not be restored: {exc}")
            self.switch_to(path)
            return False
        if self.switch_to(path):
            self.notify(f"Restored the backup of {backup.name[:10]}. The book as it was is kept as {aside.name}.")
            return True
        return False

    def backup_now(self: MainWindow) -> None:
        try:
            self.notify(f"Backed up to {self.book.backup()}")
        except (OSError, RapportError) as exc:
            self.notify(str(exc))


