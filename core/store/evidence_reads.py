"""The evidence the ladder's rules read, gathered from SQL for many contacts at once.

A few grouped queries per slice of contacts (never one per contact): purchases and the other
kinds of evidence, touches, answers, referrals both ways, occasions and the steps done. This
half of ``book.status`` only reads; the verdicts it feeds are kept by ``Status``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Iterable

from core.domain import ClientTestAnswer, Contact, Evidence, Kind, Question
from core.occasions import Occasion
from core.store.occasions import from_row as occasion_from_row, merged as merged_occasions
from core.store.rows import answer_from_row, in_chunks

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
        ids = list(contacts)
        dates: dict[int, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
        touches: dict[int, set[date]] = defaultdict(set)
        done: dict[int, dict[str, date]] = defaultdict(dict)
        answers: dict[int, dict[Question, ClientTestAnswer]] = defaultdict(dict)
        answer_history: dict[int, list[ClientTestAnswer]] = defaultdict(list)
        leads: dict[int, list[tuple[int, str, date]]] = defaultdict(list)
        resolved_complaints: dict[int, list[tuple[date, date]]] = defaultdict(list)
        occasion_rows: dict[int, list[Occasion]] = defaultdict(list)
        wanted = set(ids)
        for where, params in self._id_filters(ids):
            # One row per contact and kind, its days joined by SQLite off the covering index: the
            # Python loop sees a few rows a contact, not each of their interactions.
            for cid, kind, joined in self.book.conn.execute(
                "SELECT contact_id, kind, group_concat(occurred_on) FROM interactions "
                f"WHERE {where.format(col='contact_id')} AND kind NOT IN ('complaint', 'note', 'refund') "
                "GROUP BY contact_id, kind", params
            ):
                if cid not in wanted:  # one pass over the whole book reads everyone's rows
                    continue
                days = list(map(date.fromisoformat, joined.split(",")))
                field = _EVIDENCE_KINDS.get(kind)
                if field is not None:
                    dates[cid][field] = days
                touches[cid].update(days)  # anything logged but a note, a refund or a complaint
            for cid, text_day, resolved in self.book.conn.execute(
                "SELECT contact_id, occurred_on, resolved_on FROM interactions "
                f"WHERE {where.format(col='contact_id')} AND kind = 'complaint'", params
            ):
                if cid not in wanted:
                    continue
                day = date.fromisoformat(text_day)
                if resolved:  # a complaint put right is a touch on the day it was put right
                    touches[cid].add(date.fromisoformat(resolved))
                    resolved_complaints[cid].append((day, date.fromisoformat(resolved)))
                else:
                    dates[cid]["open_complaints"].append(day)
            for cid, step_key, last_day in self.book.conn.execute(
                "SELECT contact_id, step_key, max(occurred_on) FROM interactions "
                f"WHERE {where.format(col='contact_id')} AND step_key > '' GROUP BY contact_id, step_key",
                params,
            ):
                if cid in wanted:
                    done[cid][step_key] = date.fromisoformat(last_day)
            for referred, day in self.book.conn.execute(
                "SELECT referred_contact_id, occurred_on FROM interactions WHERE kind = 'referral_received' "
                f"AND {where.format(col='referred_contact_id')}",
                params,
            ):
                dates[referred]["referred_on"].append(date.fromisoformat(day))
            for referrer, lead, name, first in self.book.conn.execute(
                "SELECT r.contact_id, r.referred_contact_id, c.name, min(p.occurred_on) FROM interactions r "
                "JOIN contacts c ON c.id = r.referred_contact_id AND c.deleted_on IS NULL "
                "JOIN interactions p ON p.contact_id = r.referred_contact_id AND p.kind = 'purchase' "
                "AND p.occurred_on >= r.occurred_on "
                f"WHERE r.kind = 'referral_received' AND {where.format(col='r.contact_id')} "
                "AND r.referred_contact_id IS NOT NULL GROUP BY r.contact_id, r.referred_contact_id",
                params,
            ):
                leads[referrer].append((lead, name, date.fromisoformat(first)))
            for row in self.book.db.query(f"SELECT * FROM occasions WHERE {where.format(col='contact_id')}", params):
                occasion_rows[row["contact_id"]].append(occasion_from_row(row))
            for row in self.book.db.query(
                f"SELECT * FROM client_test_answers WHERE {where.format(col='contact_id')} "
                "ORDER BY answered_on, id",
                params,
            ):
                answer = answer_from_row(row)
                answers[answer.contact_id][answer.question] = answer
                answer_history[answer.contact_id].append(answer)
        return {
            cid: Evidence(
                contact=contact,
                last_interaction=max(touches[cid]) if touches.get(cid) else None,
                touches=tuple(sorted(touches.get(cid, ()))),
                answers=answers.get(cid, {}),
                answer_history=tuple(answer_history.get(cid, ())),
                occasions=merged_occasions(contact, occasion_rows.get(cid, ())),
                done_steps=done.get(cid, {}),
                leads=tuple(sorted(leads.get(cid, []), key=lambda lead: lead[2])),
                resolved_complaints=tuple(sorted(resolved_complaints.get(cid, []), key=lambda pair: (pair[1], pair[0]))),
                **{field: tuple(sorted(days)) for field, days in dates.get(cid, {}).items()},
            )
            for cid, contact in contacts.items()
        }

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
