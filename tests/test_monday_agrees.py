"""The Monday page says what the lists say: a client whose answers aged out is under "Clients to
keep"; a till's old customers are lapsed, not due today; a day shown as come is a Monday line."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

from core import ladder
from core.cli import run
from core.store import Book
from tests.ladder_factories import SETTINGS, TODAY, W, answers, evidence

MONDAY = date(2026, 11, 23)


def week(ev) -> dict[str, list[tuple[str, str]]]:
    checklist = ladder.build_checklist([(ev, ladder.evaluate(ev, SETTINGS, TODAY))], SETTINGS, MONDAY, today=TODAY)
    return {s.key: [(e.why, e.step) for e in s.entries] for s in checklist.sections if s.entries}


def test_a_client_whose_answers_aged_out_is_a_client_to_keep_with_the_test_to_check_again() -> None:
    aged = evidence(purchases=(5, 40), answered=answers(W))  # answered exactly W ago: aged out today
    result = ladder.evaluate(aged, SETTINGS, TODAY)
    assert result.tier.value == "customer" and result.state == ""
    assert week(aged) == {"clients_to_keep": [(
        "Client-test answers turned 12 months old on 24 Nov 2026: check the client test again",
        "Check the client test with Maria again: your answers turned 12 months old on 24 Nov 2026")]}
    fresh = evidence(purchases=(5, 40), answered=answers(W - 1))  # one day younger: still a client
    assert ladder.evaluate(fresh, SETTINGS, TODAY).tier.value == "client"
    assert week(fresh) == {"clients_to_keep": [(
        "Client-test answers turn 12 months old on 25 Nov 2026",
        "Check the client test with Maria again by 24 Nov 2026")]}


def test_a_customer_whose_answers_aged_out_but_whose_visits_did_too_is_lapsed_not_kept() -> None:
    gone = evidence(purchases=(W + 40, W + 5), answered=answers(W + 1))
    result = ladder.evaluate(gone, SETTINGS, TODAY)
    assert result.display == "Customer · lapsed" and week(gone) == {}


def test_a_customer_with_one_old_visit_is_lapsed_and_one_with_a_recent_inquiry_is_not() -> None:
    old = evidence(purchases=(W + 1,))
    assert ladder.evaluate(old, SETTINGS, TODAY).state == "lapsed"
    assert ladder.plan_for(old, ladder.evaluate(old, SETTINGS, TODAY), SETTINGS, TODAY).steps == ()
    within = evidence(purchases=(W - 1,))
    assert ladder.evaluate(within, SETTINGS, TODAY).state == ""
    asking = evidence(purchases=(W + 1,), inquiries=(3,))
    assert ladder.evaluate(asking, SETTINGS, TODAY).state == ""


def test_a_tills_log_of_old_customers_is_lapsed_and_nobody_is_due_today(tmp_path: Path) -> None:
    log = tmp_path / "till.csv"
    lines = ["Customer ID,Date,Amount"]
    for n in range(40):
        lines += [f"C{n:03d},2019-0{1 + n % 9}-12,12.50", f"C{n:03d},2020-0{1 + n % 9}-03,30.00"]
    lines += ["C900,2026-11-20,18.00"]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    book_path = tmp_path / "shop.rapport"
    out = io.StringIO()
    assert run(["--book", str(book_path), "--today", TODAY.isoformat(), "import", str(log), "--sales"], out=out) == 0, \
        out.getvalue()
    with Book.open(book_path, backup_daily=False) as book:
        rows = book.contacts.list_rows()
        assert len(rows) == 41
        old = [r for r in rows if r.name != "C900" and r.name != "Customer C900"]
        assert all(r.display == "Customer · lapsed" and r.due_on is None and r.next_step == "" for r in old), \
            {r.display for r in old}
        shown_due = {r.id for r in rows if r.due_on is not None and r.due_on <= TODAY}
        listed = {e.contact_id for s in book.status.checklist(MONDAY, TODAY).sections for e in s.entries}
        assert shown_due <= listed
        assert book.contacts.view_counts()["due"] == len(listed)


def test_a_day_that_has_come_shows_only_for_whom_the_page_lists(book: Book) -> None:
    """Bea bought twice and has four questions unanswered: her plan's steps fell due, but she is on no
    section of the Monday page, so the list shows her step without a day in bold."""
    from core.domain import Kind

    bea = book.contacts.add("Bea Novak", today=TODAY - timedelta(days=200))
    for days in (150, 120):
        book.interactions.log(bea.id, Kind.PURCHASE, TODAY - timedelta(days=days), today=TODAY)
    [row] = book.contacts.rows([bea.id])
    assert row.next_step.startswith("Learn what else Bea needs") and row.due_on is None
    assert book.status.this_week(bea.id, TODAY) is None
    soon = book.contacts.add("Cy Okafor", today=TODAY)
    for days in (30, 2):
        book.interactions.log(soon.id, Kind.PURCHASE, TODAY - timedelta(days=days), today=TODAY)
    [row] = book.contacts.rows([soon.id])
    assert row.due_on == TODAY + timedelta(days=88)  # a day still to come is shown as it is
