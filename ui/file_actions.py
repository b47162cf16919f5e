"""The window's file and person actions: import, export, merge, sources, copies, backups, restore,
and the data-protection requests (``window.files``): a controller holding its window."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.errors import NotCompactedError, RapportError, sqlite_refusal_in_words
from core.paths import BOOK_SUFFIX
from core.text import format_moment
from core import operations
from ui.books import ask_where_to_save_a_book
from ui.forecast_fit import fit_forecast
from ui.tasks import run_in_background
from ui.waiting import wait_beside
from core.i18n import _

if TYPE_CHECKING:
    from core.books import Book, ImportResult
    from ui.import_wizard import ImportWizard
    from ui.interchange_dialogs import ExportDialog, SourcesDialog
    from ui.window_parts import WindowParts
    from ui.restore_dialog import RestoreDialog


class FileActions:
    """Moving in and out, copies and backups, and requests about one person."""

    def __init__(self, window: WindowParts) -> None:
        self.window = window

    # ------------------------------------------------------------------ moving in and out
    def import_file(self, path: str = "") -> ImportWizard:
        """The import wizard; when it has written, the window shows the book as it now is."""
        window = self.window
        from ui.import_wizard import ImportWizard

        wizard = ImportWizard(window.book, window.today, window.widget, path)
        def imported(result: ImportResult) -> None:
            window.refresh()
            window.notify(result.sentence())
            fit_forecast(window, even_if_fresh=True)

        wizard.sig_imported.connect(imported)
        window.import_wizard = wizard  # stopped if the book leaves the window
        wizard.open()
        return wizard

    def export_contacts(self) -> ExportDialog:
        window = self.window
        from ui.interchange_dialogs import ExportDialog

        dialog = ExportDialog(window.book, window.today, window.model.all_ids(), window.selected_ids(),
                              window.sidebar.label_of(window.model.view), window.widget)
        dialog.sig_exported.connect(window.notify)
        dialog.open()
        return dialog

    def merge_selected(self) -> None:
        """Merge two selected contacts: the first (by number) keeps its card, the other's history joins it."""
        window = self.window
        ids = sorted(window.selected_ids())
        if len(ids) != 2:
            window.notify(_("Select exactly two contacts to merge (Ctrl+click the second)."))
            return
        found = window.book.contacts.many(ids)
        keep, other = found[ids[0]], found[ids[1]]
        answer = QMessageBox.question(
            window.widget, _("Merge two contacts?"),
            _("Merge {name} into {name2}? Every interaction, answer, referral and move of {name} joins {name2}; {name} goes to the Trash. Ctrl+Z undoes it.").format(name=other.name, name2=keep.name))
        if answer == QMessageBox.StandardButton.Yes and window.commands.run(
                _("Merge {name} into {name2}").format(name=other.name, name2=keep.name),
                lambda: operations.merge(window.book, ids[0], ids[1], window.today)):
            window.select_contact(keep.id)
            window.notify(_("Merged {name} into {name2}. Ctrl+Z undoes it.").format(name=other.name, name2=keep.name))

    def save_everything_about(self, target: str = "") -> Path | None:
        """An access request: all the book holds on the selected contact, as one JSON file."""
        window = self.window
        from core.errors import ValidationError
        from core.interchange.export import write_export
        from core.outputs import checked_output

        contact_id = window.current_id()
        if contact_id is None:
            window.notify(_("Choose a contact first."))
            return None
        name = window.book.contacts.get(contact_id, include_deleted=True).name
        if not target:
            suggested = str(Path.home() / _("{name} - everything in Rapport.json").format(name=name))
            target, _ignored = QFileDialog.getSaveFileName(window.widget, _("Everything about {name}").format(name=name), suggested, _("JSON (*.json)"))
        if not target:
            return None
        try:
            saved = write_export(checked_output(target, window.book.path, "file"),
                                   window.book.privacy.everything_about_json(contact_id))
        except (ValidationError, OSError) as exc:
            QMessageBox.warning(window.widget, _("Not saved"), str(exc))
            return None
        window.notify(_("Saved everything about {name} to {saved}").format(name=name, saved=saved))
        return saved

    def forget_person(self) -> bool:
        """An erasure request. Asked twice, since it cannot be undone; then said what backups still hold."""
        window = self.window
        contact_id = window.current_id()
        if contact_id is None:
            window.notify(_("Choose a contact first."))
            return False
        name = window.book.contacts.get(contact_id, include_deleted=True).name
        if window.book.privacy.looks_for_the_name(name):
            what = _("Remove {name} and every trace of them from the book: interactions, answers, their place on the ladder, their name in others' notes. Use this when someone asks you to erase their data.")
        else:
            what = _("Remove {name} from the book: interactions, answers, their place on the ladder. A name as short as “{name}” is not looked for in others' notes: search for it afterwards. Use this when someone asks you to erase their data.")
        first = QMessageBox.question(window.widget, _("Forget this person?"), what.format(name=name))
        if first != QMessageBox.StandardButton.Yes:
            return False
        second = QMessageBox.question(
            window.widget, _("This cannot be undone"),
            _("Forget {name} for good? Ctrl+Z will not bring them back.").format(name=name))
        if second != QMessageBox.StandardButton.Yes:
            return False
        book, today = window.book, window.today

        def forget() -> str:
            with book.helper() as helper:  # its own connection: the window reads beside it
                return operations.forget(helper, contact_id, today).value

        try:  # the whole file is rewritten so no trace is left: seconds on a big book
            words = wait_beside(forget, _("Forgetting {name}, then rewriting the book so no trace is left…").format(name=name), window.widget)
        except NotCompactedError as exc:  # forgotten all the same: only the rewrite is missing
            words = str(exc)
        except (RapportError, OSError, sqlite3.Error) as exc:
            why = sqlite_refusal_in_words(exc) if isinstance(exc, sqlite3.Error) else str(exc).rstrip(".")
            QMessageBox.warning(window.widget, _("Forgetting did not finish"), _("Forgetting {name} did not finish ({why}).").format(name=name, why=why))
            window.refresh()  # whatever it did before it stopped is shown as it is
            return False
        window.undo_stack.clear()  # undo entries may point at what no longer exists
        window.panel.clear()
        window.refresh()
        QMessageBox.information(window.widget, _("Forgotten"), words)
        return True

    def show_sources(self) -> SourcesDialog:
        from ui.interchange_dialogs import SourcesDialog

        dialog = SourcesDialog(self.window.book, self.window.widget)
        dialog.sig_source_chosen.connect(self.show_source)
        dialog.open()
        return dialog

    def show_source(self, source: str) -> None:
        window = self.window
        window.search.clear()
        window.model.set_filter(view=f"source:{source}", search="")
        window.sidebar.clearSelection()
        window.refresh()


    # ------------------------------------------------------------------ copies and backups
    def save_copy(self, target: str = "") -> Path | None:
        """The safe way to copy an open book (to a USB stick): a complete, checked copy."""
        window = self.window
        if not target:
            target = ask_where_to_save_a_book(window.widget, _("Save a copy of the book"),
                                              Path.home() / f"{window.book.path.stem}-copy{BOOK_SUFFIX}")
        if not target:
            return None
        self._copy_beside_the_window(_("Saving a copy of the book…"), lambda reader: reader.save_copy(target),
                                     _("Saved a copy of the book to {path}"),
                                     lambda why: QMessageBox.warning(window.widget, _("Not saved"), why))
        return Path(target)

    def _copy_beside_the_window(self, saying: str, make: Callable[[Book], Path], told: str,
                                refused: Callable[[str], object]) -> None:
        """Copy the book off the GUI thread, on a read-only connection of its own: a backup or a copy
        of a 100,000-contact book takes seconds (Ctrl+B froze the window for five), and the owner
        keeps working meanwhile. The status bar says what is going on until it is done."""
        window = self.window
        book = window.book
        window.working_on = saying  # kept in the status bar until the copy is done
        window.statusBar().showMessage(saying)

        def work() -> Path:
            with book.reader() as reader:
                return make(reader)

        def done(path: Path) -> None:
            window.working_on = ""
            window.notify(told.format(path=path))

        def failed(exc: Exception) -> None:
            window.working_on = ""
            window.statusBar().clearMessage()
            refused(str(exc) if isinstance(exc, (OSError, RapportError)) else _("Something went wrong: {exc}").format(exc=exc))

        run_in_background(work, done, failed)

    def choose_backup(self) -> RestoreDialog:
        from core import books
        from ui.restore_dialog import RestoreDialog

        book_path = self.window.book.path
        catalogue = wait_beside(lambda: books.backup_catalogue(book_path),
                                _("Checking each backup of the book before listing it…"), self.window.widget)
        dialog = RestoreDialog(catalogue, self.window.widget)
        dialog.sig_restore_chosen.connect(self.restore_from)
        dialog.open()
        return dialog

    def restore_from(self, backup: Path) -> bool:
        """Close the book, put the backup in its place (the current file set aside), open it again."""
        window = self.window
        from core.books import backup_made_at, restore_backup

        path = window.book.path
        made_at = backup_made_at(backup)  # named as the list names it: "the backup of 1 Dec 2026 19:21"
        which = _("the backup of {made_at}").format(made_at=format_moment(made_at)) if made_at else _("the backup {name}").format(name=backup.name)
        window.commands.release_book()
        try:  # the backup is checked whole, then copied: seconds on a big book
            aside = wait_beside(lambda: restore_backup(backup, path),
                                _("Checking {which}, then putting it in place of the book…").format(which=which), window.widget)
        except (RapportError, OSError) as exc:
            QMessageBox.warning(window.widget, _("Not restored"), _("The backup could not be restored: {exc}").format(exc=exc))
            window.commands.switch_to(path)
            return False
        if window.commands.switch_to(path):
            kept = _("The book as it was is kept as {name}.").format(name=aside.name) if aside else _("There was no book to set aside.")
            window.notify(_("Restored {which}. {kept}").format(which=which, kept=kept))
            return True
        return False

    def backup_now(self) -> None:
        self._copy_beside_the_window(_("Backing up the book…"), lambda reader: reader.backup(), _("Backed up to {path}"),
                                     self.window.notify)


