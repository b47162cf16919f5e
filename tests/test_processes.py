"""Work in a process of its own (``core.processes``): its answer, its error, its stop, its progress."""

from __future__ import annotations

import time

import pytest

from core.processes import in_a_process, report_progress

STEP_SECONDS = 1.0  # twenty of the parent's polls: a step reported is seen before the next, even on a busy machine


class Stopped(Exception):
    pass


def _three_steps(total: int) -> str:
    for done in range(1, total + 1):
        report_progress(done, total)
        time.sleep(STEP_SECONDS)
    return "made"


def _refuses(word: str) -> None:
    raise ValueError(f"no {word}")


def test_what_the_child_reports_reaches_the_parent_in_order() -> None:
    heard: list[tuple[int, int]] = []
    assert in_a_process(_three_steps, (3,), lambda: False, Stopped, lambda done, total: heard.append((done, total))) == "made"
    assert heard == [(1, 3), (2, 3), (3, 3)]


def test_the_childs_error_is_raised_in_the_parent_and_a_stop_ends_it() -> None:
    with pytest.raises(ValueError, match="^no roses$"):
        in_a_process(_refuses, ("roses",), lambda: False, Stopped)
    began = time.monotonic()
    with pytest.raises(Stopped):
        in_a_process(_three_steps, (20,), lambda: time.monotonic() - began > 1, Stopped)
    assert time.monotonic() - began < 10, "stopped, the child was not waited for to the end (20 s)"

