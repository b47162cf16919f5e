"""The main window's dialogs and background work: settings, printing, the review, who moved, help,
and working out the verdicts whose day has come (off the GUI thread)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Callable

from core import operations
from core.books import BookDamagedError
from core.errors import sqlite_refusal_in_words
from PySide6.QtCore import QTimer
from ui.lifetime import KEEP_AFTER_MS, keep_long_lived
from ui.settings_dialog import SettingsDialog
from ui.tasks import others_waiting, run_in_background
from core.i18n import _, ngettext

BACKGROUND_BATCH = 25  # verdicts per transaction in the background: the longest an owner's write waits

if TYPE_CHECKING:
    from ui.guide_dialog import GuideDialog
    from ui.help_dialogs import AboutDialog, ShortcutsDialog
    from ui.moves_dialog import MovesDialog
    from ui.printing import PdfPreviewDialog
    from ui.window_parts import WindowParts


class DialogActions:
    """The window's dialogs and printouts, and bringing tiers up to date off the GUI thread
    (``window.dialogs``): a controller holding its window."""

    def __init__(self, window: WindowParts) -> None:
        self.window = window

    def open_settings(self) -> SettingsDialog:
        window = self.window

        def apply(changes: dict) -> object:
            book = window.book
            operations.update_settings(book, window.today, later=True, **changes)
            window.show_title()
            if not book.status.is_stale(window.today):
                window.refresh()
                window.notify(_("Settings saved."))
                return None

            def done(real: list) -> None:
                window.notify(ngettext("Settings saved. {count} contact moved on the ladder.", "Settings saved. {count} contacts moved on the ladder.", len(real)).format(count=len(real)))
                if real:
                    self.show_moves(_("Who moved with the new settings"), real)

            self.bring_up_to_date(_("Settings saved. Working out every tier under the new numbers…"), done)
            return None

        dialog = SettingsDialog(window.book.settings(), apply, window.widget)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ printing and review
    def print_checklist(self) -> PdfPreviewDialog:
        from ui.printing import preview_checklist

        return preview_checklist(self.window.widget, self.window.book)

    def print_plans(self) -> PdfPreviewDialog | None:
        window = self.window
        from ui.printing import preview_plans

        ids = window.commands.chosen_ids()
        return preview_plans(window.widget, window.book, ids) if ids else None

    def show_moves(self, title: str, moves: list) -> MovesDialog:
        window = self.window
        from ui.moves_dialog import MovesDialog

        dialog = MovesDialog(title, moves, window.commands.go_to_contact, window.widget)
        dialog.show()  # not modal: the owner can open each contact from it
        return dialog

    def show_recent_moves(self) -> MovesDialog:
        window = self.window
        from datetime import timedelta

        moved = window.book.status.moves(window.today - timedelta(days=29), window.today)
        return self.show_moves(_("Who moved in the last 30 days"), moved)

    def show_guide(self) -> GuideDialog:
        from ui.guide_dialog import GuideDialog

        dialog = GuideDialog(self.window.widget)
        dialog.show()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        window = self.window
        from ui.help_dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(list(window.menu_actions.values()), window.widget)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        window = self.window
        from ui.help_dialogs import AboutDialog

        dialog = AboutDialog(window.book.path, window.widget)
        dialog.open()
        return dialog

    def start_review(self) -> None:
        window = self.window
        try:
            from ui.review import open_review
        except ImportError:
            window.notify(_("The review is not available in this version."))
            return
        open_review(window.widget, window.book, window.selected_ids(), window.model.view)

    # ------------------------------------------------------------------ books
    def after_open(self) -> None:
        """Evidence may have aged out of W since the book was last worked on: re-evaluate only the
        contacts whose day has come. (The file was checked before it opened.)"""
        window = self.window
        if not window.book.read_only and window.book.status.is_stale(window.today):
            self.bring_up_to_date(_("Bringing every tier up to date…"), window.announce_moves)
        from ui.forecast_fit import fit_forecast
        from ui.reminders import show_due

        fit_forecast(window)  # once a week, behind the re-tier, off the GUI thread
        # Bound to the window: a window closed meanwhile (a test's, or the owner's other book) has
        # nothing to keep, and the full collection it starts would land in whatever runs then.
        QTimer.singleShot(KEEP_AFTER_MS, window.widget, keep_long_lived)
        try:
            window.book.occasions.mark_coming(window.today)  # the *Occasions soon* view, for this day
            window.show_counts()  # its count in the sidebar, at once
            show_due(window)
        except sqlite3.DatabaseError:
            return  # a damaged book: the check beside the window says so and offers the last good backup  # an occasion's lead time started: said as the window opens, and on a new day

    def bring_up_to_date(self, saying: str, then: Callable[[list], None]) -> None:
        """Work out every due verdict off the GUI thread on a connection of its own (``Book.helper``),
        25 at a time (20–40 ms each at 100,000 contacts after a settings change), so a log typed
        meanwhile waits at most that; then refresh and hand the moves to ``then`` (on the GUI
        thread). Other book work asked for meanwhile (an import's preview, the import itself) goes
        first: the re-tier steps aside after its batch in hand and carries on after it. Closing
        the book stops it there: the rest stays due, for the next open (a full re-tier at 100,000
        contacts takes over a minute)."""
        window = self.window
        book, released, today = window.book, window.book_released, window.today
        moved_so_far: list = []
        window.working_on = saying  # kept in the status bar until the work ends (see _message_changed)
        window.statusBar().showMessage(saying)

        def work() -> tuple[list, bool]:
            with book.helper() as helper:  # its own connection: the window never waits on it to read
                helper.tier_listeners = []  # moves are told once, at the end, not batch by batch
                moved = operations.bring_up_to_date(helper, today, batch=BACKGROUND_BATCH,
                                                    stop=lambda: released.is_set() or others_waiting()).moves
            return moved, others_waiting() and not released.is_set()

        def done(result: tuple[list, bool]) -> None:
            moved, stepped_aside = result
            if book is not window.book or book.closed:
                return
            moved_so_far.extend(moved)
            if stepped_aside:
                run_in_background(work, done, failed)  # queued behind the work that asked for the book
                return
            window.working_on = ""
            window.statusBar().clearMessage()
            window.refresh()
            then(moved_so_far)

        def failed(exc: Exception) -> None:
            window.working_on = ""
            window.statusBar().clearMessage()  # it no longer works on anything
            if not isinstance(exc, BookDamagedError):  # the failed check says so itself, and offers the backup
                why = sqlite_refusal_in_words(exc) if isinstance(exc, sqlite3.Error) else str(exc)
                window.notify(_("Could not bring every tier up to date ({why}); the rest is worked out the next time the book opens.").format(why=why))

        run_in_background(work, done, failed)
