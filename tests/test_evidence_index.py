"""Gathering a contact's evidence reads one index, never the interaction rows themselves, and
SQLite joins each kind's days: the Python that reads them sees a row per contact and kind."""

from __future__ import annotations

from datetime import date

from core.domain import Kind
from core.store import Book

TODAY = date(2026, 11, 24)


def test_evidence_is_read_off_the_covering_index(book: Book) -> None:
    ana, bo = book.contacts.add("Ana", today=TODAY), book.contacts.add("Bo", today=TODAY)
    book.interactions.log(ana.id, Kind.PURCHASE, TODAY, amount="5", today=TODAY)
    book.interactions.log(ana.id, Kind.REFERRAL_RECEIVED, TODAY, referred_contact_id=bo.id, today=TODAY)
    statements: list[str] = []
    book.conn.set_trace_callback(statements.append)
    try:
        evidence = book.status.evidence(ana.id)
    finally:
        book.conn.set_trace_callback(None)
    assert evidence.purchases == (TODAY,) and evidence.referrals_received == (TODAY,)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM interactions" in s]
    assert reads, "evidence is read from the interactions"
    plans = {s: [r[3] for r in book.conn.execute(f"EXPLAIN QUERY PLAN {s}")] for s in reads}
    by_kind = next(s for s in reads if "group_concat(occurred_on)" in s)
    assert plans[by_kind] == ["SEARCH interactions USING COVERING INDEX interactions_evidence (contact_id=?)"]
    assert all("SCAN interactions" not in step for plan in plans.values() for step in plan), plans


def test_a_large_batch_reads_its_own_rows_and_most_of_the_book_reads_every_row_once(book: Book, monkeypatch) -> None:
    """Past a few thousand ids: a part of the book is read in chunks along the index (a new partner
    cadence reaches 16,000 of 100,000: their rows, not the million); half the book or more in one pass.
    Either way each contact's evidence is the one read for it alone. The threshold is lowered here."""
    from core.store.evidence_reads import EvidenceReads

    monkeypatch.setattr(EvidenceReads, "CHUNKED_UP_TO", 2)
    people = [book.contacts.add(f"Person {n}", today=TODAY) for n in range(10)]
    for n, person in enumerate(people):
        for days in range(n % 3 + 1):
            book.interactions.log(person.id, Kind.PURCHASE, date(2026, 11, 1 + days), amount="5", today=TODAY)
    book.interactions.log(people[0].id, Kind.REFERRAL_RECEIVED, TODAY, referred_contact_id=people[9].id, today=TODAY)
    alone = {p.id: book.status.evidence(p.id) for p in people}
    for some in (people[:4], people[:8]):  # 4 of 10: chunks along the index; 8 of 10: one pass over every row
        statements: list[str] = []
        book.conn.set_trace_callback(statements.append)
        try:
            together = book.status.evidence_for({p.id: p for p in some})
        finally:
            book.conn.set_trace_callback(None)
        assert together == {p.id: alone[p.id] for p in some}
        reads = [s for s in statements if "group_concat(occurred_on)" in s]
        assert ["contact_id IS NOT NULL" in s for s in reads] == ([True] if len(some) == 8 else [False])


def test_every_kind_reads_as_the_rules_expect(book: Book) -> None:
    """Each kind's days, in order and with a day's two purchases kept twice; notes and refunds are no
    touch; an open complaint is no touch, a resolved one is, on the day it was put right; a step
    ticked twice is done on the later day; an empty step key is no step."""
    ana = book.contacts.add("Ana", today=TODAY)
    log = book.interactions.log
    log(ana.id, Kind.PURCHASE, date(2026, 11, 3), amount="5", today=TODAY)
    log(ana.id, Kind.PURCHASE, date(2026, 10, 1), amount="5", today=TODAY)
    log(ana.id, Kind.PURCHASE, date(2026, 11, 3), amount="7", today=TODAY, step_key="thank")
    log(ana.id, Kind.INQUIRY, date(2026, 9, 9), today=TODAY, step_key="thank")
    log(ana.id, Kind.NOTE, date(2026, 11, 20), today=TODAY)
    log(ana.id, Kind.REFUND, date(2026, 11, 21), amount="5", today=TODAY)
    log(ana.id, Kind.CONVERSATION, date(2026, 11, 22), today=TODAY, step_key="")
    log(ana.id, Kind.COMPLAINT, date(2026, 8, 1), today=TODAY)
    book.interactions.resolve_complaints(ana.id, on=date(2026, 8, 5))
    log(ana.id, Kind.COMPLAINT, date(2026, 11, 23), today=TODAY)
    evidence = book.status.evidence(ana.id)
    assert evidence.purchases == (date(2026, 10, 1), date(2026, 11, 3), date(2026, 11, 3))
    assert evidence.inquiries == (date(2026, 9, 9),)
    assert evidence.touches == (date(2026, 8, 5), date(2026, 9, 9), date(2026, 10, 1), date(2026, 11, 3),
                                date(2026, 11, 22))
    assert evidence.last_interaction == date(2026, 11, 22)
    assert evidence.open_complaints == (date(2026, 11, 23),)
    assert evidence.resolved_complaints == ((date(2026, 8, 1), date(2026, 8, 5)),)
    assert evidence.done_steps == {"thank": date(2026, 11, 3)}


def test_the_moves_after_a_mark_are_read_by_their_number_not_the_whole_history(book: Book) -> None:
    """Every operation asks who moved since it began (``moved_since``): read along the row numbers
    after the mark, never a walk of the whole history (4 ms a log at 100,000 contacts)."""
    ana = book.contacts.add("Ana", today=TODAY)
    mark = book.status.history_mark()
    book.interactions.log(ana.id, Kind.PURCHASE, TODAY, amount="5", today=TODAY)
    statements: list[str] = []
    book.conn.set_trace_callback(statements.append)
    try:
        moved = book.status.moved_since(mark)
    finally:
        book.conn.set_trace_callback(None)
    assert moved == {ana.id}  # a purchase made the suspect a customer
    read = next(s for s in statements if "FROM tier_history" in s)
    plan = [r[3] for r in book.conn.execute(f"EXPLAIN QUERY PLAN {read}")]
    assert plan == ["SEARCH tier_history USING INTEGER PRIMARY KEY (rowid>?)"], plan
