"""The sidebar's counts are kept by triggers in the write's own transaction: after any sequence of
the owner's actions they equal a recount of every verdict."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from core import operations
from core.domain import Closure, Contact, Kind, Tier
from core.store import Book

TODAY = date(2026, 11, 24)
ACTIONS = ("add", "buy", "refer", "campaign", "delete", "restore", "empty_trash", "merge", "unmerge", "forget",
           "undo_log", "label", "close", "settings", "new_day", "bulk", "team", "supplier", "customer")


def act(book: Book, action: str, pick: int, state: dict) -> None:
    live = book.contacts.ids()
    trash = book.contacts.ids("trash")
    who = live[pick % len(live)] if live else None
    other = live[(pick + 1) % len(live)] if len(live) > 1 else None
    day = TODAY - timedelta(days=pick % 400)
    if action == "add" or who is None:
        book.contacts.add(Contact(name=f"Guest {pick}"), today=TODAY)
    elif action == "buy":
        state["logged"] = book.interactions.log(who, Kind.PURCHASE, day, amount="10", today=TODAY)
    elif action == "refer" and other is not None:
        book.interactions.log(who, Kind.REFERRAL_RECEIVED, day, referred_contact_id=other, today=TODAY)
        book.interactions.log(who, Kind.REFERRAL_GIVEN, day, today=TODAY)
    elif action == "campaign":
        book.interactions.log(who, Kind.JOINT_CAMPAIGN, day, today=TODAY)
    elif action == "delete":
        book.contacts.delete(who, today=TODAY)
    elif action == "restore" and trash:
        book.contacts.restore(trash[pick % len(trash)], today=TODAY)
    elif action == "empty_trash":
        book.contacts.empty_trash()
    elif action == "merge" and other is not None:
        state["merge"] = book.interchange.merge(who, other, today=TODAY)
    elif action == "unmerge" and state.get("merge") is not None:
        book.interchange.unmerge(state.pop("merge"), today=TODAY)
    elif action == "forget":
        state.pop("merge", None)  # a merge of a forgotten person cannot be undone
        book.privacy.forget(who, today=TODAY)
    elif action == "undo_log" and state.get("logged") is not None:
        logged = state.pop("logged")
        if logged.id in {i.id for i in book.interactions.for_contact(logged.contact_id)}:
            book.interactions.delete(logged.id, today=TODAY)
    elif action == "label":
        operations.set_label(book, who, Tier.PARTNER, today=TODAY)
    elif action in ("team", "supplier", "customer"):
        operations.set_role(book, who, action, today=TODAY)
    elif action == "close":
        operations.close_loop(book, who, Closure.GONE, today=TODAY)
    elif action == "settings":
        book.update_settings(today=TODAY, window_days=30 + pick % 400)
    elif action == "new_day":
        book.status.bring_up_to_date(TODAY + timedelta(days=pick % 90))
    elif action == "bulk":
        book.bulk.add_many([Contact(name=f"Listed {pick} {n}") for n in range(3)], today=TODAY)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 10_000)), min_size=1, max_size=25))
def test_counts_equal_a_recount_after_any_actions(tmp_path: Path, actions: list[tuple[str, int]]) -> None:
    path = tmp_path / f"{abs(hash(tuple(actions)))}.rapport"
    with Book.open(path) as book:
        state: dict = {}
        for action, pick in actions:
            try:
                act(book, action, pick, state)
            except Exception as exc:  # a refusal in words is fine; the counts must still agree
                from core.errors import RapportError

                if not isinstance(exc, RapportError):
                    raise
            assert book.contacts.view_counts() == book.contacts.recount_views(), (action, pick)


def test_a_book_from_before_the_counts_table_counts_what_it_holds(book_path: Path) -> None:
    with Book.open(book_path) as book:
        ana = book.contacts.add("Ana", today=TODAY)
        book.interactions.log(ana.id, Kind.PURCHASE, TODAY, today=TODAY)
        book.contacts.add("Cleo", today=TODAY)
        book.contacts.delete(book.contacts.add("Bo", today=TODAY).id, today=TODAY)
        # As a book of the previous version has it: no table, no triggers, no record of m011.
        for (name,) in book.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                         "AND name LIKE 'view_counts_%'").fetchall():
            book.conn.execute(f"DROP TRIGGER {name}")
        book.conn.execute("DROP TABLE view_counts")
        book.conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm011_view_counts'")
        book.conn.commit()
    with Book.open(book_path) as upgraded:
        counts = upgraded.contacts.view_counts()
        assert (counts["all"], counts["customer"], counts["suspect"], counts["trash"]) == (2, 1, 1, 1)
        assert counts == upgraded.contacts.recount_views()
