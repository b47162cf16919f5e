"""Starting the window: the system check, one writer per book, damaged books, recent books."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from core.paths import data_dir

RECENT_KEY = "recent_books"
MAX_RECENT = 8
ICON = Path(__file__).resolve().parents[1] / "resources" / "icons" / "rapport.svg"


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
    """Lock and open a book for this window; explain and return None when that is not possible."""
    from PySide6.QtCore import QLockFile
    from PySide6.QtWidgets import QMessageBox

    from core.errors import BookError
    from core.store import Book
    from core.store.safety import last_good_backup, restore_backup

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        QMessageBox.warning(parent, "Book already open",
                            f"This book is already open in another Rapport window:\n{path}\n\n"
                            "Switch to that window, or close it first.")
        return None
    try:
        return Book.open(path, check_integrity=False), lock
    except BookError as exc:
        good = last_good_backup(path)
        if good is not None:
            answer = QMessageBox.question(parent, "The book cannot be opened",
                                          f"{exc}\n\nRestore the last good backup now? The damaged file is kept "
                                          "beside it, renamed.")
            if answer == QMessageBox.StandardButton.Yes:
                restore_backup(good, path)
                return Book.open(path, check_integrity=False), lock
        else:
            QMessageBox.critical(parent, "The book cannot be opened", str(exc))
        lock.unlock()
        return None


def run_gui(book_path: Path) -> int:
    """Open the window on ``book_path``; returns the exit status."""
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
    opened = open_book_for_window(book_path)
    if opened is None:
        return 2
    remember_recent(book_path)
    window = MainWindow(*opened)
    window.show()
    quit_after = os.environ.get("RAPPORT_QUIT_AFTER_MS")
    if quit_after:  # for the smoke test on a real display
        QTimer.singleShot(int(quit_after), window.close)
    return app.exec()
