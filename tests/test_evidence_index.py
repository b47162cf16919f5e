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
