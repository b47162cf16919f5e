"""The only way to change a book, for the window, the review, the importer's apply step and the
command line alike (``tests/test_one_way_to_write.py`` fails when a store write is called anywhere
else in ``ui/`` or ``core/cli*``).

Each operation is one transaction and returns a ``Done``: its value, the ``Changes`` it made (the
window repaints from them and announces who moved), and the operation that undoes it.
"""

from core.operations.book_wide import (
    add_occasion,
    apply_import,
    bring_up_to_date,
    keep_forecast,
    pin_to_checklist,
    refit_forecast,
    snooze_reminder,
    stop_occasion,
    unstop_occasion,
    update_settings,
)
from core.operations.done import Done, Operation, reversible
from core.operations.evidence import (
    HAPPENED,
    NOT_YET,
    FollowUp,
    StepDone,
    answer,
    complete_step,
    delete_interaction,
    edit_interaction,
    follow_up,
    kind_to_offer,
    log,
    resolve_complaints,
)
from core.operations.people import (
    add_contact,
    close_loop,
    delete_contacts,
    edit_contact,
    empty_trash,
    forget,
    merge,
    pin_note,
    restore_contacts,
    set_label,
    set_role,
    unpin_note,
)

__all__ = [
    "HAPPENED", "NOT_YET", "Done", "FollowUp", "Operation", "StepDone", "add_contact",
    "add_occasion", "answer", "apply_import", "bring_up_to_date", "close_loop", "complete_step", "delete_contacts",
    "delete_interaction", "edit_contact", "edit_interaction", "empty_trash", "follow_up", "forget", "keep_forecast",
    "kind_to_offer", "log", "merge", "pin_note", "pin_to_checklist", "refit_forecast", "resolve_complaints",
    "restore_contacts", "reversible", "set_label", "set_role", "snooze_reminder", "stop_occasion", "unpin_note",
    "unstop_occasion", "update_settings",
]
