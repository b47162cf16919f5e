"""Moving contacts and sales in and out of the book: vCard, CSV, sales logs, iCalendar.

Pure Python, no Qt. Readers turn files into records; ``plan_import`` matches them to the
book without writing; ``book.interchange.apply_import`` writes the plan in one transaction.
"""

from core.interchange.importer import CONTACTS, SALES, LoadedFile, load, plan_import
from core.interchange.records import ImportFileError

__all__ = ["CONTACTS", "SALES", "ImportFileError", "LoadedFile", "load", "plan_import"]
