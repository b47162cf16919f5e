"""What the owner's actions do to the book, once, for the window and the command line alike.

Each operation is one transaction in the book and returns what undo needs. The rules of a
tick live here, not in a dialog: a tick means "I did this step"; it logs what was done and
never records the evidence the step was about (a yes, a purchase, a referral, a joint
campaign). That is only recorded when the owner says it happened (DESIGN.md, "Nothing is faked").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from core.domain import Closure, Contact, Interaction, Kind, PlanStep, Question, Tier
from core.ladder.plans import COMPLAINT_KEY
from core.store import Book

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


def complete_step(book: Book, contact_id: int, step: PlanStep, today: date | None = None) -> StepDone:
    """Tick a plan step: log a conversation with the step as its note (the step is then done);
    for a complaint's step, mark the complaint resolved (a dated touch)."""
    today = today or date.today()
    name = book.get_contact(contact_id).name
    if step.key == COMPLAINT_KEY:
        resolved = book.resolve_complaints(contact_id, today=today)
        return StepDone(f"Marked {name}'s complaint resolved", resolved=resolved)
    logged = book.log_interaction(contact_id, Kind.CONVERSATION, today, note=f"Done: {step.text}", today=today,
                                  step_key=step.key)
    return StepDone(f"Logged a conversation with {name}: {step.text}", logged=logged)


def undo_step(book: Book, done: StepDone) -> None:
    if done.logged is not None and done.logged.id is not None:  # what log_interaction returned has its id
        book.delete_interaction(done.logged.id)
    if done.resolved:
        book.reopen_complaints(done.resolved)


def follow_up(step: PlanStep, name: str) -> FollowUp | None:
    """What to ask after a tick: the client-test question, or whether the evidence happened."""
    if step.question is not None:
        return FollowUp(f"{step.question.title}: {step.question.text}", ANSWER_CHOICES, question=step.question)
    if step.kind is not None and step.kind not in (Kind.CONVERSATION, Kind.NOTE):
        return FollowUp(f"Did it happen? Log a {step.kind.label.lower()} with {name} today.", (HAPPENED, NOT_YET),
                        kind=step.kind)
    return None


def close_loop(book: Book, contact_id: int, closure: Closure | None, today: date | None = None) -> Contact:
    """Close (or, with None, reopen) a loop by hand, dated today; returns the contact as it was."""
    today = today or date.today()
    contact = book.get_contact(contact_id)
    return book.update_contact(replace(contact, closed_as=closure, closed_on=today if closure else None), today)


def set_label(book: Book, contact_id: int, label: Tier | None, today: date | None = None) -> Contact:
    """What the owner calls them (the evidence decides the tier); returns the contact as it was."""
    contact = book.get_contact(contact_id)
    return book.update_contact(replace(contact, label=label), today)
