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


def in_a_process(function: Callable[..., _T], args: tuple[Any, ...], stop: Callable[[], bool],
                 stopped: Callable[[], Exception]) -> _T:
    """``function(*args)`` in a child process (a top-level function, so ``spawn`` finds it); returns
    what it returned, or raises what it raised. ``stop`` is asked while waiting: when it says so, the
    child is ended and ``stopped()`` raised."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:  # leaving the block ends the child
        pending = pool.apply_async(function, args)
        while True:
            try:
                return pending.get(timeout=POLL_SECONDS)
            except multiprocessing.TimeoutError:
                if stop():
                    raise stopped() from None
