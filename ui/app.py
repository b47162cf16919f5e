"""Starting the window: the system check, one writer per book, damaged books, recent books."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from core.paths import data_dir
from core.resources import shipped

RECENT_KEY = "recent_books"
MAX_RECENT = 8
ICON = shipped("icons", "rapport.svg")


def _settings():
    from PySide6.QtCore import QSettings

    # An ini file in the data folder, so tests (RAPPORT_DATA_DIR) never touch the owner's settings.
    return QSettings(str(data_dir() / "rapport.ini"), QSettings.Format.IniFormat)


def recent_books() -> list[Path]:
    stored = _settings().value(RECENT_KEY, []) or []
    paths = [Path(p) for p in ([stored] if isinstance(stored, str) else stored)]
    return [p for p in paths if p.exists()][:MAX_RECENT]


def remember_recent(path: Path) -> None:
    paths = [str(path.resolve())] + [str(p) for p in recent_books() if p.resolve() != path.resolve()]
    _settings().setValue(RECENT_KEY, paths[:MAX_RECENT])


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
        QMessageBox.warning(parent, "Book already open", str(exc))
        return None
    except BookError as exc:
        good = last_good_backup(path) if isinstance(exc, BookDamagedError) else None
        if good is not None:
            answer = QMessageBox.question(parent, "The book cannot be opened",
                                          f"{exc}\n\nRestore the last good backup now? The damaged file is kept "
                                          "beside it, renamed.")
            if answer == QMessageBox.StandardButton.Yes:
                restore_backup(good, path)
                try:
                    return open_checked(path, parent), None
                except BookError as again:
                    QMessageBox.critical(parent, "The book cannot be opened", str(again))
        else:
            QMessageBox.critical(parent, "The book cannot be opened", str(exc))
        return None


def open_checked(path: Path, parent=None):
    """``Book.open`` on a worker thread; the GUI keeps painting, and a progress line appears when it
    takes more than a moment. A book that needs no upgrade is checked beside the first paint
    (``ui.book_check``); any other is checked here, before it opens."""
    import threading

    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, Qt
    from PySide6.QtWidgets import QProgressDialog

    from core.books import WINDOW_WAIT, Book

    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["book"] = Book.open(path, wait=WINDOW_WAIT, check_integrity="background")
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread below
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="open-book", daemon=True)
    worker.start()
    progress: QProgressDialog | None = None
    started = QDeadlineTimer(400)
    while worker.is_alive():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 30)
        worker.join(0.03)
        if progress is None and started.hasExpired() and worker.is_alive():
            progress = QProgressDialog(f"Checking {path.name} before opening it…", "", 0, 0, parent)
            progress.setCancelButton(None)
            progress.setWindowModality(Qt.WindowModality.ApplicationModal)
            progress.setMinimumDuration(0)
            progress.show()
    if progress is not None:
        progress.close()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["book"]


def _shown_in_words(window):
    """An error nobody expected is shown in words (and kept in the data folder), never a bare traceback."""
    import traceback

    def hook(kind, value, trace) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ui.window_actions import book_error_in_words

        log = data_dir() / "errors.log"
        with open(log, "a", encoding="utf-8") as out:
            out.write("".join(traceback.format_exception(kind, value, trace)) + "\n")
        import sqlite3

        text = book_error_in_words(value) if isinstance(value, sqlite3.Error) else (
            f"Something went wrong: {value}. Your book is as it was after the last saved action.")
        QMessageBox.warning(window, "Something went wrong", f"{text}\n\nDetails are in {log}.")

    return hook


def book_to_open(explicit: Path | None) -> Path:
    """The book named on the command line, else the last book used, else the default book."""
    from core.paths import default_book_path

    if explicit is not None:
        return explicit
    recent = recent_books()
    return recent[0] if recent else default_book_path()


def run_gui(book_path: Path | None) -> int:
    """Open the window on ``book_path`` (None: the last book used); returns the exit status."""
    from ui.system_check import startup_problem

    problem = startup_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    app.setWindowIcon(QIcon(str(ICON)))
    book_path = book_to_open(book_path)
    opened = open_book_for_window(book_path)
    if opened is None:
        return 2
    remember_recent(book_path)
    window = MainWindow(*opened)
    sys.excepthook = _shown_in_words(window)
    window.show()
    quit_after = os.environ.get("RAPPORT_QUIT_AFTER_MS")
    if quit_after:  # for the smoke test on a real display
        QTimer.singleShot(int(quit_after), window.close)
    return app.exec()
