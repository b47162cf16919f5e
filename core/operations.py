"""What the owner's actions do to the book, once, for the window and the command line alike.

Each operation is one transaction in the book and returns a ``Done``: what undo needs, and the
changes it made (whose verdicts were worked out again, who moved on the ladder). The rules of a
tick live here, not in a dialog: a tick means "I did this step"; it logs what was done and
never records the evidence the step was about (a yes, a purchase, a referral, a joint
campaign). That is only recorded when the owner says it happened (DESIGN.md, "Nothing is faked").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Callable, Generic, Sequence, TypeVar

from core.domain import (
    Answer,
    Changes,
    ClientTestAnswer,
    Closure,
    Contact,
    Interaction,
    Kind,
    PlanStep,
    Question,
    Role,
    Tier,
)
from core.ladder.plans import COMPLAINT_KEY
from core.validation import parse_amount, parse_day, parse_kind, parse_role
from core.store import Book

_T = TypeVar("_T")

ANSWER_CHOICES = ("Yes", "No", "Unknown")
HAPPENED, NOT_YET = "Yes, it happened", "Not yet"


@dataclass(frozen=True)
class StepDone:
    """What a tick did: the conversation it logged, or the complaints it resolved."""

    notice: str
    logged: Interaction | None = None
    resolved: list[Interaction] = field(default_factory=list)


@dataclass(frozen=True)
class FollowUp:
    """The one question a tick asks afterwards; the owner's answer is the only evidence recorded."""

    text: str
    choices: tuple[str, ...]
    question: Question | None = None
    kind: Kind | None = None


@dataclass(frozen=True)
class Done(Generic[_T]):
    """What an operation did: ``value`` is what undo needs (the contact as it was, the row logged);
    ``changes`` says whose verdicts were worked out again and who moved on the ladder."""

    value: _T
    changes: Changes


def _in_one_transaction(book: Book, action: Callable[[], _T]) -> Done[_T]:
    with book.transaction() as changes:
        value = action()
    return Done(value, changes)


def log(book: Book, contact_id: int, kind: Kind | str, occurred_on: date | str | None = None, *, note: str = "",
        amount: int | str | None = None, referred_contact_id: int | None = None, step_key: str = "",
        today: date | None = None) -> Done[Interaction]:
    """Log what happened, as typed ("42.50", "31.12.2026"); whoever it is evidence for is re-tiered
    with it: the contact, the one a referral names, and whoever referred a buyer."""
    return _in_one_transaction(book, lambda: book.interactions.log(
        contact_id, kind, occurred_on, note=note, amount=amount, referred_contact_id=referred_contact_id,
        today=today, step_key=step_key))


def edit_interaction(book: Book, interaction: Interaction, *, kind: Kind | str, occurred_on: date | str | None,
                     note: str = "", amount: int | str | None = None, referred_contact_id: int | None = None,
                     today: date | None = None) -> Done[Interaction]:
    """Save an interaction as edited, its fields as typed and read as ``log`` reads them (the amount
    in the book's number format: one reading of "1.000,50" for a new log and an edit alike); the
    value is the interaction as it was, for undo."""
    edited = replace(interaction, kind=parse_kind(kind), occurred_on=parse_day(occurred_on, "date"),
                     note=note, amount_cents=parse_amount(amount, book.number_locale()),
                     referred_contact_id=referred_contact_id)
    return _in_one_transaction(book, lambda: book.interactions.update(edited, today))


def answer(book: Book, contact_id: int, question: Question | str, reply: Answer | str,
           answered_on: date | str | None = None, today: date | None = None) -> Done[ClientTestAnswer]:
    """One client-test answer, dated; the earlier answers stay in the history."""
    return _in_one_transaction(book, lambda: book.interactions.record_answer(contact_id, question, reply,
                                                                             answered_on, today))


def delete_contacts(book: Book, contact_ids: Sequence[int], today: date | None = None) -> Done[list[Contact]]:
    """A multi-selection to the Trash, all or none; the value is them as they were, for undo."""
    return _in_one_transaction(book, lambda: book.contacts.delete_many(contact_ids, today))


def bring_up_to_date(book: Book, today: date | None = None, batch: int = 2000,
                     stop: Callable[[], bool] = lambda: False) -> Changes:
    """Re-tier the contacts whose day has come, in batches of ``batch`` (each its own transaction,
    so this one operation is several): the window's new day and settings change, and the
    command line's first run of a day. ``stop`` ends it between batches; the rest stays due."""
    return book.status.bring_up_to_date(today, batch=batch, stop=stop)


def complete_step(book: Book, contact_id: int, step: PlanStep, today: date | None = None) -> Done[StepDone]:
    """Tick a plan step: log a conversation with the step as its note (the step is then done);
    for a complaint's step, mark the complaint resolved (a dated touch)."""
    today = today or date.today()
    name = book.contacts.get(contact_id).name
    if step.key == COMPLAINT_KEY:
        return _in_one_transaction(book, lambda: StepDone(
            f"Marked {name}'s complaint resolved",
            resolved=book.interactions.resolve_complaints(contact_id, today=today)))
    return _in_one_transaction(book, lambda: StepDone(
        f"Logged a conversation with {name}: {step.text}",
        logged=book.interactions.log(contact_id, Kind.CONVERSATION, today, note=f"Done: {step.text}", today=today,
                                    step_key=step.key)))


def undo_step(book: Book, done: StepDone) -> None:
    if done.logged is not None and done.logged.id is not None:  # what log_interaction returned has its id
        book.interactions.delete(done.logged.id)
    if done.resolved:
        book.interactions.reopen_complaints(done.resolved)


def follow_up(step: PlanStep, name: str) -> FollowUp | None:
    """What to ask after a tick: the client-test question, or whether the evidence happened."""
    if step.question is not None:
        return FollowUp(f"{step.question.title}: {step.question.text}", ANSWER_CHOICES, question=step.question)
    if step.kind is not None and step.kind not in (Kind.CONVERSATION, Kind.NOTE):
        return FollowUp(f"Did it happen? Log a {step.kind.label.lower()} with {name} today.", (HAPPENED, NOT_YET),
                        kind=step.kind)
    return None


def close_loop(book: Book, contact_id: int, closure: Closure | None, today: date | None = None) -> Done[Contact]:
    """Close (or, with None, reopen) a loop by hand, dated today; the value is the contact as it was."""
    day = today or date.today()
    contact = book.contacts.get(contact_id)
    return _in_one_transaction(book, lambda: book.contacts.update(
        replace(contact, closed_as=closure, closed_on=day if closure else None), day))


def set_label(book: Book, contact_id: int, label: Tier | None, today: date | None = None) -> Done[Contact]:
    """What the owner calls them (the evidence decides the tier); the value is the contact as it was."""
    contact = book.contacts.get(contact_id)
    return _in_one_transaction(book, lambda: book.contacts.update(replace(contact, label=label), today))


def set_role(book: Book, contact_id: int, role: Role | str, today: date | None = None) -> Done[Contact]:
    """Customer, supplier or team (DESIGN, "outside the ladder"); the value is the contact as it was.
    The team leaves the ladder and every count; back as a customer, the evidence places them again."""
    contact = book.contacts.get(contact_id)
    chosen = parse_role(role)
    return _in_one_transaction(book, lambda: book.contacts.update(replace(contact, role=chosen), today))


@dataclass(frozen=True)
class Undoable(Generic[_T]):
    """An action done so that it can be taken back: its value (what undo needs), where the tier
    history stood before it, and whom it moved."""

    value: _T
    mark: int
    moved: frozenset[int]


def undoable(book: Book, action: Callable[[], _T]) -> Undoable[_T]:
    """Do ``action`` (one of the owner's writes), noting what it adds to the tier history."""
    mark = book.status.history_mark()
    value = action()
    return Undoable(value, mark, frozenset(book.status.moved_since(mark)))


def take_back(book: Book, done: Undoable[_T], inverse: Callable[[_T], object]) -> None:
    """Undo ``done`` with ``inverse`` in one transaction, and leave the tier history exactly as if it
    had never happened: the move it recorded and the move back are both taken out. Redone, it
    records its move once again: Emily becomes a Client once, not twice, and never drops back
    three days before she was one."""
    with book.transaction() as changes:
        inverse(done.value)
        # A history the inverse replayed from the evidence is already as if the action never happened.
        book.status.forget_moves_since(done.mark, (done.moved | {m.contact_id for m in changes.moves})
                                       - changes.rewritten)
        changes.moves.clear()  # nobody moved, as far as the owner is concerned: nothing to announce


def kind_to_offer(book: Book, contact_id: int) -> Kind:
    """What the log dialog offers first for this contact, from their own state alone (never what was
    logged last, for someone else): a buyer's purchase, ready for its amount; for anyone else a
    conversation, which moves nobody up the ladder by one Enter pressed too fast."""
    rows = book.contacts.rows([contact_id])
    buyer = bool(rows) and (rows[0].tier in (Tier.CUSTOMER, Tier.CLIENT) or "also" in rows[0].display)
    return Kind.PURCHASE if buyer else Kind.CONVERSATION
