"""The contact table: a thin Qt model over the book that keeps only row ids, a page at a time.

The view asks for more rows as the owner scrolls (``canFetchMore``/``fetchMore``, as Qt's SQL
models and Spyder's data frame editor do), so a search, a view or a header click reads one page
of ids along an index (``book.contacts.ids(limit=…)``), not all 100,000. Row contents are fetched
in chunks the first time they are shown and cached. Sorting and searching happen in SQL.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from core.books import Book, ContactRow
from core.errors import BookError
from core.palette import TIER_COLOURS
from core.text import format_day
from core.i18n import _
from ui.waiting import wait_keeping_input

# The roles a row answers. Painting a cell asks seven (its alignment, colours, check state…): the
# others are refused before the row is looked up: half of a repaint's time in ``data`` (a log
# repaints hundreds of cells; a dialog opened or closed, the whole list).
_ANSWERED = frozenset(int(role) for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                             Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole))

COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", _("Name")),
    ("tier", _("Tier")),
    ("label", _("You call them")),
    ("last_interaction", _("Last contact")),
    ("next_step", _("Next step")),
    ("due", _("Due")),
)
CHUNK = 64  # rows whose cells are read at a time: a screen shows a few dozen
CACHED_ROWS = 4 * CHUNK  # rows kept read: a screen's worth and more, re-read after each change
PAGE = 200  # ids read at a time
PLACED_AT_MOST = 20  # a write touching more contacts than this reads the list again from its top
AnyIndex = QModelIndex | QPersistentModelIndex


class ContactTableModel(QAbstractTableModel):
    """Contacts of one view and search, sorted by one column, read lazily from the book."""

    sig_sorted = Signal()
    """The list was read again in a new order (a click on a column's header): its rows were reset."""

    def __init__(self, book: Book, parent=None) -> None:
        super().__init__(parent)
        self.book = book
        self.view = "all"
        self.search = ""
        self.sort_key = "name"
        self.descending = False
        self.today = date.today()
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}  # contact id → row, for the rows read so far
        self._complete = True  # every row of the view has been read
        self._fresh_list = False  # a new search, view or order: the next reload starts at the top
        self._shown_on = self.today
        self._cache: dict[int, ContactRow] = {}
        self._read_as: tuple[object, ...] = ()  # the book, view, search and order ``_ids`` were read in

    # ---------------------------------------------------------------- loading
    def reload(self, depth: int | None = None, only: set[int] | None = None) -> bool:
        """Re-read the rows (after a change, a new search, view or sort order): as many as were read
        before, so a change keeps the owner's place in the list, or ``depth`` of them. When the list
        is the same, only the rows in ``only`` are read again (all when None). True when the list
        was laid out again."""
        if depth is None and only is not None and len(only) <= PLACED_AT_MOST and self._placeable():
            return self._place_again(only)
        if depth is None:
            depth = PAGE if self._fresh_list else len(self._ids)
        depth = max(PAGE, depth)
        self._fresh_list = False
        ids = self._page(0, depth + 1)
        if ids[:depth] == self._ids and (len(ids) <= depth) == self._complete and self._shown_on == self.today:
            self._read_as = self._reading()
            self._update_read_rows(only)
            return False
        self._show(ids, depth)
        return True

    def _placeable(self) -> bool:
        """Whether the list read before is still this view's, search's, order's and day's, so that a
        write touching a few contacts can be shown by putting them back in place."""
        return (not self._fresh_list and self._shown_on == self.today and bool(self._ids)
                and self._read_as == self._reading())

    def _reading(self) -> tuple[object, ...]:
        """What the rows read depend on: the book, the view, the search and the order."""
        return (self.book, self.view, self.search, self.sort_key, self.descending)

    def _place_again(self, only: set[int]) -> bool:
        """After a write that touched the few contacts in ``only``: put them back where they now
        belong among the rows read (``Contacts.placed_again``), rather than reading every row read
        so far again; True when the list was laid out again."""
        ids = self.book.contacts.placed_again(self._ids, self._complete, only, self.view, self.search,
                                              self.sort_key, self.descending)
        if ids == self._ids:
            self._update_read_rows(only)
            return False
        if len(ids) == len(self._ids):
            rows = dict(zip(ids, range(len(ids))))
            # Only the touched contacts can have come or gone: the same number, each where it was, is
            # the same contacts (sets of a list read down to its end cost a log milliseconds).
            if all((contact_id in rows) == (contact_id in self._rows) for contact_id in only):
                self._reorder(ids, rows, only)
                return True
        self._lay_out(ids, complete=self._complete)
        return True

    def _reorder(self, ids: list[int], rows: dict[int, int], only: set[int]) -> None:
        """The same contacts in a new order (a log moved one up the ladder): a change of layout, which
        keeps the selection and the rows already read, where a reset dropped both and read a screen
        of rows again (a third of such a log's time). ``rows``: each id's row in ``ids``."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        old_ids = self._ids
        self._ids, self._rows = ids, rows
        self.changePersistentIndexList(before, [self.index(self._rows[old_ids[index.row()]], index.column())
                                                for index in before])
        self.layoutChanged.emit()
        self._update_read_rows(only)  # the moved contact's own row, once the view knows where it is

    def _show(self, ids: list[int], depth: int) -> None:
        """Show the first ``depth`` of ``ids`` (one more tells whether the list goes on)."""
        self._lay_out(ids[:depth], complete=len(ids) <= depth)

    def _lay_out(self, ids: list[int], complete: bool) -> None:
        """Show ``ids``, the view's first rows in its order (all of them when ``complete``)."""
        self.beginResetModel()
        self._set_ids(ids, complete=complete)
        self._cache.clear()
        self._shown_on = self.today  # "due" reads the day: a new day repaints every row
        self._read_as = self._reading()
        self.endResetModel()

    def _update_read_rows(self, only: set[int] | None) -> None:
        """The same rows in the same order (after a log, usually): read again the rows the view has
        shown that ``only`` names (all when None), and tell it of those that changed, so only they
        are painted again (after a log, the one contact's row) and the list is not laid out again."""
        shown = [contact_id for contact_id in self._cache if only is None or contact_id in only]
        fresh = {row.id: row for row in self.book.contacts.rows(shown)} if shown else {}
        changed = [contact_id for contact_id in shown if fresh.get(contact_id) != self._cache[contact_id]]
        for contact_id in shown:
            if contact_id in fresh:
                self._cache[contact_id] = fresh[contact_id]
            else:
                del self._cache[contact_id]
        for contact_id in changed:
            row = self._rows.get(contact_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _page(self, offset: int, limit: int) -> list[int]:
        return self.book.contacts.ids(self.view, self.search, self.sort_key, self.descending, self.today,
                                     offset=offset, limit=limit)

    def _set_ids(self, ids: list[int], complete: bool) -> None:
        self._ids = ids
        self._rows = dict(zip(ids, range(len(ids))))  # twice as quick as a comprehension at 100,000 rows
        self._complete = complete

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: N802, B008
        """The owner scrolled near the end of what was read: the next page."""
        if parent.isValid() or self._complete:
            return
        more = self._page(len(self._ids), PAGE + 1)
        self._complete = len(more) <= PAGE
        new = more[:PAGE]
        if not new:
            return
        start = len(self._ids)
        self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
        for contact_id in new:
            self._rows[contact_id] = len(self._ids)
            self._ids.append(contact_id)
        self.endInsertRows()

    def forget(self) -> None:
        """Show no rows: the book is being closed (the view must not ask a closed book for cells)."""
        self.beginResetModel()
        self._set_ids([], complete=True)
        self._cache.clear()
        self.endResetModel()

    def set_filter(self, view: str | None = None, search: str | None = None) -> None:
        """A new view or search, shown from its top by the ``reload`` that follows (the window's refresh)."""
        if view is not None:
            self.view = view
        if search is not None:
            self.search = search
        self._fresh_list = True

    def all_ids(self) -> list[int]:
        """The ids of every row of the view, read or not, in display order (for exporting a view, or
        going far down it). In a window, read beside the GUI thread, which keeps painting; the keys
        the owner presses meanwhile act after it (Ctrl+End, then Up: the row above the last)."""
        if self._complete:
            return list(self._ids)
        for _attempt in range(2):
            self.book.owner_goes_first()  # a background re-tier pauses: this read walks the whole view
            before = self._as_read()
            try:
                everyone = wait_keeping_input(self._whole_view_apart())
            except BookError:  # another program replaced the file: no new connection to it
                break
            if self._as_read() == before:
                return everyone
            # Written to meanwhile (a log, the part of a re-tier in hand as it paused): read again.
        self.book.owner_goes_first()
        return self.book.contacts.ids(self.view, self.search, self.sort_key, self.descending, self.today)

    def _whole_view_apart(self) -> Callable[[], list[int]]:
        """The read of this whole view as it is now, for a thread beside the GUI thread."""
        contacts, view, search, sort_key, descending = (self.book.contacts, self.view, self.search, self.sort_key,
                                                        self.descending)
        return lambda: contacts.whole_view_apart(view, search, sort_key, descending)

    def _as_read(self) -> tuple[object, ...]:
        """What a list read beside the GUI thread holds good for: the book, view, search and order, and
        the book's commits (``TouchLog``: every connection's, the re-tier's too)."""
        return self._reading(), self.book.touch_log.mark()

    def shows(self, contact_id: int) -> bool:
        """Whether the view and search list this contact, read yet or not."""
        return contact_id in self._rows or (not self._complete and self.book.contacts.shows(
            contact_id, self.view, self.search))

    def reveal(self, contact_id: int) -> int | None:
        """The row of a contact the view lists, reading down to it if the owner has not scrolled there."""
        if contact_id in self._rows or not self.shows(contact_id):
            return self._rows.get(contact_id)
        everyone = self.all_ids()
        if contact_id in everyone:  # shown down to them from the list just read, not read again
            self._show(everyone, max(PAGE, everyone.index(contact_id) + 1))
        return self._rows.get(contact_id)

    def contact_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, contact_id: int) -> int | None:
        """The row of a contact among the rows read so far (None: not read, or not in the view)."""
        return self._rows.get(contact_id)

    def contact_row(self, row: int) -> ContactRow | None:
        contact_id = self.contact_id(row)
        if contact_id is None:
            return None
        if contact_id not in self._cache:
            if len(self._cache) >= CACHED_ROWS:  # scrolled far: what is off screen is read again if needed
                self._cache.clear()
            start = row - row % CHUNK
            chunk = self._ids[start : start + CHUNK]
            self._cache.update((r.id, r) for r in self.book.contacts.rows(chunk))
        return self._cache.get(contact_id)

    # ---------------------------------------------------------------- Qt interface
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self.contact_row(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, key, self.today)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "label" and row.label_warning:
                return _("What you call them ranks above what the evidence shows. Open the contact to see why.")
            if key == "next_step":
                return row.next_step
            if key == "name" and row.pinned:
                return "\n".join(row.pinned)
        if role == Qt.ItemDataRole.DecorationRole and key == "tier" and row.tier is not None:
            return QColor(TIER_COLOURS[row.tier])  # the team, on no rung, has no rung's colour
        if role == Qt.ItemDataRole.FontRole and key == "due" and row.due_on and row.due_on <= self.today:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_key = COLUMNS[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload(depth=PAGE)  # a reset, not a layout change: every row may move, and the window reselects by id
        self.sig_sorted.emit()


def _display(row: ContactRow, key: str, today: date) -> str:
    if key == "name":
        return f"{row.name}  \u2691" if row.pinned else row.name
    if key == "tier":
        return row.display
    if key == "label":
        text = row.label.label if row.label else ""
        return f"{text}  ⚠" if row.label_warning else text
    if key == "last_interaction":
        return format_day(row.last_interaction_on) if row.last_interaction_on else ""
    if key == "next_step":
        return row.next_step
    if key == "due":  # the book keeps the step's own day; an overdue step is due today, as the plan says
        return format_day(max(row.due_on, today)) if row.due_on else ""
    return ""
