"""The articles' own examples, played through a real book file.

Seed 001: "it helped us ... turn four clients into partners" — the moves query says 4.
Seed 003: a partner who also buys is a hybrid.
Seed 004: clients are lost when the relationship breaks down — evidence ages out, the
contact drops a tier, and the history says so.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from core.domain import Kind, Question, Tier
from core.store import Book

YEAR_START = date(2025, 1, 1)


def make_client(book: Book, name: str, today: date) -> int:
    """A repeat buyer with four fresh yes answers: a client on ``today``."""
    contact = book.contacts.add(name, today=today - timedelta(days=60))
    book.interactions.log(contact.id, Kind.PURCHASE, today - timedelta(days=50), amount="80", today=today)
    book.interactions.log(contact.id, Kind.PURCHASE, today - timedelta(days=20), amount="95", today=today)
    for question in Question:
        book.interactions.record_answer(contact.id, question, "yes", today - timedelta(days=10), today=today)
    return contact.id


def test_seed_001_four_clients_became_partners_this_year(book: Book) -> None:
    spring = date(2025, 3, 1)
    clients = [make_client(book, name, spring) for name in ("Marriott", "Gary", "Café Olé", "Hotel Nord", "Ana")]
    assert all(book.status.tier_result(c, spring).tier is Tier.CLIENT for c in clients)
    for month, contact_id in enumerate(clients[:4], start=4):
        day = date(2025, month, 10)
        book.interactions.log(contact_id, Kind.REFERRAL_GIVEN, day, today=day)
        book.interactions.log(contact_id, Kind.REFERRAL_RECEIVED, day + timedelta(days=3), today=day + timedelta(days=3))
    moves = book.status.moves(YEAR_START, date(2025, 12, 31), from_tier=Tier.CLIENT, to_tier=Tier.PARTNER)
    assert len(moves) == 4
    assert {m.contact_name for m in moves} == {"Marriott", "Gary", "Café Olé", "Hotel Nord"}
    assert all(m.reason for m in moves)


def test_seed_003_partner_who_buys_is_hybrid(book: Book) -> None:
    today = date(2026, 6, 1)
    contact = make_client(book, "ColorMetrix", today)
    book.interactions.log(contact, Kind.JOINT_CAMPAIGN, today - timedelta(days=5), today=today)
    result = book.status.tier_result(contact, today)
    assert result.tier is Tier.PARTNER and result.also is Tier.CLIENT
    assert result.display == "Partner · also Client"
    assert book.contacts.rows([contact])[0].display == "Partner · also Client"
    assert book.contacts.view_counts()["hybrid"] == 1


def test_seed_004_demotion_by_ageing_is_recorded_when_reevaluated(book: Book) -> None:
    start = date(2025, 1, 15)
    contact = make_client(book, "Maria", start)
    assert book.status.tier_result(contact, start).tier is Tier.CLIENT
    later = start + timedelta(days=400)  # the answers and purchases have left the window
    changes = book.status.reevaluate_all(later)
    assert [(c.from_tier, c.to_tier) for c in changes] == [(Tier.CLIENT, Tier.CUSTOMER)]
    last = book.status.tier_history(contact)[-1]
    # Dated the day the evidence left W (the last purchase, 20 days before start, plus 365 days),
    # not the day the re-tier happened to run.
    left_window = start - timedelta(days=20) + timedelta(days=365)
    assert left_window == date(2025, 12, 26)
    assert (last.from_tier, last.to_tier, last.changed_on) == (Tier.CLIENT, Tier.CUSTOMER, left_window)
    assert last.reason == "Dropped from client to customer: no purchase since 26 Dec 2024"
    assert book.status.moves(left_window, left_window)[0].contact_name == "Maria"
    assert book.status.moves(left_window + timedelta(days=1), later) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    history=st.lists(
        st.tuples(st.sampled_from(list(Kind)), st.integers(min_value=0, max_value=900)), min_size=0, max_size=15
    ),
    later=st.integers(min_value=0, max_value=500),
)
def test_reevaluating_twice_changes_nothing(tmp_path_factory, history: list[tuple[Kind, int]], later: int) -> None:
    path = tmp_path_factory.mktemp("prop") / "book.rapport"
    today = date(2026, 11, 24)
    with Book.open(path) as book:
        contact = book.contacts.add("Prop", today=today - timedelta(days=1000))
        for kind, days_ago in history:
            book.interactions.log(contact.id, kind, today - timedelta(days=days_ago), today=today)
        when = today + timedelta(days=later)
        book.status.reevaluate_all(when)
        rows_before = book.status.tier_history(contact.id)
        assert book.status.reevaluate_all(when) == []
        assert book.status.tier_history(contact.id) == rows_before
