"""What the owner logs about a contact: interactions, answers, ticked steps and complaints.

The rules of a tick live here, not in a dialog: a tick means "I did this step"; it logs what was
done and never records the evidence the step was about (a yes, a purchase, a referral, a joint
campaign). That is only recorded when the owner says it happened (DESIGN.md, "Nothing is faked").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from core.domain import Answer, ClientTestAnswer, Interaction, Kind, PlanStep, Question, Tier
from core.ladder.plans import COMPLAINT_KEY
from core.operations.done import Done, reversible
from core.store import Book
from core.validation import parse_amount, parse_day, parse_kind
from core.i18n import N_, _

HAPPENED, NOT_YET = N_("Yes, it happened"), N_("Not yet")  # said with _() where they are asked


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


def log(book: Book, contact_id: int, kind: Kind | str, occurred_on: date | str | None = None, *, note: str = "",
        amount: int | str | None = None, referred_contact_id: int | None = None, step_key: str = "",
        today: date | None = None) -> Done[Interaction]:
    """Log what happened, as typed ("42.50", "31.12.2026"); whoever it is evidence for is re-tiered
    with it: the contact, the one a referral names, and whoever referred a buyer. Undone, it goes;
    redone, it comes back with the same number."""
    return reversible(
        book,
        lambda: book.interactions.log(contact_id, kind, occurred_on, note=note, amount=amount,
                                      referred_contact_id=referred_contact_id, today=today, step_key=step_key),
        lambda logged: book.interactions.delete(_id(logged), today),
        lambda logged: book.interactions.restore(logged, today))


def edit_interaction(book: Book, interaction: Interaction, *, kind: Kind | str, occurred_on: date | str | None,
                     note: str = "", amount: int | str | None = None, referred_contact_id: int | None = None,
                     today: date | None = None) -> Done[Interaction]:
    """Save an interaction as edited, its fields as typed and read as ``log`` reads them (the amount
    in the book's number format: one reading of "1.000,50" for a new log and an edit alike); the
    value is the interaction as it was, which undo puts back."""
    edited = replace(interaction, kind=parse_kind(kind), occurred_on=parse_day(occurred_on, "date"),
                     note=note, amount_cents=parse_amount(amount, book.number_locale()),
                     referred_contact_id=referred_contact_id)
    return reversible(book, lambda: book.interactions.update(edited, today),
                      lambda before: book.interactions.update(before, today))


def delete_interaction(book: Book, interaction: Interaction, today: date | None = None) -> Done[Interaction]:
    """Delete one logged interaction; undo brings it back with its number."""
    return reversible(book, lambda: book.interactions.delete(_id(interaction), today),
                      lambda deleted: book.interactions.restore(deleted, today))


def answer(book: Book, contact_id: int, question: Question | str, reply: Answer | str,
           answered_on: date | str | None = None, today: date | None = None) -> Done[ClientTestAnswer]:
    """One client-test answer, dated; the earlier answers stay in the history. Undo takes this one out."""
    return reversible(book, lambda: book.interactions.record_answer(contact_id, question, reply, answered_on, today),
                      lambda recorded: book.interactions.delete_answer(_id(recorded), today))


def complete_step(book: Book, contact_id: int, step: PlanStep, today: date | None = None) -> Done[StepDone]:
    """Tick a plan step: log a conversation with the step as its note (the step is then done);
    for a complaint's step, mark the complaint resolved (a dated touch)."""
    day = today or date.today()
    name = book.contacts.get(contact_id).name

    def tick() -> StepDone:
        if step.key == COMPLAINT_KEY:
            return StepDone(_("Marked {name}'s complaint resolved").format(name=name),
                            resolved=book.interactions.resolve_complaints(contact_id, today=day))
        return StepDone(_("Logged a conversation with {name}: {text}").format(name=name, text=step.text),
                        logged=book.interactions.log(contact_id, Kind.CONVERSATION, day, note=_("Done: {text}").format(text=step.text),
                                                     today=day, step_key=step.key))

    def untick(done: StepDone) -> None:
        if done.logged is not None:
            book.interactions.delete(_id(done.logged), day)
        if done.resolved:
            book.interactions.reopen_complaints(done.resolved, day)

    return reversible(book, tick, untick)


def resolve_complaints(book: Book, contact_id: int, on: date | None = None,
                       today: date | None = None) -> Done[list[Interaction]]:
    """Mark a contact's open complaints resolved (a dated touch); undo opens them again."""
    return reversible(book, lambda: book.interactions.resolve_complaints(contact_id, on, today=today),
                      lambda resolved: book.interactions.reopen_complaints(resolved, today))


def follow_up(step: PlanStep, name: str) -> FollowUp | None:
    """What to ask after a tick: the client-test question, or whether the evidence happened."""
    if step.question is not None:
        # The answers in the owner's words, in Answer's order: the window maps the one clicked back by place.
        return FollowUp(f"{step.question.title}: {step.question.text}", tuple(a.label for a in Answer),
                        question=step.question)
    if step.kind is not None and step.kind not in (Kind.CONVERSATION, Kind.NOTE):
        return FollowUp(_("Did it happen? Log a {label} with {name} today.").format(label=step.kind.label.lower(), name=name), (_(HAPPENED), _(NOT_YET)),
                        kind=step.kind)
    return None


def kind_to_offer(book: Book, contact_id: int) -> Kind:
    """What the log dialog offers first for this contact, from their own state alone (never what was
    logged last, for someone else): a buyer's purchase, ready for its amount; for anyone else a
    conversation, which moves nobody up the ladder by one Enter pressed too fast."""
    rows = book.contacts.rows([contact_id])
    buyer = bool(rows) and (rows[0].tier in (Tier.CUSTOMER, Tier.CLIENT) or "also" in rows[0].display)
    return Kind.PURCHASE if buyer else Kind.CONVERSATION


def _id(row: Interaction | ClientTestAnswer) -> int:
    """The number of a row the book returned (a stored row always has one)."""
    assert row.id is not None, "the book returns stored rows, numbered"
    return row.id
