"""Test set-up shared by every test.

Qt must run offscreen before it is first imported, and no test may touch the owner's real
book: RAPPORT_DATA_DIR points the paths module at a temp folder for the whole session.
"""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["RAPPORT_DATA_DIR"] = tempfile.mkdtemp(prefix="rapport-test-data-")
os.environ.pop("RAPPORT_BOOK", None)
# A command's daily check and backup run before it here, as they did before ``core.daily_care``: a
# process that outlived its test would write into a temporary folder being removed. Its own tests
# ask for the detached care (``tests/test_daily_care.py``).
os.environ["RAPPORT_DAILY_CARE"] = "before"
# Amounts are read as the system's locale writes them unless the book says otherwise: pin it.
for _name in ("LANGUAGE", "LC_ALL", "LC_NUMERIC", "LANG"):
    os.environ.pop(_name, None)
os.environ["LC_NUMERIC"] = "en_US"
# The words the tests expect are English, whatever language this machine speaks (LC_MESSAGES, a
# desktop's LANGUAGE); a test of another language asks for it (tests/test_translations.py).
os.environ.pop("LC_MESSAGES", None)
os.environ["RAPPORT_LANGUAGE"] = "en"

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

# CI runs the same examples every time (a red run must be reproducible, and a landing never hangs
# on a case found by chance); by hand, hypothesis explores anew and keeps what it finds.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

# ../shared/samples beside the checkout; from a copy of the tests one folder down (``make mutants``
# runs them in mutants/), one level further up.
SAMPLES = next((up / "shared" / "samples" for up in Path(__file__).resolve().parents[1:4]
                if (up / "shared" / "samples").is_dir()), Path(__file__).resolve().parents[2] / "shared" / "samples")


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    """A path for a fresh book file in this test's own temp dir."""
    return tmp_path / "book.rapport"


@pytest.fixture
def book(book_path: Path):
    """An open, empty book on a real SQLite file."""
    from core.store import Book

    opened = Book.open(book_path)
    try:
        yield opened
    finally:
        opened.close()


@contextmanager
def held_open(book, change: Callable[[], object]) -> Iterator[None]:
    """``change`` written in a transaction on another thread and held open for the block, then
    rolled back, as an import on the window's connection cancelled part way would be."""
    holding, release = threading.Event(), threading.Event()

    def half_done() -> None:
        try:
            with book.transaction():
                change()
                holding.set()
                release.wait(20)
                raise RuntimeError("cancelled")
        except RuntimeError:
            pass

    worker = threading.Thread(target=half_done)
    worker.start()
    assert holding.wait(5), "the change was held open"
    try:
        yield
    finally:
        release.set()
        worker.join(5)
