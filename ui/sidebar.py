"""The views on the left, with live counts: This week, All, each tier, hybrids, occasions, slipping,
suppliers, team, Trash."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from core.books import Book
from core.domain import Tier
from core.ladder.facts import window_phrase
from core.text import format_count, format_money
from core.palette import TIER_COLOURS
from core.i18n import _

ViewRole = Qt.ItemDataRole.UserRole + 20
VIEW_THIS_WEEK = "due"  # today's and this week's occasions and steps: where the window opens
VIEWS: tuple[tuple[str, str], ...] = (
    (VIEW_THIS_WEEK, _("This week")),
    ("all", _("All contacts")),
    *((t.value, t.plural) for t in Tier),
    ("hybrid", _("Hybrids")),
    ("occasions", _("Occasions soon")),
    ("slipping", _("Slipping away")),
    ("supplier", _("Suppliers")),
    ("team", _("Team")),
    ("trash", _("Trash")),
)


_TOOLTIPS = {
    "hybrid": _("Hybrids: partners who also buy from you"),
    VIEW_THIS_WEEK: _("This week: today's and this week's occasions and steps, soonest first"),
}


class _CountKeptDelegate(QStyledItemDelegate):
    """Paints "Customers  (23)" as the name on the left and the count on the right: squeezed (a
    netbook at 150 %), the name loses letters, never the count ("Custom…  (23)")."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        if "  (" not in item.text:
            super().paint(painter, option, index)
            return
        text, item.text = item.text, ""
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, item.widget).adjusted(3, 0, -3, 0)
        name, count = name_and_count(text, item.fontMetrics, area.width())
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setPen(item.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, count)
        painter.restore()


def name_and_count(text: str, metrics: QFontMetrics, width: int) -> tuple[str, str]:
    """"Customers  (23)" in ``width`` points: the name, shortened if it must be, and the whole count."""
    name, _gap, count = text.rpartition("  (")
    count = f"({count}"
    room = max(width - metrics.horizontalAdvance(count) - metrics.horizontalAdvance("  "), 0)
    return metrics.elidedText(name, Qt.TextElideMode.ElideRight, room), count


def revenue_in_words(book: Book, today: date) -> dict[Tier, str]:
    """Each tier's spend within W, as the sidebar's tooltips say it."""
    settings = book.settings()
    return {tier: _("{amount} in {window}").format(amount=format_money(cents, settings.currency),
                                                    window=window_phrase(settings.window_days))
            for tier, cents in book.revenue.by_tier(today).items()}


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class Sidebar(QListWidget):
    """One row per view; the current row chooses what the table shows."""

    sig_view_chosen = Signal(str)
    """The owner chose a view: its key ("all", "client", "due", …)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumWidth(230)
        self.setMinimumWidth(170)
        self.setAccessibleName(_("Views"))
        self.setAccessibleDescription(_("Which contacts the list shows: this week's, everyone, one rung, the hybrids, "
                                      "occasions soon, those slipping away, suppliers, the team or the Trash"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_CountKeptDelegate(self))
        for key, label in VIEWS:
            item = QListWidgetItem(label)
            item.setData(ViewRole, key)
            # Squeezed (1024×600 at 150 %), a name loses letters ("Due this w…"): hovering says it whole.
            item.setToolTip(_TOOLTIPS.get(key, label))
            if key in {t.value for t in Tier}:
                item.setIcon(_swatch(TIER_COLOURS[Tier(key)]))
            self.addItem(item)
        self.choose("all")  # the window chooses This week once it knows anyone is due
        self.currentItemChanged.connect(self._chosen)

    def _chosen(self, item: QListWidgetItem | None, _old: QListWidgetItem | None) -> None:
        if item is not None:
            self.sig_view_chosen.emit(item.data(ViewRole))

    def row_of(self, key: str) -> int:
        return next(row for row in range(self.count()) if self.item(row).data(ViewRole) == key)

    def choose(self, key: str) -> None:
        self.setCurrentRow(self.row_of(key))

    def show_counts(self, counts: dict[str, int]) -> None:
        for row, (key, label) in enumerate(VIEWS):
            self.item(row).setText(f"{label}  ({format_count(counts.get(key, 0))})")
        self._revenue_told = False  # the money may have changed: work it out again when asked

    def set_revenue_source(self, source: Callable[[], dict[Tier, str]]) -> None:
        """Where each tier's spend within W comes from, in words; asked only when a tooltip shows,
        because summing a year of purchases is too slow to do on every refresh of a big book."""
        self._revenue_source = source
        self._revenue_told = False

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ToolTip and not self._revenue_told and hasattr(self, "_revenue_source"):
            self._revenue_told = True
            for tier, said in self._revenue_source().items():
                self.item(self.row_of(tier.value)).setToolTip(f"{tier.plural} spent {said}")
        return super().viewportEvent(event)

    def label_of(self, key: str) -> str:
        if key.startswith("source:"):
            return _("the source “{key}”").format(key=key[len('source:'):])
        return dict(VIEWS)[key]
