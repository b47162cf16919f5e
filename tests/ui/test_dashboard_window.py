"""The dashboard on the demo book: Ctrl+D opens it, Ctrl+T shows every chart as its table, a click
on a rung's bar lists that rung in the window, and a change to the book redraws it."""

from __future__ import annotations

import calendar
from pathlib import Path

import pytest

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, Qt
from PySide6.QtGui import QScreen

from core import i18n
from core.demo import create_demo_book
from core.text import format_count
from tests.ui.test_synced_window import open_window
from ui import dashboard as dashboard_module
from ui.dashboard import Dashboard


def open_on_demo(qtbot, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "demo.rapport"
    create_demo_book(path).close()
    window = open_window(qtbot, path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dashboard = window.findChild(Dashboard)
    assert dashboard is not None and dashboard.isVisible()
    qtbot.waitUntil(lambda: len(dashboard.panels) == 6)  # the figures are read off the GUI thread
    return window, dashboard


def test_ctrl_d_opens_six_charts_and_ctrl_t_their_numbers(qtbot, tmp_path: Path, monkeypatch) -> None:
    window, dashboard = open_on_demo(qtbot, tmp_path, monkeypatch)
    assert list(dashboard.panels) == ["ladder", "moves", "revenue", "sources", "alive", "ahead"]
    ladder = dashboard.panels["ladder"]
    figure = window.book.dashboard.ladder()
    assert ladder.view.accessibleDescription() == figure.description
    assert ladder.stack.currentWidget() is ladder.view
    dashboard.activateWindow()
    qtbot.waitUntil(dashboard.isActiveWindow)
    qtbot.keyClick(dashboard, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    # A button's shortcut presses it as a click would show it: the toggle lands a moment later.
    qtbot.waitUntil(lambda: all(panel.stack.currentWidget() is panel.table for panel in dashboard.panels.values()))
    table = ladder.table
    assert [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())] == figure.rows()
    assert dashboard.panels["alive"].note.text().startswith("Not enough buyers yet for a forecast: ")


def test_a_click_on_a_rungs_bar_lists_that_rung(qtbot, tmp_path: Path, monkeypatch) -> None:
    window, dashboard = open_on_demo(qtbot, tmp_path, monkeypatch)
    ladder = dashboard.panels["ladder"]
    qtbot.waitUntil(lambda: ladder.chart.plotArea().height() > 100)  # drawn and laid out: bars have their places
    counts = window.book.dashboard.ladder().series[0][1]
    clients = 3
    assert counts[clients] > 0
    centre = ladder.chart.mapToPosition(QPointF(clients - 0.15, counts[clients] / 2), ladder.series)
    where = ladder.view.mapFromScene(ladder.chart.mapToScene(centre))
    qtbot.mouseClick(ladder.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: window.model.view == "client")
    assert window.model.rowCount() == counts[clients]


def test_a_change_to_the_book_redraws_the_dashboard(qtbot, tmp_path: Path, monkeypatch) -> None:
    window, dashboard = open_on_demo(qtbot, tmp_path, monkeypatch)
    before = dashboard.panels["ladder"].table.item(0, 1).text()
    window.book.contacts.add("Someone new", today=window.today)  # a suspect
    qtbot.waitUntil(lambda: dashboard.panels["ladder"].table.item(0, 1).text() != before, timeout=5000)
    assert int(dashboard.panels["ladder"].table.item(0, 1).text()) == int(before) + 1


def test_the_charts_follow_a_dark_palette(qtbot, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCharts import QChart
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    app.setPalette(dark)
    try:
        _, dashboard = open_on_demo(qtbot, tmp_path, monkeypatch)
        assert {panel.chart.theme() for panel in dashboard.panels.values()} == {QChart.ChartTheme.ChartThemeDark}
        from core.domain import Tier
        from core.palette import TIER_COLOURS

        clients = dashboard.panels["ladder"].series.barSets()[2 * 3]  # a rung's whole part (then its hybrids)
        assert clients.color().name() == TIER_COLOURS[Tier.CLIENT], "the rungs keep their colours in the dark"
    finally:
        app.setPalette(before)


class _Paints(QObject):
    """Counts the paints of the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_charts_are_drawn_one_at_a_time_with_the_window_painting_between(qtbot, tmp_path: Path,
                                                                             monkeypatch) -> None:
    """Six charts made and painted in one go held the window 150–175 ms on a loaded machine."""
    paints = _Paints()
    painted_before: list[int] = []
    made = dashboard_module.ChartPanel.__init__

    def making(panel, *args, **kwargs) -> None:
        painted_before.append(paints.count)
        made(panel, *args, **kwargs)
        panel.view.viewport().installEventFilter(paints)

    monkeypatch.setattr(dashboard_module.ChartPanel, "__init__", making)
    open_on_demo(qtbot, tmp_path, monkeypatch)
    assert len(painted_before) == 6
    assert painted_before[1:] == sorted(painted_before[1:]) and painted_before[-1] >= 5, painted_before


def test_on_a_wide_screen_the_two_columns_of_charts_are_as_wide_as_each_other(qtbot, tmp_path: Path,
                                                                            monkeypatch) -> None:
    """Drawn one at a time, the first chart took the whole width and kept most of it: the second
    column's months ran into each other."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(0, 0, 1366, 768))
    _window, dashboard = open_on_demo(qtbot, tmp_path, monkeypatch)
    assert dashboard.columns == 2
    dashboard.resize(1200, 700)
    qtbot.waitUntil(lambda: dashboard.panels["moves"].width() > 400)
    assert abs(dashboard.panels["ladder"].width() - dashboard.panels["moves"].width()) <= 2
    # Under the bars the months alone ("Jan 2026" was hidden there), the span as the axis's title.
    today = _window.today
    last_twelve = [((today.month - 1 - back) % 12 + 1, today.year - (back >= today.month)) for back in range(11, -1, -1)]
    axis = dashboard.panels["moves"].chart.axes(Qt.Orientation.Horizontal)[0]
    assert axis.categories() == [calendar.month_abbr[month] for month, _year in last_twelve]
    (first, first_year), (last, last_year) = last_twelve[0], last_twelve[-1]
    assert axis.titleText() == f"{calendar.month_abbr[first]} {first_year} – {calendar.month_abbr[last]} {last_year}"


@pytest.mark.parametrize(("language", "written"), [("en", "1,500,000"), ("fr", "1\u202f500\u202f000"),
                                                  ("de", "1.500.000")])
def test_the_charts_write_their_numbers_as_money_is_written(qtbot, tmp_path: Path, monkeypatch, language: str,
                                                           written: str) -> None:
    """The axes said "1500000"; they write numbers as the owner's language writes money, and the
    tables behind the charts too ("1,500" would be one and a half in German)."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # the language's own country, not the test machine's
    i18n.use_language(language)
    try:
        _window, dashboard = open_on_demo(qtbot, tmp_path, monkeypatch)
        for panel in dashboard.panels.values():
            assert panel.chart.localizeNumbers()
            assert panel.chart.locale().toString(1500000.0, "f", 0) == written
        assert format_count(1500000) == written
    finally:
        i18n.use_language("en")
