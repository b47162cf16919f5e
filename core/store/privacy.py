"""Data-protection requests: everything the book holds on a person, and forgetting them for good."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import phonenumbers

from core.store.rows import dict_rows
from core.errors import BookError, NotCompactedError, sqlite_refusal_in_words
from core.store import safety
from core.text import format_day
from core.store.writes import writes
from core.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from core.store.book import Book

FORGOTTEN = N_("a forgotten contact")
# Shorter words are not looked for in other texts: "Al" or "Jo" as a whole word would also change
# addresses and abbreviations the owner wrote about someone else.
SHORTEST_TRACE = 3


class Privacy:
    """Access and erasure requests about one person (``book.privacy``)."""

    def __init__(self, book: Book) -> None:
        self.book = book

    def everything_about(self, contact_id: int) -> dict[str, Any]:
        """All the book holds on one contact (an access request), as plain data for JSON."""
        contact = self.book.contacts.get(contact_id, include_deleted=True)
        mentioned = dict_rows(self.book.conn,
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

    @writes
    def forget(self, contact_id: int, today: date | None = None) -> str:
        """Remove a contact and every trace of them, then rewrite the file so the bytes are gone.

        Their interactions, answers, tier history and search entry go with them; wherever any
        other text in the book names them (another contact's notes, how met, the source of an
        import, a log's note, a reason in a history) their name, emails and phones become "a
        forgotten contact". The ``-wal`` is emptied too, waiting for a reader to finish, and the
        answer names every file beside the book that still holds them (backups, books set aside by
        a restore). Not undoable: the window asks twice.
        """
        today = today or date.today()
        contact = self.book.contacts.get(contact_id, include_deleted=True)
        if self._others_reading():  # a reader's open snapshot would keep their pages in the -wal
            raise BookError(_("Another Rapport is reading this book just now (a command or a printout), and it would keep a copy of {name} in the book's working file. Nothing was changed; try again when it is done.").format(name=contact.name))
        traces = _traces_of(contact.name, contact.emails, contact.phones)
        # What is deleted is overwritten with zeros as it goes (SQLite as built for Windows and macOS
        # leaves it in free pages), so the bytes are gone even if the rewrite below cannot be made.
        # Left on for the connection: whatever is deleted after this goes as thoroughly.
        self.book.conn.execute("PRAGMA secure_delete = ON")
        with self.book.transaction() as changes:
            changes.whole_book = True  # their words go from every table: nothing read before is kept
            self._replace_everywhere(traces, contact_id)
            linked = self.book.status.linked_by_referrals([contact_id])
            self.book.conn.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
            self.book.status.refresh(linked, today)
            self.book.conn.execute("INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild')")
        with self.book._lock:
            try:  # the file rewritten whole: no page keeps even the shape of what was there
                self.book.conn.execute("VACUUM")
            except sqlite3.Error as exc:  # it needs room for a second copy: a full disk refuses it
                raise NotCompactedError(
                    _("{name} is forgotten from the book and what was deleted is overwritten, but the file could not be rewritten afterwards ({sqlite_refusal_in_words}).").format(name=contact.name, sqlite_refusal_in_words=sqlite_refusal_in_words(exc))) from exc
        if self._others_reading():  # waits out a reader that began meanwhile, up to the busy timeout
            raise NotCompactedError(
                _("{name} is forgotten from the book, but another Rapport was reading it, so the book's working file (-wal) still holds the old pages until every Rapport on this book is closed.").format(name=contact.name))
        words = _("{name} is forgotten{still_held_by}").format(name=contact.name, still_held_by=self._still_held_by(today))
        if not self.looks_for_the_name(contact.name):
            words += " " + _("A name as short as “{name}” is not looked for in other contacts' notes: search for it and change what you find.").format(name=contact.name.strip())
        return words

    def looks_for_the_name(self, name: str) -> bool:
        """Whether forgetting someone so named changes the name where other texts say it (``SHORTEST_TRACE``)."""
        return len(name.strip()) >= SHORTEST_TRACE

    def _others_reading(self) -> bool:
        """Empty the ``-wal`` into the book, waiting (up to the busy timeout) for other connections
        still reading an older state; True when one is still reading after that."""
        with self.book._lock:
            try:
                busy, _ignored, _ignored = self.book.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                self.book.file_seen.note(self.book.path)
            except sqlite3.OperationalError:
                return False  # this connection's own statement in progress: not another reader
        return bool(busy)

    def _replace_everywhere(self, traces: list[str], contact_id: int) -> None:
        """Every free-text column of every table (not another contact's own name, phones and emails,
        nor what the book works out again from them) where the person is named as a whole word: the
        name becomes "a forgotten contact". One pass over each table, whatever the number of traces."""
        if not traces:
            return  # a short name and nothing else to look for
        conn = self.book.conn
        patterns = [re.compile(r"(?<!\w)" + re.escape(trace) + r"(?!\w)", re.IGNORECASE) for trace in traces]
        for table, columns in _free_text_columns(conn).items():
            where = " OR ".join(f'instr(lower("{column}"), ?) > 0' for column in columns for _ignored in traces)
            params = [trace.lower() for _ignored in columns for trace in traces]
            selected = ", ".join(_quoted(column) for column in columns)
            found = conn.execute(f'SELECT rowid, {selected} FROM "{table}" WHERE {where}', params).fetchall()
            for rowid, *texts in found:
                if table == "contacts" and rowid == contact_id:
                    continue  # deleted whole below
                changed = {}
                for column, text in zip(columns, texts):
                    new = text
                    for pattern in patterns:
                        new = pattern.sub(_(FORGOTTEN), new) if new else new
                    if new != text:
                        changed[column] = new
                if not changed:
                    continue  # the trace stood inside a longer word ("Ana" in "Anabel"): not them
                assignments = ", ".join(f"{_quoted(column)} = ?" for column in changed)
                conn.execute(f'UPDATE "{table}" SET {assignments} WHERE rowid = ?', [*changed.values(), rowid])
                if table == "contacts":  # its search text is worked out again from what it now holds
                    self.book.contacts.store(rowid, self.book.contacts.get(rowid, include_deleted=True))

    def _still_held_by(self, today: date) -> str:
        """The end of forget's answer: which files beside the book still hold the person, and until when."""
        backups = safety.list_backups(self.book.path)
        set_aside = sorted(p.name for p in self.book.path.parent.glob(f"{self.book.path.name}.set-aside-*")
                           if not p.name.endswith(("-wal", "-shm")))
        set_aside += sorted(p.name for p in self.book.path.parent.glob(f"{self.book.path.name}-wal.from-elsewhere-*"))
        if not backups and not set_aside:
            return _(". No backup held them.")
        gone = today + timedelta(days=safety.KEEP)
        words = _(" from the book.")
        if len(backups) == 1:
            words += (_(" The existing backup still holds them until it rotates out: with a backup a day, it goes on {gone}.").format(gone=format_day(gone)))
        elif backups:
            words += (_(" The {count} existing backups still hold them until they rotate out: with a backup a day, the last of them goes on {gone}.").format(count=len(backups), gone=format_day(gone)))
        if set_aside:
            words += (ngettext(" This file beside the book still holds them until you delete it: {files}.", " These files beside the book still hold them until you delete them: {files}.", len(set_aside)).format(files=', '.join(set_aside)))
        return words


# Another contact's own name, phones and emails are theirs, even when they are shared with the person;
# what the book works out again from a contact (its search text, its verdict) is never edited.
_THEIR_OWN = {("contacts", "name"), ("contacts", "phones"), ("contacts", "emails"), ("contacts", "phone_labels"),
              ("contacts", "search_text"), ("contacts", "sort_key")}
_DERIVED_TABLES = ("contact_status", "contacts_fts", "view_counts")
_NOT_TEXT_OF_THE_BOOK = ("_sqlite_migrations", "settings", "book_session", "sqlite_")
# Columns that hold a day, a kind or a code, never free text: not read.
_CODES = {"kind", "label", "created_on", "deleted_on", "birthday", "anniversary", "closed_as", "closed_on",
          "external_id", "occurred_on", "step_key", "resolved_on", "question", "answer", "answered_on", "changed_on",
          "from_tier", "to_tier", "week_start"}


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _free_text_columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Each table's TEXT columns that hold free text, read from the book: a column added later is
    searched too."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if not r[0].startswith(_NOT_TEXT_OF_THE_BOOK + _DERIVED_TABLES)]
    found: dict[str, list[str]] = {}
    for table in tables:
        columns = [column[1] for column in conn.execute(f'PRAGMA table_info("{table}")')
                   if column[2].upper() == "TEXT" and column[1] not in _CODES and (table, column[1]) not in _THEIR_OWN]
        if columns:
            found[table] = columns
    return found


def _traces_of(name: str, emails: tuple[str, ...], phones: tuple[str, ...]) -> list[str]:
    """What names the person in someone else's text: the name, each email, each phone as typed and in
    the ways phones are usually written (+41 79 123 45 67, 079 123 45 67, +41791234567), longest first."""
    traces = {name, *emails}
    for phone in phones:
        traces.add(phone)
        try:
            parsed = phonenumbers.parse(phone, None)
        except phonenumbers.NumberParseException:
            continue
        for style in (phonenumbers.PhoneNumberFormat.E164, phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                      phonenumbers.PhoneNumberFormat.NATIONAL):
            traces.add(phonenumbers.format_number(parsed, style))
    return sorted((t for t in traces if len(t.strip()) >= SHORTEST_TRACE), key=len, reverse=True)
