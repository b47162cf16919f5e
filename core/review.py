"""The guided review of seeds 001 and 004: walk through contacts one at a time, answer the
client test, say what you call them, and see what changed.

A session is saved beside the book after every step, so quitting half-way loses nothing
and the review resumes at the next contact. Answers themselves go straight into the book.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Sequence

from core.domain import Tier
from core.store import Book
from core.i18n import N_, _

SCOPES: dict[str, str] = {
    "top20": N_("The 20 contacts who bought most in the last year"),
    "customers": N_("All customers"),
    "clients": N_("All clients"),
    "due": N_("Everyone due a touch this week"),
    "selection": N_("The contacts selected in the list"),
    "view": N_("Everyone in the current view"),
}


def candidates(book: Book, scope: str, today: date, selection: Sequence[int] = (), view: str = "all") -> list[int]:
    """Who a review of ``scope`` walks through, in a sensible order."""
    if scope == "top20":
        return book.status.top_buyers(today, 20)
    if scope == "customers":
        return book.contacts.ids(Tier.CUSTOMER.value, today=today)
    if scope == "clients":
        return book.contacts.ids(Tier.CLIENT.value, today=today)
    if scope == "due":
        return book.contacts.ids("due", sort="due", today=today)
    if scope == "selection":
        return list(selection)
    if scope == "view":
        return book.contacts.ids(view, today=today)
    raise ValueError(f"Unknown review scope {scope!r}")


def scope_sizes(book: Book, today: date, selection: Sequence[int] = (), view: str = "all") -> dict[str, int]:
    """How many each scope holds, as ``candidates`` would list them, without listing them: the
    counts the book keeps (at 100,000 contacts, listing every scope to count it took a third of
    a second before the dialog appeared)."""
    counts = book.contacts.view_counts()
    return {
        "top20": book.status.buyers_within_window(today, at_most=20),
        "customers": counts[Tier.CUSTOMER.value],
        "clients": counts[Tier.CLIENT.value],
        "due": counts["due"],
        "selection": len(selection),
        "view": counts[view] if view in counts else len(book.contacts.ids(view, today=today)),
    }


@dataclass
class ReviewSession:
    """Who is being reviewed, how far the owner got, and where everyone stood at the start."""

    scope: str
    contact_ids: list[int]
    started_on: str
    position: int = 0
    tiers_before: dict[str, str] = field(default_factory=dict)

    @classmethod
    def start(cls, book: Book, scope: str, contact_ids: list[int], today: date) -> ReviewSession:
        tiers = book.status.tiers(list(contact_ids))
        session = cls(scope=scope, contact_ids=list(contact_ids), started_on=today.isoformat(),
                      tiers_before={str(cid): tier for cid, tier in tiers.items()})
        session.save(book)
        return session

    @staticmethod
    def path(book: Book) -> Path:
        return book.path.with_name(book.path.name + ".review.json")

    @classmethod
    def load(cls, book: Book) -> ReviewSession | None:
        """The unfinished review of this book, if any (an unreadable file counts as none)."""
        try:
            data = json.loads(cls.path(book).read_text(encoding="utf-8"))
            session = cls(**data)
        except (OSError, ValueError, TypeError):
            return None
        known = set(book.contacts.many(session.contact_ids))
        session.contact_ids = [cid for cid in session.contact_ids if cid in known]
        return session if session.position < len(session.contact_ids) else None

    def save(self, book: Book) -> None:
        target = self.path(book)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self)), encoding="utf-8")
        temporary.replace(target)  # atomic: a crash leaves the old file or the new one, never half

    def clear(self, book: Book) -> None:
        self.path(book).unlink(missing_ok=True)

    @property
    def current(self) -> int | None:
        return self.contact_ids[self.position] if self.position < len(self.contact_ids) else None

    @property
    def finished(self) -> bool:
        return self.position >= len(self.contact_ids)


@dataclass(frozen=True)
class ReviewSummary:
    reviewed: int
    changes: list[tuple[int, str, Tier, Tier]]  # (id, name, before, after)
    label_sentences: list[str]
    customers_one_step: list[tuple[int, str, str]]  # (id, name, the step)

    @property
    def promoted(self) -> int:
        return sum(1 for *_ignored, before, after in self.changes if after.rank > before.rank)

    @property
    def demoted(self) -> int:
        return sum(1 for *_ignored, before, after in self.changes if after.rank < before.rank)


def summarise(book: Book, session: ReviewSession, today: date) -> ReviewSummary:
    """What the review changed and what it revealed (seed 001's buckets, seed 004's next steps)."""
    reviewed = session.contact_ids[: max(session.position, 0)]
    contacts = book.contacts.many(reviewed)
    changes: list[tuple[int, str, Tier, Tier]] = []
    called: dict[Tier, list[Tier]] = {}
    one_step: list[tuple[int, str, str]] = []
    for contact_id in reviewed:
        contact = contacts.get(contact_id)
        if contact is None or contact.deleted_on:
            continue
        plan = book.status.plan(contact_id, today)
        if plan.result.outside:
            continue  # moved to the team during the review: off the ladder, nothing to report
        now = plan.result.tier
        noted = session.tiers_before.get(str(contact_id), now.value)
        before = Tier(noted) if noted in {t.value for t in Tier} else now
        if before != now:
            changes.append((contact_id, contact.name, before, now))
        if contact.label is not None:
            called.setdefault(contact.label, []).append(now)
        if now is Tier.CUSTOMER and len(plan.steps) == 1 and plan.steps[0].question is not None:
            one_step.append((contact_id, contact.name, plan.steps[0].text))  # one answer from client
    sentences = []
    for label in sorted(called, key=lambda t: t.rank, reverse=True):
        tiers = called[label]
        supported = sum(1 for t in tiers if t.rank >= label.rank)
        if supported < len(tiers):
            noun = f"a {label.value}" if len(tiers) == 1 else label.plural.lower()
            sentences.append(_("You call {count} of them {noun}; the evidence supports {supported}.").format(count=len(tiers), noun=noun, supported=supported))
    return ReviewSummary(reviewed=len(reviewed), changes=changes, label_sentences=sentences,
                         customers_one_step=one_step)
