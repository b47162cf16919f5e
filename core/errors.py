"""Errors an owner may see. Each names the field and the value that was wrong."""

from __future__ import annotations
from core.i18n import _


class RapportError(Exception):
    """Base for every error Rapport reports to the owner in plain words."""


class ValidationError(RapportError, ValueError):
    """Bad input: the book was left unchanged."""

    def __init__(self, field: str, value: object, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(_("{field}: {problem} (got {value!r})").format(field=field, problem=problem, value=value))


class NotFoundError(RapportError, LookupError):
    """A contact or interaction that is not in the book."""


class BookError(RapportError):
    """The book file cannot be used: damaged, locked, or not a Rapport book."""


class NotCompactedError(BookError):
    """Forget removed the person and overwrote their data, but the file could not be rewritten
    afterwards (a full disk): done as far as privacy goes, so the owner is told it plainly."""


def sqlite_refusal_in_words(exc: BaseException) -> str:
    """Why SQLite refused a change, as the owner reads it (the change was rolled back): one wording
    for the window, its import and the command line."""
    text = str(exc)
    if "full" in text:
        return _("the disk is full")
    if "readonly" in text or "read-only" in text:
        return _("the book cannot be written where it is")
    if "locked" in text or "busy" in text:
        return _("another Rapport is busy with the book; try again in a moment")
    return _("SQLite said: {text}").format(text=text)
