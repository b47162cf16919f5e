"""Conversion between SQLite rows and the domain dataclasses. Lists are stored as JSON."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Iterator, Mapping, Sequence

from core.domain import (
    Answer,
    ClientTestAnswer,
    Closure,
    Contact,
    ContactKind,
    Interaction,
    Kind,
    Question,
    Role,
    Tier,
    TierChange,
)
from core.text import fold, sort_key


def dict_rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Iterator[dict[str, Any]]:
    """The rows of a query as dicts keyed by column (what the ``*_from_row`` functions read), straight
    from sqlite3: sqlite-utils, which did this for the book, is imported only when a book needs a
    migration (its import was 48 ms of every command, and of each process beside at its start)."""
    cursor = conn.execute(sql, params)
    keys = [column[0] for column in cursor.description]
    return (dict(zip(keys, row)) for row in cursor)


def day_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


_read_json = json.JSONDecoder().raw_decode  # what Rapport wrote itself: no spaces around it to skip first


def _listed(stored: str) -> tuple[str, ...]:
    """A JSON list column as a tuple: "[]" without the decoder, the rest by its C scanner directly (five
    such columns a contact; through ``json.loads`` they were a third of reading a contact)."""
    return () if stored == "[]" else tuple(_read_json(stored)[0])


# Each stored word's member, looked up in a dict: calling the Enum (``Role(word)``) costs a microsecond
# each time, five times a contact for the 100,000 a full re-tier reads.
_TIER_OF = {tier.value: tier for tier in Tier}
_KIND_OF = {kind.value: kind for kind in ContactKind}
_ROLE_OF = {role.value: role for role in Role}
_QUESTION_OF = {question.value: question for question in Question}
_ANSWER_OF = {answer.value: answer for answer in Answer}


# The columns a Contact is made of: all but the search text and the sort key, which only SQL reads
# (the longest column of a row, skipped: a sixth of reading a contact).
CONTACT_COLUMNS = ("id, name, organisation, phones, emails, address, tags, notes, how_met, label, created_on, "
                   "deleted_on, kind, title, source, birthday, anniversary, phone_labels, external_id, closed_as, "
                   "closed_on, role, pinned")


def contact_from_columns(row: Sequence[Any]) -> Contact:
    """A contact from a row of ``CONTACT_COLUMNS``, in their order: read by position, not through a dict
    made of each row (its keys a dozen microseconds of a contact read at 100,000 for a full re-tier)."""
    (contact_id, name, organisation, phones, emails, address, tags, notes, how_met, label, created_on, deleted_on,
     kind, title, source, birthday, anniversary, phone_labels, external_id, closed_as, closed_on, role, pinned) = row
    return Contact(
        id=contact_id,
        name=name,
        organisation=organisation,
        phones=_listed(phones),
        emails=_listed(emails),
        address=address,
        tags=_listed(tags),
        notes=notes,
        how_met=how_met,
        label=_TIER_OF[label] if label else None,
        created_on=day_or_none(created_on),
        deleted_on=day_or_none(deleted_on),
        kind=_KIND_OF[kind],
        title=title,
        source=source,
        birthday=birthday,
        anniversary=anniversary,
        phone_labels=_listed(phone_labels),
        external_id=external_id or "",
        closed_as=Closure(closed_as) if closed_as else None,
        closed_on=day_or_none(closed_on),
        role=_ROLE_OF[role],
        pinned=_listed(pinned),
    )


def _json_list(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False) if values else "[]"


def contact_to_row(contact: Contact) -> dict[str, Any]:
    """Everything but the id; ``search_text`` is the folded text the FTS index reads."""
    return {
        "name": contact.name,
        "organisation": contact.organisation,
        "phones": _json_list(contact.phones),
        "emails": _json_list(contact.emails),
        "address": contact.address,
        "tags": _json_list(contact.tags),
        "notes": contact.notes,
        "how_met": contact.how_met,
        "label": contact.label.value if contact.label else None,
        "created_on": contact.created_on.isoformat() if contact.created_on else None,
        "deleted_on": contact.deleted_on.isoformat() if contact.deleted_on else None,
        "search_text": search_text(contact),
        "sort_key": sort_key(contact.name),
        "kind": contact.kind.value,
        "title": contact.title,
        "source": contact.source,
        "birthday": contact.birthday,
        "anniversary": contact.anniversary,
        "phone_labels": _json_list(contact.phone_labels),
        "external_id": contact.external_id or None,
        "closed_as": contact.closed_as.value if contact.closed_as else None,
        "closed_on": contact.closed_on.isoformat() if contact.closed_on else None,
        "role": contact.role.value,
        "pinned": _json_list(contact.pinned),
    }


def insert_contact_sql(with_id: bool = False) -> str:
    """The INSERT for one contact row, named parameters from ``contact_to_row`` (plus ``id``)."""
    columns = (["id"] if with_id else []) + list(contact_to_row(Contact(name="-")))
    return (f"INSERT INTO contacts ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})")


def search_text(contact: Contact) -> str:
    """What search matches: name, organisation, emails, phones (also as bare digits), tags, source, notes."""
    digits = [" ".join("".join(ch for ch in p if ch.isdigit()) for p in contact.phones)]
    parts = [contact.name, contact.organisation, contact.title, *contact.emails, *contact.phones, *digits,
             *contact.tags, contact.source, contact.notes, *contact.pinned]
    return fold(" ".join(p for p in parts if p))


def interaction_from_row(row: Mapping[str, Any]) -> Interaction:
    return Interaction(
        id=row["id"],
        contact_id=row["contact_id"],
        kind=Kind(row["kind"]),
        occurred_on=date.fromisoformat(row["occurred_on"]),
        note=row["note"],
        amount_cents=row["amount_cents"],
        referred_contact_id=row["referred_contact_id"],
        step_key=row["step_key"],
        resolved_on=day_or_none(row["resolved_on"]),
    )


def interaction_to_row(interaction: Interaction) -> dict[str, Any]:
    return {
        "contact_id": interaction.contact_id,
        "kind": interaction.kind.value,
        "occurred_on": interaction.occurred_on.isoformat(),
        "note": interaction.note,
        "amount_cents": interaction.amount_cents,
        "referred_contact_id": interaction.referred_contact_id,
        "step_key": interaction.step_key,
        "resolved_on": interaction.resolved_on.isoformat() if interaction.resolved_on else None,
    }


def answer_from_row(row: Mapping[str, Any]) -> ClientTestAnswer:
    return ClientTestAnswer(
        id=row["id"],
        contact_id=row["contact_id"],
        question=_QUESTION_OF[row["question"]],
        answer=_ANSWER_OF[row["answer"]],
        answered_on=date.fromisoformat(row["answered_on"]),
    )


def change_from_row(row: Mapping[str, Any]) -> TierChange:
    return TierChange(
        id=row["id"],
        contact_id=row["contact_id"],
        changed_on=date.fromisoformat(row["changed_on"]),
        from_tier=Tier(row["from_tier"]) if row["from_tier"] else None,
        to_tier=Tier(row["to_tier"]),
        reason=row["reason"],
        contact_name=row.get("name", "") or "",
    )


@dataclass(frozen=True)
class ContactRow:
    """One line of the contact table: what the list view shows and sorts by."""

    id: int
    name: str
    organisation: str
    phone: str
    tier: Tier | None  # None for the team, who are outside the ladder
    display: str
    label: Tier | None
    label_warning: bool
    last_interaction_on: date | None
    next_step: str
    due_on: date | None
    slipping: bool
    pinned: tuple[str, ...] = ()  # notes never to miss: a mark in the list, the notes in its tooltip


# The columns of a ContactRow, as ``contact_row_from_values`` reads them (SQLite picks the first phone).
CONTACT_ROW_COLUMNS = ("c.id, c.name, c.organisation, coalesce(json_extract(c.phones, '$[0]'), ''), c.label, s.tier, "
                       "s.display, s.label_warning, s.last_interaction_on, s.next_step, s.next_step_due, s.slipping, c.pinned")
_TIERS: dict[str | None, Tier] = {tier.value: tier for tier in Tier}


def contact_row_from_values(values: tuple) -> ContactRow:
    """A row of CONTACT_ROW_COLUMNS, read by position: a list of a whole view reads 34,000 of them."""
    cid, name, organisation, phone, label, tier, display, warning, last, step, due, slipping, pinned = values
    return ContactRow(
        id=cid,
        name=name,
        organisation=organisation,
        phone=phone,
        tier=None if tier == "team" else _TIERS.get(tier, Tier.SUSPECT),  # no verdict yet: a suspect
        display=display or Tier.SUSPECT.label,
        label=_TIERS[label] if label else None,
        label_warning=bool(warning),
        last_interaction_on=_day(last) if last else None,
        next_step=step or "",
        due_on=_day(due) if due else None,
        slipping=bool(slipping),
        pinned=tuple(json.loads(pinned)) if pinned != "[]" else (),
    )


@lru_cache(maxsize=4096)
def _day(text: str) -> date:
    """A stored day, read once: a long list repeats the same few thousand."""
    return date.fromisoformat(text)


def in_chunks(items: list[int], size: int = 400) -> list[list[int]]:
    """Ids a few hundred at a time: an ``IN (…)`` of each stays under SQLite's bound on parameters."""
    return [items[i:i + size] for i in range(0, len(items), size)]
