"""The interaction log and the client test, with every bad-input case."""

from __future__ import annotations

from datetime import date

import pytest

from core.domain import Answer, Kind, Question, Tier
from core.errors import NotFoundError, ValidationError
from core.store import Book

TODAY = date(2026, 11, 24)


def _count(book: Book, table: str) -> int:
    return book.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_log_purchase_stores_cents_and_promotes(book: Book) -> None:
    ana = book.contacts.add("Ana", today=TODAY)
    logged = book.interactions.log(ana.id, "purchase", "2026-11-02", note="wedding bouquet", amount="42.50", today=TODAY)
    assert logged.amount_cents == 4250
    assert book.interactions.get(logged.id).occurred_on == date(2026, 11, 2)
    assert book.status.tier_result(ana.id, TODAY).tier is Tier.CUSTOMER
    assert [h.to_tier for h in book.status.tier_history(ana.id)] == [Tier.SUSPECT, Tier.CUSTOMER]


def test_date_defaults_to_today(book: Book) -> None:
    ana = book.contacts.add("Ana", today=TODAY)
    assert book.interactions.log(ana.id, Kind.NOTE, today=TODAY).occurred_on == TODAY


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"kind": "purchase", "occurred_on": "2026-02-31"}, "date", "no such day"),
        ({"kind": "purchase", "occurred_on": "02/11/2026"}, "date", "YYYY-MM-DD"),
        ({"kind": "purchase", "amount": "-5"}, "amount", "negative"),
        ({"kind": "purchase", "amount": "12.345"}, "amount", "has 3 decimals; did you mean 12,345.00 or 12.34?"),
        ({"kind": "purchase", "amount": "lots"}, "amount", "not an amount"),
        ({"kind": "gossip"}, "kind", "unknown kind"),
        ({"kind": "referral_received", "referred_contact_id": 999}, "referred contact", "no such contact"),
        ({"kind": "purchase", "referred_contact_id": 1}, "referred contact", "only a referral"),
    ],
)
def test_bad_interaction_names_field_and_changes_nothing(book: Book, kwargs: dict, field: str, words: str) -> None:
    ana = book.contacts.add("Ana", today=TODAY)
    book.contacts.add("Bob", today=TODAY)
    history_before = _count(book, "tier_history")
    with pytest.raises(ValidationError) as error:
        book.interactions.log(ana.id, today=TODAY, **kwargs)
    assert error.value.field == field
    assert words in str(error.value)
    assert _count(book, "interactions") == 0
    assert _count(book, "tier_history") == history_before


def test_log_for_missing_contact(book: Book) -> None:
    with pytest.raises(NotFoundError):
        book.interactions.log(42, "purchase", today=TODAY)


def test_referral_names_referred_contact_and_makes_them_prospect(book: Book) -> None:
    ana = book.contacts.add("Ana", today=TODAY)
    bob = book.contacts.add("Bob", today=TODAY)
    book.interactions.log(ana.id, "referral_received", "2026-11-10", referred_contact_id=bob.id, today=TODAY)
    assert book.status.tier_result(bob.id, TODAY).tier is Tier.PROSPECT, "someone referred Bob to us"
    ledger = book.interactions.referral_ledger(ana.id)
    assert [(line.direction, line.other_name) for line in ledger] == [(Kind.REFERRAL_RECEIVED, "Bob")]


def test_edit_delete_and_restore_interaction(book: Book) -> None:
    ana = book.contacts.add("Ana", today=TODAY)
    logged = book.interactions.log(ana.id, "purchase", "2026-11-02", amount="10", today=TODAY)
    before = book.interactions.update(
        book.interactions.get(logged.id).__class__(**{**logged.__dict__, "kind": Kind.INQUIRY, "amount_cents": None}),
        today=TODAY,
    )
    assert before.kind is Kind.PURCHASE
    assert book.status.tier_result(ana.id, TODAY).tier is Tier.PROSPECT
    deleted = book.interactions.delete(logged.id, today=TODAY)
    assert book.interactions.for_contact(ana.id) == []
    assert book.status.tier_result(ana.id, TODAY).tier is Tier.SUSPECT
    book.interactions.restore(deleted, today=TODAY)
    assert book.interactions.for_contact(ana.id)[0].id == logged.id


def test_answers_keep_history_and_latest_wins(book: Book) -> None:
    ana = book.contacts.add("Ana", today=TODAY)
    book.interactions.record_answer(ana.id, Question.TRUST, "no", "2026-01-05", today=TODAY)
    latest = book.interactions.record_answer(ana.id, "trust", "y", "2026-10-01", today=TODAY)
    assert book.interactions.answers_for(ana.id)[Question.TRUST].answer is Answer.YES
    assert len(book.interactions.answer_history(ana.id)) == 2
    book.interactions.delete_answer(latest.id, today=TODAY)
    assert book.interactions.answers_for(ana.id)[Question.TRUST].answer is Answer.NO


@pytest.mark.parametrize(
    ("question", "answer", "day", "field"),
    [("loyalty", "yes", None, "question"), ("trust", "maybe", None, "answer"), ("trust", "yes", "2027-01-01", "answered on")],
)
def test_bad_answer_is_refused(book: Book, question: str, answer: str, day: str | None, field: str) -> None:
    ana = book.contacts.add("Ana", today=TODAY)
    with pytest.raises(ValidationError) as error:
        book.interactions.record_answer(ana.id, question, answer, day, today=TODAY)
    assert error.value.field == field
    assert _count(book, "client_test_answers") == 0


def test_failure_half_way_leaves_nothing_behind(book: Book) -> None:
    """The transaction rule: an error after the first write of an action rolls all of it back."""
    ana = book.contacts.add("Ana", today=TODAY)
    with pytest.raises(RuntimeError):
        with book.transaction():
            book.interactions.log(ana.id, "purchase", "2026-11-01", today=TODAY)
            book.interactions.log(ana.id, "purchase", "2026-11-02", today=TODAY)
            raise RuntimeError("power cut")
    assert _count(book, "interactions") == 0
    assert book.status.tier_result(ana.id, TODAY).tier is Tier.SUSPECT
    assert [h.to_tier for h in book.status.tier_history(ana.id)] == [Tier.SUSPECT]


def test_settings_defaults_persist_and_retier(book: Book, book_path) -> None:
    assert book.settings().window_days == 365
    ana = book.contacts.add("Ana", today=TODAY)
    book.interactions.log(ana.id, "inquiry", "2026-06-01", today=TODAY)
    assert book.status.tier_result(ana.id, TODAY).tier is Tier.PROSPECT
    book.update_settings(today=TODAY, business_name="Bloom & Stem", paper_size="Letter")
    book.close()
    reopened = Book.open(book_path)
    try:
        assert reopened.settings().business_name == "Bloom & Stem"
        assert reopened.settings().paper_size == "Letter"
        with pytest.raises(ValidationError):
            reopened.update_settings(window_days="-3")
        with pytest.raises(ValidationError):
            reopened.update_settings(paper_size="A3")
        assert reopened.settings().window_days == 365
    finally:
        reopened.close()


def test_tier_listener_hears_changes_after_commit(book: Book) -> None:
    heard = []
    book.tier_listeners.append(heard.extend)
    ana = book.contacts.add("Ana", today=TODAY)
    assert heard == [], "entering the ladder is not a move"
    book.interactions.log(ana.id, "purchase", today=TODAY)
    assert [(c.contact_name, c.from_tier, c.to_tier) for c in heard] == [("Ana", Tier.SUSPECT, Tier.CUSTOMER)]


@pytest.mark.parametrize("typed", ["£150", "150 GBP", "£ 150.00", "GBP 150"])
def test_an_amount_with_its_currency_sign_or_code_is_read(book: Book, typed: str) -> None:
    book.update_settings(currency="GBP", number_locale="en_GB")
    ana = book.contacts.add("Ana", today=TODAY)
    logged = book.interactions.log(ana.id, "purchase", "2026-11-02", amount=typed, today=TODAY)
    assert logged.amount_cents == 15000
