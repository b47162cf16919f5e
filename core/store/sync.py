"""A book in a synced folder (Dropbox, OneDrive, iCloud Drive, Google Drive, Nextcloud): never
silently merged with another laptop's copy.

Three ways a sync client lost an owner's work, and what stops each:

- Another laptop's ``book.rapport-wal`` copied beside this book: SQLite applies any write-ahead
  log whose own checksums hold, whoever wrote it. Every transaction of Rapport writes its
  session's token into the book (``book_session``), and this laptop keeps, outside the synced
  folder, the tokens of its own recent sessions on this book. A ``-wal`` whose newest token is
  not one of them was not written here: it is set aside, never applied, and the book opens
  read-only with a plain sentence.
- The book file replaced under an open window: the window's connection kept writing to the old
  file, which no longer had a name. The file's identity (device and inode) and its size and time
  are noted after each of Rapport's own writes and checked before the next one and when the window
  comes back to the front; a change nobody here made stops writing, and this session's work is
  copied to a file of its own.
- A copy of the book taken while its ``-wal`` held recent commits: in a synced folder the book is
  folded into its one file after every change and on close.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.errors import BookError
from core.files import move_no_replace, numbered, reserve
from core.paths import data_dir
from core.i18n import _

KEPT_SESSIONS = 5  # this laptop's latest sessions on a book: a -wal left by any of them is its own

# What each sync client puts in the folders it syncs, or in the path above them.
_MARKER_FILES = {".dropbox": "Dropbox", ".dropbox.cache": "Dropbox", ".nextcloudsync.log": "Nextcloud",
                 ".owncloudsync.log": "Nextcloud"}
_PATH_PARTS = {"dropbox": "Dropbox", "onedrive": "OneDrive", "mobile documents": "iCloud Drive",
               "icloud drive": "iCloud Drive", "icloud~": "iCloud Drive", "google drive": "Google Drive",
               "my drive": "Google Drive", "googledrive": "Google Drive", "nextcloud": "Nextcloud"}


def synced_folder(book_path: Path) -> str | None:
    """The sync service whose folder holds the book ("Dropbox"…), or None: by the path's folder
    names and by the files each client leaves in the folders it syncs."""
    folder = Path(os.path.abspath(book_path)).parent
    for part in folder.parts:
        lowered = part.lower()
        for name, service in _PATH_PARTS.items():
            if lowered == name or lowered.startswith(name + " ") or lowered.startswith(name + "-") \
                    or (name.endswith("~") and lowered.startswith(name)):
                return service
    for ancestor in (folder, *folder.parents):
        for marker, service in _MARKER_FILES.items():
            if (ancestor / marker).exists():
                return service
        if any(ancestor.glob(".sync_*.db")) or any(ancestor.glob("._sync_*.db")):
            return "Nextcloud"
        desktop_ini = ancestor / "desktop.ini"
        if desktop_ini.is_file() and "onedrive" in _read_small(desktop_ini).lower():
            return "OneDrive"
    return None


def _read_small(path: Path) -> str:
    try:
        head = path.read_bytes()[:4096]
    except OSError:
        return ""
    return head.decode("utf-16", "replace") if head[:2] == b"\xff\xfe" else head.decode("latin-1")


# ------------------------------------------------------------------ this laptop's own record
def _record_path(book_path: Path) -> Path:
    """Outside the synced folder (in this laptop's data folder): a sync client never copies it."""
    key = hashlib.sha256(str(Path(os.path.abspath(book_path))).encode("utf-8")).hexdigest()[:32]
    return data_dir() / "books" / f"{key}.json"


def _read_record(book_path: Path) -> dict[str, object]:
    try:
        found = json.loads(_record_path(book_path).read_text(encoding="utf-8"))
        return found if isinstance(found, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_record(book_path: Path, record: dict[str, object]) -> bool:
    """Written whole (a temporary file, flushed, renamed); False where it cannot be written."""
    target = _record_path(book_path)
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(record, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
        return True
    except OSError:
        return False


def new_session(book_path: Path) -> str | None:
    """A token for this session, recorded on this laptop before the book holds it (so a kill
    between the two never makes this laptop's own ``-wal`` look foreign); None where the record
    cannot be written (then nothing is checked, as before)."""
    token = secrets.token_hex(8)
    record = _read_record(book_path)
    found = record.get("sessions")
    sessions = [t for t in found if isinstance(t, str)] if isinstance(found, list) else []
    record["book"] = str(Path(os.path.abspath(book_path)))
    record["sessions"] = [*sessions, token][-KEPT_SESSIONS:]
    return token if _write_record(book_path, record) else None


def write_token(conn: sqlite3.Connection, token: str | None) -> None:
    """Inside each transaction, just before it commits: this session's token goes with every
    change, so any ``-wal`` this session wrote holds it."""
    if token is not None:
        conn.execute("UPDATE book_session SET token = ?", [token])


def foreign_wal(book_path: Path) -> bool:
    """Whether the ``-wal`` beside the book was written by no session of this laptop's: its newest
    token is not one this laptop recorded. Unknown (no record yet, an older book) is not foreign."""
    wal = book_path.with_name(book_path.name + "-wal")
    try:
        if wal.stat().st_size <= 32:  # a header and no change: nothing would be applied
            return False
    except OSError:
        return False
    sessions = _read_record(book_path).get("sessions")
    if not isinstance(sessions, list) or not sessions:
        return False
    try:
        from core.store.opening import uri

        conn = sqlite3.connect(uri(book_path), uri=True, timeout=5)
        try:
            row = conn.execute("SELECT token FROM book_session").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False  # an older book (no such table) or unreadable: the check of the book says what it is
    return row is not None and row[0] is not None and row[0] not in sessions


def set_aside_foreign_wal(book_path: Path) -> Path:
    """Move a foreign ``-wal`` (and drop the ``-shm`` built from it) out of the book's way, under a
    name no other file has; the book is then as this laptop last folded it."""
    wal = book_path.with_name(book_path.name + "-wal")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = reserve(numbered(book_path.with_name(f"{book_path.name}-wal.from-elsewhere-{stamp}")),
                    lambda name: move_no_replace(wal, name))
    book_path.with_name(book_path.name + "-shm").unlink(missing_ok=True)
    return aside


def foreign_wal_in_words(book_path: Path, aside: Path) -> str:
    return (_("Changes from another computer were found beside this book (a synced folder copied its working file). They were not applied: they are kept as {name}. The book is open read-only; open it again to go on with it as it is on this computer.").format(name=aside.name))


def save_other_version(book_path: Path, aside: Path, target: Path) -> Path:
    """The other computer's version as one file: this book with the set-aside ``-wal`` applied, in
    a copy (the book itself is never touched). ``target`` must already be checked by the caller."""
    from core.outputs import write_atomically
    from core.store.safety import backup_problem, copy_whole

    def build(temporary: Path) -> None:
        scratch = temporary.with_name(temporary.name + ".merge")
        try:
            scratch.write_bytes(book_path.read_bytes())
            scratch.with_name(scratch.name + "-wal").write_bytes(aside.read_bytes())
            source = sqlite3.connect(scratch)
            try:
                copy_whole(source, temporary)
            finally:
                source.close()
        finally:
            for part in ("", "-wal", "-shm"):
                scratch.with_name(scratch.name + part).unlink(missing_ok=True)
        problem = backup_problem(temporary)
        if problem:
            raise BookError(_("The other computer's version could not be read whole ({problem}); nothing was saved.").format(problem=problem))

    write_atomically(target, build)
    return target


# ----------------------------------------------------------------- the file under a window
@dataclass
class FileSeen:
    """The book file as Rapport's own last write left it: shared by the book and its helpers."""

    identity: tuple[int, int] | None = None  # device and inode: a file renamed over the book has others
    shape: tuple[int, int] | None = None  # size and modification time: a copy written into the same file
    wal_identity: tuple[int, int] | None = None  # this session's -wal: it belongs to the file it was written for
    lost: str | None = None  # how the file changed under this session, once seen

    def note(self, book_path: Path) -> None:
        try:
            found = os.stat(book_path)
        except OSError:
            return
        if self.identity is None:
            self.identity = (found.st_dev, found.st_ino)
        self.shape = (found.st_size, found.st_mtime_ns)
        try:
            log = os.stat(book_path.with_name(book_path.name + "-wal"))
            self.wal_identity = (log.st_dev, log.st_ino)
        except OSError:
            pass

    def set_aside_own_wal(self, book_path: Path) -> Path | None:
        """After closing on a file someone else put there: this session's ``-wal`` was written for the
        file that was replaced, and applied to the new one it would mix the two. It is set aside."""
        log = book_path.with_name(book_path.name + "-wal")
        try:
            found = os.stat(log)
        except OSError:
            return None
        if (found.st_dev, found.st_ino) != self.wal_identity:
            return None  # the sync brought a -wal with the new file: theirs, left for the next open to judge
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = reserve(numbered(book_path.with_name(f"{book_path.name}-wal.from-this-session-{stamp}")),
                        lambda name: move_no_replace(log, name))
        book_path.with_name(book_path.name + "-shm").unlink(missing_ok=True)
        return aside

    def changed_by_others(self, book_path: Path) -> str | None:
        """How the file changed since Rapport's own last write, in words, or None."""
        if self.lost is not None or self.identity is None:
            return self.lost
        try:
            found = os.stat(book_path)
        except FileNotFoundError:
            self.lost = _("was removed")
        except OSError:
            return None
        else:
            if (found.st_dev, found.st_ino) != self.identity:
                self.lost = _("was replaced by another file")
            elif (found.st_size, found.st_mtime_ns) != self.shape:
                self.lost = _("was changed by another program")
        return self.lost


def keep_own_work(conn: sqlite3.Connection, book_path: Path) -> Path | None:
    """This session's book, as this connection still sees it, copied whole beside the book under a
    name of its own; None when it could not be copied."""
    from core.store.safety import backup_problem, copy_whole

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        from core.files import create_exclusive

        kept = reserve(numbered(book_path.with_name(f"{book_path.name}.kept-{stamp}")), create_exclusive)
        copy_whole(conn, kept)
    except (OSError, sqlite3.Error):
        return None
    return kept if backup_problem(kept) is None else kept


def replaced_in_words(book_path: Path, how: str, kept: Path | None) -> str:
    where = (_("the work of this session is kept in {name} beside it").format(name=kept.name) if kept is not None else
             _("the work of this session could not be copied aside (use File → Save a copy of the book…)"))
    return (_("The book file {name} {how} while Rapport had it open (a synced folder, or another program). Rapport stopped writing to it, and {where}. Close and open the book again to see it as it is now.").format(name=book_path.name, how=how, where=where))


# --------------------------------------------------------------- said once for a synced folder
def first_open_notice(book_path: Path) -> str | None:
    """What is safe in a synced folder, said the first time this laptop opens the book there."""
    service = synced_folder(book_path)
    if service is None:
        return None
    record = _read_record(book_path)
    if record.get("told_synced"):
        return None
    record["told_synced"] = True
    record.setdefault("book", str(Path(os.path.abspath(book_path))))
    if not _write_record(book_path, record):
        return None
    return (_("This book is in a {service} folder. That is safe when one computer writes to it and the others only open it read-only (or open it when the first one has closed it). Two computers writing to it at once is not safe: the sync would mix the two books. Rapport saves the book into its one file after every change here, so that what is synced is always whole.").format(service=service))


def no_connection_to_another_file(path: Path, how: str | None) -> None:
    """Refuse a new connection once another program replaced the file (``how`` says how): it would
    read this book's -wal into that file (SQLite takes the -wal by its name). Background work that
    starts late (a fit's result kept seconds after it began) asks this first."""
    if how is not None:
        raise BookError(replaced_in_words(path, how, None))
