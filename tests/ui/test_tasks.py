"""Work run off the GUI thread (``ui.tasks``) lets go of what it held once its outcome is heard:
PySide's pool keeps every runnable it was given, and through it the work and the callbacks (the
forecast's 88,895 buyers, an import's whole plan), for as long as the window lived, and each
garbage collection walked them all."""

from __future__ import annotations

import gc
import weakref

import pytest

from ui.tasks import run_beside_the_book, run_folding, run_in_background


class Payload:
    """What a piece of work or its callback holds (a plan, the buyers): it must go when heard."""


@pytest.mark.parametrize("runner", [run_in_background, run_beside_the_book, run_folding])
@pytest.mark.parametrize("fails", [False, True])
def test_what_the_work_and_its_callbacks_held_goes_when_the_outcome_is_heard(qtbot, runner, fails: bool) -> None:
    heard: list[object] = []
    for_the_work, for_the_callback = Payload(), Payload()
    held = [weakref.ref(for_the_work), weakref.ref(for_the_callback)]

    def work(kept: Payload = for_the_work) -> int:
        if fails:
            raise ValueError("refused")
        return id(kept)

    def callback(outcome: object, kept: Payload = for_the_callback) -> None:
        heard.append(outcome)

    was_enabled = gc.isenabled()
    gc.disable()  # gone by their references alone, not by a collection that may never come
    try:
        runner(work, callback, callback)
        del work, callback, for_the_work, for_the_callback
        qtbot.waitUntil(lambda: bool(heard), timeout=5000)
        assert isinstance(heard[0], ValueError) if fails else isinstance(heard[0], int)
        heard.clear()  # a failure's traceback holds the work's frame, as long as it is kept
        qtbot.waitUntil(lambda: all(ref() is None for ref in held), timeout=2000)
    finally:
        if was_enabled:
            gc.enable()
