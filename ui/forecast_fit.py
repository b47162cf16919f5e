"""The forecast fitted off the GUI thread: once a week (when the window opens on a book whose last
fit is a week old) and after every import, on a connection of its own; the pane shows the new
figures when it is done. A failure costs only the forecast, so it is said in the status bar."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from core.errors import sqlite_refusal_in_words
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def fit_forecast(window: MainWindow, *, even_if_fresh: bool = False) -> bool:
    """Start a fit when one is due (or ``even_if_fresh``: new visits came in); returns whether it started."""
    book, today = window.book, window.today
    if book.read_only or not (even_if_fresh or book.forecasts.due(today)):
        return False

    def work() -> object:
        with book.helper() as helper:
            return helper.forecasts.refit(today)

    def done(_result: object) -> None:
        if book is window.book and not book.closed:
            window.panel.show_forecast(book, today)

    def failed(exc: Exception) -> None:
        why = sqlite_refusal_in_words(exc) if isinstance(exc, sqlite3.Error) else str(exc)
        window.statusBar().showMessage(f"Could not fit the forecast ({why}); it is tried again next time.", 10_000)

    run_in_background(work, done, failed)
    return True
