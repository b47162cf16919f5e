"""The forecast fitted off the GUI thread: once a week (when the window opens on a book whose last
fit is a week old) and after every import. The buyers are read and the model fitted in a process of
its own (``core.forecast_beside``), beside the book's work (a fit of 100,000 buyers takes seconds,
and an import's preview asked for meanwhile must not wait behind it), and the result is kept beside
the book's work too (it waits for the book's lock, never in the book's queue); the pane shows the
new figures when it is done. A failure costs only the forecast: the status bar says so."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from core import operations
from core.errors import sqlite_refusal_in_words
from core.forecast_beside import worked_out_in_a_process
from core.forecast.fit import FitStopped, StoredFit
from core.forecast.models import MBG
from ui.tasks import run_beside_the_book
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

    def read_and_fit() -> tuple[Any, StoredFit | None]:
        with book.reader() as reader:  # the file is still the one this window opened
            return worked_out_in_a_process(reader.path, today, MBG, stop=released.is_set)

    def worked_out(outcome: tuple[Any, StoredFit | None]) -> None:
        counted, found = outcome
        if current():
            keep(found, counted)

    # Beside the book's queue: the buyers are read and the model fitted in a process of its own,
    # on a read-only connection there; an import's preview asked for meanwhile does not wait.
    run_beside_the_book(read_and_fit, worked_out, failed)
    return True
