"""What the Monday page and the weekly review read off the stored verdicts: the checklist (its
candidates by the index, ranked, its phones to dial), the contacts pinned to a week, and the top
buyers a review starts from. A part of ``book.status`` (``Status`` is made of it, of the history,
and of the evidence and the cache), kept apart so that each part is one thing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Collection, Iterable

from core import ladder
from core.domain import Checklist, Contact, Evidence, Settings, TierResult
from core.interchange.phones import default_country, dialling_form
from core.ladder.facts import first_day_of_window
from core.store.rows import in_chunks
from core.store.writes import writes

if TYPE_CHECKING:
    from core.store.book import Book

_SLICE = 5000  # contacts read and evaluated at a time when the whole book is (bounded memory)


class WeeklyReads:
    """The week's reads of ``book.status``."""

    book: Book

    if TYPE_CHECKING:  # the evidence half of ``Status`` (``EvidenceReads``) and its cache provide these
        def evidence_for(self, contacts: dict[int, Contact]) -> dict[int, Evidence]: ...
        def is_stale(self, today: date) -> bool: ...

    def checklist(self, week_start: date, today: date | None = None,
                  per_section: int | None = None) -> Checklist:
        """The weekly partner-cultivation checklist for the week starting on ``week_start`` (a Monday).

        With ``per_section`` (a printout holds a few dozen lines), this week's candidates come from
        the verdicts stored with each contact, best-ranked first, and the rules run only on them;
        each section then says how many more it had. Without it, or for another week, every
        contact is evaluated.
        """
        today = today or date.today()
        settings = self.book.settings()
        pinned = self.pinned(week_start)
        counted: dict[str, int] = {}
        candidates: dict[str, set[int]] = {}
        if per_section is not None and ladder.week_of(today)[0] == week_start and not self.is_stale(today):
            counted, candidates = self._week_candidates(per_section, today)
            wanted = self.book.contacts.many([*(i for ids in candidates.values() for i in ids), *pinned])
            evidence = self.evidence_for({i: c for i, c in wanted.items() if c.deleted_on is None})
            items = [(e, ladder.evaluate(e, settings, today)) for e in evidence.values()]
        else:
            items = self._whom_it_may_list(settings, week_start, today, pinned)
        silence = self._silence([e.contact.id for e, r in items if r.slipping and e.contact.id is not None], today)
        checklist = ladder.build_checklist(items, settings, week_start, today=today, pinned=pinned, silence=silence)
        checklist = replace(checklist, summary=self.book.dashboard.summary(today))
        if counted:
            checklist = replace(checklist, sections=tuple(
                replace(s, more=counted.get(s.key, 0) - sum(e.contact_id in candidates.get(s.key, ()) for e in s.entries))
                for s in checklist.sections))
        return _dialable(checklist, settings.country or default_country())

    def _whom_it_may_list(self, settings: Settings, week_start: date, today: date,
                          pinned: Collection[int]) -> list[tuple[Evidence, TierResult]]:
        """Every live contact evaluated, a slice at a time, and kept only if the checklist could list
        them (``ladder.may_list``): the whole book's evidence held at once took the window to 600 MB
        at 100,000 contacts, for a printout made while a re-tier was under way."""
        ids = [r[0] for r in self.book.conn.execute("SELECT id FROM contacts WHERE deleted_on IS NULL ORDER BY id")]
        kept: list[tuple[Evidence, TierResult]] = []
        for start in range(0, len(ids), _SLICE):
            for evidence in self.evidence_for(self.book.contacts.many(ids[start:start + _SLICE])).values():
                result = ladder.evaluate(evidence, settings, today)
                if ladder.may_list(evidence, result, settings, week_start, today, pinned):
                    kept.append((evidence, result))
        return kept

    def _silence(self, ids: list[int], today: date) -> dict[int, tuple[float, str]]:
        """What each slipping regular's silence costs, and their chance in words (the forecast's)."""
        from core.forecast.outlook import slipping_words

        return {cid: (found.cost_cents, slipping_words(found.alive))
                for cid, found in self.book.forecasts.silence(ids, today).items()}

    def _week_candidates(self, per_section: int, today: date) -> tuple[dict[str, int], dict[str, set[int]]]:
        """How many each section lists this week, and the best-ranked ids of each (by the index)."""
        live = "JOIN contacts c ON c.id = s.contact_id AND c.deleted_on IS NULL"
        counted = dict(self.book.conn.execute(
            f"SELECT s.week_section, count(*) FROM contact_status s {live} WHERE s.week_section IS NOT NULL "
            "GROUP BY s.week_section"))
        candidates = {key: {r[0] for r in self.book.conn.execute(
            f"SELECT s.contact_id FROM contact_status s {live} WHERE s.week_section = ? "
            "ORDER BY s.next_step_due, s.due_on LIMIT ?", [key, per_section])} for key in counted}
        if counted.get("slipping", 0) > per_section and self.book.forecasts.stored() is not None:
            # Ranked by what their silence costs: the dearest of them all, not the first few by date.
            every = [r[0] for r in self.book.conn.execute(
                f"SELECT s.contact_id FROM contact_status s {live} WHERE s.week_section = 'slipping'")]
            costs = self.book.forecasts.silence(every, today)
            every.sort(key=lambda cid: -costs[cid].cost_cents if cid in costs else 0.0)
            candidates["slipping"] = set(every[:per_section])
        return counted, candidates

    def pinned(self, week_start: date) -> set[int]:
        """Contacts the owner put on this week's checklist by hand."""
        return {r[0] for r in self.book.conn.execute(
            "SELECT contact_id FROM checklist_pins WHERE week_start = ?", [week_start.isoformat()])}

    @writes
    def pin_to_checklist(self, contact_ids: Iterable[int], week_start: date) -> None:
        """Put contacts on one week's checklist even if no rule lists them (one action)."""
        with self.book.transaction() as changes:
            changes.touched.update(contact_ids := list(contact_ids))  # their panes say "on this week's checklist"
            self.book.conn.executemany(
                "INSERT OR IGNORE INTO checklist_pins (week_start, contact_id) VALUES (?, ?)",
                [(week_start.isoformat(), cid) for cid in contact_ids],
            )

    def buyers_within_window(self, today: date, at_most: int) -> int:
        """How many live contacts bought within W, counting no further than ``at_most`` (the top
        buyers' count without ranking everyone: the first few purchases of W along its index)."""
        since = first_day_of_window(today, self.book.settings().window_days)
        return self.book.conn.execute(
            "SELECT count(*) FROM (SELECT DISTINCT i.contact_id FROM interactions i INDEXED BY interactions_purchases "
            "JOIN contacts c ON c.id = i.contact_id AND c.deleted_on IS NULL "
            "WHERE i.kind = 'purchase' AND i.occurred_on BETWEEN ? AND ? LIMIT ?)",
            [since.isoformat(), today.isoformat(), at_most]).fetchone()[0]

    def top_buyers(self, today: date, limit: int = 20) -> list[int]:
        """The contacts with the most purchases in the window W (seed 001's "20 companies")."""
        since = first_day_of_window(today, self.book.settings().window_days)
        # Counted per contact off the purchases index first, then joined: a third of the time of
        # joining every purchase of W (60 ms against 165 ms at 100,000 contacts).
        rows = self.book.conn.execute(
            "SELECT p.contact_id FROM (SELECT contact_id, count(*) AS n FROM interactions "
            "INDEXED BY interactions_purchases WHERE kind = 'purchase' AND occurred_on BETWEEN ? AND ? "
            "GROUP BY contact_id) p JOIN contacts c ON c.id = p.contact_id AND c.deleted_on IS NULL "
            "ORDER BY p.n DESC, c.name COLLATE NOCASE LIMIT ?",
            [since.isoformat(), today.isoformat(), limit],
        )
        return [r[0] for r in rows]

    def tiers(self, ids: list[int]) -> dict[int, str]:
        """The stored tier of each of these contacts (a review notes them at its start, to tell
        afterwards who moved): read alone, not with everything a table row shows."""
        if len(ids) > 5000:
            wanted = set(ids)
            return {cid: tier for cid, tier in self.book.conn.execute("SELECT contact_id, tier FROM contact_status")
                    if cid in wanted}
        found: dict[int, str] = {}
        for chunk in in_chunks(ids):
            marks = ",".join("?" * len(chunk))
            found.update(self.book.conn.execute(
                f"SELECT contact_id, tier FROM contact_status WHERE contact_id IN ({marks})", chunk))
        return found


def _dialable(checklist: Checklist, country: str) -> Checklist:
    """The printed checklist is called from: phones in the form to dial, as phonenumbers formats them."""
    sections = tuple(
        replace(section, entries=tuple(replace(e, phone=dialling_form(e.phone, country)) if e.phone else e
                                       for e in section.entries))
        for section in checklist.sections)
    return replace(checklist, sections=sections)

