"""Where Rapport may write a file the owner asked for (a PDF, an export, a copy of the book).

Never over a device, a pipe or anything else that is not a regular file, nor over the open book, its ``-wal``/``-shm``/lock, the files kept beside it, anything in its
backups folder, or any existing SQLite database; always through a temporary file renamed into place, so a failure
(a full disk, a kill) never leaves a half-written or empty file where the owner expects one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from core.errors import ValidationError
from core.files import kind_of
from core.paths import backup_dir
from core.i18n import _

T = TypeVar("T")
SQLITE_HEADER = b"SQLite format 3\x00"
# The day the book last passed its check (core.store.opening) and an unfinished review (core.review).
KEPT_BESIDE_THE_BOOK = (".checked", ".review.json")


def checked_output(target: str | os.PathLike[str], book_path: Path | None, field: str = "--out") -> Path:
    """The path to write, resolved; ValidationError (naming ``field``) when it must not be written."""
    text = str(target)
    if not text.strip():
        raise ValidationError(field, text, _("give a file name"))
    path = Path(text).expanduser()
    if path.is_dir():
        raise ValidationError(field, text, _("that is a folder; give a file name inside it"))
    kind = kind_of(path)
    if kind is not None:  # /dev/null as --out was replaced by a regular file: other programs then failed
        raise ValidationError(field, text, _("that is {kind}, not a file; choose a file name").format(kind=kind))
    resolved = path.resolve()
    parent = resolved.parent
    if parent.exists() and not parent.is_dir():
        raise ValidationError(field, text, _("{parent} is a file, not a folder").format(parent=parent))
    if not parent.exists():
        raise ValidationError(field, text, _("there is no folder {parent}").format(parent=parent))
    if book_path is not None:
        book = Path(book_path).expanduser().resolve()
        if resolved in {book, *(Path(str(book) + s) for s in ("-wal", "-shm", "-journal", ".lock"))}:
            raise ValidationError(field, text, _("that is your book itself; choose another file name"))
        if resolved in {Path(str(book) + s) for s in KEPT_BESIDE_THE_BOOK}:
            raise ValidationError(field, text, _("that is a file Rapport keeps beside your book; choose another "
                                               "file name"))
        if backup_dir(book) in resolved.parents or resolved == backup_dir(book):
            raise ValidationError(field, text, _("that is inside the book's backups folder; choose another place"))
    if resolved.is_file():
        try:
            with open(resolved, "rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError:
            header = b""
        if header == SQLITE_HEADER:
            raise ValidationError(field, text, _("that file is a database (perhaps a book); Rapport will not write "
                                               "over it"))
    return resolved


def write_atomically(target: Path, write: Callable[[Path], T]) -> T:
    """Let ``write`` fill a temporary file beside ``target`` (owner-only), then rename it into place."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    os.chmod(temporary, 0o600)
    try:
        result = write(Path(temporary))
        with open(temporary, "rb+") as done:
            os.fsync(done.fileno())
        kind = kind_of(target)
        if kind is not None:  # put there while the file was being written
            raise ValidationError("file", str(target), _("that is {kind}, not a file; choose a file name").format(kind=kind))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return result
