"""Opening a book for the window, and the books used lately: what the app, the window and its
actions share. A leaf: it imports nothing else of ``ui``, so none of them imports another to
reach it (the app imported the window, whose actions imported the app back)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from core.errors import sqlite_refusal_in_words
from core.paths import BOOK_SUFFIX, config_dir, data_dir
from core.i18n import _


def ask_where_to_save_a_book(parent: QWidget, title: str, suggested: Path) -> str:
    """The one save dialog for a whole book (a copy, a new book, the other computer's version):
    the same filter everywhere; "" when the owner cancels."""
    target, _ignored = QFileDialog.getSaveFileName(parent, title, str(suggested), _("Rapport books (*{BOOK_SUFFIX})").format(BOOK_SUFFIX=BOOK_SUFFIX))
    return target

RECENT_KEY = "recent_books"
SETTINGS_FILE = "rapport.ini"
MAX_RECENT = 8


def app_settings():
    """The window's own settings (recent books, sizes of panes and dialogs), in the config folder
    (``core.paths.config_dir``; the tests' RAPPORT_DATA_DIR keeps them in theirs). Settings an older
    Rapport kept in the data folder are moved there once."""
    from PySide6.QtCore import QSettings

    kept = config_dir() / SETTINGS_FILE
    older = data_dir() / SETTINGS_FILE
    if older != kept and older.is_file() and not kept.exists():
        shutil.move(str(older), str(kept))
    return QSettings(str(kept), QSettings.Format.IniFormat)


def recent_books() -> list[Path]:
    stored = app_settings().value(RECENT_KEY, []) or []
    paths = [Path(p) for p in ([stored] if isinstance(stored, str) else stored)]
    return [p for p in paths if p.exists()][:MAX_RECENT]


def remember_recent(path: Path) -> None:
    paths = [str(path.resolve())] + [str(p) for p in recent_books() if p.resolve() != path.resolve()]
    app_settings().setValue(RECENT_KEY, paths[:MAX_RECENT])


def open_book_for_window(path: Path, parent=None):
    """Open a book for this window (it becomes the one writer); explain and return None when it cannot.

    Returns ``(book, None)``: the one-writer lock lives in the book and is released when it closes.
    """
    from PySide6.QtWidgets import QMessageBox

    from core.books import BookDamagedError, BookLockedError, last_good_backup, restore_backup
    from core.errors import BookError

    try:
        return open_checked(path, parent), None
    except BookLockedError as exc:
        QMessageBox.warning(parent, _("Book already open"), str(exc))
        return None
    except BookError as exc:
        good = last_good_backup(path) if isinstance(exc, BookDamagedError) else None
        if good is not None:
            answer = QMessageBox.question(parent, _("The book cannot be opened"),
                                          _("{exc}\n\nRestore the last good backup now? The damaged file is kept beside it, renamed.").format(exc=exc))
            if answer == QMessageBox.StandardButton.Yes:
                restore_backup(good, path)
                try:
                    return open_checked(path, parent), None
                except BookError as again:
                    QMessageBox.critical(parent, _("The book cannot be opened"), str(again))
        else:
            QMessageBox.critical(parent, _("The book cannot be opened"), str(exc))
        return None


def open_checked(path: Path, parent=None):
    """``Book.open`` beside the GUI thread (``ui.waiting``): the window keeps painting, and a line
    says the book is being checked when that takes more than a moment. A book that needs no upgrade
    is checked beside the first paint (``ui.book_check``); any other is checked here, before it opens."""
    from core.books import WINDOW_WAIT, Book
    from ui.waiting import wait_beside

    return wait_beside(lambda: Book.open(path, wait=WINDOW_WAIT, check_integrity="background"),
                       _("Checking {name} before opening it…").format(name=path.name), parent)


def book_error_in_words(exc: BaseException) -> str:
    """An unexpected SQLite error as the owner reads it; the transaction was rolled back."""
    return (_("The book could not be changed ({sqlite_refusal_in_words}). Nothing was changed; your book is as it was.").format(sqlite_refusal_in_words=sqlite_refusal_in_words(exc)))
