"""Work run off the GUI thread (``ui.tasks``) is let go once its outcome is heard: PySide's pool kept
every runnable it was given, and the work's closures with it (the forecast's 88,895 buyers), for as
long as the window lived, and each garbage collection walked them all."""

from __future__ import annotations

import gc
import weakref

import pytest

from ui.tasks import run_beside_the_book, run_folding, run_in_background


class Payload:
    """What a piece of work holds (a plan, the buyers): it must go when the work is done."""


@pytest.mark.parametrize("runner", [run_in_background, run_beside_the_book, run_folding])
@pytest.mark.parametrize("fails", [False, True])
def test_a_task_and_what_its_work_held_go_when_its_outcome_is_heard(qtbot, runner, fails: bool) -> None:
    heard: list[object] = []
    payload = Payload()
    held = weakref.ref(payload)

    def work(kept: Payload = payload) -> int:
        if fails:
            raise ValueError("refused")
        return id(kept)

    was_enabled = gc.isenabled()
    gc.disable()  # gone by its references alone, not by a collection that may never come
    try:
        task = weakref.ref(runner(work, heard.append, heard.append))
        del work, payload
        qtbot.waitUntil(lambda: bool(heard), timeout=5000)
        assert isinstance(heard[0], ValueError) if fails else isinstance(heard[0], int)
        heard.clear()  # a failure's traceback holds the work's frame, as long as it is kept
        qtbot.waitUntil(lambda: task() is None and held() is None, timeout=2000)
    finally:
        if was_enabled:
            gc.enable()
