"""The book as the window sees it: the one door from ``ui`` into ``core.store``.

The window opens, locks, checks, restores and reads a book through these names (and changes it
only through ``core.operations``: ``tests/test_one_way_to_write.py`` holds that), never through
the store's modules: an import-linter contract in ``make test`` holds it. So the store can move its tables, connections
and modules about without the window noticing, as Anki's window knows only its collection.
"""

from __future__ import annotations

from core.store import Book, ContactRow
from core.store.book import system_number_locale
from core.store.imports import ImportCancelled, ImportResult, import_stage_in_words
from core.store.lock import WINDOW_WAIT, BookLockedError
from core.store.opening import RAPPORT_VERSION, BookDamagedError
from core.store.safety import BackupInfo, backup_catalogue, backup_made_at, last_good_backup, restore_backup
from core.store.sync import first_open_notice, save_other_version

__all__ = [
    "RAPPORT_VERSION", "WINDOW_WAIT", "BackupInfo", "Book", "BookDamagedError", "BookLockedError", "ContactRow", "ImportCancelled",
    "ImportResult", "import_stage_in_words", "backup_catalogue", "backup_made_at", "last_good_backup", "restore_backup",
    "system_number_locale", "first_open_notice", "save_other_version",
]
