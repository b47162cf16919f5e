"""The forecast fitted off the GUI thread: once a week (when the window opens on a book whose last
fit is a week old) and after every import. The buyers are read on a connection of their own, the
model is fitted beside the book's work (a fit of 100,000 buyers takes seconds, and an import's
preview asked for meanwhile must not wait behind it) in a process of its own (``core.forecast.beside``),
and the result is kept beside the book's work
too (it waits for the book's lock, never in the book's queue); the pane shows the new figures when it
is done. A failure costs only the forecast: the status bar says so."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from core import operations
from core.errors import sqlite_refusal_in_words
from core.forecast.beside import fit_in_a_process
from core.forecast.fit import FitStopped, StoredFit
from core.forecast.models import MBG
from ui.tasks import run_beside_the_book, run_in_background
from core.i18n import _

if TYPE_CHECKING:
    from ui.window_parts import WindowParts


def fit_forecast(window: WindowParts, *, even_if_fresh: bool = False) -> bool:
    """Start a fit when one is due (or ``even_if_fresh``: new visits came in); returns whether it started."""
    book, today, released = window.book, window.today, window.book_released
    if book.read_only or not (even_if_fresh or book.forecasts.due(today)):
        return False

    def current() -> bool:
        return book is window.book and not book.closed

    def failed(exc: Exception) -> None:
        if current() and not isinstance(exc, FitStopped):
            why = sqlite_refusal_in_words(exc) if isinstance(exc, sqlite3.Error) else str(exc)
            window.statusBar().showMessage(_("Could not fit the forecast ({why}); it is tried again next time.").format(why=why), 10_000)

    def read() -> tuple[list, Any]:
        with book.reader() as reader:
            customers = reader.forecasts.summaries(today)
            return list(customers.values()), reader.forecasts.buyers(customers)

    def keep(found: StoredFit | None, counted: Any) -> None:
        def work() -> object:
            with book.helper() as helper:
                return operations.keep_forecast(helper, counted, found, today).value

        # Beside the book's queue too: keeping waits for the book's lock, and an owner's long write
        # (an import held open) must not leave an import's preview queued behind that wait.
        def kept(_stored: object) -> None:
            if current():
                window.panel.show_forecast(book, today)

        run_beside_the_book(work, kept, failed)

    def fit_them(read_out: tuple[list, Any]) -> None:
        customers, counted = read_out
        if not current():
            return
        if not counted.enough:
            keep(None, counted)
            return
        # In a process of its own: fitted in a thread, it held the interpreter lock against the window.
        run_beside_the_book(lambda: StoredFit(fit_in_a_process(MBG, customers, stop=released.is_set), 1, today, today),
                            lambda found: keep(found, counted) if current() else None, failed)

    run_in_background(read, fit_them, failed)
    return True
