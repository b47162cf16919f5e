"""A settings change worked out in the background on a large book: what the status bar says,
who goes first (the owner, other book work), and what closing the window does to it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from core.domain import Kind


def test_closing_the_window_stops_the_background_retier_after_its_batch(qtbot, window) -> None:
    """A ladder setting changed on a large book is worked out in the background for a minute or
    more; closing the window stops that after the batch in hand instead of waiting for all of it,
    and the next open finishes what is left."""
    from core.books import Book
    from core.domain import Contact

    book = window.book
    book.bulk.add_many([Contact(name=f"Guest {n:04}") for n in range(1500)], today=window.today)
    path = book.path
    dialog = window.dialogs.open_settings()
    dialog.editors["client_min_purchases"].setValue(3)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert "Working out every tier" in window.statusBar().currentMessage()
    window.close()
    assert book.closed
    with Book.open(path, backup_daily=False) as reopened:
        left = reopened.conn.execute("SELECT count(*) FROM retier_pending").fetchone()[0]
        assert 0 < left <= 1500, "stopped part way: the rest is still due"
        assert reopened.status.is_stale(window.today)


def test_other_book_work_goes_before_a_long_background_retier(qtbot, window) -> None:
    """An import asked for while a settings change is worked out on a large book starts after the
    re-tier's batch in hand, not after all of it (a minute at 100,000 contacts); the re-tier
    carries on afterwards, and the owner hears of it once, at its end."""
    import sqlite3

    from core.domain import Contact
    from ui.tasks import run_in_background

    book = window.book
    book.bulk.add_many([Contact(name=f"Guest {n:04}") for n in range(1500)], today=window.today)
    dialog = window.dialogs.open_settings()
    dialog.editors["client_min_purchases"].setValue(3)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    due_when_it_started: list[int] = []

    def other_work() -> None:
        reader = sqlite3.connect(book.path)
        due_when_it_started.append(reader.execute(
            "SELECT count(*) FROM retier_pending").fetchone()[0])
        reader.close()

    run_in_background(other_work, lambda _result: None, lambda exc: None)
    qtbot.waitUntil(lambda: "contacts moved on the ladder" in window.last_notice, timeout=30_000)
    assert due_when_it_started and due_when_it_started[0] > 1000, "it ran while most verdicts were still due"
    assert window.last_notice == "Settings saved. 0 contacts moved on the ladder."
    assert not book.status.is_stale(window.today), "the re-tier finished afterwards"


def test_a_long_background_retier_keeps_saying_so_and_tells_its_moves_once(qtbot, window) -> None:
    """While a settings change is worked out in the background the status bar says so, even after
    a notice of the owner's own has faded; the moves are told once, at the end, not batch by batch."""
    from datetime import timedelta

    from core.domain import Contact, Interaction

    campaign_on = window.today - timedelta(days=200)  # a joint campaign inside 365 days (partners), outside 100
    window.book.bulk.add_many([Contact(name=f"Guest {n:03}") for n in range(300)],
                         [(n, Interaction(0, Kind.JOINT_CAMPAIGN, campaign_on)) for n in range(300)], today=window.today)
    heard: list[str] = []
    window.sig_notice.connect(heard.append)
    dialog = window.dialogs.open_settings()
    dialog.editors["window_days"].setValue(100)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    working = "Settings saved. Working out every tier under the new numbers…"
    assert window.statusBar().currentMessage() == working
    window.notify("Logged a purchase")  # the owner's own notice, then its fading
    window.statusBar().clearMessage()
    assert window.statusBar().currentMessage() == working
    qtbot.waitUntil(lambda: "moved on the ladder" in window.last_notice, timeout=30_000)
    assert heard == ["Logged a purchase", "Settings saved. 300 contacts moved on the ladder."]
    window.statusBar().clearMessage()
    assert window.statusBar().currentMessage() == "", "nothing is working any more"


def test_a_background_retier_refused_by_a_full_disk_says_so_in_words(qtbot, window) -> None:
    """The disk fills while a settings change is worked out: the owner is told in words, the status
    bar no longer says the work goes on, and what was not worked out stays due for the next open."""
    from core.domain import Contact

    book = window.book
    book.bulk.add_many([Contact(name=f"Guest {n:03}") for n in range(60)], today=window.today)
    book.conn.execute("CREATE TRIGGER no_room BEFORE DELETE ON retier_pending "
                      "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")  # the re-tier's writes only
    dialog = window.dialogs.open_settings()
    dialog.editors["client_min_purchases"].setValue(3)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.last_notice.startswith("Could not bring"), timeout=10_000)
    assert window.last_notice == ("Could not bring every tier up to date (the disk is full); the rest is worked out "
                                  "the next time the book opens.")
    window.statusBar().clearMessage()  # the notice fades
    assert window.statusBar().currentMessage() == ""
    assert book.status.is_stale(window.today)


def test_going_far_down_the_list_makes_the_background_retier_wait_its_turn(qtbot, window) -> None:
    """Going to a contact far down a long list reads the whole view (100,000 ids at most); a
    background re-tier begins its next batch only a moment after that began, not beside it."""
    import time

    from core.books import Book
    from core.domain import Contact
    from core.store.book import OWNER_FIRST_SECONDS
    from ui.contact_model import PAGE

    ids = window.book.bulk.add_many([Contact(name=f"Guest {n:04}") for n in range(PAGE * 2)], today=window.today)
    window.refresh()
    window.book.update_settings(today=window.today, later=True, client_min_purchases=3)  # every verdict is due
    book: Book = window.book
    time.sleep(OWNER_FIRST_SECONDS)  # the owner's last write is long past: only going down can hold it back
    asked_at: list[float] = []
    went_at = time.monotonic()
    window.commands.go_to_contact(ids[-1])
    assert window.panel.contact_id == ids[-1]
    with book.helper() as helper:
        helper.status.bring_up_to_date(window.today, batch=10, stop=lambda: asked_at.append(time.monotonic()) or True)
    assert asked_at and asked_at[0] - went_at >= OWNER_FIRST_SECONDS * 0.9


def test_a_settings_change_worked_out_beside_the_window_tells_its_moves_once(qtbot, window, monkeypatch) -> None:
    """Thousands due at once are worked out in processes beside the window's (lowered here to fifty,
    forty a chunk): the same moves are told, once, and no verdict is left due."""
    from datetime import timedelta

    from core.domain import Contact, Interaction
    from tests.test_verdicts_beside import lowered

    handed = lowered(monkeypatch, beside_from=50, chunk=40)
    campaign_on = window.today - timedelta(days=200)
    window.book.bulk.add_many([Contact(name=f"Guest {n:03}") for n in range(300)],
                              [(n, Interaction(0, Kind.JOINT_CAMPAIGN, campaign_on)) for n in range(300)],
                              today=window.today)
    heard: list[str] = []
    window.sig_notice.connect(heard.append)
    dialog = window.dialogs.open_settings()
    dialog.editors["window_days"].setValue(100)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "moved on the ladder" in window.last_notice, timeout=60_000)
    assert heard == ["Settings saved. 300 contacts moved on the ladder."]
    assert sum(handed) == 300
    assert not window.book.status.is_stale(window.today)
    assert window.book.contacts.view_counts()["partner"] == 0
