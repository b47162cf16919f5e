"""Carrying out an import plan, and merging two contacts: each one transaction.

A backup is made first. The whole import is one transaction, so a failure or a Cancel part
way leaves the book exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Callable

from core.bulkwork import collection_held
from core.domain import Contact, Kind
from core.errors import NotFoundError, RapportError, ValidationError
from core.store.bulk import ROWS_PER_TICK, Progress
from core.validation import clean_contact
from core.store.rows import CONTACT_COLUMNS, contact_from_columns, day_or_none
from core.store.writes import writes
from core.i18n import _, ngettext

if TYPE_CHECKING:
    from core.interchange.export import ExportRow
    from core.interchange.plan import Existing, ImportPlan
    from core.store.book import Book



_INSERT_SALE = ("INSERT OR IGNORE INTO interactions (contact_id, kind, occurred_on, note, amount_cents, import_key) "
                "VALUES (?, ?, ?, ?, ?, ?)")


# What one step of an import costs, about, against logging one sale (measured on CDNOW): counted so,
# the progress bar moves at an even pace through writing contacts, logging sales and working out tiers.
_PER_CONTACT, _PER_SALE, _PER_VERDICT = 2, 1, 9


def import_stages(plan: ImportPlan) -> tuple[int, int, int]:
    """The progress an import reports for its three parts, in the order it does them: writing the
    contacts (new and completed), logging the sales, and working out the verdict of every contact
    it touches (the new ones, the completed ones and those whose sales it logs)."""
    touched = len(plan.creates) + len(plan.book_ids_touched())
    return ((len(plan.creates) + len(plan.merges)) * _PER_CONTACT, len(plan.sales) * _PER_SALE,
            touched * _PER_VERDICT)


def import_stage_in_words(done: int, plan: ImportPlan) -> str:
    """What an import reporting ``done`` is doing, for the line above its progress bar."""
    contacts, sales, _verdicts = import_stages(plan)
    if done < contacts:
        return _("Writing the contacts… {value:,} of {value2:,}").format(value=done // _PER_CONTACT, value2=contacts // _PER_CONTACT)
    if done < contacts + sales:
        return _("Logging the purchases… {value:,} of {count:,}").format(value=(done - contacts) // _PER_SALE, count=len(plan.sales))
    return _("Working out where each contact stands on the ladder…")


class ImportCancelled(RapportError):
    """The owner pressed Cancel; nothing was written."""

    def __init__(self) -> None:
        super().__init__(_("The import was cancelled; the book is as it was."))


@dataclass(frozen=True)
class ImportResult:
    created: int
    merged: int
    logged: int  # purchases and refunds written
    skipped: int  # listed and counted lines left out, refused ones included
    backup: str = ""
    refunds: int = 0  # of ``logged``, the refunds

    def sentence(self) -> str:
        purchases = self.logged - self.refunds
        parts = [ngettext("{count:,} new contact", "{count:,} new contacts", self.created).format(count=self.created),
                 _("{count:,} merged").format(count=self.merged)]
        logged = ngettext("{count:,} purchase", "{count:,} purchases", purchases).format(count=purchases)
        if self.refunds:
            logged += ", " + ngettext("{count:,} refund", "{count:,} refunds", self.refunds).format(count=self.refunds)
        return _("Imported: {contacts}, {logged} logged, {skipped:,} skipped.").format(
            contacts=", ".join(parts), logged=logged, skipped=self.skipped)


@dataclass
class MergeRecord:
    """Everything a merge moved, so that undo can put each row back where it was."""

    keep_before: Contact
    other: Contact
    # id, contact, referred, and the row's kind, day and note (so that a number reused is told apart)
    interactions: list[tuple[int, int, int | None, str, str, str]] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    history: list[int] = field(default_factory=list)
    pins: list[tuple[str, int]] = field(default_factory=list)


class Interchange:
    """Moving in and out (``book.interchange``): carrying out an import plan, merging two contacts
    and undoing it, and what the exports and the sources view read."""

    def __init__(self, book: Book) -> None:
        self.book = book

    def match_snapshot(self) -> list[Existing]:
        """Every live contact, for matching an import against the book."""
        from core.interchange.plan import Existing

        rows = self.book.conn.execute(f"SELECT {CONTACT_COLUMNS} FROM contacts WHERE deleted_on IS NULL")
        return [Existing(r[0], contact_from_columns(r)) for r in rows]

    def import_keys(self) -> set[int]:
        """Keys of interactions that came from an import, so the same line is never logged twice."""
        return {r[0] for r in self.book.conn.execute("SELECT import_key FROM interactions WHERE import_key IS NOT NULL")}

    @writes
    def apply_import(self, plan: ImportPlan, today: date | None = None, progress: Progress | None = None,
                     cancelled: Callable[[], bool] = lambda: False, backup: bool = True) -> ImportResult:
        """Write the plan in one transaction, after a backup; ImportCancelled rolls everything back."""
        today = today or date.today()
        backup_path = str(self.book.backup("before-import")) if backup and not plan.is_empty else ""
        total = sum(import_stages(plan))
        done = 0

        def tick(count: int, weight: int = 1) -> None:
            nonlocal done
            done += count * weight
            if cancelled():
                raise ImportCancelled()
            if progress:
                progress(done, total)

        with collection_held(), self.book.transaction() as changes:
            changes.whole_book = True  # too many to name: work read before it is done again
            new_ids = self.book.bulk.insert_contacts(plan.creates, each_chunk=lambda count: tick(count, _PER_CONTACT))
            for contact_id, contact in plan.merges.items():
                self._write_contact(contact_id, contact)
            tick(len(plan.merges), _PER_CONTACT)
            logged = 0
            bulk = self.book.bulk
            with bulk.indexes_set_aside("interactions", when=bulk.outnumbers("interactions", len(plan.sales))):
                for start in range(0, len(plan.sales), ROWS_PER_TICK):
                    rows = plan.sales.rows(start, start + ROWS_PER_TICK, new_ids)
                    before = self.book.conn.total_changes
                    self.book.conn.executemany(_INSERT_SALE, rows)
                    logged += self.book.conn.total_changes - before
                    tick(len(rows), _PER_SALE)
            contacts = {cid: replace(c, id=cid) for cid, c in zip(new_ids, plan.creates)}
            touched = plan.book_ids_touched()  # and whoever referred them: a lead's purchase is thanked
            contacts.update(self.book.contacts.many([*touched, *self.book.status.linked_by_referrals(touched)]))
            self.book.bulk.store_many_verdicts(contacts, today, each_slice=lambda count: tick(count, _PER_VERDICT))
        refunds, _ignored = plan.sales.count_and_total(Kind.REFUND)
        return ImportResult(created=len(plan.creates), merged=len(plan.merges), logged=logged,
                            skipped=len(plan.skipped) + sum(plan.counted.values()), backup=backup_path,
                            refunds=min(refunds, logged))

    def _write_contact(self, contact_id: int, contact: Contact) -> None:
        self.book.contacts.store(contact_id, clean_contact(contact))

    # ------------------------------------------------------------------ merging by hand
    @writes
    def merge(self, keep_id: int, other_id: int, today: date | None = None) -> MergeRecord:
        """Fold ``other`` into ``keep``: every interaction, answer, referral (both ways), label and
        tier-history row moves to ``keep``; ``other`` goes to the Trash. Undo with ``unmerge``."""
        from core.interchange.plan import merged

        if keep_id == other_id:
            raise ValidationError("merge", other_id, _("a contact cannot be merged with itself"))
        keep, other = self.book.contacts.get(keep_id), self.book.contacts.get(other_id)
        today = today or date.today()
        record = MergeRecord(keep_before=keep, other=other)
        with self.book.transaction():
            record.interactions = [tuple(r) for r in self.book.conn.execute(
                "SELECT id, contact_id, referred_contact_id, kind, occurred_on, note FROM interactions "
                "WHERE contact_id = ? OR referred_contact_id = ?", [other_id, other_id])]
            record.answers = [r[0] for r in self.book.conn.execute(
                "SELECT id FROM client_test_answers WHERE contact_id = ?", [other_id])]
            record.history = [r[0] for r in self.book.conn.execute(
                "SELECT id FROM tier_history WHERE contact_id = ?", [other_id])]
            record.pins = [tuple(r) for r in self.book.conn.execute(
                "SELECT week_start, contact_id FROM checklist_pins WHERE contact_id = ?", [other_id])]
            self.book.conn.execute("UPDATE interactions SET contact_id = ? WHERE contact_id = ?", [keep_id, other_id])
            # A referral between the two is now a referral to themselves: it keeps its note, not the link.
            self.book.conn.execute("UPDATE interactions SET referred_contact_id = NULL "
                              "WHERE contact_id = ? AND referred_contact_id IN (?, ?)", [keep_id, keep_id, other_id])
            self.book.conn.execute("UPDATE interactions SET referred_contact_id = ? WHERE referred_contact_id = ?",
                              [keep_id, other_id])
            self.book.conn.execute("UPDATE client_test_answers SET contact_id = ? WHERE contact_id = ?", [keep_id, other_id])
            self.book.conn.execute("UPDATE tier_history SET contact_id = ? WHERE contact_id = ?", [keep_id, other_id])
            self.book.conn.execute("INSERT OR IGNORE INTO checklist_pins (week_start, contact_id) "
                              "SELECT week_start, ? FROM checklist_pins WHERE contact_id = ?", [keep_id, other_id])
            self.book.conn.execute("DELETE FROM checklist_pins WHERE contact_id = ?", [other_id])
            combined = merged(keep, other)
            if keep.label is None and other.label is not None:
                combined = replace(combined, label=other.label)
            if other.external_id and keep.external_id:
                combined = replace(combined, external_id=keep.external_id)
            self.book.conn.execute("UPDATE contacts SET deleted_on = ?, external_id = NULL WHERE id = ?",
                            [today.isoformat(), other_id])
            self.book.changes.touched.add(other_id)  # gone to the Trash, with its verdict unchanged
            self._write_contact(keep_id, combined)
            # The merged-away contact keeps its last verdict in the Trash, so an undo finds it unchanged.
            self.book.status.refresh({keep_id, *self.book.status.linked_by_referrals([keep_id, other_id])}, today)
        return record

    @writes
    def unmerge(self, record: MergeRecord, today: date | None = None) -> None:
        """Undo a merge exactly: rows go back to whom they belonged, both cards as they were."""
        keep_id, other_id = record.keep_before.id, record.other.id
        assert keep_id is not None and other_id is not None, "a merge is of two contacts in the book"
        today = today or date.today()
        for contact_id, contact in ((keep_id, record.keep_before), (other_id, record.other)):
            if not self.book.contacts.many([contact_id]):
                raise NotFoundError(_("{name} was removed for good (the Trash was emptied, or they were forgotten), so this merge cannot be undone. Nothing was changed.").format(name=contact.name))
        with self.book.transaction():
            self.book.contacts.store(keep_id, record.keep_before)
            self.book.contacts.store(other_id, record.other)
            # Only rows that are still the ones the merge moved: a row deleted since has its number
            # taken by the next one logged (SQLite reuses the highest), which belongs to someone else.
            self.book.conn.executemany(
                "UPDATE interactions SET contact_id = ?, referred_contact_id = ? "
                "WHERE id = ? AND kind = ? AND occurred_on = ? AND note = ?",
                [(contact, referred, iid, kind, day, note) for iid, contact, referred, kind, day, note
                 in record.interactions])
            self.book.conn.executemany("UPDATE client_test_answers SET contact_id = ? WHERE id = ?",
                                  [(other_id, aid) for aid in record.answers])
            self.book.conn.executemany("UPDATE tier_history SET contact_id = ? WHERE id = ?",
                                  [(other_id, hid) for hid in record.history])
            self.book.conn.executemany("INSERT OR IGNORE INTO checklist_pins (week_start, contact_id) VALUES (?, ?)",
                                  record.pins)
            self.book.status.refresh({keep_id, other_id, *self.book.status.linked_by_referrals([keep_id, other_id])}, today)

    def sources(self) -> list[tuple[str, dict[str, int]]]:
        """Per source list: how many contacts now stand on each rung (which lists were worth it)."""
        out: dict[str, dict[str, int]] = {}
        for source, tier, n in self.book.conn.execute(
            "SELECT c.source, coalesce(s.tier, 'suspect'), count(*) FROM contacts c "
            "LEFT JOIN contact_status s ON s.contact_id = c.id WHERE c.deleted_on IS NULL AND c.source <> '' "
            "AND c.role <> 'team' "
            "GROUP BY c.source, s.tier ORDER BY c.source COLLATE NOCASE"
        ):
            out.setdefault(source, {})[tier] = n
        return list(out.items())

    # ------------------------------------------------------------------ exports
    def export_rows(self, ids: list[int]) -> list[ExportRow]:
        """Contacts with their tier, total spend, last interaction and next step, in ``ids`` order."""
        from core.interchange.export import ExportRow

        contacts = self.book.contacts.many(ids)
        extra: dict[int, tuple] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.book.conn.execute(
                f"SELECT c.id, s.display, s.last_interaction_on, s.next_step, s.next_step_due, "
                f"(SELECT coalesce(sum(CASE WHEN i.kind = 'refund' THEN -amount_cents ELSE amount_cents END), 0) "
                f"FROM interactions i WHERE i.contact_id = c.id AND i.kind IN ('purchase', 'refund')) FROM contacts c LEFT JOIN contact_status s ON s.contact_id = c.id "
                f"WHERE c.id IN ({marks})", chunk):
                extra[row[0]] = row[1:]
        out = []
        for cid in ids:
            if cid not in contacts:
                continue
            display, last, step, due, spend = extra.get(cid, ("", None, "", None, 0))
            out.append(ExportRow(contact=contacts[cid], tier=display or "", spend_cents=spend or 0,
                                 last_interaction=day_or_none(last), next_step=step or "", next_step_due=day_or_none(due)))
        return out

    def steps_due(self, first: date, last: date) -> list[tuple[int, str, str, date]]:
        """(id, name, next step, due day) for live contacts whose next step falls between the days."""
        rows = self.book.conn.execute(
            "SELECT c.id, c.name, s.next_step, s.next_step_due FROM contacts c JOIN contact_status s "
            "ON s.contact_id = c.id WHERE c.deleted_on IS NULL AND s.next_step <> '' "
            "AND s.next_step_due BETWEEN ? AND ? ORDER BY s.next_step_due, c.name COLLATE NOCASE",
            [first.isoformat(), last.isoformat()])
        return [(cid, name, step, date.fromisoformat(due)) for cid, name, step, due in rows]
