"""The triggers that keep the sidebar's counts (``view_counts``) in the same transaction as every
write that moves them: a verdict written, changed or removed, a contact sent to the Trash, brought
back or removed for good. Made once, by the migration that adds the counts (``schema.m011``); kept
here, apart from the list of the schema's steps, because they are one piece of SQL built from a few
parts, and a step that has shipped never changes what it makes."""

from __future__ import annotations

# The views a verdict counts in, as SQL over one contact_status row (r): NULL where it counts in none.
_COUNTED_VIEWS = ("'all'", "{r}.tier", "CASE WHEN {r}.also IS NOT NULL THEN 'hybrid' END",
                  "CASE WHEN {r}.week_section IS NOT NULL THEN 'due' END",
                  "CASE WHEN {r}.slipping = 1 THEN 'slipping' END")
_TRASH_ONE_MORE = "UPDATE view_counts SET n = n + 1 WHERE view = 'trash';"
_TRASH_ONE_LESS = "UPDATE view_counts SET n = n - 1 WHERE view = 'trash';"


def _count(row: str, step: str) -> str:
    """Add ``step`` (+1 or -1) to every view the status row ``row`` (NEW or OLD) counts in."""
    views = ", ".join(v.format(r=row) for v in _COUNTED_VIEWS)
    return f"UPDATE view_counts SET n = n {step} WHERE view IN ({views});"


def _count_verdict_of(contact: str, step: str) -> str:
    """Add ``step`` to every view a contact's stored verdict counts in (the contact moves to or from the
    Trash, or is removed for good)."""
    views = " UNION ALL ".join(f"SELECT {v.format(r='s')} FROM contact_status s WHERE s.contact_id = {contact}"
                               for v in _COUNTED_VIEWS)
    return f"UPDATE view_counts SET n = n {step} WHERE view IN ({views});"


def view_count_triggers() -> dict[str, tuple[str, str]]:
    """Each trigger by name: when it fires, and what it does (one statement each)."""
    live = "(SELECT deleted_on IS NULL FROM contacts WHERE id = {r}.contact_id)"
    moved = ("OLD.tier IS NOT NEW.tier OR OLD.also IS NOT NEW.also OR OLD.week_section IS NOT NEW.week_section "
             "OR OLD.slipping IS NOT NEW.slipping")
    return {
        "view_counts_status_insert": (f"AFTER INSERT ON contact_status WHEN {live.format(r='NEW')}",
                                      _count("NEW", "+ 1")),
        "view_counts_status_update": ("AFTER UPDATE OF tier, also, week_section, slipping ON contact_status "
                                      f"WHEN {live.format(r='NEW')} AND ({moved})",
                                      _count("OLD", "- 1") + _count("NEW", "+ 1")),
        "view_counts_status_delete": (f"AFTER DELETE ON contact_status WHEN {live.format(r='OLD')}",
                                      _count("OLD", "- 1")),
        "view_counts_contact_insert": ("AFTER INSERT ON contacts WHEN NEW.deleted_on IS NOT NULL", _TRASH_ONE_MORE),
        "view_counts_to_trash": ("AFTER UPDATE OF deleted_on ON contacts "
                                 "WHEN OLD.deleted_on IS NULL AND NEW.deleted_on IS NOT NULL",
                                 _count_verdict_of("NEW.id", "- 1") + _TRASH_ONE_MORE),
        "view_counts_from_trash": ("AFTER UPDATE OF deleted_on ON contacts "
                                   "WHEN OLD.deleted_on IS NOT NULL AND NEW.deleted_on IS NULL",
                                   _count_verdict_of("NEW.id", "+ 1") + _TRASH_ONE_LESS),
        # Removed for good: from the Trash, or a live contact forgotten (its verdict goes with it).
        "view_counts_trash_delete": ("BEFORE DELETE ON contacts WHEN OLD.deleted_on IS NOT NULL", _TRASH_ONE_LESS),
        "view_counts_live_delete": ("BEFORE DELETE ON contacts WHEN OLD.deleted_on IS NULL",
                                    _count_verdict_of("OLD.id", "- 1")),
    }
