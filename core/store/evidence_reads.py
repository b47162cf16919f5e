"""The evidence the ladder's rules read, gathered from SQL for many contacts at once.

A few grouped queries per slice of contacts (never one per contact): purchases and the other
kinds of evidence, touches, answers, referrals both ways, occasions and the steps done. This
half of ``book.status`` only reads; the verdicts it feeds are kept by ``Status``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Iterable

from core.domain import ClientTestAnswer, Contact, Evidence, Kind, Question
from core.occasions import Occasion
from core.store.occasions import from_row as occasion_from_row, merged as merged_occasions
from core.store.rows import dict_rows, answer_from_row, in_chunks

if TYPE_CHECKING:
    from core.store.book import Book

_EVIDENCE_KINDS = {
    Kind.PURCHASE: "purchases",
    Kind.INQUIRY: "inquiries",
    Kind.REFERRAL_RECEIVED: "referrals_received",
    Kind.REFERRAL_GIVEN: "referrals_given",
    Kind.JOINT_CAMPAIGN: "joint_campaigns",
    Kind.TESTIMONIAL: "testimonials",
    Kind.ADVICE: "advice",
}
_EVIDENCE_FIELDS = {kind.value: field for kind, field in _EVIDENCE_KINDS.items()}  # by the word SQL gives
_NO_FIELDS: dict[str, tuple[date, ...]] = {}  # only ever unpacked, never kept
_day = date.fromisoformat


def _add_day(fields: dict[str, tuple[date, ...]], field: str, day: date) -> None:
    """One more day in a field of days kept in order (a contact's open complaints, their referrals)."""
    fields[field] = tuple(sorted((*fields.get(field, ()), day)))


def _by_first_purchase(lead: tuple[int, str, date]) -> date:
    return lead[2]


def _by_resolution(pair: tuple[date, date]) -> tuple[date, date]:
    return (pair[1], pair[0])


class EvidenceReads:
    """The evidence half of ``book.status``."""

    book: Book
    CHUNKED_UP_TO = 5000  # ids read in chunks of 500 by default; beyond, chunks or one pass (_id_filters)

    # ------------------------------------------------------------ evidence
    def evidence(self, contact_id: int) -> Evidence:
        """The evidence for one contact (NotFoundError, in words, if it is not in the book)."""
        contact = self.book.contacts.get(contact_id, include_deleted=True)
        return self.evidence_for({contact_id: contact})[contact_id]

    def evidence_for(self, contacts: dict[int, Contact]) -> dict[int, Evidence]:
        """Evidence for many contacts with a handful of grouped queries (not one per contact).

        A touch is anything logged but a note, a refund or a complaint; a complaint's resolution is one.
        """
        fields: dict[int, dict[str, tuple[date, ...]]] = {}  # Evidence's tuples of days, by field name
        touches: dict[int, set[date]] = {}
        done: dict[int, dict[str, date]] = {}
        answers: dict[int, dict[Question, ClientTestAnswer]] = {}
        answer_history: dict[int, list[ClientTestAnswer]] = {}
        leads: dict[int, list[tuple[int, str, date]]] = {}
        resolved_complaints: dict[int, list[tuple[date, date]]] = {}
        occasion_rows: dict[int, list[Occasion]] = {}
        conn = self.book.conn
        for where, params in self._id_filters(list(contacts)):
            # One row per contact and kind, its days joined by SQLite off the covering index: the
            # Python loop sees a few rows a contact, not each of their interactions.
            for cid, kind, joined in conn.execute(
                "SELECT contact_id, kind, group_concat(occurred_on) FROM interactions "
                f"WHERE {where.format(col='contact_id')} AND kind NOT IN ('complaint', 'note', 'refund') "
                "GROUP BY contact_id, kind", params
            ):
                if cid not in contacts:  # one pass over the whole book reads everyone's rows
                    continue
                days = list(map(_day, joined.split(",")))
                field = _EVIDENCE_FIELDS.get(kind)
                if field is not None:
                    days.sort()
                    fields.setdefault(cid, {})[field] = tuple(days)
                seen = touches.get(cid)  # anything logged but a note, a refund or a complaint
                if seen is None:
                    touches[cid] = set(days)
                else:
                    seen.update(days)
            for cid, made_on, resolved_on in conn.execute(
                "SELECT contact_id, occurred_on, resolved_on FROM interactions "
                f"WHERE {where.format(col='contact_id')} AND kind = 'complaint'", params
            ):
                if cid not in contacts:
                    continue
                if resolved_on:  # a complaint put right is a touch on the day it was put right
                    touches.setdefault(cid, set()).add(_day(resolved_on))
                    resolved_complaints.setdefault(cid, []).append((_day(made_on), _day(resolved_on)))
                else:
                    _add_day(fields.setdefault(cid, {}), "open_complaints", _day(made_on))
            for cid, step_key, last_day in conn.execute(
                "SELECT contact_id, step_key, max(occurred_on) FROM interactions "
                f"WHERE {where.format(col='contact_id')} AND step_key > '' GROUP BY contact_id, step_key", params
            ):
                if cid in contacts:
                    done.setdefault(cid, {})[step_key] = _day(last_day)
            for referred, day in conn.execute(
                "SELECT referred_contact_id, occurred_on FROM interactions WHERE kind = 'referral_received' "
                f"AND {where.format(col='referred_contact_id')}", params
            ):
                _add_day(fields.setdefault(referred, {}), "referred_on", _day(day))
            for referrer, lead, name, first in conn.execute(
                "SELECT r.contact_id, r.referred_contact_id, c.name, min(p.occurred_on) FROM interactions r "
                "JOIN contacts c ON c.id = r.referred_contact_id AND c.deleted_on IS NULL "
                "JOIN interactions p ON p.contact_id = r.referred_contact_id AND p.kind = 'purchase' "
                "AND p.occurred_on >= r.occurred_on "
                f"WHERE r.kind = 'referral_received' AND {where.format(col='r.contact_id')} "
                "AND r.referred_contact_id IS NOT NULL GROUP BY r.contact_id, r.referred_contact_id",
                params,
            ):
                leads.setdefault(referrer, []).append((lead, name, _day(first)))
            for row in dict_rows(self.book.conn, f"SELECT * FROM occasions WHERE {where.format(col='contact_id')}", params):
                occasion_rows.setdefault(row["contact_id"], []).append(occasion_from_row(row))
            for row in dict_rows(self.book.conn,
                f"SELECT * FROM client_test_answers WHERE {where.format(col='contact_id')} "
                "ORDER BY answered_on, id",
                params,
            ):
                answer = answer_from_row(row)
                answers.setdefault(answer.contact_id, {})[answer.question] = answer
                answer_history.setdefault(answer.contact_id, []).append(answer)
        # Most contacts have no complaint, lead, answer or step: each is asked for once, and a tuple is
        # sorted only when there is one (a full re-tier made 100,000 of each: a sixth of the evidence).
        evidence: dict[int, Evidence] = {}
        for cid, contact in contacts.items():
            seen, lead, pairs, history = touches.get(cid), leads.get(cid), resolved_complaints.get(cid), answer_history.get(cid)
            ordered = tuple(sorted(seen)) if seen else ()
            evidence[cid] = Evidence(
                contact=contact,
                last_interaction=ordered[-1] if ordered else None,
                touches=ordered,
                answers=answers.get(cid) or {},
                answer_history=tuple(history) if history else (),
                occasions=merged_occasions(contact, occasion_rows.get(cid, ())),
                done_steps=done.get(cid) or {},
                leads=tuple(sorted(lead, key=_by_first_purchase)) if lead else (),
                resolved_complaints=tuple(sorted(pairs, key=_by_resolution)) if pairs else (),
                **fields.get(cid, _NO_FIELDS),
            )
        return evidence

    def _id_filters(self, ids: list[int]) -> Iterable[tuple[str, list[int]]]:
        """WHERE clauses covering ``ids``: in chunks of 500, each read along the table's index, so that
        the 16,000 partners a new partner cadence reaches cost their own rows, not the whole book's
        million; for half the book or more, one pass over every row (``evidence_for`` keeps only the
        rows of ``ids``). Plain parameters, not a temporary table: a reader beside the window may not
        write even that."""
        if len(ids) > self.CHUNKED_UP_TO:
            live = self.book.conn.execute("SELECT count(*) FROM contacts WHERE deleted_on IS NULL").fetchone()[0]
            if len(ids) * 2 >= live:
                yield "{col} IS NOT NULL", []
                return
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            yield "{col} IN (" + ",".join("?" * len(chunk)) + ")", chunk

    def linked_by_referrals(self, ids: Iterable[int]) -> set[int]:
        """The live contacts whose verdict reads one of ``ids``: who referred them (a referrer's plan
        thanks the lead by name once they buy: "Thank Sofia for sending us Anna"; a lead in the
        Trash is thanked no more) and whom they referred (it made them a prospect). Renaming,
        trashing, restoring, merging or forgetting a contact re-tiers these with it."""
        linked: set[int] = set()
        for chunk in in_chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            linked.update(r[0] for r in self.book.conn.execute(
                f"SELECT contact_id FROM interactions WHERE referred_contact_id IN ({marks}) "
                f"UNION SELECT referred_contact_id FROM interactions WHERE contact_id IN ({marks}) "
                "AND referred_contact_id IS NOT NULL", [*chunk, *chunk]))
        live = self.book.contacts.many(list(linked))
        return {i for i, contact in live.items() if contact.deleted_on is None}
