"""Roles beside the ladder (DESIGN, "outside the ladder"): the team has no tier, no steps, no warnings
and is in no count; a supplier is never a suspect to invite, and their way up is partner."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from core import ladder, operations
from core.cli import run
from core.domain import Closure, ContactKind, Kind, Role, Tier
from core.errors import ValidationError
from core.store import Book
from tests.ladder_factories import SETTINGS, TODAY, ago, answers, evidence

MONDAY = date(2026, 11, 23)


def verdict(**kwargs):
    ev = evidence(**kwargs)
    result = ladder.evaluate(ev, SETTINGS, TODAY)
    return result, ladder.plan_for(ev, result, SETTINGS, TODAY)


# ---------------------------------------------------------------- the rules
def test_the_co_owner_called_partner_is_outside_the_ladder_with_no_steps_and_no_warning() -> None:
    result, plan = verdict(name="Michael Brandt", label=Tier.PARTNER, role=Role.TEAM)
    assert result.display == "Team"
    assert result.reasons == ("On the team: outside the ladder, with no tier, no steps and no warnings",)
    assert result.label_warning is None and result.due_on is None and not result.due
    assert plan.steps == () and plan.next_tier is None


def test_the_same_co_owner_as_a_customer_is_the_suspect_the_issue_saw() -> None:
    result, plan = verdict(name="Michael Brandt", label=Tier.PARTNER)
    assert result.tier is Tier.SUSPECT
    assert result.label_warning is not None and result.label_warning.startswith("You call Michael a partner")
    assert plan.steps[0].text.startswith("Invite Michael to visit")


def test_a_supplier_with_nothing_else_is_never_a_suspect_to_invite() -> None:
    result, plan = verdict(name="Greenleaf Growers", kind=ContactKind.ORGANISATION, role=Role.SUPPLIER)
    assert result.tier is Tier.PROSPECT
    assert result.display == "Prospect · supplier"
    assert result.reasons[0] == "A supplier: you buy from them"
    assert result.reasons[-1] == "Not yet a partner: no referral from them in the last 12 months"
    assert plan.next_tier is Tier.PARTNER
    assert [s.text for s in plan.steps] == [
        "Propose a joint offer with Greenleaf Growers: a bundle or a shared promotion",
        "Ask Greenleaf Growers to recommend you to the people they work with",
        "Send business Greenleaf Growers's way when you can",
    ]
    assert [(s.kind, s.key, s.dated) for s in plan.steps] == [
        (Kind.JOINT_CAMPAIGN, "supplier-joint", False), (Kind.REFERRAL_RECEIVED, "supplier-intro", False),
        (Kind.REFERRAL_GIVEN, "supplier-refer", False)]
    assert not any("visit" in s.text for s in plan.steps)
    assert result.due_on is None  # nothing waits on the owner: never due, as a suspect is not


def test_a_supplier_who_is_a_person_gets_no_joint_offer() -> None:
    _, plan = verdict(name="Tomás Ruiz", role=Role.SUPPLIER)
    assert [s.key for s in plan.steps] == ["supplier-intro", "supplier-refer"]


def test_a_supplier_who_inquired_is_a_real_prospect_with_a_cadence() -> None:
    result, _ = verdict(name="Greenleaf Growers", kind=ContactKind.ORGANISATION, role=Role.SUPPLIER, inquiries=(3,))
    assert result.tier is Tier.PROSPECT and result.due_on == ago(3 - SETTINGS.prospect_cadence_days)


def test_a_supplier_who_referred_us_is_thanked_once_and_asked_for_no_second_referral() -> None:
    result, plan = verdict(name="Greenleaf Growers", kind=ContactKind.ORGANISATION, role=Role.SUPPLIER, received=(5,))
    assert result.referrer
    keys = [s.key for s in plan.steps]
    assert keys == ["return-favour", "supplier-joint"]


def test_a_supplier_who_also_buys_from_us_is_a_hybrid_like_any_other() -> None:
    result, _ = verdict(name="Greenleaf Growers", kind=ContactKind.ORGANISATION, role=Role.SUPPLIER,
                        joint=(20,), purchases=(30, 60), answered=answers(10))
    assert result.display == "Partner · also Client · supplier"


def test_a_supplier_who_bought_once_aims_at_partner_not_at_the_client_test() -> None:
    result, plan = verdict(name="Greenleaf Growers", kind=ContactKind.ORGANISATION, role=Role.SUPPLIER,
                           purchases=(30,))
    assert result.tier is Tier.CUSTOMER and plan.next_tier is Tier.PARTNER
    assert result.reasons[-1] == "Not yet a partner: no referral from them in the last 12 months"
    assert not any(s.question for s in plan.steps)


def test_a_supplier_with_a_partners_exchange_is_a_partner() -> None:
    result, _ = verdict(name="Greenleaf Growers", kind=ContactKind.ORGANISATION, role=Role.SUPPLIER,
                        received=(10,), given=(12,))
    assert result.tier is Tier.PARTNER and result.display == "Partner · supplier"


# ---------------------------------------------------------------- in the book
def sections(book: Book) -> dict[str, list[str]]:
    return {s.key: [e.name for e in s.entries] for s in book.status.checklist(MONDAY, TODAY).sections if s.entries}


def test_the_team_is_in_no_tier_count_no_section_and_no_revenue(book: Book) -> None:
    michael = book.contacts.add("Michael Brandt", today=TODAY, label=Tier.PARTNER)
    book.interactions.log(michael.id, Kind.PURCHASE, ago(3), amount="40", today=TODAY)
    book.interactions.log(michael.id, Kind.INQUIRY, ago(2), today=TODAY)
    before = book.contacts.view_counts()
    assert before["customer"] == 1 and before["team"] == 0
    operations.set_role(book, michael.id, Role.TEAM, today=TODAY)
    counts = book.contacts.view_counts()
    assert counts == book.contacts.recount_views()
    assert counts["customer"] == 0 and counts["team"] == 1 and counts["all"] == 1
    assert all(counts[t.value] == 0 for t in Tier) and counts["due"] == 0
    assert book.revenue.by_tier(TODAY) == {t: 0 for t in Tier}
    assert "Michael Brandt" not in str(sections(book))
    assert book.contacts.ids("team") == [michael.id]
    assert book.contacts.ids("customer") == []
    [row] = book.contacts.rows([michael.id])
    assert row.tier is None and row.display == "Team" and row.next_step == "" and row.due_on is None
    assert not row.label_warning


def test_the_team_leaves_no_move_in_the_history_and_comes_back_where_the_evidence_puts_them(book: Book) -> None:
    michael = book.contacts.add("Michael Brandt", today=TODAY)
    book.interactions.log(michael.id, Kind.PURCHASE, ago(3), today=TODAY)
    [bought] = book.status.moves(ago(400))
    operations.set_role(book, michael.id, "team", today=TODAY)
    assert book.status.moves(ago(400)) == [bought]
    operations.set_role(book, michael.id, "customer", today=TODAY)
    assert book.status.tier_result(michael.id, TODAY).tier is Tier.CUSTOMER
    assert book.contacts.view_counts()["customer"] == 1
    assert book.status.moves(ago(400)) == [bought]


def test_a_role_change_is_undone_whole(book: Book) -> None:
    michael = book.contacts.add("Michael Brandt", today=TODAY)
    done = operations.set_role(book, michael.id, Role.TEAM, today=TODAY)
    assert done.undo is not None
    done.undo()
    assert book.contacts.get(michael.id).role is Role.CUSTOMER
    assert book.contacts.view_counts()["team"] == 0 and book.contacts.view_counts()["suspect"] == 1


def test_a_supplier_is_listed_among_the_suppliers_and_never_due(book: Book) -> None:
    grower = book.contacts.add("Greenleaf Growers", today=TODAY, organisation="Greenleaf Growers", role="supplier")
    assert grower.role is Role.SUPPLIER and grower.kind is ContactKind.ORGANISATION
    assert book.contacts.ids("supplier") == [grower.id]
    counts = book.contacts.view_counts()
    assert counts["supplier"] == 1 and counts["prospect"] == 1 and counts == book.contacts.recount_views()
    [row] = book.contacts.rows([grower.id])
    assert row.display == "Prospect · supplier" and row.due_on is None
    assert row.next_step == "Propose a joint offer with Greenleaf Growers: a bundle or a shared promotion"
    assert sections(book) == {}


def test_a_team_member_closed_as_not_a_fit_is_still_outside(book: Book) -> None:
    michael = book.contacts.add("Michael Brandt", today=TODAY, label=Tier.PARTNER, role=Role.TEAM)
    operations.close_loop(book, michael.id, Closure.NOT_A_FIT, today=TODAY)
    result = book.status.tier_result(michael.id, TODAY)
    assert result.outside and result.label_warning is None


def test_an_unknown_role_is_refused_in_words(book: Book) -> None:
    with pytest.raises(ValidationError, match="unknown role; use one of customer, supplier, team"):
        book.contacts.add("Zoë", today=TODAY, role="vendor")


# ---------------------------------------------------------------- the command line
def cli(book_path: Path, *args: str) -> str:
    out = io.StringIO()
    assert run(["--book", str(book_path), "--today", TODAY.isoformat(), *args], out=out) == 0, out.getvalue()
    return out.getvalue()


def test_the_command_line_sets_a_role_on_add_and_after(tmp_path: Path) -> None:
    path = tmp_path / "shop.rapport"
    assert cli(path, "add", "Greenleaf Growers", "--role", "supplier") == "Added Greenleaf Growers as contact 1.\n"
    cli(path, "add", "Michael Brandt", "--label", "partner")
    assert cli(path, "role", "2", "team") == ("Michael Brandt is on the team: outside the ladder, in no count and on "
                                              "no Monday page.\n")
    shown = cli(path, "show", "2")
    assert "  Role: Team\n" in shown and "Tier: none\n" in shown and "You call" not in shown
    assert cli(path, "role", "2", "customer") == "Michael Brandt is a customer; now Suspect.\n"
    listed = cli(path, "list")
    assert "Prospect · supplier" in listed


def test_a_role_column_is_read_on_import_and_rapports_export_brings_it_back(tmp_path: Path) -> None:
    path = tmp_path / "shop.rapport"
    table = tmp_path / "people.csv"
    table.write_text("Name,Email,Role\nGreenleaf Growers,orders@greenleaf.example,Supplier\n"
                     "Michael Brandt,michael@example.com,team\nAnna Weber,anna@example.com,\n", encoding="utf-8")
    cli(path, "import", str(table))
    with Book.open(path, backup_daily=False) as book:
        roles = {c.name: c.role for c in book.contacts.in_view()}
    assert roles == {"Greenleaf Growers": Role.SUPPLIER, "Michael Brandt": Role.TEAM, "Anna Weber": Role.CUSTOMER}
    exported = tmp_path / "out.csv"
    cli(path, "export", "--format", "csv", "--out", str(exported))
    again = tmp_path / "again.rapport"
    cli(again, "import", str(exported))
    with Book.open(again, backup_daily=False) as book:
        assert {c.name: c.role for c in book.contacts.in_view()} == roles


def test_a_role_column_of_job_titles_stays_the_job_title(tmp_path: Path) -> None:
    path = tmp_path / "shop.rapport"
    table = tmp_path / "people.csv"
    table.write_text("Name,Role\nAnna Weber,Head gardener\n", encoding="utf-8")
    cli(path, "import", str(table))
    with Book.open(path, backup_daily=False) as book:
        [anna] = book.contacts.in_view()
    assert anna.title == "Head gardener" and anna.role is Role.CUSTOMER


def test_a_supplier_one_answer_from_client_is_not_offered_the_client_test_on_the_monday_page() -> None:
    def listed(role: Role) -> dict[str, list[str]]:
        ev = evidence(name="Greenleaf Growers", kind=ContactKind.ORGANISATION, role=role, purchases=(20, 80),
                      answered=answers(10, yes=3))
        checklist = ladder.build_checklist([(ev, ladder.evaluate(ev, SETTINGS, TODAY))], SETTINGS, MONDAY, today=TODAY)
        return {s.key: [e.name for e in s.entries] for s in checklist.sections if s.entries}

    assert listed(Role.CUSTOMER) == {"customers_to_client": ["Greenleaf Growers"]}
    assert listed(Role.SUPPLIER) == {}


def test_the_printed_plan_of_a_team_member_says_there_is_nothing_to_cultivate(book: Book, tmp_path: Path) -> None:
    from pypdf import PdfReader

    michael = book.contacts.add("Michael Brandt", today=TODAY, role=Role.TEAM)
    out = tmp_path / "plan.pdf"
    cli(book.path, "plan", str(michael.id), "--out", str(out))
    text = PdfReader(out).pages[0].extract_text()
    assert "On the team: nothing to cultivate" in text and "Keep the partnership" not in text


def test_a_supplier_we_sent_business_to_is_not_asked_to_send_it_again() -> None:
    _, plan = verdict(name="Greenleaf Growers", kind=ContactKind.ORGANISATION, role=Role.SUPPLIER, given=(10,))
    assert [s.key for s in plan.steps] == ["supplier-joint", "supplier-intro"]


def test_a_supplier_someone_referred_to_us_is_a_prospect_to_follow_up() -> None:
    result, _ = verdict(name="Greenleaf Growers", kind=ContactKind.ORGANISATION, role=Role.SUPPLIER, referred=(3,))
    assert result.due_on is not None, "a raised hand: followed up, as any prospect"
