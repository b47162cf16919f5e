"""Writes that reach beyond one contact's evidence: settings, imports, occasions and their
reminders, the week's checklist, the forecast kept in the book, and the daily re-tier."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Callable, Iterable

from core.domain import Changes, TierChange
from core.forecast.models import MBG
from core.occasions import Occasion, OccasionKind
from core.operations.done import Done, once, reversible
from core.store import Book

if TYPE_CHECKING:  # read only by the type checker: the command line loads them when it imports or fits
    from core.forecast.fit import StoredFit
    from core.interchange.plan import ImportPlan
    from core.store.forecasts import Buyers
    from core.store.imports import ImportResult


def update_settings(book: Book, today: date | None = None, later: bool = False,
                    **changes: object) -> Done[list[TierChange]]:
    """Change settings, checked as ``Settings.checked`` checks them; a number of the ladder re-tiers
    whom it reaches now, or, with ``later``, marks them due for ``bring_up_to_date``. The value is
    who moved."""
    moved = book.update_settings(today, later, **changes)
    return Done(moved, Changes(moves=list(moved), whole_book=True))


def apply_import(book: Book, plan: ImportPlan, today: date | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] = lambda: False) -> Done[ImportResult]:
    """Write a checked import plan in one transaction, after a backup (the way back, not undo)."""
    return Done(book.interchange.apply_import(plan, today=today, progress=progress, cancelled=cancelled),
                Changes(whole_book=True))


def bring_up_to_date(book: Book, today: date | None = None, batch: int = 2000,
                     stop: Callable[[], bool] = lambda: False) -> Changes:
    """Re-tier the contacts whose day has come, in batches of ``batch`` (each its own transaction,
    so this one operation is several): the window's new day and settings change, and the
    command line's first run of a day. ``stop`` ends it between batches; the rest stays due."""
    return book.status.bring_up_to_date(today, batch=batch, stop=stop)


def add_occasion(book: Book, contact_id: int, kind: str | OccasionKind, day: str = "", *, for_whom: str = "",
                 lead_days: int = 7, note: str = "", today: date | None = None) -> Done[Occasion]:
    """A birthday, an anniversary, a yearly order…; undo takes it out as if never added."""
    return reversible(book, lambda: book.occasions.add(contact_id, kind, day, for_whom=for_whom, lead_days=lead_days,
                                                       note=note, today=today),
                      lambda added: book.occasions.remove(added, today))


def stop_occasion(book: Book, contact_id: int, number: int, why: str, today: date | None = None) -> Done[Occasion]:
    """No more reminders of the contact's occasion ``number`` (kept, and said why); undo runs it again."""
    return reversible(book, lambda: book.occasions.stop(contact_id, number, why, today),
                      lambda stopped: book.occasions.unstop(stopped, today))


def unstop_occasion(book: Book, stopped: Occasion, today: date | None = None) -> Done[None]:
    """A stopped occasion runs again (the command line's ``occasions --again``)."""
    return once(book, lambda: book.occasions.unstop(stopped, today))


def snooze_reminder(book: Book, contact_id: int, key: str, until: date) -> Done[None]:
    """A reminder not shown again until ``until``."""
    return once(book, lambda: book.occasions.snooze(contact_id, key, until))


def pin_to_checklist(book: Book, contact_ids: Iterable[int], week_start: date) -> Done[None]:
    """Contacts on one week's checklist although no rule lists them (the review's last page)."""
    ids = list(contact_ids)
    return once(book, lambda: book.status.pin_to_checklist(ids, week_start))


def refit_forecast(book: Book, today: date, model: str = MBG, unit_days: int = 1) -> Done[StoredFit | Buyers]:
    """Fit the forecast on every visit up to ``today`` and keep it (or forget it below the minimum)."""
    return once(book, lambda: book.forecasts.refit(today, model, unit_days))


def keep_forecast(book: Book, counted: Buyers, stored: StoredFit | None, today: date) -> Done[StoredFit | Buyers]:
    """Keep what a fit made beside the book came to (the window fits off the book's connection)."""
    return once(book, lambda: book.forecasts.keep_outcome(counted, stored, today))
