"""The main window's dialogs and background work: settings, printing, the review, who moved, help,
and working out the verdicts whose day has come (off the GUI thread)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Callable

from core import operations
from core.books import BookDamagedError
from core.errors import sqlite_refusal_in_words
from ui.settings_dialog import SettingsDialog
from ui.tasks import others_waiting, run_in_background

BACKGROUND_BATCH = 25  # verdicts per transaction in the background: the longest an owner's write waits

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class DialogActions:
    """Mixed into MainWindow beside WindowActions."""

    def open_settings(self: MainWindow) -> SettingsDialog:
        def apply(changes: dict) -> object:
            book = self.book
            book.update_settings(today=self.today, later=True, **changes)
            self.setWindowTitle(f"{book.settings().business_name} — {book.path.name} — Rapport")
            if not book.status.is_stale(self.today):
                self.refresh()
                self.notify("Settings saved.")
                return None

            def done(real: list) -> None:
                self.notify(f"Settings saved. {len(real)} contact{'s' if len(real) != 1 else ''} moved on the "
                            "ladder.")
                if real:
                    self.show_moves("Who moved with the new settings", real)

            self.bring_up_to_date("Settings saved. Working out every tier under the new numbers…", done)
            return None

        dialog = SettingsDialog(self.book.settings(), apply, self)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ printing and review
    def print_checklist(self: MainWindow) -> None:
        from ui.printing import preview_checklist

        self.preview = preview_checklist(self, self.book)

    def print_plans(self: MainWindow) -> None:
        from ui.printing import preview_plans

        ids = self.selected_ids() or ([self.current_id()] if self.current_id() else [])
        if ids:
            self.preview = preview_plans(self, self.book, ids)

    def show_moves(self: MainWindow, title: str, moves: list) -> None:
        from ui.moves_dialog import MovesDialog

        self.moves_dialog = MovesDialog(title, moves, self.go_to_contact, self)
        self.moves_dialog.show()  # not modal: the owner can open each contact from it

    def show_recent_moves(self: MainWindow) -> None:
        from datetime import timedelta

        self.show_moves("Who moved in the last 30 days", self.book.status.moves(self.today - timedelta(days=29), self.today))

    def show_guide(self: MainWindow) -> None:
        from ui.guide_dialog import GuideDialog

        self.guide_dialog = GuideDialog(self)
        self.guide_dialog.show()

    def show_shortcuts(self: MainWindow) -> None:
        from ui.help_dialogs import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(list(self.actions.values()), self)
        self.shortcuts_dialog.open()

    def show_about(self: MainWindow) -> None:
        from ui.help_dialogs import AboutDialog

        self.about_dialog = AboutDialog(self.book.path, self)
        self.about_dialog.open()

    def start_review(self: MainWindow) -> None:
        try:
            from ui.review import open_review
        except ImportError:
            self.notify("The review is not available in this version.")
            return
        open_review(self, self.book, self.selected_ids(), self.model.view)

    # ------------------------------------------------------------------ books
    def after_open(self: MainWindow) -> None:
        """Evidence may have aged out of W since the book was last worked on: re-evaluate only the
        contacts whose day has come. (The file was checked before it opened.)"""
        if not self.book.read_only and self.book.status.is_stale(self.today):
            self.bring_up_to_date("Bringing every tier up to date…", self._tiers_changed)

    def bring_up_to_date(self: MainWindow, saying: str, then: Callable[[list], None]) -> None:
        """Work out every due verdict off the GUI thread on a connection of its own (``Book.helper``),
        25 at a time (20–40 ms each at 100,000 contacts after a settings change), so a log typed
        meanwhile waits at most that; then refresh and hand the moves to ``then`` (on the GUI
        thread). Other book work asked for meanwhile (an import's preview, the import itself) goes
        first: the re-tier steps aside after its batch in hand and carries on after it. Closing
        the book stops it there: the rest stays due, for the next open (a full re-tier at 100,000
        contacts takes over a minute)."""
        book, released, today = self.book, self.book_released, self.today
        moved_so_far: list = []
        self.working_on = saying  # kept in the status bar until the work ends (see _message_changed)
        self.statusBar().showMessage(saying)

        def work() -> tuple[list, bool]:
            with book.helper() as helper:  # its own connection: the window never waits on it to read
                helper.tier_listeners = []  # moves are told once, at the end, not batch by batch
                moved = operations.bring_up_to_date(helper, today, batch=BACKGROUND_BATCH,
                                                    stop=lambda: released.is_set() or others_waiting()).moves
            return moved, others_waiting() and not released.is_set()

        def done(result: tuple[list, bool]) -> None:
            moved, stepped_aside = result
            if book is not self.book or book.closed:
                return
            moved_so_far.extend(moved)
            if stepped_aside:
                run_in_background(work, done, failed)  # queued behind the work that asked for the book
                return
            self.working_on = ""
            self.statusBar().clearMessage()
            self.refresh()
            then(moved_so_far)

        def failed(exc: Exception) -> None:
            self.working_on = ""
            self.statusBar().clearMessage()  # it no longer works on anything
            if not isinstance(exc, BookDamagedError):  # the failed check says so itself, and offers the backup
                why = sqlite_refusal_in_words(exc) if isinstance(exc, sqlite3.Error) else str(exc)
                self.notify(f"Could not bring every tier up to date ({why}); the rest is worked out the next "
                            "time the book opens.")

        run_in_background(work, done, failed)
