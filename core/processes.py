"""Work done in a process of its own, started with ``spawn``, that the caller waits for and may stop.

Pure Python of seconds (the forecast's fit, the checklist's pages) in a thread of the window's
process takes turns with the window for the interpreter lock; in a child process it costs the window
nothing but the wait. The child inherits none of the window's threads or Qt.
"""

from __future__ import annotations

import multiprocessing
from typing import Any, Callable, TypeVar

_T = TypeVar("_T")
POLL_SECONDS = 0.05  # how often the wait asks whether to stop (the window or the preview closed)
_progress_slots: Any = None  # in a child: the two shared numbers its progress is written to


def in_a_process(function: Callable[..., _T], args: tuple[Any, ...], stop: Callable[[], bool],
                 stopped: Callable[[], Exception], progress: Callable[[int, int], None] | None = None) -> _T:
    """``function(*args)`` in a child process (a top-level function, so ``spawn`` finds it); returns
    what it returned, or raises what it raised. ``stop`` is asked while waiting: when it says so, the
    child is ended and ``stopped()`` raised. What the child says with ``report_progress`` reaches
    ``progress(done, total)`` here, on the waiting thread, at most once a poll."""
    context = multiprocessing.get_context("spawn")
    slots = context.Array("q", 2)  # done, total: two numbers in shared memory, no pipe to drain
    with context.Pool(1, initializer=_keep_slots, initargs=(slots,)) as pool:  # leaving the block ends the child
        pending = pool.apply_async(function, args)
        said = (0, 0)
        while True:
            try:
                return pending.get(timeout=POLL_SECONDS)
            except multiprocessing.TimeoutError:
                if stop():
                    raise stopped() from None
            now = (slots[0], slots[1])
            if progress is not None and now != said:
                said = now
                progress(*now)


def report_progress(done: int, total: int) -> None:
    """In a child of ``in_a_process``: how far its work is (``done`` of ``total``); elsewhere, nothing."""
    if _progress_slots is not None:
        with _progress_slots.get_lock():
            _progress_slots[0], _progress_slots[1] = done, total


def _keep_slots(slots: Any) -> None:
    global _progress_slots
    _progress_slots = slots
