"""The owner's actions (core.operations): each is one transaction and says what it changed: whose
verdicts were worked out again and who moved on the ladder, in the words the tier history keeps."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from core import operations
from core.cli import run
from core.domain import Kind, Question
from core.errors import NotFoundError
from core.store import Book

TODAY = date(2026, 11, 24)


@pytest.fixture()
def book(tmp_path: Path):
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as opened:
        yield opened


def moves_of(changes) -> list[tuple[str, str, str, str]]:
    return sorted((m.contact_name, m.from_tier.value, m.to_tier.value, m.reason) for m in changes.moves)


def test_a_referral_reports_both_contacts_it_moved(book: Book) -> None:
    sofia = book.contacts.add("Sofia Rossi", today=TODAY - timedelta(days=30))
    anna = book.contacts.add("Anna Berg", today=TODAY - timedelta(days=30))
    done = operations.log(book, sofia.id, Kind.REFERRAL_RECEIVED, TODAY, referred_contact_id=anna.id, today=TODAY)
    assert (done.value.kind, done.value.referred_contact_id) == (Kind.REFERRAL_RECEIVED, anna.id)
    assert done.changes.touched == {sofia.id, anna.id}
    assert moves_of(done.changes) == [
        ("Anna Berg", "suspect", "prospect", "Now a prospect: Referred to us on 24 Nov 2026"),
        ("Sofia Rossi", "suspect", "prospect", "Now a prospect: Sent us business on 24 Nov 2026"),
    ]


def test_a_log_that_moves_nobody_reports_no_move(book: Book) -> None:
    ana = book.contacts.add("Ana", today=TODAY - timedelta(days=30))
    operations.log(book, ana.id, Kind.PURCHASE, TODAY - timedelta(days=2), amount="10", today=TODAY)
    done = operations.log(book, ana.id, Kind.CONVERSATION, TODAY, note="thank you call", today=TODAY)
    assert done.changes.touched == {ana.id} and done.changes.moves == []


def test_the_fourth_yes_reports_the_move_to_client(book: Book) -> None:
    ana = book.contacts.add("Ana", today=TODAY - timedelta(days=90))
    for days in (40, 20):
        operations.log(book, ana.id, Kind.PURCHASE, TODAY - timedelta(days=days), amount="10", today=TODAY)
    *first, last = list(Question)
    for question in first:
        assert operations.answer(book, ana.id, question, "yes", today=TODAY).changes.moves == []
    done = operations.answer(book, ana.id, last, "yes", today=TODAY)
    assert (done.value.question, done.value.answer.value) == (last, "yes")
    assert moves_of(done.changes) == [("Ana", "customer", "client",
                                       "Now a client: 2 purchases, the last on 4 Nov 2026; "
                                       "All four client-test answers yes, checked 24 Nov 2026")]


def test_trashing_a_selection_is_all_or_nothing_and_reports_the_referrer_it_re_tiered(book: Book) -> None:
    sofia = book.contacts.add("Sofia Rossi", today=TODAY)
    anna, bo = book.contacts.add("Anna Berg", today=TODAY), book.contacts.add("Bo Li", today=TODAY)
    operations.log(book, sofia.id, Kind.REFERRAL_RECEIVED, TODAY, referred_contact_id=anna.id, today=TODAY)
    with pytest.raises(NotFoundError, match="No contact with number 99 in the book."):
        operations.delete_contacts(book, [anna.id, 99], TODAY)
    assert book.contacts.view_counts()["trash"] == 0, "refused whole: nobody went to the Trash"
    done = operations.delete_contacts(book, [anna.id, bo.id], TODAY)
    assert [c.name for c in done.value] == ["Anna Berg", "Bo Li"] and book.contacts.view_counts()["trash"] == 2
    assert done.changes.touched == {anna.id, bo.id, sofia.id}, "they leave the lists, and the one linked to them is re-tiered"
    kept = book.conn.execute("SELECT count(*) FROM contact_status WHERE contact_id IN (?, ?)", [anna.id, bo.id]).fetchone()[0]
    assert kept == 2, "they keep their verdicts in the Trash (an undo finds them unchanged)"


def test_a_new_day_reports_only_whose_day_had_come(book: Book) -> None:
    quiet = book.contacts.add("Quiet", today=TODAY - timedelta(days=400))
    ana = book.contacts.add("Ana", today=TODAY - timedelta(days=400))
    book.interactions.log(ana.id, Kind.PURCHASE, TODAY - timedelta(days=364), amount="5", today=TODAY)
    book.status.reevaluate_all(TODAY)
    changes = operations.bring_up_to_date(book, TODAY + timedelta(days=1))
    assert quiet.id not in changes.touched and changes.touched == {ana.id}
    assert changes.moves == [], "still a customer: her purchase only left W"
    assert operations.bring_up_to_date(book, TODAY + timedelta(days=1)).touched == set(), "nothing is due twice"


def test_the_command_line_tells_every_move_a_log_makes(tmp_path: Path) -> None:
    path = tmp_path / "book.rapport"
    with Book.open(path) as book:
        book.contacts.add("Sofia Rossi", today=TODAY)
        book.contacts.add("Anna Berg", today=TODAY)
    out, err = io.StringIO(), io.StringIO()
    code = run(["--book", str(path), "--today", TODAY.isoformat(), "log", "1", "referral_received", "--referred", "2"],
               out=out, err=err)
    assert (code, err.getvalue()) == (0, "")
    assert out.getvalue().splitlines() == ["Logged referral received for Sofia Rossi on 24 Nov 2026.",
                                           "Sofia Rossi is now a Prospect.", "Anna Berg is now a Prospect."]


def test_an_edit_reads_the_amount_as_a_new_log_does(book) -> None:
    """One reading of what the owner types: "1.000,50" is a thousand in a German book, logged or edited."""
    from core import operations

    book.update_settings(number_locale="de_DE")
    ana = book.contacts.add("Ana")
    logged = operations.log(book, ana.id, "purchase", "2026-11-02", amount="1.000,50").value
    assert logged.amount_cents == 100050
    before = operations.edit_interaction(book, logged, kind="purchase", occurred_on="2026-11-03", note="Hochzeit",
                                         amount="2.000,25").value
    assert before == logged
    edited = book.interactions.get(logged.id)
    assert (edited.amount_cents, edited.occurred_on.isoformat(), edited.note) == (200025, "2026-11-03", "Hochzeit")
