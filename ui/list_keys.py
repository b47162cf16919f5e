"""Keys that move through the contact list as in any long list of a desktop app.

Ctrl+End goes to the last contact of the whole list, not only of the rows read so far (a list of
23,570 took 118 presses to reach its end); Down, Enter or Return in the search box goes to the
first result, with the keyboard in the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from ui.window_parts import WindowParts


class ListKeys(QObject):
    def __init__(self, window: WindowParts) -> None:
        super().__init__(window.widget)
        self.window = window
        window.table.installEventFilter(self)
        window.search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if watched is self.window.table and key == Qt.Key.Key_End and control:
            self.go_to_last()
            return True
        if watched is self.window.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_to_first_result()
            return True
        return False

    def go_to_last(self) -> None:
        """The last contact of the list as it is sorted and filtered, read down to if need be."""
        window, model = self.window, self.window.model
        last = window.book.contacts.ids(model.view, model.search, model.sort_key, not model.descending, window.today,
                                        limit=1)
        if last:
            window.book.owner_goes_first()  # reading 100,000 rows down: background work waits a moment
            model.reveal(last[0])
            window.select_contact(last[0])

    def go_to_first_result(self) -> None:
        window = self.window
        window.search_now()
        if window.model.rowCount():
            window.select_contact(window.model.contact_id(0))
            window.table.setFocus()
