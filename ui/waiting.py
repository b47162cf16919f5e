"""Long book work the owner must wait for, without a frozen window.

Some actions cannot let the owner go on working while they run (opening a book, emptying the
Trash, forgetting a person, restoring a backup): the next step needs their result. They still
must not hold the GUI thread for seconds: on a 100,000-contact book, emptying the Trash (a backup
first) took six seconds, and a window that does not repaint for that long looks crashed. So the
work runs on a thread of its own while the GUI thread keeps painting; the owner's clicks and keys
wait in the queue, and a line in a small window says what is going on when it takes more than a
moment.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

_T = TypeVar("_T")

SHOW_AFTER_MS = 400  # quicker than this, a window that flashes up and away would only startle


def wait_beside(work: Callable[[], _T], saying: str, parent: QWidget | None = None) -> _T:
    """``work()`` on a thread of its own; returns its result, or raises what it raised, on the
    calling (GUI) thread. Meanwhile the window repaints, timers fire, and after a moment a
    window that cannot be closed says ``saying`` (the work cannot be stopped half way)."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="wait-beside", daemon=True)
    worker.start()
    progress: QProgressDialog | None = None
    started = QDeadlineTimer(SHOW_AFTER_MS)
    while worker.is_alive():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 30)
        worker.join(0.03)  # lets the worker have Python's lock; processEvents alone may not
        if progress is None and started.hasExpired() and worker.is_alive():
            progress = QProgressDialog(saying, "", 0, 0, parent)
            progress.setWindowTitle("Rapport")
            progress.setCancelButton(None)
            progress.setWindowModality(Qt.WindowModality.ApplicationModal)
            progress.setMinimumDuration(0)
            progress.show()
    if progress is not None:
        progress.close()
        progress.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]  # always an exception: see run()
    return outcome["value"]  # type: ignore[return-value]  # what work() returned
