"""The book on disk. Every SQL statement of Rapport lives in this package."""

from core.store.book import Book
from core.store.rows import ContactRow

__all__ = ["Book", "ContactRow"]
