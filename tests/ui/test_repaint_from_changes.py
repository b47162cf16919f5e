"""The window repaints from the ``Changes`` an operation reports: after a log for Ana, Ana's row and
pane are read again, nobody else's; an undo repaints the same way, and says nothing of moves."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPersistentModelIndex, Qt

from core.domain import Kind
from tests.ui.find import shown
from ui.dialogs import LogDialog


def rows_read(window, monkeypatch) -> list[list[int]]:
    """Every ``book.contacts.rows`` read the window makes from now on (the ids each asked for)."""
    reads: list[list[int]] = []
    contacts = window.book.contacts
    original = contacts.rows
    monkeypatch.setattr(contacts, "rows", lambda ids: reads.append(list(ids)) or original(ids))
    return reads


def log_an_inquiry(qtbot, window) -> None:
    """Ctrl+L on the contact shown, Inquiry, Enter: as the owner logs one."""
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = shown(window, LogDialog)
    dialog.set_kind(Kind.INQUIRY)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)


def test_a_log_reads_again_only_the_row_it_changed(qtbot, window, monkeypatch) -> None:
    people = [window.book.contacts.add(name).id for name in ("Ana", "Bo", "Chen", "Dara")]
    window.refresh()
    assert [window.model.index(row, 0).data() for row in range(4)] == ["Ana", "Bo", "Chen", "Dara"]  # all shown
    window.select_contact(people[0])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    reads = rows_read(window, monkeypatch)
    log_an_inquiry(qtbot, window)
    assert window.last_notice == "Ana is now a Prospect"
    assert reads and all(ids == [people[0]] for ids in reads), reads
    assert window.model.index(window.model.row_of(people[0]), 1).data() == "Prospect"
    reads.clear()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.index(window.model.row_of(people[0]), 1).data() == "Suspect"
    assert reads and all(ids == [people[0]] for ids in reads), reads
    assert window.last_notice.startswith("Undid: Log inquiry for Ana"), "an undo moves nobody to announce"


def test_a_refresh_reads_every_row_shown(qtbot, window, monkeypatch) -> None:
    """The other side: a new view, a new day, another book read every row again."""
    people = [window.book.contacts.add(name).id for name in ("Ana", "Bo")]
    window.refresh()
    assert [window.model.index(row, 0).data() for row in range(2)] == ["Ana", "Bo"]  # both rows shown
    reads = rows_read(window, monkeypatch)
    window.refresh()
    assert sorted(id_ for ids in reads for id_ in ids) == sorted(people)


def test_a_log_deep_in_a_long_list_puts_the_contact_back_in_place(qtbot, window, monkeypatch) -> None:
    """Read down to its last row (Ctrl+End), a list of 260 is not read again after a log: the one
    contact is put back where the order now puts it (a suspect turned prospect goes to the top when
    the highest rung comes first), and the list is the one a fresh read gives."""
    book = window.book
    with book.transaction():
        people = [book.contacts.add(f"Person {n:03}").id for n in range(260)]
    window.refresh()
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by tier, the highest rung first
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 260, "Ctrl+End reads the list to its end"
    last = window.current_id()
    assert last == people[0], "by tier descending, the suspects run from the last name to the first"
    pages: list[int | None] = []
    contacts, original = book.contacts, book.contacts.ids
    monkeypatch.setattr(contacts, "ids", lambda *a, **k: pages.append(k.get("limit")) or original(*a, **k))
    log_an_inquiry(qtbot, window)
    assert window.last_notice == "Person 000 is now a Prospect"
    assert pages == [], f"the list was read again ({pages})"
    shown_ids = [window.model.contact_id(row) for row in range(window.model.rowCount())]
    assert shown_ids == original("all", "", "tier", True), "the list a fresh read gives"
    assert shown_ids[0] == last and window.current_id() == last, "the prospect leads, still selected"
    assert window.model.index(0, 1).data() == "Prospect"


def test_a_log_lays_the_pane_out_whole_before_it_is_painted(qtbot, window) -> None:
    """Qt lays a pane out a level a turn of the event loop and paints between turns: a log that moved
    its contact painted the pane twice. When the Enter of the log is handled, before any turn of
    the loop, the pane already stands as it will after the loop has run."""
    ana = window.book.contacts.add("Ana").id
    window.refresh()
    window.select_contact(ana)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.wait(50)
    body, bar = window.panel.widget(), window.panel.verticalScrollBar()
    before = (body.height(), bar.maximum())
    log_an_inquiry(qtbot, window)
    assert window.last_notice == "Ana is now a Prospect"
    at_once = (body.height(), bar.maximum())
    qtbot.wait(100)
    settled = (body.height(), bar.maximum())
    assert settled != before, "the move's reasons and its line under Moves on the ladder make the pane taller"
    assert at_once == settled


def test_another_contact_chosen_with_a_key_is_laid_out_whole_at_once(qtbot, window) -> None:
    """The same for a contact chosen in the list: Down from Ana, a suspect, to Bo, a buyer with a plan,
    reasons and moves of his own, and the pane stands at once as it will."""
    book = window.book
    ana = book.contacts.add("Ana").id
    bo = book.contacts.add("Bo").id
    for day in range(1, 7):
        book.interactions.log(bo, "purchase", date(2026, 1, day * 3), amount="40.00")
    window.refresh()
    window.select_contact(ana)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.wait(50)
    body = window.panel.widget()
    before = body.height()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.current_id() == bo
    at_once = body.height()
    qtbot.wait(100)
    assert body.height() != before, "Bo's pane is taller than Ana's"
    assert at_once == body.height()


def test_a_log_that_moves_its_contact_in_the_order_reads_only_their_row(qtbot, window, monkeypatch) -> None:
    """Sorted by tier, the highest rung first, a suspect turned prospect goes to the top: the list is
    the one a fresh read gives, its other rows are not read again (a reset read a screen of them),
    and the table's selection follows her to her new row."""
    book = window.book
    people = {name: book.contacts.add(name).id for name in ("Ana", "Bo", "Chen", "Dara")}
    book.interactions.log(people["Chen"], "inquiry")
    window.refresh()
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    window.select_contact(people["Dara"])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert [window.model.index(row, 0).data() for row in range(4)] == ["Chen", "Dara", "Bo", "Ana"]
    chen = QPersistentModelIndex(window.model.index(0, 2))  # as the view keeps its current cell and hover
    reads = rows_read(window, monkeypatch)
    log_an_inquiry(qtbot, window)
    assert window.last_notice == "Dara is now a Prospect"
    assert [window.model.index(row, 0).data() for row in range(4)] == ["Dara", "Chen", "Bo", "Ana"]
    assert (chen.row(), chen.column()) == (1, 2), "a cell the view holds on to follows its contact"
    assert reads and all(ids == [people["Dara"]] for ids in reads), reads
    selected = window.table.selectionModel().selectedRows()
    assert [index.row() for index in selected] == [0] and window.table.currentIndex().row() == 0
    assert window.current_id() == people["Dara"]


def test_one_contact_gone_and_another_come_is_a_new_list_not_a_new_order(qtbot, tmp_path) -> None:
    """Two contacts touched at once, one leaving the list as the other comes into it: the same number
    of rows, but not the same contacts, so the list is read out anew (a reorder would look for the
    one gone, and a cell the view holds on him would have nowhere to go)."""
    from core import operations
    from core.store.book import Book
    from ui.contact_model import ContactTableModel

    book = Book.open(tmp_path / "b.rapport", backup_daily=False)
    ids = {name: book.contacts.add(name).id for name in ("Ana", "Bo", "Chen", "Dara")}
    operations.delete_contacts(book, [ids["Dara"]])
    model = ContactTableModel(book)
    model.reload()
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["Ana", "Bo", "Chen"]
    ana = QPersistentModelIndex(model.index(0, 0))
    operations.delete_contacts(book, [ids["Ana"]])
    operations.restore_contacts(book, [ids["Dara"]])
    assert model.reload(only={ids["Ana"], ids["Dara"]}) is True
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["Bo", "Chen", "Dara"]
    assert not ana.isValid(), "the cell held on Ana went with her"
    book.close()


def test_a_click_on_a_columns_header_keeps_the_shown_contacts_row_selected(qtbot, window) -> None:
    """A new order reads the list anew: Dara, shown in the pane, is selected again on her new row,
    so the list still says whom the pane shows (her row was left unselected, no row current)."""
    from PySide6.QtCore import QPoint

    book = window.book
    people = {name: book.contacts.add(name).id for name in ("Ana", "Bo", "Chen", "Dara", "Eve")}
    book.interactions.log(people["Chen"], "inquiry")
    window.refresh()
    window.select_contact(people["Dara"])
    assert window.table.currentIndex().row() == 3
    header = window.table.horizontalHeader()
    tier = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(tier, 5))
    assert window.model.sort_key == "tier"
    row = window.model.row_of(people["Dara"])
    assert row is not None and row != 3, "by tier, the prospect Chen comes last"
    assert window.table.currentIndex().row() == row
    assert [index.row() for index in window.table.selectionModel().selectedRows()] == [row]
    assert window.current_id() == people["Dara"]
