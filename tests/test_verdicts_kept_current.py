"""The verdict stored with each contact is kept current by every write: after any random history of
logs, edits, deletes, restores, merges, answers, renames, closed loops, labels, ticked steps,
resolved complaints, imported sales and settings changes, it equals what working every verdict out again from
scratch gives (hypothesis).

A contact's verdict reads other contacts too: a referrer's plan thanks the lead they sent by name
once the lead buys ("Thank Sofia for sending us Anna"), and a referral makes the referred a prospect.
So renaming, trashing, restoring, merging or forgetting one contact must re-tier those linked to it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, strategies as st

from core import operations
from core.domain import Closure, Kind, Question, Tier
from core.errors import RapportError
from core.interchange import load, plan_import
from core.store import Book

TODAY = date(2026, 11, 30)
EMAILS = ("sofia@example.com", "anna@example.com", "orders@greenleaf.example", "tom@example.com")
STORED = ("s.contact_id, s.tier, s.also, s.display, s.due_on, s.next_step, s.next_step_due, s.last_interaction_on, "
          "s.slipping, s.at_risk, s.label_warning, s.week_section, s.next_change_on, s.sort_name")


def live_verdicts(book: Book) -> list[tuple]:
    """The stored verdict of every contact not in the Trash (the Trash keeps its last one for undo)."""
    return book.conn.execute(f"SELECT {STORED} FROM contact_status s JOIN contacts c ON c.id = s.contact_id "
                             "AND c.deleted_on IS NULL ORDER BY s.contact_id").fetchall()


def rebuilt(book: Book) -> list[tuple]:
    book.status.reevaluate_all(TODAY)
    return live_verdicts(book)


who = st.integers(0, 3)
ago = st.integers(0, 500)
steps = st.lists(st.one_of(
    st.tuples(st.just("log"), who, st.sampled_from([k for k in Kind if k is not Kind.NOTE]), ago),
    st.tuples(st.just("refer"), who, st.integers(1, 3), ago),  # to another contact: (who + k) % 4
    st.tuples(st.just("lead"), who, st.integers(1, 3), ago),
    st.tuples(st.just("rename"), who, st.sampled_from(["Annabel Berg", "Bo Li", "Café Rosa", "Dr. Ines Okafor"])),
    st.tuples(st.just("delete"), who),
    st.tuples(st.just("restore"), who),
    st.tuples(st.just("merge"), who, who),
    st.tuples(st.just("unmerge")),
    st.tuples(st.just("answer"), who, st.sampled_from([*Question, None]), ago),
    st.tuples(st.just("move"), ago),
    st.tuples(st.just("drop")),
    st.tuples(st.just("settings"), st.sampled_from([("window_days", 180), ("window_days", 365),
                                                    ("client_min_purchases", 2), ("max_follow_ups", 1)])),
    st.tuples(st.just("empty")),
    st.tuples(st.just("forget"), who),
    st.tuples(st.just("close"), who, st.sampled_from([*Closure, None])),
    st.tuples(st.just("label"), who, st.sampled_from([Tier.CUSTOMER, Tier.CLIENT, Tier.PARTNER, None])),
    st.tuples(st.just("tick"), who),
    st.tuples(st.just("resolve"), who),
    st.tuples(st.just("import"), who, ago),
), min_size=1, max_size=14)


def apply(book: Book, ids: list[int], step: tuple, merges: list) -> None:
    """One owner's action on the book, as the window or the command line does it."""
    what, *args = step
    day = lambda days_ago: TODAY - timedelta(days=days_ago)  # noqa: E731
    if what == "log":
        book.interactions.log(ids[args[0]], args[1], day(args[2]), amount="12" if args[1] is Kind.PURCHASE else None,
                             today=TODAY)
    elif what in ("refer", "lead"):  # a lead who buys: the referrer's plan thanks them by name
        referred = ids[(args[0] + args[1]) % 4]
        book.interactions.log(ids[args[0]], Kind.REFERRAL_RECEIVED, day(args[2]), referred_contact_id=referred,
                             today=TODAY)
        if what == "lead":
            book.interactions.log(referred, Kind.PURCHASE, day(args[2]), amount="30", today=TODAY)
    elif what == "rename":
        book.contacts.update(replace(book.contacts.get(ids[args[0]]), name=args[1]), TODAY)
    elif what == "delete":
        book.contacts.delete_many([ids[args[0]]], TODAY)
    elif what == "restore":
        book.contacts.restore_many([ids[args[0]]], TODAY)
    elif what == "merge":
        merges.append(book.interchange.merge(ids[args[0]], ids[args[1]], TODAY))
    elif what == "unmerge" and merges:
        book.interchange.unmerge(merges.pop(), TODAY)
    elif what == "answer":
        for question in [args[1]] if args[1] else list(Question):
            book.interactions.record_answer(ids[args[0]], question, "yes", day(args[2]), today=TODAY)
    elif what in ("move", "drop"):
        last = book.conn.execute("SELECT max(id) FROM interactions").fetchone()[0]
        if last is not None and what == "move":
            book.interactions.update(replace(book.interactions.get(last), occurred_on=day(args[0])), TODAY)
        elif last is not None:
            book.interactions.delete(last, TODAY)
    elif what == "settings":
        book.update_settings(TODAY, **{args[0][0]: args[0][1]})
    elif what == "empty":
        book.contacts.empty_trash(TODAY)
        merges.clear()  # what they would undo is gone for good
    elif what == "forget":
        book.privacy.forget(ids[args[0]], TODAY)
        merges.clear()
    elif what == "close":
        operations.close_loop(book, ids[args[0]], args[1], TODAY)
    elif what == "label":
        operations.set_label(book, ids[args[0]], args[1], TODAY)
    elif what == "tick":  # the owner did the first step of the plan
        steps = book.status.plan(ids[args[0]], TODAY).steps
        if steps:
            operations.complete_step(book, ids[args[0]], steps[0], TODAY)
    elif what == "resolve":
        book.interactions.resolve_complaints(ids[args[0]], today=TODAY)
    elif what == "import":  # a line of the till's sales log, matched to them by email
        sheet = book.path.parent / "sales.csv"
        sheet.write_text(f"Email,Date,Amount\n{EMAILS[args[0]]},{day(args[1]).isoformat()},25.00\n")
        book.interchange.apply_import(plan_import(book, load(sheet, force="sales")), today=TODAY, backup=False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=steps)
# Sofia sent us Anna, who bought; then Anna is renamed, trashed and restored, merged, forgotten…
@example(history=[("lead", 0, 1, 3), ("rename", 1, "Bo Li")])
@example(history=[("lead", 0, 1, 3), ("delete", 1), ("restore", 1)])
@example(history=[("lead", 0, 1, 3), ("merge", 2, 1)])
@example(history=[("lead", 0, 1, 3), ("merge", 2, 1), ("unmerge",)])
# A row merged, then deleted: its number is reused by the next row logged (someone else's), which the
# unmerge must not move.
@example(history=[("log", 0, Kind.INQUIRY, 0), ("merge", 2, 0), ("drop",), ("tick", 1), ("unmerge",)])
@example(history=[("lead", 0, 1, 3), ("forget", 1)])
# …or Sofia, whose referral made Anna a prospect, is emptied from the Trash with it.
@example(history=[("refer", 0, 1, 3), ("delete", 0), ("empty",)])
# …or the till's sales log brings in Anna's first purchase, after Sofia sent her.
@example(history=[("refer", 0, 1, 30), ("import", 1, 3)])
def test_every_write_keeps_the_stored_verdicts_equal_to_a_rebuild(tmp_path_factory, history) -> None:
    path = tmp_path_factory.mktemp("kept") / "book.rapport"
    with Book.open(path, backup_daily=False) as book:
        ids = [book.contacts.add(name, emails=(email,), today=TODAY - timedelta(days=600)).id
               for name, email in zip(("Sofia Rossi", "Anna Berg", "Greenleaf Growers", "Tom Hale"), EMAILS)]
        merges: list = []
        for step in history:
            try:
                apply(book, ids, step, merges)
            except RapportError:
                pass  # refused (a merge with oneself, a contact already forgotten): nothing was written
        assert live_verdicts(book) == rebuilt(book)


def test_renaming_a_lead_renames_the_thank_you_in_the_referrers_stored_next_step(tmp_path: Path) -> None:
    with Book.open(tmp_path / "book.rapport") as book:
        sofia, anna = book.contacts.add("Sofia Rossi", today=TODAY), book.contacts.add("Anna Berg", today=TODAY)
        book.interactions.log(sofia.id, Kind.REFERRAL_RECEIVED, TODAY, referred_contact_id=anna.id, today=TODAY)
        book.interactions.log(anna.id, Kind.PURCHASE, TODAY, amount="10", today=TODAY)
        next_step = lambda: book.contacts.rows([sofia.id])[0].next_step  # noqa: E731
        assert next_step() == "Thank Sofia for sending us Anna"
        book.contacts.update(replace(book.contacts.get(anna.id), name="Bella Berg"), TODAY)
        assert next_step() == "Thank Sofia for sending us Bella"
        book.contacts.delete_many([anna.id], TODAY)
        assert next_step() == ("Return the favour: thank Sofia for the business sent on 30 Nov 2026, "
                               "with a gift or an offer")
        book.contacts.restore_many([anna.id], TODAY)
        assert next_step() == "Thank Sofia for sending us Bella"
