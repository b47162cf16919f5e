"""Interactions (the log) and client-test answers: the evidence the ladder reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from core.domain import Answer, ClientTestAnswer, Interaction, Kind, Question, ReferralLine
from core.errors import NotFoundError, ValidationError
from core.store.rows import dict_rows, answer_from_row, interaction_from_row, interaction_to_row
from core.validation import clean_text, parse_amount, parse_answer, parse_day, parse_kind, parse_question
from core.store.writes import writes
from core.i18n import _

if TYPE_CHECKING:
    from core.store.book import Book

_INSERT = (
    "INSERT INTO interactions (contact_id, kind, occurred_on, note, amount_cents, referred_contact_id, step_key, "
    "resolved_on) VALUES (:contact_id, :kind, :occurred_on, :note, :amount_cents, :referred_contact_id, :step_key, "
    ":resolved_on)"
)


class Interactions:
    """What was logged with each contact, and their client-test answers (``book.interactions``):
    every write re-tiers, in the same transaction, whoever it is evidence for."""

    def __init__(self, book: Book) -> None:
        self.book = book

    @writes
    def log(
        self,
        contact_id: int,
        kind: Kind | str,
        occurred_on: date | str | None = None,
        note: str = "",
        amount: int | str | None = None,
        referred_contact_id: int | None = None,
        today: date | None = None,
        step_key: str = "",
    ) -> Interaction:
        """Log what happened, as typed; the contact's tier is re-evaluated in the same transaction.

        ``amount`` is text as typed ("42.50") or integer cents. ``step_key`` names the plan step
        this touch did, so the plan shows it as done.
        """
        today = today or date.today()
        interaction = self._clean_interaction(
            today=today, interaction=Interaction(
                contact_id=contact_id,
                kind=parse_kind(kind),
                occurred_on=parse_day(occurred_on, "date", default=today),
                note=clean_text("note", note),
                amount_cents=parse_amount(amount, self.book.number_locale()),
                referred_contact_id=referred_contact_id,
                step_key=step_key,
            ),
        )
        with self.book.transaction():
            new_id = self.book.conn.execute(_INSERT, interaction_to_row(interaction)).lastrowid
            self.book.status.refresh(self._affected(interaction), today, since=interaction.occurred_on)
        return replace(interaction, id=new_id)

    @writes
    def update(self, interaction: Interaction, today: date | None = None) -> Interaction:
        """Save an edited interaction; returns it as it was, for undo."""
        if interaction.id is None:
            raise NotFoundError(_("Only an interaction already in the book can be edited."))
        before = self.get(interaction.id)
        clean = self._clean_interaction(interaction, today)
        with self.book.transaction():
            self.book.conn.execute(
                "UPDATE interactions SET contact_id = :contact_id, kind = :kind, occurred_on = :occurred_on, "
                "note = :note, amount_cents = :amount_cents, referred_contact_id = :referred_contact_id, "
                "step_key = :step_key, resolved_on = :resolved_on WHERE id = :id",
                {**interaction_to_row(clean), "id": clean.id},
            )
            self.book.status.refresh(self._affected(before) | self._affected(clean), today or date.today(),
                                     since=min(_days(before) + _days(clean)))
        return before

    @writes
    def delete(self, interaction_id: int, today: date | None = None) -> Interaction:
        """Remove one interaction; returns it so that undo can put it back."""
        before = self.get(interaction_id)
        with self.book.transaction():
            self.book.conn.execute("DELETE FROM interactions WHERE id = ?", [interaction_id])
            self.book.status.refresh(self._affected(before), today or date.today(), since=min(_days(before)))
        return before

    @writes
    def restore(self, interaction: Interaction, today: date | None = None) -> Interaction:
        """Undo a delete: the interaction comes back with its old number."""
        clean = self._clean_interaction(interaction, today)
        with self.book.transaction():
            self.book.conn.execute(
                _INSERT.replace("(contact_id", "(id, contact_id").replace("VALUES (", "VALUES (:id, "),
                {**interaction_to_row(clean), "id": clean.id},
            )
            self.book.status.refresh(self._affected(clean), today or date.today(), since=min(_days(clean)))
        return clean

    def get(self, interaction_id: int) -> Interaction:
        row = next(iter(dict_rows(self.book.conn, "SELECT * FROM interactions WHERE id = ?", [interaction_id])), None)
        if row is None:
            raise NotFoundError(_("No interaction with number {interaction_id} in the book.").format(interaction_id=interaction_id))
        return interaction_from_row(row)

    def for_contact(self, contact_id: int, limit: int | None = None) -> list[Interaction]:
        """The contact's timeline, newest first."""
        sql = "SELECT * FROM interactions WHERE contact_id = ? ORDER BY occurred_on DESC, id DESC"
        params: list[object] = [contact_id]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [interaction_from_row(r) for r in dict_rows(self.book.conn, sql, params)]

    def referral_ledger(self, contact_id: int) -> list[ReferralLine]:
        """Referrals given and received with this contact, newest first, naming who was referred."""
        # For a lead they sent us: did the lead buy after the referral, and how much.
        rows = dict_rows(self.book.conn,
            "SELECT i.occurred_on, i.kind, i.referred_contact_id, i.note, c.name AS other_name, "
            "(SELECT count(*) FROM interactions p WHERE p.contact_id = i.referred_contact_id "
            " AND p.kind = 'purchase' AND p.occurred_on >= i.occurred_on) AS bought, "
            "(SELECT coalesce(sum(CASE WHEN p.kind = 'refund' THEN -p.amount_cents ELSE p.amount_cents END), 0) "
            " FROM interactions p WHERE p.contact_id = i.referred_contact_id "
            " AND p.kind IN ('purchase', 'refund') AND p.occurred_on >= i.occurred_on) AS spent "
            "FROM interactions i LEFT JOIN contacts c ON c.id = i.referred_contact_id "
            "WHERE i.contact_id = ? AND i.kind IN ('referral_received', 'referral_given') "
            "ORDER BY i.occurred_on DESC, i.id DESC",
            [contact_id],
        )
        return [
            ReferralLine(
                occurred_on=date.fromisoformat(r["occurred_on"]),
                direction=Kind(r["kind"]),
                other_contact_id=r["referred_contact_id"],
                other_name=r["other_name"] or "",
                note=r["note"],
                bought=r["kind"] == "referral_received" and r["bought"] > 0,
                spent_cents=r["spent"] if r["kind"] == "referral_received" else 0,
            )
            for r in rows
        ]

    def referred_by(self, contact_id: int) -> list[tuple[int, str, date]]:
        """Who sent this contact to us: (referrer id, name, day), oldest first."""
        return [(rid, name, date.fromisoformat(day)) for rid, name, day in self.book.conn.execute(
            "SELECT r.contact_id, c.name, r.occurred_on FROM interactions r JOIN contacts c ON c.id = r.contact_id "
            "WHERE r.kind = 'referral_received' AND r.referred_contact_id = ? AND c.deleted_on IS NULL "
            "ORDER BY r.occurred_on, r.id", [contact_id])]

    def open_complaints(self, contact_id: int) -> list[Interaction]:
        """The contact's complaints not yet marked resolved, oldest first."""
        rows = dict_rows(self.book.conn, "SELECT * FROM interactions WHERE contact_id = ? AND kind = 'complaint' "
                             "AND resolved_on IS NULL ORDER BY occurred_on, id", [contact_id])
        return [interaction_from_row(r) for r in rows]

    @writes
    def resolve_complaints(self, contact_id: int, on: date | None = None,
                           today: date | None = None) -> list[Interaction]:
        """Mark every open complaint resolved on ``on`` (a touch); returns them as they were, for undo."""
        today = today or date.today()
        on = on or today
        if on > today:
            raise ValidationError(_("resolved on"), on.isoformat(), _("is after today: mark what has already happened"))
        still_open = self.open_complaints(contact_id)
        if not still_open:
            name = self.book.contacts.get(contact_id, include_deleted=True).name
            raise ValidationError("complaint", name, _("has no open complaint to resolve"))
        if on < still_open[-1].occurred_on:
            raise ValidationError(_("resolved on"), on.isoformat(), _("is before the complaint was made"))
        with self.book.transaction():
            self.book.conn.executemany("UPDATE interactions SET resolved_on = ? WHERE id = ?",
                                  [(on.isoformat(), c.id) for c in still_open])
            self.book.status.refresh({contact_id}, today, since=min(on, *(c.occurred_on for c in still_open)))
        return still_open

    @writes
    def reopen_complaints(self, complaints: list[Interaction], today: date | None = None) -> None:
        """Undo a resolution: the complaints are open again."""
        with self.book.transaction():
            self.book.conn.executemany("UPDATE interactions SET resolved_on = NULL WHERE id = ?",
                                  [(c.id,) for c in complaints])
            self.book.status.refresh({c.contact_id for c in complaints}, today or date.today(),
                                     since=min(day for c in complaints for day in _days(c)))

    # ------------------------------------------------------------ client test
    @writes
    def record_answer(
        self,
        contact_id: int,
        question: Question | str,
        answer: Answer | str,
        answered_on: date | str | None = None,
        today: date | None = None,
    ) -> ClientTestAnswer:
        """Record one client-test answer with its date; earlier answers stay in the history."""
        today = today or date.today()
        self.book.contacts.get(contact_id)
        recorded = ClientTestAnswer(
            contact_id=contact_id,
            question=parse_question(question),
            answer=parse_answer(answer),
            answered_on=parse_day(answered_on, _("answered on"), default=today),
        )
        if recorded.answered_on > today:
            raise ValidationError(_("answered on"), recorded.answered_on.isoformat(), _("cannot be in the future"))
        with self.book.transaction():
            new_id = self.book.conn.execute(
                "INSERT INTO client_test_answers (contact_id, question, answer, answered_on) VALUES (?, ?, ?, ?)",
                [contact_id, recorded.question.value, recorded.answer.value, recorded.answered_on.isoformat()],
            ).lastrowid
            self.book.status.refresh({contact_id}, today, since=recorded.answered_on)
        return replace(recorded, id=new_id)

    @writes
    def delete_answer(self, answer_id: int, today: date | None = None) -> None:
        """Undo an answer: the previous answer to that question applies again."""
        row = next(iter(dict_rows(self.book.conn, "SELECT contact_id, answered_on FROM client_test_answers WHERE id = ?",
                                           [answer_id])), None)
        if row is None:
            raise NotFoundError(_("No client-test answer with number {answer_id}.").format(answer_id=answer_id))
        with self.book.transaction():
            self.book.conn.execute("DELETE FROM client_test_answers WHERE id = ?", [answer_id])
            self.book.status.refresh({row["contact_id"]}, today or date.today(),
                                     since=date.fromisoformat(row["answered_on"]))

    def answers_for(self, contact_id: int) -> dict[Question, ClientTestAnswer]:
        """The latest answer to each question (unanswered questions are absent)."""
        latest: dict[Question, ClientTestAnswer] = {}
        for answer in self.answer_history(contact_id):
            latest.setdefault(answer.question, answer)
        return latest

    def answer_history(self, contact_id: int) -> list[ClientTestAnswer]:
        """Every answer ever given for the contact, newest first."""
        rows = dict_rows(self.book.conn,
            "SELECT * FROM client_test_answers WHERE contact_id = ? ORDER BY answered_on DESC, id DESC", [contact_id]
        )
        return [answer_from_row(r) for r in rows]

    def _affected(self, interaction: Interaction) -> set[int]:
        """Whose evidence this interaction changes: the contact; the referred contact of a referral
        ("someone referred them"); and, for a purchase, whoever referred the buyer (their leads)."""
        ids = {interaction.contact_id}
        if interaction.kind == Kind.REFERRAL_RECEIVED and interaction.referred_contact_id is not None:
            ids.add(interaction.referred_contact_id)
        if interaction.kind == Kind.PURCHASE:
            ids.update(r[0] for r in self.book.conn.execute(
                "SELECT contact_id FROM interactions WHERE kind = 'referral_received' AND referred_contact_id = ?",
                [interaction.contact_id]))
        return ids

    # ------------------------------------------------------------ checks
    def _clean_interaction(self, interaction: Interaction, today: date | None = None) -> Interaction:
        """Refuse what cannot be true before anything is written."""
        kind = parse_kind(interaction.kind)
        if interaction.occurred_on > (today or date.today()):
            raise ValidationError("date", interaction.occurred_on.isoformat(),
                                  _("is after today: log what has already happened"))
        self.book.contacts.get(interaction.contact_id)
        if interaction.amount_cents is not None and interaction.amount_cents < 0:
            raise ValidationError("amount", interaction.amount_cents / 100, _("an amount cannot be negative"))
        referred = interaction.referred_contact_id
        if referred is not None:
            if not kind.is_referral:
                raise ValidationError(_("referred contact"), referred, _("only a referral can name a referred contact"))
            if referred == interaction.contact_id:
                raise ValidationError(_("referred contact"), referred, _("a contact cannot be referred to themselves"))
            try:
                self.book.contacts.get(referred)
            except NotFoundError:
                raise ValidationError(_("referred contact"), referred, _("no such contact in the book")) from None
        return replace(interaction, kind=kind, note=clean_text("note", interaction.note))


def _days(interaction: Interaction) -> list[date]:
    """The days an interaction is evidence on: when it happened, and when a complaint was put right."""
    return [interaction.occurred_on, *([interaction.resolved_on] if interaction.resolved_on else [])]
