"""The review's core: who to walk through, resuming, the summary, pins on the checklist."""

from __future__ import annotations

from datetime import date, timedelta

from core.domain import Kind, Question, Tier
from core.review import SCOPES, ReviewSession, candidates, scope_sizes, summarise
from core.store import Book

TODAY = date(2026, 11, 24)


def buyer(book: Book, name: str, purchases: int, label: Tier | None = None) -> int:
    contact = book.contacts.add(name, label=label, today=TODAY - timedelta(days=400))
    for n in range(purchases):
        book.interactions.log(contact.id, Kind.PURCHASE, TODAY - timedelta(days=10 + 20 * n), today=TODAY)
    return contact.id


def test_candidates_per_scope(book: Book) -> None:
    many = [buyer(book, f"Buyer {n:02d}", purchases=1 + n % 5) for n in range(25)]
    prospect = book.contacts.add("Pia", today=TODAY).id
    book.interactions.log(prospect, Kind.INQUIRY, TODAY - timedelta(days=20), today=TODAY)
    top = candidates(book, "top20", TODAY)
    assert len(top) == 20 and prospect not in top
    counts = [len(book.interactions.for_contact(cid)) for cid in top]
    assert counts == sorted(counts, reverse=True)
    assert set(candidates(book, "customers", TODAY)) == set(many)
    assert candidates(book, "clients", TODAY) == []
    assert prospect in candidates(book, "due", TODAY)
    assert candidates(book, "selection", TODAY, selection=[many[3], many[1]]) == [many[3], many[1]]
    assert candidates(book, "view", TODAY, view="prospect") == [prospect]


def test_session_saves_and_resumes_at_the_next_contact(book: Book) -> None:
    ids = [buyer(book, name, 1) for name in ("Ana", "Bob", "Cy")]
    session = ReviewSession.start(book, "customers", ids, TODAY)
    session.position = 1
    session.save(book)
    resumed = ReviewSession.load(book)
    assert resumed is not None and resumed.current == ids[1] and resumed.tiers_before[str(ids[0])] == "customer"
    resumed.position = 3
    resumed.save(book)
    assert ReviewSession.load(book) is None, "a finished review is not offered again"
    ReviewSession.path(book).write_text("{broken")
    assert ReviewSession.load(book) is None


def test_summary_counts_changes_labels_and_one_step_customers(book: Book) -> None:
    maria = buyer(book, "Maria", 3)
    hotel = buyer(book, "Hôtel du Parc", 2, label=Tier.PARTNER)
    gary = buyer(book, "Gary", 1, label=Tier.CLIENT)
    session = ReviewSession.start(book, "customers", [maria, hotel, gary], TODAY)
    for question in Question:
        book.interactions.record_answer(maria, question, "yes", today=TODAY)
    for question in list(Question)[:3]:
        book.interactions.record_answer(hotel, question, "yes", today=TODAY)
    session.position = 3
    summary = summarise(book, session, TODAY)
    assert summary.reviewed == 3
    assert summary.changes == [(maria, "Maria", Tier.CUSTOMER, Tier.CLIENT)]
    assert summary.promoted == 1 and summary.demoted == 0
    assert summary.label_sentences == ["You call 1 of them a partner; the evidence supports 0.",
                                       "You call 1 of them a client; the evidence supports 0."]
    assert [(cid, step) for cid, _, step in summary.customers_one_step] == [
        (hotel, "Earn Hôtel's trust: keep a promise you made, and ask how the last order went")]


def test_pinned_contacts_join_this_weeks_checklist(book: Book) -> None:
    quiet = buyer(book, "Quiet Customer", 1)
    monday = TODAY - timedelta(days=TODAY.weekday())
    listed = {e.contact_id for s in book.status.checklist(monday, TODAY).sections for e in s.entries}
    assert quiet not in listed
    book.status.pin_to_checklist([quiet], monday)
    section = next(s for s in book.status.checklist(monday, TODAY).sections if s.key == "customers_to_client")
    assert [(e.contact_id, e.why) for e in section.entries] == [(quiet, "You added them from your review")]
    next_week = monday + timedelta(days=7)
    assert quiet not in {e.contact_id for s in book.status.checklist(next_week, TODAY).sections for e in s.entries}


def test_the_scope_sizes_are_what_each_scope_lists(book: Book) -> None:
    """The dialog counts each scope without listing it; the counts must be what Start then lists."""
    def sizes_and_lengths(selection: list[int], view: str) -> tuple[dict[str, int], dict[str, int]]:
        sizes = scope_sizes(book, TODAY, selection, view)
        return sizes, {scope: len(candidates(book, scope, TODAY, selection, view)) for scope in SCOPES}

    assert sizes_and_lengths([], "all") == ({s: 0 for s in SCOPES}, {s: 0 for s in SCOPES})
    few = [buyer(book, f"Buyer {n:02d}", purchases=1 + n % 3) for n in range(4)]
    book.contacts.delete_many(few[3:], TODAY)  # a buyer in the Trash is no top buyer
    old = book.contacts.add("Olga", source="Bridal fair 2026", today=TODAY - timedelta(days=800)).id
    book.interactions.log(old, Kind.PURCHASE, TODAY - timedelta(days=500), today=TODAY)  # outside W: no top buyer
    sizes, lengths = sizes_and_lengths(few[:2], "source:Bridal fair 2026")
    assert sizes == lengths and sizes["top20"] == 3 and sizes["view"] == 1 and sizes["selection"] == 2
    many = [buyer(book, f"Guest {n:02d}", purchases=1) for n in range(25)]
    book.contacts.delete_many(many[:2], TODAY)  # the Trash is counted nowhere
    sizes, lengths = sizes_and_lengths([], "customer")
    assert sizes == lengths and sizes["top20"] == 20 and sizes["customers"] == 3 + 1 + 23


def test_a_review_of_thousands_notes_where_each_stood(book: Book) -> None:
    """Thousands are read in one pass, not in chunks: every one of them is still noted."""
    from core.domain import Contact

    ids = book.bulk.add_many([Contact(name=f"Guest {n:04d}") for n in range(5001)], today=TODAY)
    book.interactions.log(ids[-1], Kind.PURCHASE, TODAY - timedelta(days=3), today=TODAY)
    session = ReviewSession.start(book, "view", ids, TODAY)
    assert len(session.tiers_before) == 5001
    assert (session.tiers_before[str(ids[0])], session.tiers_before[str(ids[-1])]) == ("suspect", "customer")
