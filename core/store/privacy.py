"""Data-protection requests: everything the book holds on a person, and forgetting them for good."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from core.errors import NotCompactedError, sqlite_refusal_in_words
from core.store import safety
from core.text import format_day

if TYPE_CHECKING:
    from core.store.book import Book

FORGOTTEN = "a forgotten contact"


class Privacy:
    """Access and erasure requests about one person (``book.privacy``)."""

    def __init__(self, book: Book) -> None:
        self.book = book

    def everything_about(self, contact_id: int) -> dict[str, Any]:
        """All the book holds on one contact (an access request), as plain data for JSON."""
        contact = self.book.contacts.get(contact_id, include_deleted=True)
        mentioned = self.book.db.query(
            "SELECT i.occurred_on, i.kind, i.note, c.name AS logged_with FROM interactions i "
            "JOIN contacts c ON c.id = i.contact_id WHERE i.referred_contact_id = ?", [contact_id])
        return {
            "contact": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(contact).items()},
            "interactions": [
                {"date": i.occurred_on.isoformat(), "kind": i.kind.value, "note": i.note,
                 "amount_cents": i.amount_cents, "referred_contact_id": i.referred_contact_id}
                for i in self.book.interactions.for_contact(contact_id)],
            "client_test_answers": [
                {"question": a.question.value, "answer": a.answer.value, "answered_on": a.answered_on.isoformat()}
                for a in self.book.interactions.answer_history(contact_id)],
            "tier_history": [
                {"date": c.changed_on.isoformat(), "from": c.from_tier.value if c.from_tier else None,
                 "to": c.to_tier.value, "reason": c.reason} for c in self.book.status.tier_history(contact_id)],
            "referred_by_others": [dict(r) for r in mentioned],
            "on_checklists": [r[0] for r in self.book.conn.execute(
                "SELECT week_start FROM checklist_pins WHERE contact_id = ? ORDER BY week_start", [contact_id])],
        }

    def everything_about_json(self, contact_id: int) -> str:
        return json.dumps(self.everything_about(contact_id), ensure_ascii=False, indent=2) + "\n"

    def forget(self, contact_id: int, today: date | None = None) -> str:
        """Remove a contact and every trace of them, then rewrite the file so the bytes are gone.

        Their interactions, answers, tier history and search entry go with them; where another
        contact's log names them, the name becomes "a forgotten contact". Returns, in words,
        how long the existing backups still hold them. Not undoable: the window asks twice.
        """
        today = today or date.today()
        contact = self.book.contacts.get(contact_id, include_deleted=True)
        names = {contact.name, *(e for e in contact.emails), *(p for p in contact.phones)}
        # What is deleted is overwritten with zeros as it goes (SQLite as built for Windows and macOS
        # leaves it in free pages), so the bytes are gone even if the rewrite below cannot be made.
        # Left on for the connection: whatever is deleted after this goes as thoroughly.
        self.book.conn.execute("PRAGMA secure_delete = ON")
        with self.book.transaction():
            for text in sorted((n for n in names if len(n) >= 3), key=len, reverse=True):
                self.book.conn.execute("UPDATE interactions SET note = replace(note, ?, ?) WHERE instr(note, ?) > 0 "
                                       "AND contact_id <> ?", [text, FORGOTTEN, text, contact_id])
            linked = self.book.status.linked_by_referrals([contact_id])
            self.book.conn.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
            self.book.status.refresh(linked, today)
            self.book.conn.execute("INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild')")
        with self.book._lock:
            try:  # the file rewritten whole: no page keeps even the shape of what was there
                self.book.conn.execute("VACUUM")
            except sqlite3.Error as exc:  # it needs room for a second copy: a full disk refuses it
                raise NotCompactedError(
                    f"{contact.name} is forgotten from the book and what was deleted is overwritten, but the file "
                    f"could not be rewritten afterwards ({sqlite_refusal_in_words(exc)}).") from exc
            self.book.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        backups = safety.list_backups(self.book.path)
        if not backups:
            return f"{contact.name} is forgotten. No backup held them."
        gone = today + timedelta(days=safety.KEEP)
        if len(backups) == 1:
            return (f"{contact.name} is forgotten from the book. The existing backup still holds them "
                    f"until it rotates out: with a backup a day, it goes on {format_day(gone)}.")
        return (f"{contact.name} is forgotten from the book. The {len(backups)} existing backups still "
                f"hold them until they rotate out: with a backup a day, the last of them goes on {format_day(gone)}.")
