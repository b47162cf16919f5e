"""The mark on every store method that changes the book.

Only ``core.operations`` (and the store itself) may call a marked method: the window and the
command line change a book through an operation, which is one transaction, reports its
``Changes`` and knows its way back. ``tests/test_one_way_to_write.py`` reads the marks and fails
when ``ui/`` or ``core/cli*`` calls a marked method directly.
"""

from __future__ import annotations

from typing import Callable, TypeVar

_Method = TypeVar("_Method", bound=Callable[..., object])

MARK = "__changes_the_book__"


def writes(method: _Method) -> _Method:
    """Mark ``method`` as one that changes the book."""
    setattr(method, MARK, True)
    return method
