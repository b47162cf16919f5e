"""The parts of a book a command seldom needs, made when first asked for.

Importing them with the book (the forecast's models, phone numbers for forgetting a person, the
importers) was a fifth of every command's start: ``rapport tiers`` needs none of them.
"""

from __future__ import annotations

import importlib
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.store.bulk import Bulk
    from core.store.dashboard import Dashboard
    from core.store.forecasts import Forecasts
    from core.store.imports import Interchange
    from core.store.privacy import Privacy


def _made_when_asked(module: str, part: str) -> Any:
    """A part of the book, ``module.part(book)``, imported and made the first time it is read."""

    def make(book: Any) -> Any:
        return getattr(importlib.import_module(module), part)(book)

    make.__name__ = part.lower()
    return cached_property(make)


class LazyParts:
    """The parts of a ``Book`` made when first asked for."""

    if TYPE_CHECKING:
        forecasts: Forecasts
        dashboard: Dashboard
        privacy: Privacy
        interchange: Interchange
        bulk: Bulk
    else:
        forecasts = _made_when_asked("core.store.forecasts", "Forecasts")  # P(alive) and visits to expect
        dashboard = _made_when_asked("core.store.dashboard", "Dashboard")  # the book's shape in figures
        privacy = _made_when_asked("core.store.privacy", "Privacy")  # everything about one person, and forgetting
        interchange = _made_when_asked("core.store.imports", "Interchange")  # imports, merges, what exports read
        bulk = _made_when_asked("core.store.bulk", "Bulk")  # many rows in one transaction
