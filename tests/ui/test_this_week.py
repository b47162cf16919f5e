"""The window opens on *This week* when anyone is due: occasions and steps, soonest first, one click
from the contact; a search typed there looks among everyone; with nobody due it opens on All."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from core.books import Book
from tests.ui.test_synced_window import open_window
from ui.contact_model import COLUMNS
from ui.main_window import MainWindow

DUE_COLUMN = [key for key, _ in COLUMNS].index("due")


def _year_less(day: date) -> str:
    return f"--{day.month:02d}-{day.day:02d}"


def _next_week_sunday() -> int:
    """Days to the Sunday after this week's: a birthday then, with 7 days' notice, is on this week's
    page from its Sunday on (whatever day the test runs), later than one two days from now."""
    today = date.today()
    return (6 - today.weekday()) + 7


def _open(qtbot, tmp_path: Path, monkeypatch, birthdays_in: dict[str, int | None]) -> MainWindow:
    """A book of contacts with a birthday so many days ahead (None: none), opened in a window."""
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    today = date.today()
    with Book.open(tmp_path / "shop.rapport") as book:
        for name, days in birthdays_in.items():
            birthday = _year_less(today + timedelta(days=days)) if days is not None else ""
            book.contacts.add(name, birthday=birthday, today=today)
    window = open_window(qtbot, tmp_path / "shop.rapport")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # the keys go where the owner's would
    return window


def _names(window: MainWindow) -> list[str]:
    return [window.model.index(row, 0).data() for row in range(window.model.rowCount())]


def test_the_window_opens_on_this_week_soonest_first(qtbot, tmp_path, monkeypatch) -> None:
    # Named against the alphabet: only the order of the days puts Zoë first. Bo has nothing due.
    window = _open(qtbot, tmp_path, monkeypatch, {"Zoë Fontaine": 2, "Anna Berg": _next_week_sunday(), "Bo Li": None})
    assert window.sidebar.currentItem().text() == "This week  (2)"
    assert window.sidebar.item(0).text() == "This week  (2)", "the first view"
    assert _names(window) == ["Zoë Fontaine", "Anna Berg"]
    header = window.table.horizontalHeader()
    assert header.sortIndicatorSection() == DUE_COLUMN
    assert [COLUMNS[header.logicalIndex(v)][1] for v in range(3)] == ["Name", "Due", "Next step"], "what the view is for, first"
    assert window.current_id() is not None and window.panel.card.name.text() == "Zoë Fontaine"
    # One click from the contact.
    rect = window.table.visualRect(window.model.index(1, 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.panel.card.name.text() == "Anna Berg"
    # A name typed here is looked for among everyone.
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search, "bo")
    qtbot.waitUntil(lambda: _names(window) == ["Bo Li"], timeout=3000)
    assert window.sidebar.currentItem().text().startswith("All contacts  (")
    # Away from This week, names are in their own order again.
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=3000)
    assert _names(window) == ["Anna Berg", "Bo Li", "Zoë Fontaine"]
    assert [COLUMNS[header.logicalIndex(v)][0] for v in range(len(COLUMNS))] == [key for key, _ in COLUMNS]
    window.close()


def test_with_nobody_due_the_window_opens_on_everyone(qtbot, tmp_path, monkeypatch) -> None:
    window = _open(qtbot, tmp_path, monkeypatch, {"Anna Berg": 40, "Bo Li": None})
    assert window.sidebar.currentItem().text() == "All contacts  (2)"
    assert window.sidebar.item(0).text() == "This week  (0)"
    assert _names(window) == ["Anna Berg", "Bo Li"]
    assert window.table.horizontalHeader().visualIndex(DUE_COLUMN) == len(COLUMNS) - 1
    window.close()


def test_an_order_chosen_in_this_week_is_kept(qtbot, tmp_path, monkeypatch) -> None:
    window = _open(qtbot, tmp_path, monkeypatch, {"Zoë Fontaine": 2, "Anna Berg": _next_week_sunday()})
    assert _names(window) == ["Zoë Fontaine", "Anna Berg"]
    header = window.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionSize(0) // 2, 5))
    assert _names(window) == ["Anna Berg", "Zoë Fontaine"], "the owner sorted by name"
    window.sidebar.choose("all")
    window.sidebar.choose("due")
    assert _names(window) == ["Anna Berg", "Zoë Fontaine"], "her order, not the view's"
    window.close()
