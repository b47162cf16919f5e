"""Names and descriptions for the window's controls that show no text of their own, for screen
readers (Orca, NVDA, VoiceOver read them): the search field, the contact list and its columns'
header. The sidebar, the pane's lists and the dialogs name theirs where they are made. And the order
Tab walks the window in: as it reads, left to right, and never caught in the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget
from core.i18n import _

if TYPE_CHECKING:
    from ui.window_parts import WindowParts


def describe_main_window(window: WindowParts) -> None:
    window.search.setAccessibleName(_("Search contacts"))
    window.search.setAccessibleDescription(_("Finds contacts by name, phone, email, tag or note as you type; "
                                           "Escape clears it"))
    window.table.setAccessibleName(_("Contacts"))
    window.table.setAccessibleDescription(_("The contacts of the view chosen in the list of views, one a row: "
                                          "name, rung, what you call them, last contact, next step, due"))
    window.table.horizontalHeader().setAccessibleName(_("Columns: click one to sort by it"))
    from PySide6.QtWidgets import QToolButton

    for button in window.search.findChildren(QToolButton):  # the field's own clear button (Escape)
        button.setAccessibleName(_("Clear the search"))


def walk_as_it_reads(window: WindowParts) -> None:
    """Tab goes from the views to the reminder's buttons, the search, the list and into the pane, as the
    window reads from left to right. In the list the arrows move between rows: Tab leaves it (Qt's
    table would keep Tab for its cells, and a keyboard alone could never get out)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    window.table.setTabKeyNavigation(False)
    window.panel.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the frame is no stop: what is in it is
    pane = window.panel.widget()  # what it holds follows it, in the order in_reading_order gives them
    assert pane is not None, "the pane holds its sections from the start"
    chain = [window.sidebar, *window.reminder.buttons.values(), window.search, window.table, pane]
    for before, after in zip(chain, chain[1:]):
        QWidget.setTabOrder(before, after)


def in_reading_order(container: QWidget) -> None:
    """Tab walks ``container``'s controls as the eye reads them, top to bottom and left to right, what
    ever order they were made in (the pane makes a plan's tick boxes when a contact needs them). The
    order is the layouts' own, read without laying anything out: asking Qt where each control stands
    forced a layout of the whole pane on every refresh, and cost a log 60 ms at worst."""
    stops = _stops_in_layout_order(container)
    if stops == getattr(container, "_ordered_for", None):
        return  # the same controls as for the contact before: the same order (most refreshes after a log)
    container._ordered_for = stops  # type: ignore[attr-defined]  # kept on the pane, for the next contact
    for before, after in zip(stops, stops[1:]):
        QWidget.setTabOrder(before, after)


def _stops_in_layout_order(container: QWidget) -> list[QWidget]:
    """The visible controls Tab stops at, in the order their layouts place them (rows top to bottom,
    items left to right, a grid row by row); a spin box's or a choice list's own parts are not stops."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLayout

    stops: list[QWidget] = []

    def visit(widget: QWidget) -> None:
        if not widget.isVisibleTo(container):
            return
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
        inner = widget.layout()
        if inner is not None and not isinstance(widget, (QAbstractSpinBox, QComboBox)):
            walk(inner)

    def walk(layout: QLayout | None) -> None:
        for index in range(layout.count() if layout is not None else 0):
            item = layout.itemAt(index) if layout is not None else None
            if item is None:
                continue
            placed, nested = item.widget(), item.layout()
            if placed is not None:
                visit(placed)
            elif nested is not None:
                walk(nested)

    walk(container.layout())
    return stops
