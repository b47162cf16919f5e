"""The Book: one SQLite file holding everything an owner knows about their relationships.

Every SQL statement of Rapport lives in ``core/store``. Each public write is one
transaction: either all of it reaches the file, or none of it does.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from core.domain import Changes, Settings, TierChange
from core.errors import BookError
from core.i18n import _
from core.store import connecting, listing, migrating, opening, safety, settings_reach, sync
from core.store.checking import BackgroundCheck
from core.store.lock import COMMAND_WAIT, WriterLock
from core.store.parts import LazyParts
from core.store.contacts import Contacts
from core.store.revenue import Revenue
from core.store.interactions import Interactions
from core.store.occasions import Occasions
from core.store.settings import system_number_locale
from core.store.status import Status
from core.store.writes import OWNER_FIRST_SECONDS, OwnerClock, TouchLog, savepoint, writes

if TYPE_CHECKING:
    from sqlite_utils import Database

TierListener = Callable[[list[TierChange]], None]
HELPER_BUSY_SECONDS = 300  # background work (Book.helper) waits out an import of the owner's


class Book(LazyParts):
    """An open book file. Use ``Book.open(path)``; close it (or use ``with``) when done.

    The book owns the connection, the one-writer lock and the transaction; what it holds is read
    and written through the parts it is made of, as sqlite-utils' ``db["table"]``:
    ``book.contacts``, ``book.interactions``, ``book.status`` (the verdicts), ``book.revenue``,
    ``book.privacy``, ``book.interchange`` and ``book.bulk``. Each holds the book, not the
    reverse, and reaches another part only by its public name (``book.status.refresh``).
    """

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._db: Database | None = None
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils had it: a REPLACE fires delete triggers
        listing.install(self.conn)
        self.tier_listeners: list[TierListener] = []
        self.changes = Changes()  # what the transaction under way did to the verdicts (``transaction``)
        self.touch_log = TouchLog()  # whom each commit re-tiered, for work that read the book earlier
        self.contacts = Contacts(self)  # the people and businesses, their lists and the Trash
        self.interactions = Interactions(self)  # what was logged with each contact, and their answers
        self.status = Status(self)  # the verdicts kept with each contact, and what is read off them
        self.revenue = Revenue(self)  # the money logged, read back
        self.occasions = Occasions(self)  # birthdays, anniversaries and the rest of the florist's year
        self._settings: Settings | None = None
        self.closed = False
        self.opened_read_only = False  # the file or its folder cannot be written: look, print, export
        self.opened_read_only_reason = ""  # the banner the window shows when the book cannot be written here
        self._writer_lock: WriterLock | None = None
        self.backup_problem = ""  # "Backup failed: the disk is full" when today's backup could not be made
        self.integrity_check: BackgroundCheck | None = None  # the window's check, while it runs beside it
        # One writer at a time: the owner's actions here, and the background re-tier and the import
        # on connections of their own (``helper``), which take this same lock.
        self._lock = threading.RLock()
        self.is_helper = False  # a connection of background work (``helper``): it lets the owner go first
        self.owner_clock = OwnerClock()  # when the owner's last write or long read began, shared with the helpers
        # A book in a synced folder, or replaced under the window (``core.store.sync``).
        self.session_token: str | None = None  # written with every change: this laptop's -wal is told by it
        self.file_seen = sync.FileSeen()  # the file as this book's own last write left it
        self.synced: str | None = None  # the sync service whose folder holds the book: folded after each change
        self.foreign_wal: Path | None = None  # another computer's -wal, set aside at open and never applied
        self.kept_own_work: Path | None = None  # this session's work, copied aside when the file changed under it

    @property
    def db(self) -> Database:
        """sqlite-utils over the book's connection, made when first asked for (to run a migration):
        the book reads and writes through ``conn``. Without its plugins: code some other package
        installed for sqlite-utils never runs on the owner's book (finding it took 50 ms a run)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: str | Path, *, backup_daily: bool = True, check_integrity: bool | str = True,
             create: bool = True, writer: bool = True, wait: float = COMMAND_WAIT) -> Book:
        """Open or create a book. Nothing is written to an existing file before it has passed.

        In order: the file is sniffed without writing (another program's database, a newer
        Rapport's book, an empty file: refused untouched); ``PRAGMA quick_check``; only then WAL,
        migrations (after a verified backup) and the daily backup. A book that cannot be written
        here (read-only file or folder) opens read-only: ``book.read_only`` is set and every
        write raises BookError. ``create=False`` (read-only commands) refuses a missing book.
        ``writer`` takes the one-writer lock (waiting ``wait`` seconds), held until ``close()``;
        a reader (``writer=False``) opens beside a window that holds it. ``check_integrity="daily"``
        (one-shot commands) runs the quick_check only once a day. ``"background"`` (the window) runs
        it, and then the daily backup, beside the first paint on a connection of its own when the
        book is already in WAL mode and needs no upgrade; every write waits for it
        (``core.store.checking``).
        """
        if not str(path).strip():
            raise BookError(_("No book was given (the path is empty)."))
        path = Path(path).expanduser()
        found = opening.sniff(path, set(migrating.NAMES))
        if not found.exists:
            if not create:
                raise BookError(_("There is no book at {path}. Nothing was created.").format(path=path))
            connecting.create_private(path)
        if found.read_only or not writer:
            try:
                return connecting.open_read_only(cls, path, check_integrity, banner=found.read_only)
            except sqlite3.DatabaseError as exc:
                raise connecting.not_opened(path, exc) from exc
        lock = WriterLock(path)
        lock.acquire(wait)
        if found.exists and sync.foreign_wal(path):  # never applied: set aside, and the book opens read-only
            try:
                aside = sync.set_aside_foreign_wal(path)
            finally:
                lock.release()
            book = connecting.open_read_only(cls, path, check_integrity, banner=True)
            book.foreign_wal = aside
            book.opened_read_only_reason = sync.foreign_wal_in_words(path, aside)
            return book
        try:
            book = connecting.open_writable(cls, path, found, check_integrity, backup_daily)
        except BaseException:
            lock.release()
            raise
        book._writer_lock = lock
        return book

    @classmethod
    def open_to_read(cls, path: str | Path) -> Book:
        """The book on a read-only connection, beside the window or command that writes it: for a
        reader thread or a process beside (verdicts, printouts, an import's plan). The writer's open
        checked it and made the day's backup; nothing here creates a book that is not there."""
        return cls.open(path, writer=False, check_integrity=False, backup_daily=False, create=False)

    @contextmanager
    def helper(self) -> Iterator[Book]:
        """The same book on a connection of its own, for work off the GUI thread (working out due
        verdicts in batches). WAL lets the window read beside it and never see a batch half done.
        Its transactions take this book's lock, as the owner's do: a write of the owner's waits for
        the batch in hand and is woken the moment it ends (left to SQLite, the wait went by its
        busy handler's growing sleeps, up to 80 ms behind a 20 ms batch). It writes under this
        book's one-writer lock and check, and its moves reach this book's listeners."""
        if self.read_only:
            raise BookError(self.read_only_reason or _("This book is open for reading only: nothing can be changed."))
        sync.no_connection_to_another_file(self.path, self._changed_by_others())
        # Background work may wait a long while for the owner's own long write (an import) to end.
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=HELPER_BUSY_SECONDS)
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        helper = type(self)(self.path, conn)
        helper.integrity_check = self.integrity_check
        helper._lock = self._lock
        helper.is_helper, helper.owner_clock = True, self.owner_clock
        helper.tier_listeners, helper.touch_log = self.tier_listeners, self.touch_log
        helper.session_token, helper.file_seen, helper.synced = self.session_token, self.file_seen, self.synced
        try:
            yield helper
        finally:
            helper.closed = True
            conn.close()

    @contextmanager
    def reader(self) -> Iterator[Book]:
        """The same book on a read-only connection of its own, for reading off the GUI thread (a
        printout): the window's connection is never used from two threads at once, and what is
        read is only ever what was committed, never an import half written."""
        sync.no_connection_to_another_file(self.path, self._changed_by_others())
        other = type(self).open(self.path, writer=False, check_integrity=False, backup_daily=False)
        try:
            yield other
        finally:
            other.close()

    def backup(self, reason: str = "manual") -> Path:
        """A consistent copy of the book in its backups folder, now."""
        return safety.make_backup(self.conn, self.path, reason, datetime.now())

    def close(self) -> None:
        """Fold the write-ahead log into the book file, close, and let another writer in."""
        self.closed = True
        try:
            if self.integrity_check is not None and not self.integrity_check.finished:
                self.integrity_check.cancel()
            if not self.read_only and self._passed_check() and not self._changed_by_others():
                self.checkpoint()
            listing.set_coming(self.conn, ())  # a later connection may be given the same number
            self.conn.close()
            if self.file_seen.lost is not None and not self.is_helper:
                self.file_seen.set_aside_own_wal(self.path)
        finally:
            if self._writer_lock is not None:
                self._writer_lock.release()
                self._writer_lock = None

    def save_copy(self, target: str | Path) -> Path:
        """A complete, consistent copy of the book (SQLite's backup API), the safe way to copy it
        while it is open; checked like a backup before it is put in place."""
        from core.outputs import checked_output, write_atomically

        destination = checked_output(target, self.path, "file")

        def copy(temporary: Path) -> None:
            with self._lock:
                safety.copy_whole(self.conn, temporary)  # the copy is one file, to carry away
            problem = safety.backup_problem(temporary)
            if problem:
                raise BookError(_("The copy did not check out ({problem}); nothing was saved.").format(problem=problem))

        try:
            write_atomically(destination, copy)
        except (OSError, sqlite3.Error) as exc:
            raise BookError(_("The copy could not be saved to {destination}: {exc}").format(destination=destination, exc=exc)) from exc
        return destination

    @property
    def read_only(self) -> bool:
        """Nothing can be written: the book opened read-only, or it failed the check run beside the window."""
        return self.opened_read_only or self._failed_check() is not None

    @property
    def read_only_reason(self) -> str:
        """Why, in the words the window's banner shows ("" for a reader beside a window)."""
        failed = self._failed_check()
        if failed is not None:
            return _("{failed} Nothing will be written to it.").format(failed=failed)
        return self.opened_read_only_reason

    def _failed_check(self) -> BookError | None:
        check = self.integrity_check
        return check.error if check is not None and check.finished else None

    def _passed_check(self) -> bool:
        """Whether the book may be written: checked before it opened, or its check has passed."""
        check = self.integrity_check
        return check is None or (check.finished and check.error is None)

    def fold_only_when_asked(self) -> None:
        """This connection's commits never fold the log into the file (the window's: a commit after a
        background re-tier copied thousands of pages on the GUI thread); ``checkpoint`` does, asked."""
        self.conn.execute("PRAGMA wal_autocheckpoint = 0")

    def checkpoint(self, wait: bool = True) -> bool:
        """Move everything from ``-wal`` into the book file, so that a copy of the file is complete;
        returns whether all of it is there now.

        The checkpoint waits (up to the busy timeout) for other connections, then empties the
        ``-wal`` file. The window's, when the owner pauses, must never wait: behind the background
        re-tier, which writes batch after batch, it froze the window for up to ten seconds. With
        ``wait=False`` SQLite is told not to wait: it copies what it can now, empties the log if
        nothing is in the way, and this says whether to try again later."""
        if not self._passed_check():
            return False  # nothing reaches the book file before it has passed its check
        if not self._lock.acquire(blocking=wait):
            return False  # an import holds this connection: after it ends
        patience = None
        try:
            if self.file_seen.changed_by_others(self.path):
                return False  # never fold this session's pages into a file someone else put there
            if not wait:
                patience = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
                self.conn.execute("PRAGMA busy_timeout = 0")
            busy, in_log, copied = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            self.file_seen.note(self.path)
            return not busy and in_log == copied
        except sqlite3.OperationalError:
            self.file_seen.note(self.path)  # whatever it copied before it stopped is this book's own
            return False  # a reader holds an old snapshot: the next checkpoint will do it
        except sqlite3.ProgrammingError:
            return False  # already closed: closing twice is harmless
        finally:
            if patience is not None:
                self.conn.execute(f"PRAGMA busy_timeout = {patience}")
            self._lock.release()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[Changes]:
        """One user action: all of it or nothing. It yields what it did to the verdicts (the same
        ``Changes`` to every transaction nested in it); tier listeners hear of moves after commit."""
        if self.integrity_check is not None:
            self.integrity_check.wait()  # nothing is written before the book has passed it (raises its damage)
        if self.read_only:
            raise BookError(self.read_only_reason or _("This book is open for reading only: nothing can be changed."))
        self.owner_goes_first()
        with self._lock:
            outermost = not self.conn.in_transaction
            if outermost:
                self._refuse_if_changed_by_others()
                self.changes = Changes()
            changes = self.changes
            with self._immediate() if outermost else savepoint(self.conn):
                yield changes
            if outermost:
                self.file_seen.note(self.path)  # a commit may have folded the -wal into the file
                self.touch_log.note(changes.touched, changes.whole_book)
        if outermost and self.synced:
            self.checkpoint(wait=False)  # what the sync client copies is always the whole book
        if outermost and changes.moves:
            for listener in list(self.tier_listeners):
                listener(list(changes.moves))

    def _changed_by_others(self) -> str | None:
        return None if self.opened_read_only and self.file_seen.lost is None else \
            self.file_seen.changed_by_others(self.path)

    def _refuse_if_changed_by_others(self) -> None:
        """Before a write: the file must be the one this book last wrote. If another program replaced
        or changed it, nothing more is written; this session's work is copied to a file of its own
        (once, by the window's book) and every write from now on says why it is refused."""
        how = self._changed_by_others()
        if how is None:
            return
        if not self.is_helper:
            self.kept_own_work = sync.keep_own_work(self.conn, self.path)
            self.opened_read_only = True
            self.opened_read_only_reason = sync.replaced_in_words(self.path, how, self.kept_own_work)
            raise BookError(self.opened_read_only_reason)
        raise BookError(sync.replaced_in_words(self.path, how, None))

    def check_file_is_ours(self) -> str | None:
        """When the window comes back to the front: the reason it can no longer write (the file was
        replaced or changed by another program, this session's work now kept aside), or None."""
        if self.closed or self.opened_read_only or not self._lock.acquire(blocking=False):
            return None
        try:
            self._refuse_if_changed_by_others()
        except BookError as exc:
            return str(exc)
        finally:
            self._lock.release()
        return None

    def owner_goes_first(self) -> None:
        """The owner acts now (a write, or a read that walks the whole list: going 100,000 rows
        down): background work waits a moment before its next batch. Helpers never call it."""
        if not self.is_helper:
            self.owner_clock.note(time.monotonic())

    def let_the_owner_go_first(self) -> None:
        """Background work, between two of its batches: wait until a moment after the owner's last
        action began (``owner_goes_first``). The owner's refresh after a log then runs alone
        instead of taking turns with a batch's Python (the two threads share one interpreter): a
        log during a settings change's re-tier took up to 180 ms. Anything but a helper never waits."""
        if self.is_helper:
            time.sleep(max(0.0, self.owner_clock.at + OWNER_FIRST_SECONDS - time.monotonic()))

    @contextmanager
    def _immediate(self) -> Iterator[None]:
        """A transaction that takes the write lock when it begins, not at its first write.

        Two connections write the book: the window's and the background re-tier's (``helper``).
        A plain BEGIN reads under a snapshot and asks for the lock only when it first writes; if the
        other connection committed in between, SQLite refuses at once ("database is locked")
        instead of waiting. Taken at BEGIN, the lock is waited for, up to the busy timeout."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            sync.write_token(self.conn, self.session_token)
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:  # an error (or a failed COMMIT) may have ended it already
                self.conn.execute("ROLLBACK")
            raise

    # ---------------------------------------------------------------- settings
    def number_locale(self) -> str:
        """How this book reads typed amounts: the setting, else the system's locale, else en_US."""
        return self.settings().number_locale or system_number_locale()

    def settings(self, fresh: bool = False) -> Settings:
        """The book's settings, defaults filled in for anything never changed (``fresh``: as stored
        now, when another connection of the book may have changed them)."""
        if self._settings is None or fresh:
            stored = {r[0]: json.loads(r[1]) for r in self.conn.execute("SELECT key, value FROM settings")}
            known = {f.name for f in fields(Settings)}
            self._settings = Settings(**{k: v for k, v in stored.items() if k in known})
        return self._settings

    @writes
    def update_settings(self, today: date | None = None, later: bool = False, **changes: object) -> list[TierChange]:
        """Change settings; when a number of the ladder changed, every verdict it can reach is worked out
        again under it (``settings_reach``) and who moved is returned. With ``later``, the verdicts are only marked due, for
        ``bring_up_to_date`` to work through in batches off the GUI thread (seconds at 100,000)."""
        new = self.settings().with_changes(**changes)
        ladder_changed = new.ladder_changed(self.settings())
        with self.transaction():
            for key, value in asdict(new).items():
                self.conn.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, json.dumps(value)],
                )
            self._settings = new
            if not ladder_changed:
                return []  # a name, a currency, a paper size: no verdict depends on it
            settings_reach.mark_reached(self.conn, ladder_changed)  # whom it can change: due now
        return [] if later else self.status.bring_up_to_date(today).moves

