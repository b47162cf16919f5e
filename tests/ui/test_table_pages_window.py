"""A long list in the real window: a page of rows at first, more as the owner goes down, and a
contact found whatever page it is on."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from core.domain import Contact, Interaction, Kind
from ui.contact_model import COLUMNS, PAGE


def _fill(window, count: int) -> list[int]:
    people = [Contact(name=f"Guest {n:04d}", tags=("regular",) if n % 2 else ()) for n in range(count)]
    visits = [(n, Interaction(contact_id=0, kind=Kind.PURCHASE, occurred_on=date.today())) for n in range(0, count, 7)]
    ids = window.book.bulk.add_many(people, visits, today=window.today)
    window.refresh()
    return ids


def test_a_long_list_reads_a_page_then_more_as_the_owner_goes_down(window, qtbot, qtmodeltester) -> None:
    ids = _fill(window, PAGE * 2 + 50)
    assert window.model.rowCount() == PAGE
    assert window.model.canFetchMore()
    window.table.setFocus()
    for _ in range(3):  # Ctrl+End goes to the last row read; the view then asks for the next page
        qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(20)
    assert window.model.rowCount() == len(ids)
    assert not window.model.canFetchMore()
    assert window.model.index(len(ids) - 1, 0).data() == f"Guest {len(ids) - 1:04d}"
    qtmodeltester.check(window.model)


def test_a_change_keeps_the_owners_place_in_a_long_list(window, qtbot) -> None:
    ids = _fill(window, PAGE * 2)
    window.model.fetchMore()
    window.select_contact(ids[PAGE + 10])
    window.book.interactions.log(ids[PAGE + 10], Kind.CONVERSATION, today=window.today)
    window.refresh()  # every change ends in a refresh
    assert window.model.rowCount() == PAGE * 2
    assert window.model.contact_id(window.table.currentIndex().row()) == ids[PAGE + 10]


def test_a_search_narrows_a_long_list_and_going_to_a_contact_reads_down_to_it(window, qtbot) -> None:
    ids = _fill(window, PAGE * 3)
    window.search.setFocus()
    qtbot.keyClicks(window.search, "guest 05")
    qtbot.waitUntil(lambda: window.model.rowCount() == 100, timeout=3000)  # Guest 0500 … Guest 0599
    assert not window.model.canFetchMore()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.model.rowCount() == PAGE, timeout=3000)
    far = ids[-3]
    assert window.model.row_of(far) is None  # not read yet
    window.commands.go_to_contact(far)
    assert window.model.contact_id(window.table.currentIndex().row()) == far
    assert window.panel.contact_id == far


def test_after_a_change_each_row_read_shows_it_however_far_the_owner_scrolled(window, qtbot) -> None:
    from ui.contact_model import CACHED_ROWS

    ids = _fill(window, PAGE * 2)
    window.model.fetchMore()
    tier = [key for key, _title in COLUMNS].index("tier")
    before = [window.model.index(row, tier).data() for row in range(window.model.rowCount())]  # all of it read
    assert len(window.model._cache) <= CACHED_ROWS, "what was read is kept to a few screens"
    near, far = ids[1], ids[PAGE + 11]  # Guest 0001 and Guest 0211 have no purchase yet
    assert before[1] == before[PAGE + 11] == "Suspect"
    for row in (1, 2, PAGE + 11):  # on screen again: read, and kept
        window.model.index(row, tier).data()
    for contact_id in (near, far):
        window.book.interactions.log(contact_id, Kind.PURCHASE, amount="5", today=window.today)
    window.refresh()
    assert window.model.index(1, tier).data() == "Customer"
    assert window.model.index(PAGE + 11, tier).data() == "Customer"
    assert window.model.index(2, tier).data() == before[2]


def test_a_key_pressed_while_ctrl_end_reads_the_list_acts_after_it(window, qtbot, monkeypatch) -> None:
    """Ctrl+End, then Up at once: the list is read down to its end first, and the Up then goes one
    row up from the last, as in any list. (Read beside the GUI thread, through the wait that keeps
    the owner's keys from landing on the wrong contact, the Up went nowhere.)"""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QKeyEvent

    ids = _fill(window, PAGE * 2 + 50)
    real = type(window.book.contacts).ids

    def read_while_the_owner_presses_up(contacts, *args, **kwargs):
        if kwargs.get("limit") is None and len(args) < 6:  # the whole list
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.postEvent(window.table, QKeyEvent(kind, Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier))
        return real(contacts, *args, **kwargs)

    monkeypatch.setattr(type(window.book.contacts), "ids", read_while_the_owner_presses_up)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QCoreApplication.processEvents()
    assert window.model.rowCount() == len(ids)
    assert window.current_id() == ids[-2] and window.panel.title.text() == f"Guest {len(ids) - 2:04d}"


def _slow_whole_view(monkeypatch, meanwhile) -> list[bool]:
    """The whole list read as ``whole_view_apart`` reads it, then handed back a moment after the GUI
    thread was told (``meanwhile`` is set, for its timers to see); the list returned notes whether
    it ran on the GUI thread."""
    import threading
    import time

    from core.store.contacts import Contacts

    real = Contacts.whole_view_apart
    on_gui_thread: list[bool] = []

    def slow(contacts, *args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        read = real(contacts, *args, **kwargs)
        meanwhile.set()
        time.sleep(0.15)  # a busy laptop's read of 35,000 ids
        return read

    monkeypatch.setattr(Contacts, "whole_view_apart", slow)
    return on_gui_thread


def test_ctrl_end_reads_the_whole_list_beside_the_window_which_keeps_running(window, qtbot, monkeypatch) -> None:
    """Going to the last contact reads every id before it (35,000 in This week at 100,000 contacts):
    on a connection and a thread of their own, while the window's timers fire and it repaints."""
    import threading

    from PySide6.QtCore import QTimer

    ids = _fill(window, PAGE * 2 + 50)
    reading = threading.Event()
    on_gui_thread = _slow_whole_view(monkeypatch, reading)
    ticks: list[bool] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(reading.is_set()))
    timer.start(10)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    timer.stop()
    assert on_gui_thread == [False]
    assert ticks.count(True) >= 5, "the window's timers fired while the list was read"
    assert window.model.rowCount() == len(ids)
    assert window.current_id() == ids[-1] and window.panel.title.text() == f"Guest {len(ids) - 1:04d}"


@pytest.mark.parametrize(("writes", "reads_beside", "read_here"), [(1, [False, False], False), (2, [False, False], True)])
def test_a_list_written_to_while_it_was_read_beside_is_read_again(window, qtbot, monkeypatch, writes: int,
                                                                 reads_beside: list[bool], read_here: bool) -> None:
    """A contact added while the list was read beside the window, after the read (a log, the part of
    a re-tier in hand): what was read is stale, and the list is read again beside it; written to
    during that read too, it is read on the GUI thread. Either way the next Ctrl+End finds every
    newcomer at the end, rather than a list that says it has no more."""
    import threading

    from PySide6.QtCore import QTimer

    from core import operations

    ids = _fill(window, PAGE * 2 + 50)
    reading = threading.Event()
    on_gui_thread = _slow_whole_view(monkeypatch, reading)
    added: list[int] = []
    real_ids = type(window.book.contacts).ids
    whole_lists_here: list[bool] = []
    monkeypatch.setattr(type(window.book.contacts), "ids", lambda contacts, *a, **k: whole_lists_here.append(
        threading.current_thread() is threading.main_thread() and k.get("limit") is None and len(a) < 6)
        or real_ids(contacts, *a, **k))

    def add_each_time_a_read_began() -> None:
        if reading.is_set() and len(added) < writes:
            reading.clear()
            done = operations.add_contact(window.book, Contact(name=f"Guest {9990 + len(added)}"), window.today)
            added.append(done.value.id)
            window.show_changes(done.changes)

    timer = QTimer(window)
    timer.timeout.connect(add_each_time_a_read_began)
    timer.start(10)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    timer.stop()
    assert len(added) == writes and window.current_id() == ids[-1]
    assert on_gui_thread == reads_beside and any(whole_lists_here) == read_here
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == len(ids) + writes
    assert window.current_id() == added[-1] and window.panel.title.text() == f"Guest {9989 + writes}"
