"""The demo book: every tier, hybrids, a label trap, lapsing regulars, always current."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from core.demo import HISTORY_DAYS, create_demo_book
from core.domain import Tier


@pytest.mark.parametrize("today", [date(2026, 11, 24), date(2027, 6, 15)])
def test_demo_book_shows_every_part_of_the_ladder(tmp_path: Path, today: date) -> None:
    book = create_demo_book(tmp_path / "demo.rapport", today)
    try:
        counts = book.contacts.view_counts()
        assert counts["all"] == 70
        assert all(counts[t.value] >= 3 for t in Tier), counts
        assert counts["hybrid"] >= 2 and counts["slipping"] >= 3 and counts["due"] >= 2
        warnings = [c.name for c in book.contacts.in_view() if book.status.tier_result(c.id, today).label_warning]
        assert "Hôtel du Parc" in warnings
        days = [r[0] for r in book.conn.execute("SELECT occurred_on FROM interactions")]
        assert max(days) <= today.isoformat()
        assert min(days) >= (today - timedelta(days=HISTORY_DAYS)).isoformat()
        partners = book.status.moves(today - timedelta(days=HISTORY_DAYS), today, to_tier=Tier.PARTNER)
        assert partners and all(m.changed_on < today for m in partners)
        assert book.settings().business_name == "Bloom & Stem"
    finally:
        book.close()


def test_demo_book_is_deterministic(tmp_path: Path) -> None:
    today = date(2026, 11, 24)
    snapshots = []
    for name in ("a.rapport", "b.rapport"):
        with create_demo_book(tmp_path / name, today) as book:
            snapshots.append((
                [c.name for c in book.contacts.in_view()],
                book.conn.execute("SELECT count(*), sum(amount_cents) FROM interactions").fetchone(),
                book.contacts.view_counts(),
            ))
    assert snapshots[0] == snapshots[1]


def test_recreating_replaces_the_old_demo(tmp_path: Path) -> None:
    path = tmp_path / "demo.rapport"
    create_demo_book(path, date(2026, 1, 5)).close()
    with create_demo_book(path, date(2026, 1, 5)) as book:
        assert book.contacts.view_counts()["all"] == 70


@pytest.mark.parametrize("today", [date(2026, 11, 24), date(2027, 6, 15)])
def test_the_demo_shows_every_state_of_a_loop(tmp_path: Path, today: date) -> None:
    with create_demo_book(tmp_path / "demo.rapport", today) as book:
        def result(name: str):
            [contact] = book.contacts.find_by_name(name)
            return contact.id, book.status.tier_result(contact.id, today)

        planner_id, planner = result("Bridal Lane Planning")
        assert planner.tier is Tier.PROSPECT and planner.referrer  # a referrer who never buys
        assert result("Lina Park")[1].open_complaint
        grace = result("Grace Liu")[1]  # a complaint put right the next day: still a client, and it shows
        made, fixed = today - timedelta(days=16), today - timedelta(days=15)
        assert grace.tier is Tier.CLIENT
        assert grace.reasons[0] == f"Complaint of {made.day} {made:%b %Y}, resolved {fixed.day} {fixed:%b %Y}"
        assert result("Tom Weller")[1].display == "Prospect · not a fit"
        assert result("Gregor Petrov")[1].display == "Customer · lapsed"
        assert result("Zoe Hart")[1].display == "Prospect · went quiet"
        [lead] = book.interactions.referral_ledger(planner_id)  # a referral chain with revenue
        assert (lead.other_name, lead.bought, lead.spent_cents) == ("Anna Berg", True, 247_000)
        sections = {s.key: [e.name for e in s.entries] for s in book.status.checklist(today - timedelta(days=today.weekday()),
                                                                                today).sections}
        assert sections["complaints"] == ["Lina Park"]
        assert "Bridal Lane Planning" in sections["one_step_from_partner"]


def test_due_this_week_means_on_this_weeks_checklist_everywhere(tmp_path: Path) -> None:
    today = date(2026, 11, 25)
    with create_demo_book(tmp_path / "demo.rapport", today) as book:
        monday = today - timedelta(days=today.weekday())
        listed = {e.contact_id for s in book.status.checklist(monday, today).sections for e in s.entries}
        due_view = set(book.contacts.ids("due", today=today))
        assert len(listed) > 20 and due_view == listed
        assert book.contacts.view_counts()["due"] == len(listed)
        shown_due = {r.id for r in book.contacts.list_rows() if r.due_on is not None and r.due_on <= today}
        assert shown_due <= listed, "a day that has come is shown only for whom the Monday page lists"
        [lina] = book.contacts.find_by_name("Lina Park")
        assert book.status.this_week(lina.id, today) == "Open complaints"
        [zoe] = book.contacts.find_by_name("Zoe Hart")
        assert book.status.this_week(zoe.id, today) is None  # went quiet: off the Monday page


def test_the_printed_week_takes_its_candidates_from_the_stored_verdicts(tmp_path: Path) -> None:
    today = date(2026, 11, 25)
    with create_demo_book(tmp_path / "demo.rapport", today) as book:
        monday = today - timedelta(days=today.weekday())
        everyone = {s.key: [e.contact_id for e in s.entries] for s in book.status.checklist(monday, today).sections}
        roomy = book.status.checklist(monday, today, per_section=1000)
        assert {s.key: [e.contact_id for e in s.entries] for s in roomy.sections} == everyone
        assert all(s.more == 0 for s in roomy.sections)
        tight = book.status.checklist(monday, today, per_section=2)
        for section in tight.sections:
            shown = [e.contact_id for e in section.entries]
            assert len(shown) <= 2 and set(shown) <= set(everyone[section.key])
            assert len(shown) + section.more == len(everyone[section.key]), section.key
        assert any(s.more for s in tight.sections)


@pytest.mark.parametrize("today", [date(2026, 12, 4), date(2027, 6, 15)])
def test_the_demo_shows_roles_a_yearly_rhythm_and_a_test_that_aged_out(tmp_path: Path, today: date) -> None:
    with create_demo_book(tmp_path / "demo.rapport", today) as book:
        def verdict(name: str):
            [found] = book.contacts.find_by_name(name)
            return book.status.tier_result(found.id, today), book.status.plan(found.id, today), found.id

        michael, plan, _ = verdict("Michael Brandt")
        assert michael.display == "Team" and michael.label_warning is None and plan.steps == ()
        bulbs, plan, _ = verdict("Van Dijk Bulbs")
        assert bulbs.display == "Prospect · supplier" and plan.next_tier is Tier.PARTNER
        assert verdict("Greenleaf Growers")[0].display == "Partner · supplier"
        wei, plan, _ = verdict("Wei Zhang")
        assert wei.tier is Tier.CLIENT and any(r.startswith("Usually orders every 12 months") for r in wei.reasons)
        assert any(s.text.startswith("Wei usually orders around") for s in plan.steps)
        sophie, plan, sophie_id = verdict("Sophie Laurent")
        assert sophie.tier is Tier.CUSTOMER and book.status.this_week(sophie_id, today) == "Clients to keep"
        assert plan.steps[0].text.startswith("Check the client test with Sophie again")
        [grace] = book.contacts.find_by_name("Grace Liu")
        assert any(r.startswith("Complaint of") and ", resolved " in r
                   for r in book.status.tier_result(grace.id, today).reasons)
        counts = book.contacts.view_counts()
        assert (counts["team"], counts["supplier"]) == (1, 2)


def test_the_demo_holds_the_florists_year(tmp_path: Path) -> None:
    today = date(2026, 12, 4)
    with create_demo_book(tmp_path / "demo.rapport", today) as book:
        coming = [(on, name, occasion.what()) for on, _id, name, occasion in book.occasions.coming(today)]
        assert coming[:2] == [(date(2026, 12, 7), "Anna Berg", "birthday"),
                              (date(2026, 12, 14), "Wei Zhang", "wedding anniversary")]
        [chen] = book.contacts.find_by_name("Chen Wei")
        assert book.occasions.of(chen.id) == []
        [stopped] = book.occasions.of(chen.id, include_stopped=True)
        assert (stopped.for_whom, stopped.stopped_why) == ("his grandmother", "passed away")
        assert book.contacts.find_by_name("Anna Berg")[0].pinned == ("allergic to lilies",)
        [ben] = book.contacts.find_by_name("Benjamin Cole")
        assert [o.what() for o in book.occasions.of(ben.id)] == ["Mother's Day"]
        week = book.status.checklist(date(2026, 11, 30), today)
        [section] = [s for s in week.sections if s.key == "occasions"]
        assert [(e.name, e.why, e.step) for e in section.entries] == [
            ("Anna Berg", "Anna's birthday on Mon 7 Dec", "Call Anna by Sat 5 Dec (loves ranunculus)")]
        assert section.entries[0].pinned == ("allergic to lilies",)
