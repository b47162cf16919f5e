"""What the window's controllers may use of the window: a small typed interface, not ``MainWindow``.

The controllers (``window_actions``, ``dialog_actions``, ``file_actions`` and the smaller action
modules) hold the window they act on, typed as ``WindowParts``: the book, the parts of the screen
they fill, and a few verbs. They never set attributes on the window nor reach its timers; a dialog
they open is a child of ``window.widget`` (tests find it with ``findChild``). ``MainWindow`` is
checked against this interface by mypy where it hands itself to them.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QMenuBar, QStackedWidget, QStatusBar, QTableView, QWidget

    from core.books import Book
    from core.domain import Changes, TierChange
    from ui.contact_model import ContactTableModel
    from ui.detail import ContactPanel
    from ui.dialog_actions import DialogActions
    from ui.file_actions import FileActions
    from ui.first_run import FirstRunPanel
    from ui.import_wizard import ImportWizard
    from ui.reminders import ReminderBar
    from ui.sidebar import Sidebar
    from ui.window_actions import WindowActions
    from ui.wrapped_note import WrappedNote


class WindowParts(Protocol):
    """The open book's window, as its controllers see it."""

    book: Book
    today: date
    book_released: threading.Event  # set when the book leaves the window: background work stops
    undo_stack: QUndoStack
    menu_actions: dict[str, QAction]  # the menu's actions by key, enabled and disabled as the selection says
    recent_menu: QMenu
    commands: WindowActions
    dialogs: DialogActions
    files: FileActions
    model: ContactTableModel
    table: QTableView
    panel: ContactPanel
    sidebar: Sidebar
    search: QLineEdit
    banner: WrappedNote
    reminder: ReminderBar
    first_run: FirstRunPanel
    empty_view: QLabel
    centre_stack: QStackedWidget
    working_on: str  # what background work says in the status bar while it runs
    start_empty: bool
    import_wizard: ImportWizard | None  # an import under way, stopped if the book leaves the window
    pending_reach: tuple[int, str] | None  # a link opened to reach someone: asked about on return

    @property
    def widget(self) -> QWidget:
        """The window as the parent of the dialogs and messages it opens."""
        ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt naming

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt naming

    def show_title(self) -> None: ...

    def close(self) -> bool: ...

    def refresh(self) -> None: ...

    def show_changes(self, changes: Changes) -> None: ...

    def show_counts(self) -> None: ...

    def announce_moves(self, moves: list[TierChange]) -> None: ...

    def notify(self, text: str) -> None: ...

    def current_id(self) -> int | None: ...

    def selected_ids(self) -> list[int]: ...

    def select_contact(self, contact_id: int | None) -> None: ...

    def settle_card(self) -> bool: ...

    def show_view(self, view: str) -> None: ...

    def search_now(self) -> None: ...

    def stop_timers(self) -> None: ...

    def attach_book(self, book: Book, lock: None = None) -> None: ...
