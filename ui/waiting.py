"""Long book work the owner must wait for, without a frozen window.

Some actions cannot let the owner go on working while they run (opening a book, emptying the
Trash, forgetting a person, restoring a backup): the next step needs their result. They still
must not hold the GUI thread for seconds: on a 100,000-contact book, emptying the Trash (a backup
first) took six seconds, and a window that does not repaint for that long looks crashed. So the
work runs on a thread of its own while the GUI thread keeps painting, and a line in a small
window says what is going on when it takes more than a moment.

The owner's keys and clicks meanwhile go nowhere, as with any busy program: held back and
delivered afterwards, they would land on whatever had the focus then (a Delete on the contact
shown next, a name typed into the search). Closing the window waits for the work, then happens.
A wait of a fraction of a second (``wait_keeping_input``: a whole list read down to its end) keeps
them instead and lets them act after it, as type-ahead does in any list.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

_T = TypeVar("_T")

SHOW_AFTER_MS = 400  # quicker than this, a window that flashes up and away would only startle

_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel, QEvent.Type.ContextMenu, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd, QEvent.Type.TabletPress, QEvent.Type.TabletRelease,
    QEvent.Type.InputMethod,  # text typed through an input method (Chinese, Japanese…)
    QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop,  # a file dropped on the window imports it
})
_DRAGGED = frozenset({QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop})  # only ever eaten
_under_way = [0]  # waits running now (one inside another is possible: a timer's work during a wait)
_after_the_waits: list[tuple[QObject, Callable[[], None]]] = []  # what ``after_the_wait`` put off


def after_the_wait(context: QObject, then: Callable[[], None]) -> None:
    """``then()`` now, or once the owner no longer waits for work (as long as ``context`` lives). A
    question asked during a wait could take no answer: the wait keeps the owner's keys and clicks
    from it, and in Qt 6 its close is a Close event, which the wait holds for after itself; the
    window hung for good."""
    if _under_way[0] == 0:
        then()
    else:
        _after_the_waits.append((context, then))


class _InputGoesNowhere(QObject):
    """Eats the owner's input while they wait; a close the system asks for is kept for after."""

    def __init__(self) -> None:
        super().__init__()
        self.closes: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() in _INPUT:
            return self.held(watched, event)
        if event.type() == QEvent.Type.Close:  # the window's × (Qt 6 routes close() the same way)
            if watched not in self.closes:
                self.closes.append(watched)
            return True
        return False

    def held(self, watched: QObject, event: QEvent) -> bool:
        """What becomes of a key or a click meanwhile: here, nothing."""
        return True


class _InputWaits(_InputGoesNowhere):
    """Keeps the owner's input for after a short wait, in the order it came. What the system sends
    stays in its own queue (``ExcludeUserInputEvents``); what was posted is caught here and posted
    again after."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: list[tuple[QObject, QEvent]] = []

    def held(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _DRAGGED:  # a drop posted after its drag ended would point at data gone
            self.kept.append((watched, event.clone()))
        return True


def wait_beside(work: Callable[[], _T], saying: str, parent: QWidget | None = None) -> _T:
    """``work()`` on a thread of its own; returns its result, or raises what it raised, on the
    calling (GUI) thread. Meanwhile the window repaints, timers fire, and after a moment a
    window that cannot be closed says ``saying`` (the work cannot be stopped half way)."""
    progress: list[QProgressDialog] = []
    started = QDeadlineTimer(SHOW_AFTER_MS)

    def say_after_a_moment() -> None:
        if not progress and started.hasExpired():
            shown = QProgressDialog(saying, "", 0, 0, parent)
            shown.setWindowTitle("Rapport")
            shown.setCancelButton(None)
            shown.setWindowModality(Qt.WindowModality.ApplicationModal)
            shown.setMinimumDuration(0)
            shown.show()
            progress.append(shown)

    try:
        return _beside(work, _InputGoesNowhere(), QEventLoop.ProcessEventsFlag.AllEvents, say_after_a_moment)
    finally:
        for shown in progress:
            shown.close()
            shown.deleteLater()


def wait_keeping_input(work: Callable[[], _T]) -> _T:
    """``work()`` on a thread of its own, for a wait of a fraction of a second (the whole list read
    down to its end: 60 ms, 230 ms on a busy laptop): the window repaints and its timers fire, and
    the keys the owner presses meanwhile act after it, in order (Ctrl+End, then Up: the row above
    the last), as a list that reads on the GUI thread would have them."""
    keeper = _InputWaits()
    try:
        return _beside(work, keeper, QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, lambda: None)
    finally:
        for watched, event in [] if keeper.closes else keeper.kept:  # asked to close meanwhile: only that
            QCoreApplication.postEvent(watched, event)


def _beside(work: Callable[[], _T], meanwhile: _InputGoesNowhere, flags: QEventLoop.ProcessEventsFlag,
            each_turn: Callable[[], None]) -> _T:
    """``work()`` on a thread, the GUI thread's events processed with ``flags`` until it ends, the
    owner's input and the window's closes left to ``meanwhile``."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="wait-beside", daemon=True)
    app = QCoreApplication.instance()
    assert app is not None, "a window waits only inside a running app"
    app.installEventFilter(meanwhile)
    worker.start()
    _under_way[0] += 1
    try:
        while worker.is_alive():
            QCoreApplication.processEvents(flags, 30)
            worker.join(0.01)  # lets the worker have Python's lock; processEvents alone may not
            if worker.is_alive():
                each_turn()
        QCoreApplication.processEvents(flags)  # what the owner pressed last, still in the queue, goes too
    finally:
        _under_way[0] -= 1
        app.removeEventFilter(meanwhile)
        while not _under_way[0] and _after_the_waits:  # the outermost wait is over
            context, then = _after_the_waits.pop(0)
            QTimer.singleShot(0, context, then)
    for window in meanwhile.closes:  # once the caller is done with the work's result
        QTimer.singleShot(0, window.close)  # type: ignore[attr-defined]  # a QWindow or a QWidget
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]  # always an exception: see run()
    return outcome["value"]  # type: ignore[return-value]  # what work() returned
