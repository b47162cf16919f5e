"""How long the window's dialogs live, and what the garbage collector looks at."""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

KEEP_AFTER_MS = 1500  # after the first paint and the work the open starts: what lives then lives long


def delete_on_close(dialog: QWidget) -> None:
    """A dialog made for one use goes when it closes. Kept as a hidden child of the window, each one
    made a day's later dialogs slower: closing a modal dialog tells every widget of every window,
    hidden ones included (after a hundred logs, a log took twice as long)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def keep_long_lived() -> None:
    """Move what lives now (the window, the open book, the modules: about 55,000 objects) out of the
    garbage collector's sight. A full collection runs in whichever thread allocates, holding the
    interpreter lock: it walked all of them each time (16–20 ms at 100,000 contacts, up to 50 ms with
    a re-tier's rows in hand), and the window waited.

    At a new day or another book's open, what was frozen before (the book closed since, yesterday's
    objects) is looked at once more: a full collection, once. At the first open nothing was frozen
    and the start leaves no garbage to speak of (none found at 100,000 contacts), so only the young
    objects are collected: the full pass cost 23 ms quiet and 50–60 ms loaded, and 140 ms with a
    file's rows in hand when the owner was already importing."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    else:
        gc.collect(1)
    gc.freeze()
