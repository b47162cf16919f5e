"""Adding many contacts and interactions at once: imports, the demo book, benchmark books.

One transaction for the lot and one evaluation pass at the end, instead of re-tiering a
contact after each of its thousands of interactions.

Thousands of rows are written with the tables' row-by-row triggers set aside inside that
transaction: what they would have done (the search index, the sidebar's counts) is then done
in one statement, which took the CDNOW import's SQL from about 5 s to 3 s. The triggers are
put back before the transaction ends, so a failure or a Cancel rolls back all of it.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from core.bulkwork import collection_held
from core.domain import Contact, Interaction, TierChange
from core.errors import ValidationError
from core.validation import clean_contact, with_guessed_kind
from core.store.rows import contact_to_row, insert_contact_sql, interaction_to_row
from core.store.writes import writes
from core.i18n import _

if TYPE_CHECKING:
    from core.store.book import Book

Progress = Callable[[int, int], None]
BULK_ROWS = 1000  # from this many rows a write sets the row-by-row triggers aside
ROWS_PER_TICK = 5000  # rows written between two progress ticks (and chances to cancel)
_VERDICT_SLICE = 2000  # contacts worked out between two ticks: the longest part of an import, so a bar that moves


class Bulk:
    """Writing many rows in one transaction (``book.bulk``): the import, the demo book, the bench."""

    def __init__(self, book: Book) -> None:
        self.book = book

    @writes
    def add_many(
        self,
        contacts: Sequence[Contact],
        interactions: Sequence[tuple[int, Interaction]] = (),
        today: date | None = None,
        progress: Progress | None = None,
    ) -> list[int]:
        """Add contacts and their interactions in one transaction; returns the new contact ids.

        Each interaction is paired with the *position* of its contact in ``contacts``. Every
        record is validated first, so one bad record leaves the book exactly as it was; the
        ValidationError says which record.
        """
        today = today or date.today()
        cleaned = []
        for position, contact in enumerate(contacts):
            try:
                cleaned.append(clean_contact(with_guessed_kind(replace(contact, id=None, created_on=contact.created_on or today))))
            except ValidationError as exc:
                raise ValidationError(_("contact {value}: {field}").format(value=position + 1, field=exc.field), exc.value, exc.problem) from None
        for number, (position, interaction) in enumerate(interactions, start=1):
            if not 0 <= position < len(contacts):
                raise ValidationError(f"interaction {number}", position, _("names no contact of this import"))
            if interaction.amount_cents is not None and interaction.amount_cents < 0:
                raise ValidationError(_("interaction {number}: amount").format(number=number), interaction.amount_cents, _("cannot be negative"))
        with collection_held(), self.book.transaction():
            ids = self.insert_contacts(cleaned)
            if progress:
                progress(len(cleaned), len(cleaned) + len(interactions))
            with self.indexes_set_aside("interactions", when=self.outnumbers("interactions", len(interactions))):
                self.book.conn.executemany(
                    "INSERT INTO interactions (contact_id, kind, occurred_on, note, amount_cents, referred_contact_id, "
                    "step_key, resolved_on) VALUES (:contact_id, :kind, :occurred_on, :note, :amount_cents, "
                    ":referred_contact_id, :step_key, :resolved_on)",
                    (interaction_to_row(replace(i, contact_id=ids[p])) for p, i in interactions),
                )
            self.store_many_verdicts(dict(zip(ids, (replace(c, id=i) for c, i in zip(cleaned, ids)))), today)
            if progress:
                progress(len(cleaned) + len(interactions), len(cleaned) + len(interactions))
        return ids

    @writes
    def insert_contacts(self, contacts: Sequence[Contact],
                         each_chunk: Callable[[int], None] = lambda count: None) -> list[int]:
        """Write new (cleaned) contacts inside the current transaction; returns their ids in order.
        ``each_chunk`` hears how many were written after each few thousand (it may raise to cancel)."""
        first = self.book.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contacts").fetchone()[0]
        ids = list(range(first, first + len(contacts)))
        sql = insert_contact_sql(with_id=True)
        with self.indexes_set_aside("contacts", when=self.outnumbers("contacts", len(contacts))), \
                self.triggers_set_aside("contacts", when=len(contacts) >= BULK_ROWS) as set_aside:
            for start in range(0, len(contacts), ROWS_PER_TICK):
                chunk = contacts[start:start + ROWS_PER_TICK]
                self.book.conn.executemany(sql, ({**contact_to_row(c), "id": ids[start + i]} for i, c in enumerate(chunk)))
                each_chunk(len(chunk))
            if set_aside:  # what the insert triggers do: the search index, and the Trash's count
                self.book.conn.execute("INSERT INTO contacts_fts (rowid, search_text) "
                                  "SELECT id, search_text FROM contacts WHERE id >= ?", [first])
                self.book.conn.execute("UPDATE view_counts SET n = (SELECT count(*) FROM contacts "
                                  "WHERE deleted_on IS NOT NULL) WHERE view = 'trash'")
        return ids

    @writes
    def store_many_verdicts(self, contacts: dict[int, Contact], today: date,
                             each_slice: Callable[[int], None] = lambda count: None) -> list[TierChange]:
        """``status.store_verdicts`` for many contacts, a slice at a time (``each_slice`` hears how many were
        done, and may raise to cancel): the sidebar's counts are worked out once afterwards."""
        many = len(contacts)
        with self.indexes_set_aside("contact_status", when=self.outnumbers("contact_status", many)), \
                self.indexes_set_aside("tier_history", when=self.outnumbers("tier_history", many)), \
                self.triggers_set_aside("contact_status", when=many >= BULK_ROWS) as set_aside:
            changes: list[TierChange] = []
            ids = list(contacts)
            for start in range(0, many, _VERDICT_SLICE):
                part = {cid: contacts[cid] for cid in ids[start:start + _VERDICT_SLICE]}
                changes += self.book.status.store_verdicts(self.book.status.evidence_for(part), today)
                each_slice(len(part))
            if set_aside:
                self.book.conn.executemany("UPDATE view_counts SET n = ? WHERE view = ?",
                                      [(n, view) for view, n in self.book.contacts.recount_views().items()])
        return changes

    def outnumbers(self, table: str, rows: int) -> bool:
        """Whether ``rows`` new rows are many, and at least as many as ``table`` holds (its largest
        rowid, read off the b-tree, stands for its size): then building its indexes afresh after
        the insert is quicker than growing them row by row, and a book of a million rows never does."""
        if rows < BULK_ROWS:
            return False
        held = self.book.conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
        return rows >= held

    @contextmanager
    def indexes_set_aside(self, table: str, when: bool = True) -> Iterator[None]:
        """Drop ``table``'s plain indexes inside the current transaction and build them again on the
        way out, as ``_triggers_set_aside`` does with triggers. Unique indexes stay: they are rules
        (one import key per line, one customer number per contact), not just ways to find rows."""
        assert self.book.conn.in_transaction, "indexes are only ever set aside inside a transaction"
        held: Iterable[tuple[str, str]] = self.book.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
            "AND sql NOT LIKE 'CREATE UNIQUE%'", [table]).fetchall() if when else []
        for name, _ignored in held:
            self.book.conn.execute(f'DROP INDEX "{name}"')
        try:
            yield
        finally:
            for _ignored, sql in held:
                self.book.conn.execute(sql)

    @contextmanager
    def triggers_set_aside(self, table: str, when: bool = True) -> Iterator[bool]:
        """Drop ``table``'s triggers inside the current transaction and create them again, as they were
        written, on the way out (also on an error: the rollback then undoes both). Yields whether it did."""
        assert self.book.conn.in_transaction, "triggers are only ever set aside inside a transaction"
        held: Iterable[tuple[str, str]] = self.book.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table]).fetchall() if when else []
        for name, _ignored in held:
            self.book.conn.execute(f'DROP TRIGGER "{name}"')
        try:
            yield bool(when)
        finally:
            for _ignored, sql in held:
                self.book.conn.execute(sql)
