"""How a book file becomes an open ``Book``: its connection made, checked, upgraded and backed up.

``Book.open`` decides which way a file opens (sniffed first, by ``opening``: nothing is written to
a file that has not passed); the two ways are here, apart from what an open book does, so that
``book.py`` holds the book and this its making. Neither writes to a file that fails its check.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import BookError
from core.i18n import _, language
from core.store import migrating, opening, safety, settings_reach, sync
from core.store.checking import BackgroundCheck, in_wal_mode

if TYPE_CHECKING:
    from core.store.book import Book

BUSY_SECONDS = 10  # a reader or writer waits this long for another writer before giving up


def create_private(path: Path) -> None:
    """A new book file readable by the owner only (customers' phones, notes and spending)."""
    try:
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise BookError(_("A new book cannot be made at {path}: {value}.").format(path=path, value=exc.strerror or exc)) from None


def open_writable(make: type[Book], path: Path, found: opening.Sniff, check_integrity: bool | str,
                  backup_daily: bool) -> Book:
    """The book on a connection that writes (the caller holds the one-writer lock): checked, in WAL
    mode, upgraded after a verified backup, and backed up once a day."""
    # Opening such a book writes nothing (no upgrade, no change of journal), so it can be read
    # while its check runs; any other book is checked first, as before.
    beside = (check_integrity == "background" and found.exists and in_wal_mode(path)
              and found.applied >= set(migrating.NAMES))
    safety.clean_leftovers(path)  # temporary files a kill or a full disk left (this is the one writer)
    try:
        conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_SECONDS)
        if found.exists and check_integrity and not beside:
            try:
                check(conn, path, check_integrity)
            except BookError:
                conn.close()
                raise
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        book = make(path, conn)
        if migrating.pending(conn):  # a new book, or one made by an older Rapport
            if found.exists:
                safety.make_backup(conn, path, "before-upgrade")
            migrating.registry().apply(book.db)
        book.session_token = sync.new_session(path)
        book.synced = sync.synced_folder(path)
        book.file_seen.note(path)
        settings_reach.speak(book, language())  # stored next steps in the owner's language
        if beside:
            book.integrity_check = BackgroundCheck(path, backup_daily, BUSY_SECONDS)
        elif found.exists and backup_daily:
            book.backup_problem = safety.daily_backup(conn, path)
    except sqlite3.DatabaseError as exc:
        raise not_opened(path, exc) from exc
    return book


def open_read_only(make: type[Book], path: Path, check_integrity: bool | str, banner: bool) -> Book:
    """The book on a connection that never writes: a reader beside the window, or (``banner``) a
    book whose file or folder cannot be written here, which the window shows with a banner."""
    # In a folder that cannot be written, nobody can write the book either: read it as immutable,
    # since SQLite could not create the -shm file a shared read needs.
    immutable = banner and not os.access(path.parent, os.W_OK)
    conn = sqlite3.connect(opening.uri(path, immutable=immutable), uri=True, check_same_thread=False,
                           timeout=BUSY_SECONDS)
    if check_integrity:
        try:
            check(conn, path, check_integrity)
        except BookError:
            conn.close()
            raise
    if migrating.pending(conn):
        conn.close()
        where = (_("it cannot be written here (the file or its folder is read-only)") if banner else
                 _("this command only reads; open it once in the window, or run a command that writes"))
        raise BookError(_("The book {path} needs an upgrade to this version of Rapport, but {where}. Nothing was changed.").format(path=path, where=where))
    if not banner:
        conn.execute("PRAGMA query_only = ON")  # a reader beside the window: it never writes
    book = make(path, conn)
    book.opened_read_only = True
    book.opened_read_only_reason = _(opening.READ_ONLY_BANNER) if banner else ""
    return book


def not_opened(path: Path, exc: sqlite3.DatabaseError) -> BookError:
    """What to say when SQLite refused to open the file: a full disk as such, else what it said."""
    if not opening.is_damage(exc) and opening.disk_is_full(path, exc):
        return opening.DiskFullError(path)
    return BookError(_("{path} cannot be opened as a Rapport book: {exc}").format(path=path, exc=exc))


def check(conn: sqlite3.Connection, path: Path, how: bool | str) -> None:
    """The file's ``quick_check``: every open, or (``"daily"``, one-shot commands) once a day."""
    if how == "daily":
        opening.quick_check_once_a_day(conn, path, date.today().isoformat())
    else:
        opening.quick_check(conn, path)
