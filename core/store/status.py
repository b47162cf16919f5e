"""Where the book meets the ladder: the verdicts kept with each contact (the stored cache).

The rules live in ``core.ladder`` as pure functions. ``Status`` (``book.status``) is made of its
parts by role: the evidence read from SQL that feeds the rules (``evidence_reads``), the verdicts
worked out and kept here with every change of tier recorded (``tier_history``), and the week's
read model of the checklist (``weekly_reads``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Callable, Iterable

from core import ladder
from core.domain import (
    Changes,
    Evidence,
    Plan,
    PlanSheet,
    TierChange,
    TierResult,
)
from core.store import settings_reach, verdict_rows, verdicts_beside
from core.store.verdict_rows import STATUS_COLUMNS
from core.store.evidence_reads import EvidenceReads
from core.store.tier_history import TierHistory
from core.store.weekly_reads import WeeklyReads
from core.store.writes import savepoint, writes

if TYPE_CHECKING:
    from core.store.book import Book

_SLICE = 5000  # contacts re-evaluated at a time by a full re-evaluation (bounded memory)



class Status(EvidenceReads, TierHistory, WeeklyReads):
    """Evidence, verdicts, plans, the checklist and the tier history of a book (``book.status``):
    the ladder's verdicts kept with each contact, and what is read off them."""

    def __init__(self, book: Book) -> None:
        self.book = book

    # ------------------------------------------------------------ verdicts
    def tier_result(self, contact_id: int, today: date | None = None) -> TierResult:
        """The ladder's verdict on one contact now, with reasons and warnings."""
        return ladder.evaluate(self.evidence(contact_id), self.book.settings(), today or date.today())

    def plan(self, contact_id: int, today: date | None = None) -> Plan:
        return self._plan(self.evidence(contact_id), today or date.today())

    def _plan(self, evidence: Evidence, today: date) -> Plan:
        settings = self.book.settings()
        return ladder.plan_for(evidence, ladder.evaluate(evidence, settings, today), settings, today)

    def plan_and_offer(self, contact_id: int, today: date | None = None) -> tuple[Plan, str | None]:
        """The plan, and "--05-31" when the contact's own yearly rhythm could become a yearly-order
        occasion: the pane shows both after every log, from one read of the evidence."""
        today = today or date.today()
        evidence = self.evidence(contact_id)
        return self._plan(evidence, today), ladder.yearly_order_offer(evidence, self.book.settings(), today)

    def this_week(self, contact_id: int, today: date | None = None) -> str | None:
        """The title of the checklist section that lists the contact this week, or None: read from the
        stored verdict (kept current by every write and each new day), not worked out again."""
        row = self.book.conn.execute("SELECT week_section FROM contact_status WHERE contact_id = ?",
                                     [contact_id]).fetchone()
        return ladder.section_title(row[0]) if row and row[0] else None

    def plan_sheet(self, contact_id: int, today: date | None = None) -> PlanSheet:
        """Everything one printed cultivation plan shows."""
        return PlanSheet(
            plan=self.plan(contact_id, today),
            answers=self.book.interactions.answers_for(contact_id),
            recent=tuple(self.book.interactions.for_contact(contact_id, limit=10)),
            referrals=tuple(self.book.interactions.referral_ledger(contact_id)),
            referred_by=tuple(self.book.interactions.referred_by(contact_id)),
        )

    # ------------------------------------------------------------ the cache and history
    @writes
    def refresh(self, contact_ids: Iterable[int], today: date, since: date | None = None) -> list[TierChange]:
        """Re-evaluate these contacts inside the current transaction; record any change of tier.

        ``since``: the day of the earliest evidence the write added, changed or took away. Their
        history from that day on is replayed from the evidence (``ladder.moves_since``), so that it
        does not depend on the order the evidence was typed in (a day's two purchases read the same
        typed together or one after the other)."""
        contacts = self.book.contacts.many(list(contact_ids))
        return self.store_verdicts(self.evidence_for(contacts), today, since)

    def is_stale(self, today: date) -> bool:
        """Whether some contact's verdict may have changed by ``today`` (its next_change_on has come, or a
        settings change reached it)."""
        row = self.book.conn.execute("SELECT 1 FROM contact_status WHERE next_change_on <= ? LIMIT 1",
                                [today.isoformat()]).fetchone()
        return row is not None or settings_reach.any_pending(self.book.conn)

    @writes
    def bring_up_to_date(self, today: date | None = None, batch: int = 2000,
                         stop: Callable[[], bool] = lambda: False) -> Changes:
        """Re-evaluate only the contacts whose day has come (a few hundred of 100,000 on a new day), in
        batches, each its own transaction, so the owner's writes wait at most one batch behind it
        (the window uses 25: a few hundredths of a second). ``stop`` is asked before each batch: a
        window closing ends the work there, and what is left stays due for the next open. Returns
        what all the batches did: whose verdicts were worked out again, and who moved."""
        today = today or date.today()
        # Thousands due at once (a settings change, a new W): worked out in processes beside.
        total = verdicts_beside.bring_up_to_date(self.book, today, batch, stop) or Changes()
        while True:
            self.book.let_the_owner_go_first()
            if stop():
                return total
            reached = settings_reach.pending(self.book.conn, batch)  # by a settings change, first
            ids = reached + [r[0] for r in self.book.conn.execute(
                "SELECT contact_id FROM contact_status WHERE next_change_on <= ? LIMIT ?",
                [today.isoformat(), batch - len(reached)])]
            if not ids or (not reached and total.touched.issuperset(ids)):  # never loop on a row that cannot move on
                return total
            with self.book.transaction() as changes:
                self.refresh(ids, today)
                settings_reach.done(self.book.conn, reached)
            total.touched.update(changes.touched)
            total.moves.extend(changes.moves)

    @writes
    def reevaluate_all(self, today: date | None = None) -> list[TierChange]:
        """Re-tier every contact (evidence ages out of W day by day); returns who moved."""
        today = today or date.today()
        ids = [r[0] for r in self.book.conn.execute("SELECT id FROM contacts WHERE deleted_on IS NULL ORDER BY id")]
        changes: list[TierChange] = []
        with self.book.transaction():  # one transaction, read in slices so the evidence of 100,000 is never in memory
            if len(ids) >= verdicts_beside.BESIDE_FROM:  # on every core, this connection writing what comes back
                for chunk, rows, moves, stored in verdicts_beside.worked_out(self.book.path, ids, self.book.settings(),
                                                                            today):
                    self.write_verdicts(stored, rows, [], moves)  # in this transaction, as the processes read them
                    changes += moves
                    ids = ids[len(chunk):]  # what a process beside that stopped left, is worked out here
            for start in range(0, len(ids), _SLICE):
                changes += self.refresh(ids[start:start + _SLICE], today)
        return changes

    @writes
    def store_verdicts(self, evidence: dict[int, Evidence], today: date, since: date | None = None) -> list[TierChange]:
        settings = self.book.settings()
        replayed: list[TierChange] = []
        stored = self._stored_rows(list(evidence))
        changes: list[TierChange] = []
        status_rows = []
        for cid, ev in evidence.items():
            # Reasons for an entry and a replay (they word the moves); a move found otherwise asks for them.
            result, row = verdict_rows.verdict_of(cid, ev, settings, today, reasons=cid not in stored or since is not None)
            before = verdict_rows.tier_of(stored.get(cid))
            if before is not None and since is not None and since <= today and not result.outside:
                moves = self._replay(cid, ev, result, since, today)
                replayed += moves
                if before != result.tier and moves:  # what the owner hears: where they stood, where they stand now
                    self.book.changes.moves.append(replace(moves[-1], from_tier=before))
            else:
                change = verdict_rows.entry_or_move(cid, ev, result, before, settings, today)
                if change is not None:
                    changes.append(change)
            status_rows.append(row)
        self.write_verdicts(stored, status_rows, replayed, changes)
        return changes

    @writes
    def write_verdicts(self, stored: dict[int, tuple], status_rows: list[tuple], replayed: list[TierChange],
                       changes: list[TierChange]) -> None:
        """Write the verdicts worked out (here or beside, ``verdicts_beside``) and the moves they make.

        A verdict that came out as it was stored is not written again (at 100,000 contacts, writing
        every row and its indexes was a third of a full re-evaluation); the day it was worked out
        is then left as the day it last changed."""
        with savepoint(self.book.conn):
            verdict_rows.write_changed(self.book.conn, stored, status_rows)
            self.book.conn.executemany(
                "INSERT INTO tier_history (contact_id, changed_on, from_tier, to_tier, reason) VALUES (?, ?, ?, ?, ?)",
                [
                    (c.contact_id, c.changed_on.isoformat(), c.from_tier.value if c.from_tier else None,
                     c.to_tier.value, c.reason)
                    for c in [*replayed, *changes]
                ],
            )
        self.book.changes.touched.update(row[0] for row in status_rows)
        self.book.changes.moves.extend(c for c in changes if c.from_tier is not None)

    def _stored_rows(self, ids: list[int]) -> dict[int, tuple]:
        """The stored verdicts of these contacts, as rows of ``STATUS_COLUMNS`` (one scan when many)."""
        select = f"SELECT {', '.join(STATUS_COLUMNS)} FROM contact_status"
        if len(ids) > 5000:
            return {row[0]: row for row in self.book.conn.execute(select)}
        found: dict[int, tuple] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update((row[0], row) for row in self.book.conn.execute(f"{select} WHERE contact_id IN ({marks})",
                                                                         chunk))
        return found
