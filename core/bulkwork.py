"""Python's cycle collector held off while a long piece of work builds many objects at once.

An import plans tens of thousands of contacts and purchases and keeps every one of them until it
is written. Each object it keeps makes the next full collection longer, and such work runs
many full collections: about a quarter of planning the CDNOW import went to them. The objects
an import or a re-tier builds hold no cycles worth collecting on the way, so the collector
waits until the work ends and then runs as usual.

Work on two threads may overlap (an import beside the background re-tier): the collector
resumes when the last of them ends, and only if it was running before the first began.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_holders = 0
_was_enabled = True


@contextmanager
def collection_held() -> Iterator[None]:
    """Hold the cycle collector off for the duration of the block (nested and threaded uses count)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
