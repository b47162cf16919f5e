"""Moving contacts and sales in and out of the book: vCard, CSV, sales logs, iCalendar.

Pure Python, no Qt. Readers turn files into records; ``plan_import`` matches them to the
book without writing; ``book.interchange.apply_import`` writes the plan in one transaction.

The readers are imported when first asked for (PEP 562): every command of the day imports the
store, which needs only an encoding's name from here, and the import stack (the till layouts,
phonenumbers, the mapping tables) cost each of them 0.09 s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.interchange.records import CONTACTS, SALES, ImportFileError

if TYPE_CHECKING:
    from core.interchange.importer import LoadedFile, load, plan_import

__all__ = ["CONTACTS", "SALES", "ImportFileError", "LoadedFile", "load", "plan_import"]


def __getattr__(name: str) -> Any:
    if name in ("LoadedFile", "load", "plan_import"):
        from core.interchange import importer

        return getattr(importer, name)
    raise AttributeError(f"module 'core.interchange' has no attribute {name!r}")
