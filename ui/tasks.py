"""One helper for work that could freeze the window: it runs on a pool thread and the result
comes back on the GUI thread. Workers never touch widgets.

Book work goes to a single-thread pool so that two book operations never run at once.

PySide's pool keeps every runnable it was given for as long as the window lives, and a runnable's
signals keep the callbacks connected to them. A runnable therefore lets go of its work and its
callbacks once its outcome is heard, on the GUI thread (what they held may be Qt's, which must never
be freed from a pool's thread): they held the forecast's 88,895 buyers, an
import's whole plan, and every garbage collection walked them. (Handing the pool a plain callable
and deleting the signals once heard freed the runnable too, but crashed the window now and then:
PySide freed what Qt was still delivering.) What stays is the empty runnable, a few hundred bytes.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_book_pool: QThreadPool | None = None
_running: set["_Task"] = set()
_unfinished = 0  # tasks started and not yet through their work (their results may still be on the way)
_unfinished_lock = threading.Lock()


class _Signals(QObject):
    sig_done = Signal(object)
    """The work finished: its result."""
    sig_failed = Signal(object)
    """The work raised: the exception."""


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], counted: bool = True) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._work = work
        self._counted = counted  # book work: others_waiting counts it until its work is through

    def forget_work(self) -> None:
        """Its outcome heard: what the work held goes (the pool keeps this runnable)."""
        self._work = _nothing

    def run(self) -> None:
        global _unfinished
        failure: Exception | None = None
        try:
            result = self._work()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to be shown
            failure = exc
        finally:
            if self._counted:
                with _unfinished_lock:  # through with its work before its result is heard
                    _unfinished -= 1
        if failure is not None:
            self.signals.sig_failed.emit(failure)
            failure = None  # its traceback holds this frame: no cycle through it for a collection to find
        else:
            self.signals.sig_done.emit(result)


def _nothing() -> None:
    """The work of a runnable that has run."""


def _one_thread() -> QThreadPool:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    return pool


def book_pool() -> QThreadPool:
    global _book_pool
    if _book_pool is None:
        _book_pool = _one_thread()
    return _book_pool


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[Exception], None],
) -> QRunnable:
    """Run ``work`` off the GUI thread; ``on_done``/``on_failed`` run on the GUI thread."""
    global _unfinished
    with _unfinished_lock:
        _unfinished += 1
    return _start(book_pool(), work, on_done, on_failed, counted=True)


def run_beside_the_book(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[Exception], None],
) -> QRunnable:
    """As ``run_in_background``, for work that never touches the book (fitting the forecast on
    figures already read): on a pool of its own, so book work queued meanwhile (an import's
    preview) does not wait seconds behind it, and the re-tier does not step aside for it."""
    return _start(_side_pool(), work, on_done, on_failed, counted=False)


def _start(pool: QThreadPool, work: Callable[[], Any], on_done: Callable[[Any], None],
           on_failed: Callable[[Exception], None], counted: bool) -> QRunnable:
    task = _Task(work, counted)
    _running.add(task)  # a Python reference, or PySide collects the runnable before it runs
    callbacks = [on_done, on_failed]  # emptied once heard: the pool keeps the runnable and its connections

    def finish(which: int, value: Any) -> None:
        _running.discard(task)
        task.forget_work()  # here, on the GUI thread: what it held may be Qt's, never freed from another
        callback = callbacks[which]
        callbacks.clear()
        callback(value)

    task.signals.sig_done.connect(lambda result: finish(0, result))
    task.signals.sig_failed.connect(lambda exc: finish(1, exc))
    pool.start(task)
    return task


_side: QThreadPool | None = None


def _side_pool() -> QThreadPool:
    global _side
    if _side is None:
        _side = _one_thread()
    return _side


_folding: QThreadPool | None = None


def run_folding(work: Callable[[], Any], on_done: Callable[[Any], None],
                on_failed: Callable[[Exception], None]) -> QRunnable:
    """As ``run_beside_the_book``, for folding the book's log into its file (``ui.log_folding``): on a
    thread of its own, so that it runs when asked, never seconds later behind the forecast's fit."""
    global _folding
    if _folding is None:
        _folding = _one_thread()
    return _start(_folding, work, on_done, on_failed, counted=False)


def others_waiting() -> bool:
    """Whether book work is queued behind the work running now (asked from that work's thread): a
    long background re-tier steps aside for it between two batches."""
    return _unfinished > 1


def wait_for_background(msecs: int = 30_000) -> bool:
    """Block until book work is done (closing a book, quitting, tests), and work beside it (a fit
    whose result is then kept by book work)."""
    done = book_pool().waitForDone(msecs)
    for pool in (_side, _folding):
        if pool is not None:
            done = pool.waitForDone(msecs) and done
    return done
