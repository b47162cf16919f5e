"""What lives as long as the open window is kept out of the garbage collector's sight (``ui.lifetime``),
so that a full collection, run in whichever thread allocates and holding the interpreter lock, no
longer walks the whole window."""

from __future__ import annotations

import gc

from ui.lifetime import KEEP_AFTER_MS, keep_long_lived


def test_a_moment_after_the_window_opens_what_lives_then_is_frozen_once(qtbot, window) -> None:
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 10_000, timeout=KEEP_AFTER_MS + 5000)
    first = gc.get_freeze_count()
    keep_long_lived()  # a new day: what was frozen is looked at once more, not frozen twice
    assert gc.get_freeze_count() < first * 1.5
    gc.collect()
    assert gc.get_freeze_count() >= first * 0.5, "a collection leaves what is frozen alone"
