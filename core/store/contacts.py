"""Contacts: adding, editing, finding, listing for the table, and the trash."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Collection, Sequence

from core.dates import typed_yearly_day
from core.domain import Contact, Tier
from core.errors import NotFoundError
from core.store.listing import (  # noqa: F401 - the views are part of the store's words
    VIEW_ALL,
    VIEW_DUE,
    VIEW_HYBRID,
    VIEW_OCCASIONS,
    VIEW_SLIPPING,
    VIEW_SOURCE_PREFIX,
    VIEW_SUPPLIERS,
    VIEW_TEAM,
    VIEW_TRASH,
    page_of_ids,
    page_query,
    placed_again,
    coming_ids,
    set_coming,
    shows,
    suppliers,
)
from core.store.rows import (
    CONTACT_COLUMNS,
    CONTACT_ROW_COLUMNS,
    ContactRow,
    contact_from_columns,
    contact_row_from_values,
    contact_to_row,
    in_chunks,
    insert_contact_sql,
)
from core.validation import clean_contact, with_guessed_kind
from core.store.writes import writes
from core.i18n import _

if TYPE_CHECKING:
    from core.store.book import Book

_ROW_SELECT = f"SELECT {CONTACT_ROW_COLUMNS} FROM contacts c LEFT JOIN contact_status s ON s.contact_id = c.id"


class Contacts:
    """The people and businesses in the book (``book.contacts``), the lists the window shows of
    them, and the Trash; each write re-tiers, in the same transaction, whoever it changes."""

    def __init__(self, book: Book) -> None:
        self.book = book

    @writes
    def add(self, contact: Contact | str, today: date | None = None, **fields: object) -> Contact:
        """Add a contact (a ``Contact`` or a name plus fields); it enters the ladder as evaluated."""
        if isinstance(contact, str):
            contact = Contact(name=contact, **fields)  # type: ignore[arg-type]  # checked by clean_contact below
        today = today or date.today()
        contact = self._days_as_typed(contact)
        clean = clean_contact(with_guessed_kind(
            replace(contact, id=None, created_on=contact.created_on or today, deleted_on=None)))
        with self.book.transaction():
            new_id = int(self.book.conn.execute(insert_contact_sql(), contact_to_row(clean)).lastrowid or 0)
            self.book.status.refresh([new_id], today)
        return replace(clean, id=new_id)

    @writes
    def update(self, contact: Contact, today: date | None = None) -> Contact:
        """Save edited fields; returns the contact as it was before, for undo."""
        if contact.id is None:
            raise NotFoundError(_("Only a contact already in the book can be updated."))
        before = self.get(contact.id, include_deleted=True)
        clean = clean_contact(replace(self._days_as_typed(contact), created_on=before.created_on,
                                      deleted_on=before.deleted_on))
        with self.book.transaction():
            self.store(contact.id, clean)
            status = self.book.status
            status.refresh({contact.id, *status.linked_by_referrals([contact.id])}, today or date.today())
        if (clean.birthday, clean.anniversary) != (before.birthday, before.anniversary):
            self.book.occasions.mark_coming(today or date.today())  # the card's days are occasions
        return before

    def _days_as_typed(self, contact: Contact) -> Contact:
        """A birthday or anniversary typed the way the log's dates are ("28/11/1980", "28 Nov"), read
        in the book's locale as every date field is."""
        locale = self.book.number_locale()
        return replace(contact, birthday=typed_yearly_day(contact.birthday, locale, "birthday"),
                       anniversary=typed_yearly_day(contact.anniversary, locale, "anniversary"))

    @writes
    def store(self, contact_id: int, contact: Contact) -> None:
        """Write every field of an already clean contact over the stored row (inside a transaction)."""
        row = contact_to_row(contact)
        assignments = ", ".join(f"{key} = :{key}" for key in row)
        self.book.conn.execute(f"UPDATE contacts SET {assignments} WHERE id = :id", {**row, "id": contact_id})
        self.book.changes.touched.add(contact_id)  # its row and its place in a list, whatever its verdict

    def get(self, contact_id: int, include_deleted: bool = False) -> Contact:
        row = self.book.conn.execute(f"SELECT {CONTACT_COLUMNS} FROM contacts WHERE id = ?", [contact_id]).fetchone()
        contact = None if row is None else contact_from_columns(row)
        if contact is None or (contact.deleted_on and not include_deleted):
            raise NotFoundError(_("No contact with number {contact_id} in the book.").format(contact_id=contact_id))
        return contact

    def many(self, ids: Sequence[int]) -> dict[int, Contact]:
        """Several contacts by id in one query (deleted ones included)."""
        found: dict[int, Contact] = {}
        for chunk in in_chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.book.conn.execute(f"SELECT {CONTACT_COLUMNS} FROM contacts WHERE id IN ({marks})", chunk):
                found[row[0]] = contact_from_columns(row)
        return found

    def in_view(self, view: str = VIEW_ALL, search: str = "", today: date | None = None) -> list[Contact]:
        ids = self.ids(view, search, today=today)
        by_id = self.many(ids)
        return [by_id[i] for i in ids]

    def find_by_name(self, name: str) -> list[Contact]:
        """Exact (case-insensitive) name matches, for the CLI and imports."""
        rows = self.book.conn.execute(f"SELECT {CONTACT_COLUMNS} FROM contacts WHERE name = ? COLLATE NOCASE "
                                      "AND deleted_on IS NULL", [name])
        return [contact_from_columns(r) for r in rows]

    # ------------------------------------------------------------ the table
    def ids(
        self,
        view: str = VIEW_ALL,
        search: str = "",
        sort: str = "name",
        descending: bool = False,
        today: date | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[int]:
        """The ids of one view, filtered by search, in display order; ``limit`` reads one page of them
        along an index (the table's path at 100,000 contacts: see ``core.store.listing``)."""
        return page_of_ids(self.book.conn, view, search, sort, descending, offset, limit)

    def whole_view_apart(self, view: str, search: str, sort: str, descending: bool) -> list[int]:
        """The ids of a whole view, as ``ids`` reads them, on a read-only connection of its own, for a
        thread beside the window's: going to the last of This week's 35,000 in an order not its own
        held the GUI thread 60 ms quiet and 166-235 ms on a busy machine, and SQLite lets go of the
        interpreter while it steps. What it reads is what was committed, as for the window's own."""
        with self.book.reader() as other:
            set_coming(other.conn, coming_ids(self.book.conn))  # whose occasions are coming is kept per connection
            return other.contacts.ids(view, search, sort, descending)

    def list_rows(self, view: str = VIEW_ALL, search: str = "", sort: str = "name",
                  descending: bool = False) -> list[ContactRow]:
        """Every row of one view and search, in display order, in one query: a whole list (34,000
        lines of "rapport list") without reading its ids first and then their rows."""
        sql, params = page_query(self.book.conn, view, search, sort, descending, columns=CONTACT_ROW_COLUMNS)
        return [contact_row_from_values(values) for values in self.book.conn.execute(sql, params)]

    def shows(self, contact_id: int, view: str = VIEW_ALL, search: str = "") -> bool:
        """Whether this view and search list the contact."""
        return shows(self.book.conn, contact_id, view, search)

    def placed_again(self, ids: list[int], complete: bool, touched: Collection[int], view: str, search: str,
                     sort: str, descending: bool) -> list[int]:
        """The table's list after a write that touched a few contacts (``listing.placed_again``)."""
        return placed_again(self.book.conn, ids, complete, touched, view, search, sort, descending)

    def rows(self, ids: Sequence[int]) -> list[ContactRow]:
        """Table rows for these ids, in the same order (ids missing from the book are skipped)."""
        found: dict[int, ContactRow] = {}
        for chunk in in_chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            for values in self.book.conn.execute(f"{_ROW_SELECT} WHERE c.id IN ({marks})", chunk):
                found[values[0]] = contact_row_from_values(values)
        return [found[i] for i in ids if i in found]

    def view_counts(self) -> dict[str, int]:
        """Live counts for the sidebar: all, each tier, hybrid, due this week, slipping, trash. Kept by
        triggers with every write (m011), so reading them costs nothing at any size. "This week"
        is one thing everywhere: on this week's checklist."""
        counts = dict(self.book.conn.execute("SELECT view, n FROM view_counts"))
        counts[VIEW_SUPPLIERS] = suppliers(self.book.conn)
        counts.setdefault(VIEW_TEAM, 0)  # a book whose counts were made before roles, and never counted a team
        counts[VIEW_OCCASIONS] = len(coming_ids(self.book.conn))
        return counts

    def recount_views(self) -> dict[str, int]:
        """The same counts worked out from every verdict: what the triggers must always agree with."""
        counts = {VIEW_ALL: 0, VIEW_HYBRID: 0, VIEW_DUE: 0, VIEW_SLIPPING: 0, VIEW_TRASH: 0}
        counts.update({t.value: 0 for t in Tier})
        counts["team"] = 0
        for tier, hybrid, due, slipping in self.book.conn.execute(
            "SELECT s.tier, s.also IS NOT NULL, s.week_section IS NOT NULL, s.slipping FROM contacts c "
            "JOIN contact_status s ON s.contact_id = c.id WHERE c.deleted_on IS NULL"
        ):
            counts[tier] += 1
            counts[VIEW_ALL] += 1
            counts[VIEW_HYBRID] += hybrid
            counts[VIEW_DUE] += due
            counts[VIEW_SLIPPING] += slipping
        counts[VIEW_OCCASIONS] = len(coming_ids(self.book.conn))
        counts[VIEW_SUPPLIERS] = self.book.conn.execute(
            "SELECT count(*) FROM contacts WHERE role = 'supplier' AND deleted_on IS NULL").fetchone()[0]
        counts[VIEW_TRASH] = self.book.conn.execute(
            "SELECT count(*) FROM contacts WHERE deleted_on IS NOT NULL").fetchone()[0]
        return counts

    # ------------------------------------------------------------ the trash
    @writes
    def delete(self, contact_id: int, today: date | None = None) -> Contact:
        """Move a contact to the trash with everything; nothing is lost until the trash is emptied."""
        return self.delete_many([contact_id], today)[0]

    @writes
    def delete_many(self, contact_ids: Sequence[int], today: date | None = None) -> list[Contact]:
        """Move several contacts to the Trash in one transaction (a multi-selection is one action,
        undone at once); returns them as they were. Refused whole if one is not in the book."""
        found = self.many(contact_ids)
        missing = [i for i in contact_ids if i not in found or found[i].deleted_on is not None]
        if missing:
            raise NotFoundError(_("No contact with number {missing} in the book.").format(missing=missing[0]))
        with self.book.transaction():
            self.book.conn.executemany("UPDATE contacts SET deleted_on = ? WHERE id = ?",
                                  [((today or date.today()).isoformat(), i) for i in contact_ids])
            self.book.changes.touched.update(contact_ids)  # they leave the lists, with their verdicts unchanged
            # They keep their last verdict in the Trash (an undo finds it unchanged); those linked to them do not.
            self.book.status.refresh(self.book.status.linked_by_referrals(contact_ids), today or date.today())
        return [found[i] for i in contact_ids]

    @writes
    def restore(self, contact_id: int, today: date | None = None) -> Contact:
        """Bring a contact back from the trash, with all its interactions and answers."""
        return self.restore_many([contact_id], today)[0]

    @writes
    def restore_many(self, contact_ids: Sequence[int], today: date | None = None) -> list[Contact]:
        """Bring contacts back from the Trash in one transaction, each with everything it had."""
        found = self.many(contact_ids)
        missing = [i for i in contact_ids if i not in found]
        if missing:
            raise NotFoundError(_("No contact with number {missing} in the book.").format(missing=missing[0]))
        with self.book.transaction():
            self.book.conn.executemany("UPDATE contacts SET deleted_on = NULL WHERE id = ?",
                                       [(i,) for i in contact_ids])
            self.book.changes.touched.update(contact_ids)  # they come back to the lists
            status = self.book.status
            status.refresh({*contact_ids, *status.linked_by_referrals(contact_ids)}, today or date.today())
        back = self.many(contact_ids)
        return [back[i] for i in contact_ids]

    @writes
    def empty_trash(self, today: date | None = None, only: Sequence[int] | None = None) -> int:
        """Remove trashed contacts for good (their interactions go with them), after a backup;
        returns how many. ``only``: the contacts the owner was asked about; one restored since, or
        trashed after the question, is left as it is (the window empties the Trash beside the GUI
        thread, and the owner may act on the Trash meanwhile)."""
        if self.book.conn.execute("SELECT 1 FROM contacts WHERE deleted_on IS NOT NULL LIMIT 1").fetchone() is None:
            return 0
        self.book.backup("before-emptying-trash")
        with self.book.transaction() as changes:
            changes.whole_book = True  # rows go for good: work read before it is done again
            trashed = [r[0] for r in self.book.conn.execute("SELECT id FROM contacts WHERE deleted_on IS NOT NULL")]
            if only is not None:
                asked = set(only)
                trashed = [i for i in trashed if i in asked]
            linked = self.book.status.linked_by_referrals(trashed)  # a referral they logged goes with them
            removed = 0
            for chunk in in_chunks(trashed, 500):
                removed += self.book.conn.execute(
                    f"DELETE FROM contacts WHERE deleted_on IS NOT NULL AND id IN ({','.join('?' * len(chunk))})",
                    chunk).rowcount
            self.book.status.refresh(linked, today or date.today())
            return removed
