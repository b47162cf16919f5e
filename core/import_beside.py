"""An import's plan made in a process of its own, for the window's wizard.

Planning a file of tens of thousands of lines (CDNOW's 69,659 purchases by 23,570 buyers) is a
second or more of Python: matching each line against the book, reading amounts and days. In a
thread of the window's process it took turns with the window for the interpreter lock (the GUI
thread waited 208 ms at worst on a busy laptop). In a process started with ``spawn`` the window
only waits for the plan to come back. The process reads the file again (a CSV's rows are read
from its bytes on each pass, and pickling a column-aligned table's rows held the lock 37 ms), if
it is still the file the preview showed. The plan comes back in parts: unpickled whole, the CDNOW
plan's 23,570 new contacts were one C call of 137 ms that held the lock as long; a thousand items a
part, the window runs between any two of them. Unpickled with the cycle collector running, the
plan's objects set off a full collection in the middle (40 ms quiet, holding the lock): the
collector waits while they are made, and they are then kept out of its sight, as the window's own
long-lived objects are (``ui.lifetime``), until the plan is let go. A small file is planned where it
is asked for: starting a process (a third of a second) would cost more than it spares.
"""

from __future__ import annotations

import gc
import pickle
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from core.bulkwork import collection_held
from core.i18n import _, language, use_language
from core.interchange.importer import LoadedFile, file_seen, load, plan_import
from core.interchange.records import ImportFileError
from core.interchange.plan import ImportPlan
from core.processes import in_a_process

BESIDE_FROM_BYTES = 1_000_000  # files smaller than this are planned in the caller's process
PART = 1000  # items of a long list or dict a pickle: a few milliseconds of unpickling each
Parts = list[tuple[str, str, list[bytes]]]  # a field's name, its shape ("list", "dict", "one"), its pickles


def worth_a_process(loaded: LoadedFile) -> bool:
    """Whether ``loaded`` is big enough to be planned in a process of its own."""
    try:
        return Path(loaded.path).stat().st_size >= BESIDE_FROM_BYTES
    except OSError:
        return False  # read already; whatever happened to the file since, plan what was read


def in_parts(plan: ImportPlan) -> Parts:
    """The plan's fields pickled, a long list or dict ``PART`` items a pickle."""
    parts: Parts = []
    for field in fields(plan):
        value = getattr(plan, field.name)
        if isinstance(value, list) and len(value) > PART:
            parts.append((field.name, "list", [pickle.dumps(value[i:i + PART], pickle.HIGHEST_PROTOCOL)
                                               for i in range(0, len(value), PART)]))
        elif isinstance(value, dict) and len(value) > PART:
            items = list(value.items())
            parts.append((field.name, "dict", [pickle.dumps(items[i:i + PART], pickle.HIGHEST_PROTOCOL)
                                               for i in range(0, len(items), PART)]))
        else:
            parts.append((field.name, "one", [pickle.dumps(value, pickle.HIGHEST_PROTOCOL)]))
    return parts


def from_parts(parts: Parts) -> ImportPlan:
    """The plan ``in_parts`` made, one pickle at a time (another thread may run between two)."""
    values: dict[str, Any] = {}
    for name, shape, pickles in parts:
        if shape == "list":
            values[name] = [item for part in pickles for item in pickle.loads(part)]
        elif shape == "dict":
            values[name] = dict(item for part in pickles for item in pickle.loads(part))
        else:
            values[name] = pickle.loads(pickles[0])
    return ImportPlan(**values)


def _plan(book_path: str, language_code: str, path: str, kind: str, encoding: str, seen: tuple[int, int],
          options: dict[str, Any]) -> Parts:
    """In the process: the file read again as it was read for the preview, and its plan against the
    book as it is now, read on a read-only connection."""
    use_language(language_code)  # the plan's warnings and reasons are in the owner's words
    from core.store.book import Book

    try:
        unchanged = file_seen(path) == seen
    except OSError:
        unchanged = False
    if not unchanged:
        raise ImportFileError(_("{path} changed after it was read; choose it again to see what it holds now").format(path=path))
    loaded = load(path, force=kind, encoding=encoding)

    with Book.open_to_read(book_path) as book:
        return in_parts(plan_import(book, loaded, **options))


def plan_in_a_process(book_path: Path, loaded: LoadedFile, source: str = "", mapping: dict[str, str] | None = None,
                      today: date | None = None) -> ImportPlan:
    """As ``plan_import(book, loaded, ...)`` on the book at ``book_path``, made in a child process in
    the owner's language; raises what the child raised (an ImportFileError names the line)."""
    options = {"source": source, "mapping": mapping, "today": today}
    parts = in_a_process(_plan, (str(book_path), language(), loaded.path, loaded.kind, loaded.encoding, loaded.seen,
                                 options), lambda: False, RuntimeError)
    return received(parts)


def received(parts: Parts) -> ImportPlan:
    """The plan, unpickled in the window's process with the cycle collector waiting, then out of its
    sight: tens of thousands of objects kept until written, which no collection need walk. They
    hold no cycles, so they go when the plan is let go."""
    with collection_held():
        plan = from_parts(parts)
    gc.freeze()
    return plan
