"""The week's forecast worked out in a process of its own: its buyers read there, the model fitted there.

Read in a thread of the window's process, a book's 88,895 buyers were as many objects made while
the window waited its turn for the interpreter lock (the GUI thread waited up to 120–148 ms at the
open, quiet), and fitting them is seconds of pure Python. In a process started with ``spawn`` (as
on every platform Rapport runs on, with none of the window's threads or Qt inherited) the window
only waits: what comes back is the buyers' count and four parameters.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from core.forecast.fit import FitStopped, StoredFit
from core.forecast.models import MBG
from core.processes import in_a_process

if TYPE_CHECKING:
    from core.store.forecasts import Buyers


def _worked_out(book_path: str, today: date, model: str) -> tuple[Buyers, StoredFit | None]:
    """In the child: the book read on a read-only connection, as it is committed now."""
    from core.store.book import Book

    with Book.open_to_read(Path(book_path)) as book:
        return book.forecasts.worked_out(today, model)


def worked_out_in_a_process(book_path: Path, today: date, model: str = MBG,
                            stop: Callable[[], bool] = lambda: False) -> tuple[Buyers, StoredFit | None]:
    """As ``book.forecasts.worked_out(today, model)`` on the book at ``book_path``, in a child process.
    ``stop`` is asked while waiting: when it says so, the child is ended and ``FitStopped`` raised
    (the window closed, or the book left it)."""
    return in_a_process(_worked_out, (str(book_path), today, model), stop, FitStopped)
