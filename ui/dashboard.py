"""The dashboard (Review → Dashboard, Ctrl+D): the book's shape in six charts, drawn from
``book.dashboard``'s figures (worked out and tested in core; this module only draws).

Each chart has its numbers behind it: Ctrl+T shows every chart as a table, for whoever would
rather read and for screen readers. A bar of the ladder is a click to that rung's list in the
window. The figures are read again when the book changes (checked every 2 s while it is open).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain import Tier
from core.palette import TIER_COLOURS
from core.text import numbers_locale
from ui.lifetime import delete_on_close
from ui.screen_fit import fit_on_screen
from ui.tasks import run_in_background
from core.i18n import _

if TYPE_CHECKING:
    from core.figure import Figure
    from ui.window_parts import WindowParts

CHART_HEIGHT = 260
CHECK_EVERY_MS = 2000
# Series named after a rung take its colour; the others these, in order.
OTHER_COLOURS = ("#4f8fd6", "#d35f5f", "#2e9e6b", "#d98a1c")
_BY_PLURAL = {tier.plural: tier for tier in Tier}


class ChartPanel(QWidget):
    """One figure: its title, the chart or its table, and the line under it."""

    sig_bar_clicked = Signal(int)
    """A bar was clicked: its category's index."""

    def __init__(self, figure: Figure, dark: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = figure.key
        self.figure = figure
        self.title = QLabel(f"<b>{figure.title}</b>")
        self.chart = QChart()
        # The axes' numbers as the owner's language writes them, as money is ("1,500,000", "1 500 000",
        # "1.500.000"), not "1500000".
        self.chart.setLocalizeNumbers(True)
        self.chart.setLocale(QLocale(numbers_locale()))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(self.chart.margins() * 0)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(CHART_HEIGHT)
        self.table = QTableWidget()
        self.table.setTabKeyNavigation(False)  # the arrows move in it; Tab goes on to the buttons
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()  # the first column names each row
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.table)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.note)
        self.series: QAbstractBarSeries | None = None
        self.dark = dark
        self.chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
        self.show_figure(figure)

    def show_figure(self, figure: Figure) -> None:
        self.figure = figure
        self.title.setText(f"<b>{figure.title}</b>")
        self.view.setAccessibleName(figure.title)
        self.view.setAccessibleDescription(figure.description)
        self.table.setAccessibleName(_("{title}: the numbers").format(title=figure.title))
        self.table.setAccessibleDescription(figure.description)
        self.view.setToolTip(figure.description)
        self.note.setText(figure.note)
        self.note.setVisible(bool(figure.note))
        # Nothing to draw and a note saying why (no forecast yet): the note alone, not empty axes.
        self.stack.setVisible(not figure.note or any(v for _ignored, values in figure.series for v in values))
        self._draw(figure)
        self._tabulate(figure)

    def _draw(self, figure: Figure) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        if figure.key == "ladder":
            series: QAbstractBarSeries = _rungs(figure)
        else:
            series = (QHorizontalStackedBarSeries() if figure.across else QStackedBarSeries()) if figure.stacked \
                else QBarSeries()
            for number, (name, values) in enumerate(figure.series):
                bars = QBarSet(name)
                bars.append(list(values)[::-1] if figure.across else list(values))  # across: the first on top
                tier = _BY_PLURAL.get(name)
                bars.setColor(QColor(TIER_COLOURS[tier] if tier else OTHER_COLOURS[number % len(OTHER_COLOURS)]))
                series.append(bars)
        series.clicked.connect(lambda index, _bars: self.sig_bar_clicked.emit(index))
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        # Names down the side are cut short by hand: left to Qt, a long one shrank every name to "…".
        categories.append([_short(name) for name in figure.categories][::-1] if figure.across
                          else list(figure.axis_labels or figure.categories))
        categories.setTruncateLabels(False)
        categories.setTitleText(figure.axis_title)
        value_axis = QValueAxis()
        value_axis.setLabelFormat("%.0f")
        tallest = [sum(vs[i] for _ignored, vs in figure.series) for i in range(len(figure.categories))] if figure.stacked \
            else [v for _ignored, vs in figure.series for v in vs]
        top = max(tallest, default=0)
        value_axis.setRange(0, max(top, 4))
        value_axis.applyNiceNumbers()  # ticks at 0, 5, 10…, not at a fifth of the tallest bar
        value_axis.setTitleText(figure.unit)
        across = figure.across
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if across else Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom if across else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(value_axis)
        self.chart.legend().setVisible(len(figure.series) > 1 and figure.key != "ladder")
        self.series = series

    def _tabulate(self, figure: Figure) -> None:
        rows = figure.rows()
        self.table.clear()
        self.table.setColumnCount(1 + len(figure.series))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(["", *(name for name, _ignored in figure.series)])
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem(cell)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def follow_palette(self, dark: bool) -> None:
        """The chart's background and text follow the window's palette (dark mode). A theme recolours
        every bar, so the figure is drawn again after it, in the rungs' own colours."""
        if dark != self.dark:
            self.dark = dark
            self.chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
            self._draw(self.figure)


SIDE_NAME = 18  # characters of a category's name down the side of a chart (the table has them whole)


def _short(name: str) -> str:
    return name if len(name) <= SIDE_NAME else name[:SIDE_NAME - 1].rstrip() + "…"


def _rungs(figure: Figure) -> QStackedBarSeries:
    """The ladder in its rungs' colours: one bar a rung, its hybrids a paler part of it (the note
    under the chart counts them in words, so colour is never the only sign)."""
    series = QStackedBarSeries()
    people, hybrids = figure.series[0][1], figure.series[1][1]
    for at, tier in enumerate(Tier):
        for part, value, pale in (("", people[at] - hybrids[at], False), (" hybrids", hybrids[at], True)):
            bars = QBarSet(f"{tier.plural}{part}")
            bars.append([value if i == at else 0.0 for i in range(len(Tier))])
            colour = QColor(TIER_COLOURS[tier])
            bars.setColor(colour.lighter(150) if pale else colour)
            series.append(bars)
    return series


class Dashboard(QDialog):
    """The charts in a scroll area: two columns on a wide screen, one on a small one."""

    def __init__(self, window: WindowParts) -> None:
        super().__init__(window.widget)
        delete_on_close(self)
        self.setWindowTitle(_("Dashboard"))
        self.window_ = window
        self.panels: dict[str, ChartPanel] = {}
        self.as_tables = QPushButton(_("Show as &tables"))
        self.as_tables.setCheckable(True)
        self.as_tables.setShortcut(QKeySequence("Ctrl+T"))
        self.as_tables.setToolTip(_("Every chart as a table of its numbers (Ctrl+T)"))
        self.as_tables.toggled.connect(self._show_tables)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)
        QShortcut(QKeySequence("F5"), self, self.reload)
        body = QWidget()
        self.grid = QGridLayout(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.as_tables)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        screen = window.widget.screen().availableGeometry()
        self.columns = 2 if screen.width() >= 1200 else 1
        for column in range(self.columns):  # as wide as each other, however many charts are drawn yet
            self.grid.setColumnStretch(column, 1)
        self.status = QLabel(_("Reading the figures…"))
        self.grid.addWidget(self.status, 0, 0)
        self._seen = self._book_state()
        self._reading = self._again = self._closed = self._drawing = False
        self._to_draw: list[tuple[int, Figure]] = []
        self.reload()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self._reload_if_changed)
        self._timer.start()
        fit_on_screen(self, 1200 if self.columns == 2 else 720, 900)

    def reload(self) -> None:
        """Read the figures again off the GUI thread (a second at 100,000 contacts), then draw them."""
        book, today = self.window_.book, self.window_.today
        if book.closed or self._closed:
            return
        if self._reading:
            self._again = True  # the book changed while they were read: once more when that is done
            return
        self._reading, self._again = True, False

        def work() -> list[Figure]:
            with book.reader() as reader:
                return reader.dashboard.figures(today)

        def done(figures: list[Figure]) -> None:
            self._reading = False
            if self._closed or book is not self.window_.book:
                return
            self._draw(figures)
            if self._again:
                self.reload()

        def failed(exc: Exception) -> None:
            self._reading = False
            if not self._closed:
                self.status.setText(_("Could not read the figures: {exc}").format(exc=exc))

        run_in_background(work, done, failed)

    def _draw(self, figures: list[Figure]) -> None:
        """The figures drawn one chart a turn of the event loop: the six made and painted at once held
        the window 100–175 ms on a loaded machine; between two, the owner's keys are heard. Figures
        read again while some are still to draw take their place."""
        self._to_draw = list(enumerate(figures))
        if not self._drawing:
            self._drawing = True
            QTimer.singleShot(0, self, self._draw_next)

    def _draw_next(self) -> None:
        if self._closed or not self._to_draw:
            self._drawing = False
            return
        number, figure = self._to_draw.pop(0)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        panel = self.panels.get(figure.key)
        if panel is None:
            self.status.hide()
            panel = ChartPanel(figure, dark)
            panel.stack.setCurrentIndex(1 if self.as_tables.isChecked() else 0)
            self.grid.addWidget(panel, number // self.columns, number % self.columns)
            if figure.key == "ladder":
                panel.sig_bar_clicked.connect(self._open_rung)
            self.panels[figure.key] = panel
        else:
            panel.show_figure(figure)
        panel.follow_palette(dark)
        if self._to_draw:
            QTimer.singleShot(0, self, self._draw_next)
        else:
            self._drawing = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        self._closed = True  # figures still being read are not drawn into a closed window
        self._timer.stop()
        super().closeEvent(event)

    def _book_state(self) -> tuple[int, int]:
        book = self.window_.book
        if book.closed:
            return (-1, -1)
        return book.dashboard.changed_mark()

    def _reload_if_changed(self) -> None:
        state = self._book_state()
        if state != self._seen:
            self._seen = state
            self.reload()

    def _show_tables(self, tables: bool) -> None:
        for panel in self.panels.values():
            panel.stack.setCurrentIndex(1 if tables else 0)

    def _open_rung(self, index: int) -> None:
        """A click on a rung's bar: the window lists that rung."""
        tier = list(Tier)[index]
        self.window_.show_view(tier.value)
        self.window_.widget.activateWindow()


def open_dashboard(window: WindowParts) -> Dashboard:
    dashboard = Dashboard(window)
    dashboard.show()
    dashboard.raise_()
    dashboard.activateWindow()  # its keys (Ctrl+T, F5, Escape) work at once
    return dashboard
