"""Closing a loop and resolving a complaint from the Contact menu: the owner's word, undoable.

The rules (what a closure means, what new evidence reopens it) live in core; this only asks the
book through an operation (undoable) and says what happened.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from core.domain import Closure
from core import operations
from core.i18n import _

if TYPE_CHECKING:
    from ui.window_parts import WindowParts

CLOSURE_ACTIONS = (
    ("close_not_a_fit", _("&Not a fit"), Closure.NOT_A_FIT),
    ("close_keep_customer", _("&Keep as a customer (no become-a-client steps)"), Closure.KEEP_CUSTOMER),
    ("close_gone", _("&Gone"), Closure.GONE),
    ("close_reopen", _("&Reopen"), None),
)


def build_loop_menu(window: WindowParts, contact_menu) -> None:
    loop_menu = contact_menu.addMenu(_("&Close the loop"))
    for key, text, closure in CLOSURE_ACTIONS:
        window.commands._act(loop_menu, key, text, partial(close_loop, window, closure))
    window.commands._act(contact_menu, "resolve", _("Mark the complaint resol&ved"), lambda: resolve_complaint(window))


def close_loop(window: WindowParts, closure: Closure | None) -> None:
    contact_id = window.current_id()
    if contact_id is None:
        return
    name = window.book.contacts.get(contact_id).name
    text = _("Close {name}: {label}").format(name=name, label=closure.label) if closure else _("Reopen {name}").format(name=name)
    if window.commands.run(text, lambda: operations.close_loop(window.book, contact_id, closure, window.today)):
        said = _("Closed {name}: {label}").format(name=name, label=closure.label) if closure else _("Reopened {name}").format(name=name)
        window.notify(_("{said}. Ctrl+Z undoes it.").format(said=said))


def resolve_complaint(window: WindowParts) -> None:
    contact_id = window.current_id()
    if contact_id is None:
        return
    name = window.book.contacts.get(contact_id).name
    if window.commands.run(_("Resolve {name}'s complaint").format(name=name),
                           lambda: operations.resolve_complaints(window.book, contact_id, today=window.today)):
        window.notify(_("Marked {name}'s complaint resolved. Ctrl+Z undoes it.").format(name=name))


def update_loop_actions(window: WindowParts, usable: bool) -> None:
    """Closing applies to one live contact; Resolve only when a complaint is open."""
    contact_id = window.current_id()
    for key, *_ignored in CLOSURE_ACTIONS:
        window.menu_actions[key].setEnabled(usable)
    has_complaint = usable and contact_id is not None and bool(window.book.interactions.open_complaints(contact_id))
    window.menu_actions["resolve"].setEnabled(has_complaint)
