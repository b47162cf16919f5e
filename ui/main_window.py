"""The desk: sidebar of views, the contact table, the selected contact, menus and shortcuts."""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.books import Book
from core.domain import Changes, TierChange
from core import operations
from ui import reach, reminders, sync_watch, this_week, window_layout
from ui.book_check import paint_first, watch_integrity_check
from ui.contact_model import ContactTableModel
from ui.detail.panel import ContactPanel, lay_out_now
from ui.dialog_actions import DialogActions
from ui.file_actions import FileActions
from ui import first_run_actions
from ui.first_run import FirstRunPanel
from ui.list_keys import ListKeys
from ui.accessible import describe_main_window, walk_as_it_reads
from ui.sidebar import Sidebar, revenue_in_words
from ui.status_bar import WrappingStatusBar
from ui.window_actions import WindowActions
from ui.log_folding import fold_when_idle
from ui.wrapped_note import WrappedNote
from core.i18n import _

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard


class MainWindow(QMainWindow):
    """One open book. Every change is an operation (``core.operations``) run through the undo stack,
    and ends in ``show_changes`` with the ``Changes`` it made."""

    sig_notice = Signal(str)
    """A quiet notice was shown to the owner: its text."""

    def __init__(self, book: Book, lock: None = None) -> None:
        super().__init__()
        self.book = book
        self.lock = lock
        # What the owner can do, each part a controller holding this window (not mixed into it).
        self.commands = WindowActions(self)
        self.dialogs = DialogActions(self)
        self.files = FileActions(self)
        self.today = date.today()
        self._counts: dict[str, int] = {"all": 0, "trash": 0}  # the sidebar's, as the last refresh read them
        self.undo_stack = QUndoStack(self)
        self.last_notice = ""
        self._settling = False  # saving the card's typing: no second save from the refresh it causes
        self.start_empty = False
        self.setStatusBar(WrappingStatusBar(self))  # made now: a first short notice moves nothing
        self.working_on = ""  # what background work says while it runs ("Working out every tier…")
        self.menu_actions: dict[str, QAction] = {}  # filled by build_menus
        self.recent_menu = QMenu(_("Open &recent"), self)
        self.import_wizard: ImportWizard | None = None
        self.pending_reach: tuple[int, str] | None = None
        self.statusBar().messageChanged.connect(self._message_changed)

        self.sidebar = Sidebar()
        self.sidebar.set_revenue_source(lambda: revenue_in_words(self.book, self.today))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search names, phones, emails, tags, notes…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        clear = QAction(_("Clear the search"), self.search)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self._clear_search)
        self.search.addAction(clear)
        self.model = ContactTableModel(book, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view_order = this_week.ThisWeekOrder(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        describe_main_window(self)  # names for a screen reader where no text shows
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((165, 165, 95, 92, 0, 92)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.installEventFilter(self)
        self.list_keys = ListKeys(self)  # Ctrl+End: the last contact; Down or Enter in the search: the first result
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)  # filled by build_menus
        self.empty_view = QLabel(_("Nobody here."))
        self.empty_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_view.setWordWrap(True)
        self.empty_view.setContentsMargins(12, 12, 12, 12)
        from core.books import system_number_locale

        self.first_run = FirstRunPanel(system_number_locale())
        self.centre_stack = QStackedWidget()
        for widget in (self.table, self.empty_view, self.first_run):
            self.centre_stack.addWidget(widget)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        self.banner = WrappedNote()
        self.banner.setStyleSheet("background: #fff4d6; color: #5c4400; padding: 6px; border-radius: 4px;")
        self.banner.hide()
        centre_layout.addWidget(self.banner)
        self.reminder = reminders.ReminderBar()  # an occasion whose lead time has started
        centre_layout.addWidget(self.reminder)
        centre_layout.addWidget(self.search)
        centre_layout.addWidget(self.centre_stack)
        self.panel = ContactPanel()
        splitter = QSplitter()
        for part in (self.sidebar, centre, self.panel):
            splitter.addWidget(part)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([190, 786, 390])
        self.setCentralWidget(splitter)
        self.splitter = splitter
        self.fit_to_screen()
        window_layout.restore_layout(self)
        walk_as_it_reads(self)  # Tab reads the window left to right

        # After the owner stops for a moment, fold the write-ahead log into the book file, so that
        # "your book is one file" holds even while the window stays open.
        self._checkpoint_timer = QTimer(self)
        self._checkpoint_timer.setSingleShot(True)
        self._checkpoint_timer.setInterval(3000)
        self._checkpoint_timer.timeout.connect(self._checkpoint_when_idle)
        # One clock: a window left open past midnight moves to the new day (due dates, ageing).
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(60_000)
        self._clock_timer.timeout.connect(self.follow_the_calendar)
        self._clock_timer.start()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.sidebar.sig_view_chosen.connect(self.show_view)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_selected())
        self.model.sig_sorted.connect(self._select_shown_row)
        self.table.selectionModel().selectionChanged.connect(lambda _new, _old: self._selection_changed())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        first_run_actions.connect(self)
        self.setAcceptDrops(True)
        self.commands._connect_panel()
        self.commands.build_menus()
        self.attach_book(book, lock)

    # ------------------------------------------------------------------ screen
    def fit_to_screen(self, free: QRect | None = None) -> None:
        """1366×768 where there is room, never larger than the screen (``ui.window_layout``)."""
        window_layout.fit_to_screen(self, free)

    # ------------------------------------------------------------------ book
    def attach_book(self, book: Book, lock: None = None) -> None:
        """Show ``book`` in this window (at start, or after File → Open)."""
        self.book, self.lock = book, lock  # the one-writer lock lives in the book: no other
        book.fold_only_when_asked()  # folded beside when the owner pauses (``ui.log_folding``), never by a commit
        self.book_released = threading.Event()  # set when this book leaves the window: its background work stops
        self.model.book = book
        self.undo_stack.clear()
        self.show_title()
        self.search.clear()
        self.model.search = ""
        self.sidebar.choose("all")
        self.panel.clear()
        self.first_run.show_welcome()  # never the page another book had reached, nor its shop's name
        self.panel.set_book_writable(not book.read_only)
        painted = paint_first(self, self._first_paint)
        self.banner.setText(book.read_only_reason)
        self.banner.setVisible(bool(book.read_only_reason))
        self.dialogs.after_open()
        if book.backup_problem:
            self.notify(book.backup_problem)  # one line; the owner keeps working
        sync_watch.after_attach(self)
        watch_integrity_check(self, repaint=None if painted else self._first_paint)

    def _first_paint(self) -> None:
        self.refresh()
        this_week.open_on_this_week(self)
        if self.model.rowCount():  # a full desk from the first second
            # Shown here, not by the selection's signal: an error from a slot would never reach
            # paint_first, which turns a damaged page into the offer of a backup.
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            try:
                self.select_contact(self.model.contact_id(0))
            finally:
                selection.blockSignals(False)
                self.table.viewport().update()

    def follow_the_calendar(self) -> None:
        """When the date has changed since the window last looked, everything reads the new day, and
        the contacts whose day has come are worked out again (off the GUI thread)."""
        today = date.today()
        if today == self.today or self.book.closed:
            return
        self.today = self.model.today = today
        self.refresh()
        self.dialogs.after_open()

    # ------------------------------------------------------------------ refresh
    def _checkpoint_when_idle(self) -> None:
        """Fold the log into the book file, off the GUI thread; if the background re-tier or a reader
        was in the way, try again after the next pause."""
        fold_when_idle(self.book, again=self._checkpoint_timer.start)

    def refresh(self) -> None:
        """Read everything again: counts, the table and the selected contact (a new view, a new day,
        another book, an import)."""
        self.show_changes(Changes(whole_book=True))

    def show_changes(self, changes: Changes) -> None:
        """The one slot every write ends in. The counts are read again (kept by the book: one tiny
        read) and the list's order; of the rows and the pane, only those ``changes`` touched are
        read again (after a log, one row and the pane). Who moved on the ladder is said from the
        same ``changes`` ("Emily is now a Client"), whatever the write was: a log, an answer, an undo."""
        self._checkpoint_timer.start()
        keep = self.panel.contact_id
        self.show_counts()
        touched = None if changes.whole_book else changes.touched
        laid_out_again = self._show_list(touched)
        if touched is None or laid_out_again or keep in touched or keep is None:
            self.select_contact(keep)
        self.announce_moves(changes.moves)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        """Every Tab and Shift+Tab in the window comes here: the pane is put in reading order first."""
        self.panel.keep_reading_order()
        return super().focusNextPrevChild(next)

    def show_title(self) -> None:
        """The title bar: the business's name and the book's file, as the book now says them."""
        self.setWindowTitle(_("{business_name} — {name} — Rapport").format(
            business_name=self.book.settings().business_name, name=self.book.path.name))

    def _show_list(self, touched: set[int] | None = None) -> bool:
        """The table as the view, search and order now say; the first-run page or the words for an
        empty list in its place when there is nothing to list. Of the rows already read, only those
        ``touched`` are read again (all when None). True when the list was laid out again."""
        laid_out_again = self.model.reload(only=touched)
        if laid_out_again:
            self.table.doItemsLayout()  # now, not on the view's timer: a log's list was painted twice so
        if self._counts["all"] == 0 and self._counts["trash"] == 0 and not self.start_empty:
            self.centre_stack.setCurrentWidget(self.first_run)
        elif self.model.rowCount() == 0:
            self.empty_view.setText(self._empty_text())
            self.centre_stack.setCurrentWidget(self.empty_view)
        else:
            self.centre_stack.setCurrentWidget(self.table)
        self.commands.update_actions()
        return laid_out_again

    def select_contact(self, contact_id: int | None) -> None:
        row = self.model.row_of(contact_id) if contact_id is not None else None
        if row is None:
            if contact_id is not None and self._contact_exists(contact_id):
                self._show_in_panel(contact_id)
            elif self.settle_card():
                self.panel.clear()
            self.table.clearSelection()
            return
        shown_before = self.panel.contact_id
        self._make_current(row)  # another row: its signal shows them
        self.table.scrollTo(self.model.index(row, 0))
        if contact_id is not None and (shown_before == contact_id or self.panel.contact_id != contact_id):
            self._show_in_panel(contact_id)  # the same contact, shown afresh
        self.commands.update_actions()  # the row may already have been current: no selection signal came

    def _select_shown_row(self) -> None:
        """After a new order or search, the pane's contact's row is selected where it now stands (the
        reset dropped it); the pane is not read again, so what was typed on the card stays."""
        if (row := self.model.row_of(self.panel.contact_id or -1)) is not None:  # -1: nobody shown, no row
            self._make_current(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _make_current(self, row: int) -> None:
        """Select a whole row and make it the current one."""
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [cid for cid in (self.model.contact_id(r) for r in rows) if cid is not None]

    def current_id(self) -> int | None:
        return self.panel.contact_id

    def _contact_exists(self, contact_id: int) -> bool:
        return contact_id in self.book.contacts.many([contact_id])

    def _show_selected(self) -> None:
        contact_id = self.model.contact_id(self.table.currentIndex().row())
        if contact_id is not None and contact_id != self.panel.contact_id:
            self._show_in_panel(contact_id)
        self.commands.update_actions()

    def _selection_changed(self) -> None:
        """A click on the row that is already current (the pane was cleared after emptying the Trash,
        say) selects it without moving the current row: the pane shows it all the same."""
        current = self.table.currentIndex()
        if current.isValid() and self.table.selectionModel().isRowSelected(current.row()):
            self._show_selected()  # shows the row's contact unless the pane already does
        else:
            self.commands.update_actions()

    def _show_in_panel(self, contact_id: int) -> None:
        """Show a contact; what was typed on another contact's card is saved first, never dropped."""
        if contact_id != self.panel.contact_id and not self.settle_card():
            return
        self.panel.show_contact(self.book, contact_id, self.today)
        lay_out_now()  # every level of the pane at once, painted once

    def settle_card(self) -> bool:
        """Save the card's unsaved typing (one undoable action). False when the book refused it:
        the card stays, with the refusal shown, so nothing typed is lost."""
        card = self.panel.card
        if self._settling or self.panel.contact_id is None or self.book.closed or not card.is_dirty():
            return True
        edited = card.edited()
        if edited is None or edited.id is None:
            return True  # nothing typed to keep
        self._settling = True
        try:
            saved = self.commands.run(f"Edit {edited.name}", lambda: operations.edit_contact(self.book, edited,
                                                                                              self.today)) is not None
        finally:
            self._settling = False
        if saved:
            card.reload(self.book.contacts.get(edited.id, include_deleted=True))
            self.notify(_("Saved your changes to {name}").format(name=edited.name.strip()))
        return saved

    def _empty_text(self) -> str:
        if self.model.view == "trash" and not self.model.search:
            return _("Trash is empty.")
        if self.model.search:
            return _("Nobody matches “{search}” in {label_of}.").format(search=self.model.search, label_of=self.sidebar.label_of(self.model.view))
        return _("Nobody in {label_of} yet.").format(label_of=self.sidebar.label_of(self.model.view))

    def show_view(self, view: str) -> None:
        """The list as the view ``view`` (its order, its columns), the pane kept only if it is listed."""
        self.view_order.follow(view)
        self.model.set_filter(view=view)
        self.refresh()
        self._drop_hidden_contact()

    @property
    def widget(self) -> QWidget:
        """The window as the parent of the dialogs and messages its controllers open."""
        return self

    def show_counts(self) -> None:
        """The sidebar's counts read again (kept by the book: one tiny read)."""
        self._counts = self.book.contacts.view_counts()
        self.sidebar.show_counts(self._counts)

    def search_now(self) -> None:
        """What the owner typed is searched now, not after the pause."""
        self._search_timer.stop()
        self._apply_search()

    def stop_timers(self) -> None:
        """Nothing may reach for a closed book later."""
        for timer in (self._search_timer, self._checkpoint_timer, self._clock_timer):
            timer.stop()

    def _apply_search(self) -> None:
        """A keystroke's search changes the list only: nothing in the book changed, so the counts and
        the pane are not read again (a third of each keystroke's time)."""
        if self.book.closed:  # a key that reached the search as the window closed
            return
        if this_week.search_everyone(self, self.search.text()):
            return
        self.model.set_filter(search=self.search.text())
        self._show_list()
        self._select_shown_row()  # still listed: its row is selected again, the pane stays as it is
        self._drop_hidden_contact()
        self.commands.update_actions()

    def _drop_hidden_contact(self) -> None:
        """After a new view or search, the pane shows only someone the list shows (its typing saved)."""
        shown = self.panel.contact_id
        if shown is not None and not self.model.shows(shown) and self.settle_card():
            self.panel.clear()

    def _clear_search(self) -> None:
        """Escape in the search field: show everyone again and go back to the list."""
        self.search.clear()
        self.search_now()
        self.table.setFocus()

    # ------------------------------------------------------------------ notices
    def _message_changed(self, text: str) -> None:
        """A notice faded while background work goes on: the status bar says that work again."""
        if not text and self.working_on:
            self.statusBar().showMessage(self.working_on)

    def notify(self, text: str) -> None:
        """A quiet notice in the status bar; it fades after a few seconds."""
        self.last_notice = text
        self.statusBar().showMessage(text, 8000)
        self.sig_notice.emit(text)

    def announce_moves(self, moves: list[TierChange]) -> None:
        """Who moved, in one notice ("Emily is now a Client"; "3 contacts moved on the ladder")."""
        if len(moves) == 1:
            change = moves[0]
            verb = _("is now") if change.is_promotion else _("has dropped to")
            self.notify(f"{change.contact_name} {verb} a {change.to_tier.label}")
        elif moves:
            self.notify(_("{count} contacts moved on the ladder").format(count=len(moves)))

    # ------------------------------------------------------------------ keyboard
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Typing a letter in the table starts a search; Enter opens the selected contact."""
        if watched is self.table and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key, text = event.key(), event.text()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
            if text and text.isprintable() and not text.isspace() and not event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                self.search.setFocus()
                self.search.setText(self.search.text() + text)
                return True
        return super().eventFilter(watched, event)

    def open_selected(self) -> None:
        """Enter on the table: show the contact and put the keyboard in its panel."""
        self._show_selected()
        if self.panel.contact_id is not None:
            self.panel.card.name.setFocus()
            self.panel.ensureWidgetVisible(self.panel.title)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """A vCard or CSV file dragged from the desktop can be dropped on the window to import it."""
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt naming
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.files.import_file(urls[0].toLocalFile())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Back to the front: the book file may have been replaced meanwhile (a synced folder)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.book is not None:
            sync_watch.check_the_file(self)
            QTimer.singleShot(0, lambda: reach.ask_if_reached(self))  # back from a call, a text or an email

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        wizard = getattr(self, "import_wizard", None)
        if wizard is not None and wizard.importing:
            answer = QMessageBox.question(
                self, _("Stop the import?"), _("An import is being written. Stop it and close Rapport? Nothing of "
                "the import is kept; the book stays as it was before it."))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if not self.settle_card():
            answer = QMessageBox.question(
                self, _("Close without these changes?"),
                _("Your changes to this contact's card could not be saved (see the message). "
                "Close anyway and lose them?"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        window_layout.save_layout(self)
        self.commands.release_book()
        super().closeEvent(event)
