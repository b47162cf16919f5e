"""Gathering a contact's evidence reads one index, never the interaction rows themselves."""

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
    everything = next(s for s in reads if "step_key" in s and "resolved_on" in s)
    assert plans[everything] == ["SEARCH interactions USING COVERING INDEX interactions_evidence (contact_id=?)"]
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
        reads = [s for s in statements if "step_key" in s and "FROM interactions" in s]
        assert ["contact_id IS NOT NULL" in s for s in reads] == ([True] if len(some) == 8 else [False])
