"""The parts of a book a command seldom needs, made when first asked for.

Importing them with the book (the forecast's models, phone numbers for forgetting a person, the
importers) was a fifth of every command's start: ``rapport tiers`` needs none of them.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.store.book import Book
    from core.store.bulk import Bulk
    from core.store.dashboard import Dashboard
    from core.store.forecasts import Forecasts
    from core.store.imports import Interchange
    from core.store.privacy import Privacy


class LazyParts:
    """``book.forecasts``, ``book.dashboard``, ``book.privacy``, ``book.interchange`` and ``book.bulk``."""

    @cached_property
    def forecasts(self) -> Forecasts:
        """P(alive) and visits to expect (core.forecast), fitted on the book."""
        from core.store.forecasts import Forecasts

        return Forecasts(self._book())

    @cached_property
    def dashboard(self) -> Dashboard:
        """The book's shape in figures, for the dashboard and its page."""
        from core.store.dashboard import Dashboard

        return Dashboard(self._book())

    @cached_property
    def privacy(self) -> Privacy:
        """Everything about one person, and forgetting them."""
        from core.store.privacy import Privacy

        return Privacy(self._book())

    @cached_property
    def interchange(self) -> Interchange:
        """Imports, merges, and what exports read."""
        from core.store.imports import Interchange

        return Interchange(self._book())

    @cached_property
    def bulk(self) -> Bulk:
        """Many rows in one transaction."""
        from core.store.bulk import Bulk

        return Bulk(self._book())

    def _book(self) -> Book:
        from core.store.book import Book

        assert isinstance(self, Book), "the parts of a Book"
        return self
