"""Errors an owner may see. Each names the field and the value that was wrong."""

from __future__ import annotations


class RapportError(Exception):
    """Base for every error Rapport reports to the owner in plain words."""


class ValidationError(RapportError, ValueError):
    """Bad input: the book was left unchanged."""

    def __init__(self, field: str, value: object, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"{field}: {problem} (got {value!r})")


class NotFoundError(RapportError, LookupError):
    """A contact or interaction that is not in the book."""


class BookError(RapportError):
    """The book file cannot be used: damaged, locked, or not a Rapport book."""
