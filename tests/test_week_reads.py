"""The week's reads of the book as the printout makes them (``per_section``): the sections' "and N
more", the phones in the form to dial in the book's country, and the review's top buyers."""

from __future__ import annotations

from datetime import date, timedelta

from core import ladder, operations
from core.store import Book

TODAY = date(2026, 11, 25)  # a Wednesday
MONDAY = ladder.week_of(TODAY)[0]


def printed(book: Book):
    """The checklist as File → Print makes it: this week's candidates from the stored verdicts."""
    checklist = book.status.checklist(MONDAY, TODAY, per_section=40)
    return {s.key: s for s in checklist.sections if s.entries}


def test_a_pinned_contact_alone_in_its_section_has_no_more_behind_it(book: Book) -> None:
    """Ana is due as a prospect; Eve, a customer no rule lists this week, is added from a review: her
    section lists her alone, with nobody more behind her, and Ana's says nobody more either."""
    ana = book.contacts.add("Ana Ruiz", today=TODAY - timedelta(days=20))
    operations.log(book, ana.id, "inquiry", TODAY - timedelta(days=10), today=TODAY)
    eve = book.contacts.add("Eve Marsh", today=TODAY - timedelta(days=300))
    for days in (40, 20):
        operations.log(book, eve.id, "purchase", TODAY - timedelta(days=days), today=TODAY)
    operations.pin_to_checklist(book, [eve.id], MONDAY)
    sections = printed(book)
    assert [e.name for e in sections["customers_to_client"].entries] == ["Eve Marsh"]
    assert sections["customers_to_client"].more == 0, "nobody else there this week: no 'and 1 more'"
    assert [e.name for e in sections["prospects"].entries] == ["Ana Ruiz"] and sections["prospects"].more == 0


def test_the_printed_phone_is_in_the_form_to_dial_in_the_books_country(book: Book) -> None:
    operations.update_settings(book, TODAY, country="ES")
    ana = book.contacts.add("Ana Ruiz", today=TODAY - timedelta(days=20), phones=("612 345 678",))
    operations.log(book, ana.id, "inquiry", TODAY - timedelta(days=10), today=TODAY)  # a prospect, due
    [entry] = printed(book)["prospects"].entries
    assert entry.phone == "612 34 56 78", "read as a Spanish number, whatever this computer's country"


def test_the_top_buyers_are_twenty_unless_asked_for_more(book: Book) -> None:
    for n in range(21):
        buyer = book.contacts.add(f"Buyer {n:02d}", today=TODAY - timedelta(days=60))
        for visit in range(1 + n % 3):
            operations.log(book, buyer.id, "purchase", TODAY - timedelta(days=5 + visit), today=TODAY)
    assert len(book.status.top_buyers(TODAY)) == 20
    assert len(book.status.top_buyers(TODAY, limit=21)) == 21


def test_a_printed_plan_is_the_plan_of_the_day_it_is_printed_for(book: Book) -> None:
    """``plan_sheet(…, today)`` reads the plan as of that day, not as of this computer's clock."""
    ana = book.contacts.add("Ana Ruiz", today=TODAY - timedelta(days=20))
    operations.log(book, ana.id, "inquiry", TODAY - timedelta(days=10), today=TODAY)
    for day in (TODAY, TODAY + timedelta(days=40)):
        assert book.status.plan_sheet(ana.id, day).plan == book.status.plan(ana.id, day)
    assert book.status.plan(ana.id, TODAY) != book.status.plan(ana.id, TODAY + timedelta(days=40))


def test_a_contact_in_the_trash_still_shows_where_they_stood(book: Book) -> None:
    """The Trash's pane reads a trashed contact's verdict and plan (to restore them knowingly)."""
    ana = book.contacts.add("Ana Ruiz", today=TODAY - timedelta(days=20))
    operations.log(book, ana.id, "purchase", TODAY - timedelta(days=10), amount="20", today=TODAY)
    operations.delete_contacts(book, [ana.id], TODAY)
    assert book.status.tier_result(ana.id, TODAY).display == "Customer"
    assert book.status.evidence(ana.id).purchases == (TODAY - timedelta(days=10),)


def test_the_evidence_of_several_contacts_read_at_once_counts_each_once(book: Book) -> None:
    """Read together (a new day, the checklist), three contacts' evidence is each their own, counted
    once; a refund is money given back, not a visit: no touch, and not the last interaction."""
    people = [book.contacts.add(name, today=TODAY - timedelta(days=60)) for name in ("Ana", "Bo", "Chen")]
    for n, person in enumerate(people):
        operations.log(book, person.id, "purchase", TODAY - timedelta(days=30 + n), amount="20", today=TODAY)
    operations.log(book, people[0].id, "refund", TODAY - timedelta(days=5), amount="20", today=TODAY)
    read = book.status.evidence_for({p.id: p for p in people})
    assert [len(read[p.id].purchases) for p in people] == [1, 1, 1]
    assert read[people[0].id].touches == (TODAY - timedelta(days=30),)
    assert read[people[0].id].last_interaction == TODAY - timedelta(days=30)


def test_a_full_re_tier_of_over_five_thousand_contacts_rewrites_nothing_the_second_time(book: Book) -> None:
    """Past 5,000 contacts the stored verdicts are read in one pass, not in chunks: read back by
    their own contact, a second full re-tier finds every verdict as stored and records no move."""
    from core.domain import Contact, Interaction, Kind

    people = [Contact(name=f"Buyer {n}") for n in range(5_001)]
    bought = [(n, Interaction(contact_id=0, kind=Kind.PURCHASE, occurred_on=TODAY - timedelta(days=3)))
              for n in range(0, 5_001, 7)]
    book.bulk.add_many(people, bought, today=TODAY)
    book.status.reevaluate_all(TODAY)
    moves = book.conn.execute("SELECT count(*) FROM tier_history").fetchone()[0]
    assert book.status.reevaluate_all(TODAY) == []
    assert book.conn.execute("SELECT count(*) FROM tier_history").fetchone()[0] == moves
    assert book.contacts.view_counts()["customer"] == len(bought)


def test_a_checklist_read_slice_by_slice_lists_what_every_contact_evaluated_at_once_lists(tmp_path, monkeypatch) -> None:
    """Another week, or this week on a book being re-tiered, evaluates every contact: a slice at a
    time, keeping only whom the page could list (lowered here to slices of nine). The page is the
    one made of every contact's verdict at once, pinned contacts included, this week and the next."""
    from core.store import weekly_reads
    from tests.test_day_walk import START, _random_book

    today = START + timedelta(days=500)
    path = tmp_path / "book.rapport"
    _random_book(path, 5, today)
    monkeypatch.setattr(weekly_reads, "_SLICE", 9)
    with Book.open(path, backup_daily=False) as book:
        monday = ladder.week_of(today)[0]
        some = [r[0] for r in book.conn.execute("SELECT id FROM contacts ORDER BY id LIMIT 3")]
        operations.pin_to_checklist(book, some, monday)
        settings = book.settings()
        everyone = book.status.evidence_for(book.contacts.many(
            [r[0] for r in book.conn.execute("SELECT id FROM contacts WHERE deleted_on IS NULL")]))
        for week in (monday, monday + timedelta(days=7)):
            pinned = book.status.pinned(week)
            at_once = ladder.build_checklist([(e, ladder.evaluate(e, settings, today)) for e in everyone.values()],
                                             settings, week, today=today, pinned=pinned)
            sliced = book.status.checklist(week, today)
            assert [s.entries for s in sliced.sections] == [s.entries for s in at_once.sections]
            assert sum(len(s.entries) for s in sliced.sections) > 5
