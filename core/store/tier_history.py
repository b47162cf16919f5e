"""The tier history of a book: every move up or down, with its day and reason, read and kept.

Moves are recorded by ``Status.store_verdicts`` as verdicts change; a write that adds, changes or
takes away evidence replays the history from that evidence's day (``ladder.moves_since``), and an
undo takes out what the undone action recorded.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterable

from core import ladder
from core.domain import Evidence, Tier, TierChange, TierResult
from core.store.rows import dict_rows, change_from_row
from core.store.writes import writes

if TYPE_CHECKING:
    from core.store.book import Book


class TierHistory:
    """The history half of ``book.status``: what moved, when, and why."""

    book: Book

    def _replay(self, cid: int, ev: Evidence, result: TierResult, since: date, today: date) -> list[TierChange]:
        """The contact's moves from ``since`` on, taken out and worked out again from the evidence
        (the rows to insert); a rare last move the replay's days miss is dated as any other."""
        settings = self.book.settings()
        self.book.conn.execute("DELETE FROM tier_history WHERE contact_id = ? AND from_tier IS NOT NULL "
                               "AND changed_on >= ?", [cid, since.isoformat()])
        self.book.changes.rewritten.add(cid)
        moves = [TierChange(cid, day, before, after, reason, ev.contact.name)
                 for day, before, after, reason in ladder.moves_since(ev, settings, since, today)]
        reached = moves[-1].to_tier if moves else ladder.tier_on(ev, settings, since - timedelta(days=1))
        if reached is not result.tier:
            on = max(ladder.tier_since(ev, settings, today, result.tier), since)
            moves.append(TierChange(cid, on, reached, result.tier, ladder.change_reason(reached, result),
                                    ev.contact.name))
        return moves

    def history_mark(self) -> int:
        """Where the tier history stands now: the moves recorded after this are those of what comes next."""
        return int(self.book.conn.execute("SELECT coalesce(max(id), 0) FROM tier_history").fetchone()[0])

    def moved_since(self, mark: int) -> set[int]:
        """The contacts with a move recorded after ``mark``: the rows after it by their number, made
        distinct here (asked for DISTINCT, SQLite walked the whole by-contact index instead: 4 ms of
        every log at 100,000 contacts, and growing with the history)."""
        return {r[0] for r in self.book.conn.execute("SELECT contact_id FROM tier_history WHERE id > ?", [mark])}

    @writes
    def forget_moves_since(self, mark: int, contact_ids: Iterable[int]) -> None:
        """Take out the moves recorded after ``mark`` for these contacts: an action undone leaves the
        history as if it had never happened (its move and the move back both go). A contact's entry
        into the book is no move: it stays, as the contact does (in the Trash)."""
        ids = list(contact_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            self.book.conn.execute(f"DELETE FROM tier_history WHERE id > ? AND from_tier IS NOT NULL "
                                   f"AND contact_id IN ({','.join('?' * len(chunk))})", [mark, *chunk])

    def tier_history(self, contact_id: int) -> list[TierChange]:
        """Every move of one contact in the order it was recorded (a back-filled purchase may date a
        move before the day the contact entered the book; the order still reads as it happened here)."""
        rows = dict_rows(self.book.conn,
            "SELECT h.*, c.name FROM tier_history h JOIN contacts c ON c.id = h.contact_id "
            "WHERE h.contact_id = ? ORDER BY h.id",
            [contact_id],
        )
        return [change_from_row(r) for r in rows]

    def moves(
        self,
        since: date,
        until: date | None = None,
        from_tier: Tier | None = None,
        to_tier: Tier | None = None,
    ) -> list[TierChange]:
        """Who moved between tiers in a period ("four clients became partners this year").

        A contact's first entry on the ladder (no previous tier) is not a move.
        """
        sql = (
            "SELECT h.*, c.name FROM tier_history h JOIN contacts c ON c.id = h.contact_id "
            "WHERE h.from_tier IS NOT NULL AND h.changed_on >= ? AND h.changed_on <= ?"
        )
        params: list[object] = [since.isoformat(), (until or date.max).isoformat()]
        if from_tier:
            sql += " AND h.from_tier = ?"
            params.append(from_tier.value)
        if to_tier:
            sql += " AND h.to_tier = ?"
            params.append(to_tier.value)
        return [change_from_row(r) for r in dict_rows(self.book.conn, sql + " ORDER BY h.changed_on, h.id", params)]
