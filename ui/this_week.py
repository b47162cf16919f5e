"""The *This week* view: what the window opens on when anything is due, in the order it is due.

An owner opens Rapport to see what to do today: the occasions whose lead time has started and the
steps due this week (the stored verdicts' ``week_section``, the same people as the Monday page).
The view lists them soonest first, unless the owner chose another order by a header click while in
it (then hers is kept). A search started from it looks among everyone: the owner typing a name
wants that person, not only this week's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from ui.contact_model import COLUMNS
from ui.sidebar import VIEW_THIS_WEEK

if TYPE_CHECKING:
    from ui.window_parts import WindowParts

_KEYS = [key for key, _ in COLUMNS]
_DUE_COLUMN, _NAME_COLUMN = _KEYS.index("due"), _KEYS.index("name")
# In This week the day and the step come straight after the name: on a netbook at 150 % the list
# shows two or three columns, and these are what the view is for.
_THIS_WEEK_COLUMNS = [_KEYS.index(key) for key in ("name", "due", "next_step", "tier", "label", "last_interaction")]


class ThisWeekOrder:
    """Sorts *This week* by its days and shows its day and step first; on leaving it, the columns
    and the names' order come back (unless the owner chose the order herself)."""

    def __init__(self, window: WindowParts) -> None:
        self.window = window
        self._sorting = False  # a sort of ours, not a header click
        self._set_by_view = False  # the list is in due order because This week put it there
        self._owner_chose = False  # a header click while in This week: her order from then on
        window.table.horizontalHeader().sortIndicatorChanged.connect(self._header_clicked)

    def _header_clicked(self, _section: int, _order: Qt.SortOrder) -> None:
        if not self._sorting and self.window.model.view == VIEW_THIS_WEEK:
            self._owner_chose, self._set_by_view = True, False

    def _sort(self, column: int) -> None:
        self._sorting = True
        try:
            self.window.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        finally:
            self._sorting = False

    def follow(self, view: str) -> None:
        """Before ``view`` is shown: its order and its columns."""
        model = self.window.model
        self._arrange(_THIS_WEEK_COLUMNS if view == VIEW_THIS_WEEK else list(range(len(COLUMNS))))
        if view == VIEW_THIS_WEEK:
            if not self._owner_chose and (model.sort_key, model.descending) == ("name", False):
                self._sort(_DUE_COLUMN)
                self._set_by_view = True
        elif self._set_by_view:
            self._set_by_view = False
            if (model.sort_key, model.descending) == ("due", False):
                self._sort(_NAME_COLUMN)


    def _arrange(self, columns: list[int]) -> None:
        header = self.window.table.horizontalHeader()
        for visual, logical in enumerate(columns):
            header.moveSection(header.visualIndex(logical), visual)


def open_on_this_week(window: WindowParts) -> None:
    """At open: the *This week* view when it lists anyone, else everyone. Chosen without the sidebar's
    signal, so that an error reading a damaged page reaches the caller (which offers a backup)."""
    if not window.book.contacts.view_counts().get(VIEW_THIS_WEEK) or window.model.search:
        return
    window.sidebar.blockSignals(True)
    try:
        window.sidebar.choose(VIEW_THIS_WEEK)
    finally:
        window.sidebar.blockSignals(False)
    window.show_view(VIEW_THIS_WEEK)


def search_everyone(window: WindowParts, text: str) -> bool:
    """A search typed on *This week* moves to *All contacts*; True when it did (the view's refresh
    then shows the search)."""
    if not text.strip() or window.model.view != VIEW_THIS_WEEK:
        return False
    window.model.set_filter(search=text)
    window.sidebar.choose("all")
    return True
