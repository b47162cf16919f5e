"""Names and descriptions for the window's controls that show no text of their own, for screen
readers (Orca, NVDA, VoiceOver read them): the search field, the contact list and its columns'
header. The sidebar, the pane's lists and the dialogs name theirs where they are made."""

from __future__ import annotations

from typing import TYPE_CHECKING
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
