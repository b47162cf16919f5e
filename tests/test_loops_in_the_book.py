"""Ticks, complaints, closed loops, referrers and revenue, through a real book file and the CLI."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from core import operations
from core.cli import run
from core.domain import Closure, ContactKind, Kind, Question, Tier
from core.errors import ValidationError
from core.store import Book

TODAY = date(2026, 11, 24)  # a Tuesday
MONDAY = date(2026, 11, 23)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def book(tmp_path: Path):
    with Book.open(tmp_path / "shop.rapport", backup_daily=False) as opened:
        yield opened


def section_names(book: Book) -> dict[str, list[str]]:
    return {s.key: [e.name for e in s.entries] for s in book.status.checklist(MONDAY, TODAY).sections if s.entries}


def step(book: Book, contact_id: int, starts: str):
    [found] = [s for s in book.status.plan(contact_id, TODAY).steps if s.text.startswith(starts)]
    return found


def test_a_tick_logs_the_step_as_done_and_undo_brings_it_back(book: Book) -> None:
    ana = book.contacts.add("Ana Ruiz", today=ago(30))
    book.interactions.log(ana.id, "inquiry", ago(10), today=TODAY)
    follow = step(book, ana.id, "Follow up on Ana's inquiry of 14 Nov 2026")
    ticked = operations.complete_step(book, ana.id, follow, TODAY)
    done = ticked.value
    assert done.notice == "Logged a conversation with Ana Ruiz: Follow up on Ana's inquiry of 14 Nov 2026"
    logged = book.interactions.for_contact(ana.id)[0]
    assert (logged.kind, logged.note, logged.step_key) == (
        Kind.CONVERSATION, "Done: Follow up on Ana's inquiry of 14 Nov 2026", "follow-up")
    assert book.status.plan(ana.id, TODAY).steps == ()
    assert section_names(book) == {}, "the Monday line clears"
    assert ticked.undo is not None
    ticked.undo()
    assert [s.text for s in book.status.plan(ana.id, TODAY).steps] == ["Follow up on Ana's inquiry of 14 Nov 2026"]


def one_answer_from_client(book: Book):
    """A customer who visits and answered yes to all but the referral question."""
    lena = book.contacts.add("Lena Ortiz", today=ago(300))
    for days in (5, 40, 80):
        book.interactions.log(lena.id, "purchase", ago(days), amount="20", today=TODAY)
    for question in Question:
        book.interactions.record_answer(lena.id, question, "no" if question is Question.REFERRAL else "yes", ago(10), today=TODAY)
    return lena


def test_a_contact_with_nothing_left_to_do_is_not_due_this_week(book: Book) -> None:
    """The sidebar's "This week", the pane and the checklist agree: no step, no line."""
    lena = one_answer_from_client(book)
    assert book.status.this_week(lena.id, TODAY) == "Customers one step from client"
    assert book.contacts.view_counts()["due"] == 1
    book.interactions.log(lena.id, "testimonial", ago(2), today=TODAY)
    assert book.status.plan(lena.id, TODAY).steps == ()
    assert book.status.this_week(lena.id, TODAY) is None
    assert book.contacts.view_counts()["due"] == 0 and book.contacts.ids("due", today=TODAY) == []
    assert section_names(book) == {}


def test_a_book_from_before_the_rule_drops_the_line_with_nothing_to_do_on_its_next_day(tmp_path: Path) -> None:
    path = tmp_path / "older.rapport"
    with Book.open(path, backup_daily=False) as book:
        lena = one_answer_from_client(book)
        other = book.contacts.add("Omar Haddad", today=ago(300))
        stored = book.conn.execute("SELECT week_section FROM contact_status WHERE contact_id = ?", [lena.id]).fetchone()
        book.interactions.log(lena.id, "testimonial", ago(2), today=TODAY)
        # As a book of the previous version stored it: Lena still listed although her plan is empty.
        book.conn.execute("UPDATE contact_status SET week_section = ?, next_change_on = '2099-01-01' "
                          "WHERE contact_id = ?", [stored[0], lena.id])
        book.conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm013_due_needs_a_step'")
        book.conn.commit()
        untouched = book.conn.execute("SELECT next_change_on FROM contact_status WHERE contact_id = ?",
                                      [other.id]).fetchone()
    with Book.open(path, backup_daily=False) as upgraded:
        assert upgraded.contacts.view_counts()["due"] == 1, "as stored, until the day is brought up to date"
        upgraded.status.bring_up_to_date(TODAY)
        assert upgraded.status.this_week(lena.id, TODAY) is None and upgraded.contacts.view_counts()["due"] == 0
        assert upgraded.conn.execute("SELECT next_change_on FROM contact_status WHERE contact_id = ?",
                                     [other.id]).fetchone() == untouched


def test_ticking_a_referral_step_never_records_a_referral(book: Book) -> None:
    shop = book.contacts.add("Hotel Lumen", organisation="Hotel Lumen", today=ago(90))
    for days in (40, 5):
        book.interactions.log(shop.id, "purchase", ago(days), amount="10", today=TODAY)
    for question in Question:
        book.interactions.record_answer(shop.id, question, "yes", ago(5), today=TODAY)
    operations.complete_step(book, shop.id, step(book, shop.id, "Propose a joint promotion"), TODAY)
    operations.complete_step(book, shop.id, step(book, shop.id, "Refer a customer to Hotel Lumen"), TODAY)
    assert book.status.tier_result(shop.id, TODAY).tier is Tier.CLIENT
    assert [i.kind for i in book.interactions.for_contact(shop.id)].count(Kind.CONVERSATION) == 2
    assert operations.follow_up(step(book, shop.id, "Ask Hotel Lumen for an introduction"), "Hotel Lumen").text == (
        "Did it happen? Log a referral received with Hotel Lumen today.")


def test_a_complaint_tops_the_page_until_resolved_and_the_resolution_is_a_touch(book: Book) -> None:
    lina = book.contacts.add("Lina Park", today=ago(200))
    book.interactions.log(lina.id, "purchase", ago(100), amount="30", today=TODAY)
    book.interactions.log(lina.id, "complaint", ago(12), note="wilted roses", today=TODAY)
    assert section_names(book) == {"complaints": ["Lina Park"]}
    assert [s.text for s in book.status.plan(lina.id, TODAY).steps] == ["Resolve Lina's complaint of 12 Nov 2026"]
    with pytest.raises(ValidationError, match="before the complaint was made"):
        book.interactions.resolve_complaints(lina.id, on=ago(13), today=TODAY)
    ticked = operations.complete_step(book, lina.id, step(book, lina.id, "Resolve"), TODAY)
    done = ticked.value
    assert done.notice == "Marked Lina Park's complaint resolved"
    assert book.interactions.open_complaints(lina.id) == []
    result = book.status.tier_result(lina.id, TODAY)
    assert not result.open_complaint and result.due_on == TODAY + timedelta(days=90), "resolving is a touch"
    assert "complaints" not in section_names(book)
    assert ticked.undo is not None
    ticked.undo()
    assert section_names(book) == {"complaints": ["Lina Park"]}
    with pytest.raises(ValidationError, match="no open complaint"):
        book.interactions.resolve_complaints(book.contacts.add("Bo").id, today=TODAY)


def test_a_resolved_complaint_stays_in_sight_for_the_window_then_ages_out(tmp_path: Path) -> None:
    """Seed 001: a quick, professional resolution is part of the relationship. The reasons, the
    timeline of `rapport show` and the printed plan say "Complaint of …, resolved …" while the
    resolution is within W (365 days); a resolution exactly W old has aged out of the reasons."""
    from pypdf import PdfReader

    path = tmp_path / "shop.rapport"
    with Book.open(path, backup_daily=False) as book:
        ida = book.contacts.add("Ida Holm", today=ago(500))
        book.interactions.log(ida.id, "purchase", ago(40), amount="30", today=TODAY)
        book.interactions.log(ida.id, "complaint", ago(30), note="late delivery", today=TODAY)
        book.interactions.resolve_complaints(ida.id, on=ago(29), today=TODAY)
        old = book.contacts.add("Olle Berg", today=ago(800))
        book.interactions.log(old.id, "purchase", ago(10), amount="30", today=TODAY)
        book.interactions.log(old.id, "complaint", ago(366), today=TODAY)
        book.interactions.resolve_complaints(old.id, on=ago(365), today=TODAY)
        edge = book.contacts.add("Edda Lind", today=ago(800))
        book.interactions.log(edge.id, "purchase", ago(10), amount="30", today=TODAY)
        book.interactions.log(edge.id, "complaint", ago(366), today=TODAY)
        book.interactions.resolve_complaints(edge.id, on=ago(364), today=TODAY)
        assert book.status.tier_result(ida.id, TODAY).reasons[0] == "Complaint of 25 Oct 2026, resolved 26 Oct 2026"
        assert not any(r.startswith("Complaint of") for r in book.status.tier_result(old.id, TODAY).reasons), \
            "resolved exactly 365 days ago: aged out"
        assert book.status.tier_result(edge.id, TODAY).reasons[0] == "Complaint of 23 Nov 2025, resolved 25 Nov 2025"
    code, out, _ = rapport(path, "show", "1")
    assert code == 0
    assert "  2026-10-25  Complaint, resolved 26 Oct 2026  late delivery" in out.splitlines()
    code, out, _ = rapport(path, "plan", "1", "--out", str(tmp_path / "ida.pdf"))
    assert code == 0
    printed = PdfReader(tmp_path / "ida.pdf").pages[0].extract_text().replace("\xa0", " ")
    assert "Complaint of 25 Oct 2026, resolved 26 Oct 2026" in printed
    assert printed.count("resolved 26 Oct 2026") == 2, "the reasons, and the complaint's row of the interactions"


def test_a_long_complaint_puts_a_clients_trust_back_in_question_in_the_book(book: Book) -> None:
    ida = book.contacts.add("Ida Holm", today=ago(300))
    for days in (100, 60, 20):
        book.interactions.log(ida.id, "purchase", ago(days), amount="30", today=TODAY)
    for question in Question:
        book.interactions.record_answer(ida.id, question, "yes", ago(90), today=TODAY)
    book.interactions.log(ida.id, "complaint", ago(80), note="wrong flowers", today=TODAY)
    book.interactions.resolve_complaints(ida.id, on=ago(49), today=TODAY)
    assert book.status.tier_result(ida.id, TODAY).tier is Tier.CUSTOMER
    assert [s.text for s in book.status.plan(ida.id, TODAY).steps][0] == (
        "Ask again whether Ida trusts you since the complaint of 5 Sep 2026: ask how the last order went")
    book.interactions.record_answer(ida.id, Question.TRUST, "yes", ago(10), today=TODAY)
    assert book.status.tier_result(ida.id, TODAY).tier is Tier.CLIENT, "asked again, and yes: a client again"


def test_referral_direction_in_the_store(book: Book) -> None:
    sofia = book.contacts.add("Sofia Marin", today=ago(100))
    book.interactions.log(sofia.id, "referral_received", ago(20), today=TODAY)
    evidence = book.status.evidence(sofia.id)
    assert evidence.referrals_received == (ago(20),) and evidence.referrals_given == ()
    result = book.status.tier_result(sofia.id, TODAY)
    assert result.tier is Tier.PROSPECT and result.referrer
    assert section_names(book) == {"one_step_from_partner": ["Sofia Marin"]}


def test_a_lead_who_buys_thanks_the_referrer_and_shows_in_the_ledger(book: Book) -> None:
    sofia = book.contacts.add("Sofia Marin", today=ago(100))
    anna = book.contacts.add("Anna Berg", today=ago(100))
    book.interactions.log(sofia.id, "referral_received", ago(20), referred_contact_id=anna.id, today=TODAY)
    [line] = book.interactions.referral_ledger(sofia.id)
    assert (line.other_name, line.bought, line.spent_cents) == ("Anna Berg", False, 0)
    book.interactions.log(anna.id, "purchase", ago(3), amount="120.50", today=TODAY)
    book.interactions.log(anna.id, "purchase", ago(30), amount="99", today=TODAY)  # before the referral: not theirs
    [line] = book.interactions.referral_ledger(sofia.id)
    assert (line.bought, line.spent_cents) == (True, 12050)
    stored = book.contacts.rows([sofia.id])[0]
    assert stored.next_step == "Thank Sofia for sending us Anna", "the referrer's row was refreshed by Anna's purchase"
    assert book.interactions.referred_by(anna.id) == [(sofia.id, "Sofia Marin", ago(20))]
    assert book.revenue.spend(anna.id, TODAY) == (21950, 21950)


def test_spend_within_w_and_revenue_per_tier(book: Book) -> None:
    ana = book.contacts.add("Ana", today=ago(800))
    book.interactions.log(ana.id, "purchase", ago(400), amount="100", today=TODAY)
    book.interactions.log(ana.id, "purchase", ago(364), amount="20", today=TODAY)
    book.interactions.log(ana.id, "purchase", ago(365), amount="7", today=TODAY)  # exactly W ago: outside
    assert book.revenue.spend(ana.id, TODAY) == (2000, 12700)
    revenue = book.revenue.by_tier(TODAY)
    assert revenue[Tier.CUSTOMER] == 2000 and revenue[Tier.CLIENT] == 0


def test_closing_a_loop_by_hand_is_dated_shown_and_undoable(book: Book) -> None:
    pia = book.contacts.add("Pia", today=ago(60))
    book.interactions.log(pia.id, "inquiry", ago(20), today=TODAY)
    before = operations.close_loop(book, pia.id, Closure.NOT_A_FIT, TODAY).value
    result = book.status.tier_result(pia.id, TODAY)
    assert result.display == "Prospect · not a fit"
    assert result.reasons[0] == "You closed this on 24 Nov 2026: not a fit"
    assert book.contacts.rows([pia.id])[0].display == "Prospect · not a fit"
    book.contacts.update(before, TODAY)  # undo
    assert book.status.tier_result(pia.id, TODAY).display == "Prospect"


def rapport(path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--book", str(path), "--today", TODAY.isoformat(), *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_answers_labels_closes_and_resolves(tmp_path: Path) -> None:
    path = tmp_path / "cli.rapport"
    rapport(path, "add", "Marcus Hale")
    rapport(path, "log", "1", "purchase", "--amount", "40", "--date", "2026-10-01")
    rapport(path, "log", "1", "purchase", "--amount", "60", "--date", "2026-11-01")
    for question in ("needs", "referral", "reference"):
        assert rapport(path, "answer", "1", question, "yes")[0] == 0
    code, out, _ = rapport(path, "answer", "1", "trust", "yes", "--date", "2026-11-20")
    assert code == 0 and out == "Marcus Hale: Trust yes, on 20 Nov 2026.\nMarcus Hale is a Client.\n"
    code, out, _ = rapport(path, "label", "1", "partner")
    assert out.splitlines() == ["Marcus Hale: label partner; the evidence says client.",
                                "  ! You call Marcus a partner; the evidence says client: "
                                "no referral from them in the last 12 months"]
    code, out, _ = rapport(path, "close", "1", "gone")
    assert code == 0 and out == "Marcus Hale: closed: gone; now Client · gone.\n"
    code, out, _ = rapport(path, "close", "1", "--undo")
    assert out == "Marcus Hale: reopened; now Client.\n"
    code, _, err = rapport(path, "close", "1")
    assert code == 2 and "give either a closure" in err
    code, _, err = rapport(path, "resolve", "1")
    assert code == 2 and "has no open complaint to resolve" in err
    rapport(path, "log", "1", "complaint", "--date", "2026-11-22")
    code, out, _ = rapport(path, "resolve", "1")
    assert out == "Marcus Hale: 1 complaint resolved on 24 Nov 2026.\n"
    code, out, _ = rapport(path, "show", "1")
    assert "  Label: partner" in out and "Spent: 100.00 EUR in the window, 100.00 EUR in all" in out
    assert "  Trust: yes, 20 Nov 2026" in out and "Plan:" in out
    code, out, _ = rapport(path, "tiers")
    assert "Clients          1      100.00 EUR in the window" in out


def test_list_views_and_moves_by_tier(tmp_path: Path) -> None:
    path = tmp_path / "views.rapport"
    rapport(path, "add", "Sam")
    for day in ("2026-05-01", "2026-06-01", "2026-07-01"):
        rapport(path, "log", "1", "purchase", "--date", day)
    rapport(path, "add", "Bo")
    code, out, _ = rapport(path, "list", "--view", "slipping")
    assert code == 0 and "Sam" in out and "Bo" not in out and out.endswith("1 contact\n")
    code, out, _ = rapport(path, "moves", "--since", "2026-01-01", "--from", "suspect", "--to", "customer")
    assert out.splitlines()[0].startswith("2026-05-01  Sam") and out.endswith("1 move\n"), out
    code, out, _ = rapport(path, "moves", "--since", "2026-01-01", "--to", "client")
    assert out == "0 moves\n"


def test_moves_sees_a_demotion_by_ageing_without_a_re_tier_first(tmp_path: Path) -> None:
    path = tmp_path / "age.rapport"
    out = io.StringIO()
    run(["--book", str(path), "--today", "2025-06-01", "add", "Rita"], out=out)
    for kind in ("referral_received", "referral_given"):
        run(["--book", str(path), "--today", "2025-06-01", "log", "1", kind, "--date", "2025-06-01"], out=out)
    code, text, _ = rapport(path, "moves", "--since", "2026-01-01", "--from", "partner")
    assert code == 0 and text.splitlines()[0].startswith("2026-06-01  Rita"), text
    assert "Partner → Prospect" in text


def test_a_person_or_organisation_is_kept_as_typed(book: Book) -> None:
    town = book.contacts.add("Town Hall Events", kind=ContactKind.ORGANISATION, today=ago(10))
    assert book.status.plan(town.id, TODAY).steps[0].text.startswith("Invite Town Hall Events to visit")


def test_the_store_reads_touches_notes_complaints_and_ticks_as_the_rules_expect(book: Book) -> None:
    ana = book.contacts.add("Ana", today=ago(100))
    book.interactions.log(ana.id, "inquiry", ago(30), today=TODAY)
    book.interactions.log(ana.id, "note", ago(2), note="likes tulips", today=TODAY)  # not a touch
    book.interactions.log(ana.id, "complaint", ago(3), today=TODAY)  # not a touch while open
    book.interactions.log(ana.id, "conversation", ago(20), today=TODAY, step_key="follow-up")
    book.interactions.log(ana.id, "conversation", ago(10), today=TODAY, step_key="follow-up")
    book.interactions.log(ana.id, "advice", ago(12), today=TODAY)
    book.interactions.log(ana.id, "testimonial", ago(11), today=TODAY)
    evidence = book.status.evidence(ana.id)
    assert evidence.touches == (ago(30), ago(20), ago(12), ago(11), ago(10))
    assert evidence.last_interaction == ago(10)
    assert evidence.open_complaints == (ago(3),)
    assert evidence.done_steps == {"follow-up": ago(10)}, "the latest tick of a step"
    assert (evidence.advice, evidence.testimonials, evidence.inquiries) == ((ago(12),), (ago(11),), (ago(30),))
    book.interactions.resolve_complaints(ana.id, on=ago(1), today=TODAY)
    assert book.status.evidence(ana.id).touches[-1] == ago(1) and book.status.evidence(ana.id).open_complaints == ()
    assert book.contacts.rows([ana.id])[0].last_interaction_on == ago(1)


def test_leads_are_read_oldest_first_purchase_first(book: Book) -> None:
    sofia = book.contacts.add("Sofia", today=ago(100))
    later = book.contacts.add("Zed Later", today=ago(100))
    sooner = book.contacts.add("Amy Sooner", today=ago(100))
    for lead in (later, sooner):
        book.interactions.log(sofia.id, "referral_received", ago(50), referred_contact_id=lead.id, today=TODAY)
    book.interactions.log(later.id, "purchase", ago(5), today=TODAY)
    book.interactions.log(sooner.id, "purchase", ago(20), today=TODAY)
    book.interactions.log(sooner.id, "purchase", ago(9), today=TODAY)
    assert book.status.evidence(sofia.id).leads == ((sooner.id, "Amy Sooner", ago(20)), (later.id, "Zed Later", ago(5)))
    book.contacts.delete(later.id, today=TODAY)
    assert book.status.evidence(sofia.id).leads == ((sooner.id, "Amy Sooner", ago(20)),), "a trashed lead is no lead"


def test_a_plan_sheet_holds_the_plan_answers_recent_and_referrals(book: Book) -> None:
    ana = book.contacts.add("Ana", today=ago(100))
    bo = book.contacts.add("Bo", today=ago(100))
    for day in range(12, 0, -1):
        book.interactions.log(ana.id, "conversation", ago(day), today=TODAY)
    book.interactions.log(ana.id, "referral_given", ago(1), referred_contact_id=bo.id, today=TODAY)
    book.interactions.record_answer(ana.id, "needs", "yes", ago(2), today=TODAY)
    sheet = book.status.plan_sheet(ana.id, TODAY)
    assert sheet.plan.contact.name == "Ana" and sheet.plan.result.tier is Tier.PROSPECT
    assert [a.value for a in sheet.answers] == ["needs"]
    assert len(sheet.recent) == 10 and sheet.recent[0].kind is Kind.REFERRAL_GIVEN
    assert [(r.other_name, r.direction) for r in sheet.referrals] == [("Bo", Kind.REFERRAL_GIVEN)]
