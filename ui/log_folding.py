"""The book's log folded into its file when the owner pauses, off the GUI thread.

A copy of ``book.rapport`` taken while the window is open must hold the day's work, so the window
folds the ``-wal`` into the file a moment after each change. The copy is SQLite's C, pages of the
log written into the file: after a settings change or an import, thousands of them. Run on the GUI
thread, it held the window for that long (a 47 ms gap while the Trash was emptied, the window
waiting on it). Here it runs on a thread and a connection of its own (``Book.helper``), never
waiting for anyone: the background re-tier or a reader in the way, it is tried after the next pause.
The window's own commits never fold (``Book.fold_only_when_asked``): after a background re-tier, the
first log's commit copied thousands of pages that way, 70 ms on the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ui.tasks import run_folding

if TYPE_CHECKING:
    from core.books import Book


def fold_when_idle(book: Book, again: Callable[[], None]) -> None:
    """Fold ``book``'s log into its file off the GUI thread; ``again`` (on the GUI thread) when it
    could not be folded whole now."""
    if book.closed or book.read_only:
        return

    def fold() -> bool:
        if book.closed:
            return True  # closing folded it
        with book.helper() as helper:  # the window's own connection stays free for the owner
            return helper.checkpoint(wait=False)

    def done(folded: bool) -> None:
        if not folded and not book.closed:
            try:
                again()
            except RuntimeError:
                pass  # the window has gone since: its book folded the log as it closed

    run_folding(fold, done, lambda exc: done(False))
