"""The cycle collector is held off during long work and comes back exactly as it was."""

from __future__ import annotations

import gc
import threading

from core.bulkwork import collection_held


def test_held_inside_back_after_and_nested_holds_wait_for_the_last() -> None:
    assert gc.isenabled()
    with collection_held():
        assert not gc.isenabled()
        with collection_held():
            assert not gc.isenabled()
        assert not gc.isenabled(), "the outer work is still running"
    assert gc.isenabled()


def test_work_on_two_threads_resumes_collection_when_the_last_ends() -> None:
    inside, release = threading.Event(), threading.Event()

    def other_work() -> None:
        with collection_held():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other_work)
    with collection_held():
        worker.start()
        assert inside.wait(5)
    assert not gc.isenabled(), "the other thread's work still holds it"
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off_and_an_error_still_releases() -> None:
    gc.disable()
    try:
        with collection_held():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with collection_held():
            raise KeyError("boom")
    except KeyError:
        pass
    assert gc.isenabled()
