"""Starting the window: the system check, one writer per book, damaged books, recent books."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from core.paths import data_dir, log_dir
from core.resources import shipped
from ui.books import open_book_for_window, recent_books, remember_recent
from core.i18n import _

ICON = shipped("icons", "rapport.svg")


def _shown_in_words(window):
    """An error nobody expected is shown in words (and kept in the data folder), never a bare traceback."""
    import traceback

    def hook(kind, value, trace) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        from ui.books import book_error_in_words

        from core.crash_log import keep_error

        details = "".join(traceback.format_exception(kind, value, trace))
        log = keep_error(log_dir(), details)
        import sqlite3

        text = book_error_in_words(value) if isinstance(value, sqlite3.Error) else (
            _("Something went wrong: {value}. Your book is as it was after the last saved action.").format(value=value))
        box = QMessageBox(QMessageBox.Icon.Warning, _("Something went wrong"),
                          _("{text}\n\nDetails are in {log}.").format(text=text, log=log), QMessageBox.StandardButton.Ok,
                          window)
        copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
        copy.setToolTip(_("Copies what went wrong, to paste into an email to whoever helps you"))
        box.exec()
        if box.clickedButton() is copy:
            QApplication.clipboard().setText(details)

    return hook


def install_qt_translations(app) -> None:
    """Qt's own words (OK, Cancel, Yes, a line edit's Copy and Paste) in the owner's language."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from core.i18n import language

    if language() == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(f"{name}_{language()}", folder):
            app.installTranslator(translator)


def book_to_open(explicit: Path | None) -> Path:
    """The book named on the command line, else the last book used, else the default book."""
    from core.paths import default_book_path

    if explicit is not None:
        return explicit
    recent = recent_books()
    return recent[0] if recent else default_book_path()


def run_gui(book_path: Path | None, minimised: bool = False) -> int:
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

    from core.crash_log import keep_crashes, move_old_logs

    move_old_logs(data_dir(), log_dir())  # an older Rapport kept them beside the books
    keep_crashes(log_dir())  # a death inside Qt leaves its traceback, where errors.log is
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_qt_translations(app)
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    QApplication.setWindowIcon(QIcon(str(ICON)))
    book_path = book_to_open(book_path)
    opened = open_book_for_window(book_path)
    if opened is None:
        return 2
    remember_recent(book_path)
    window = MainWindow(*opened)
    sys.excepthook = _shown_in_words(window)
    window.showMinimized() if minimised else window.show()  # minimised: started at login
    quit_after = os.environ.get("RAPPORT_QUIT_AFTER_MS")
    if quit_after:  # for the smoke test on a real display
        QTimer.singleShot(int(quit_after), window.close)
    return app.exec()
