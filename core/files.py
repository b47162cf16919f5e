"""File moves that can never lose a file: names unique even within a second, renames that never
replace what is already there, and only regular files taken for Rapport's own.

Two restores started in the same second both named the set-aside book "…set-aside-20261204-170640";
the second rename replaced the first, and the owner's work was in no file. Every name Rapport
makes goes through ``reserve``, which claims it with an exclusive create or link: a name that is
taken is never reused, whatever the clock says.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Callable
from core.i18n import _

# Links that a file system refuses (FAT on a USB stick, some network shares): the move falls back
# to a rename after checking that the name is free.
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS, errno.EACCES}


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` itself (not what a link points to) is a regular file."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def kind_of(path: Path) -> str | None:
    """What stands at ``path`` when it is not a regular file ("a device", "a folder"…), following
    links as a write would; None when it is a regular file or nothing is there."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISFIFO(mode):
        return _("a pipe")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


def move_no_replace(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``; FileExistsError if ``target`` exists, which is left as it was.

    A hard link is made first (it fails when the name is taken, atomically), then the old name is
    removed: at no moment is the file in neither place.
    """
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        if os.path.lexists(target):  # no links here: check, then rename (Windows' rename never replaces)
            raise FileExistsError(errno.EEXIST, _("File exists"), str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)


def reserve(name_for: Callable[[int], Path], claim: Callable[[Path], None]) -> Path:
    """The first free name of ``name_for(1)``, ``name_for(2)``…, claimed by ``claim`` (which raises
    FileExistsError when the name is taken): two calls in the same second never share a name."""
    for number in range(1, 10_000):
        candidate = name_for(number)
        try:
            claim(candidate)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(errno.EEXIST, _("No free name"), str(name_for(1)))


def create_exclusive(path: Path) -> None:
    """Create an empty owner-only file at ``path``; FileExistsError if anything is there."""
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def numbered(base: Path) -> Callable[[int], Path]:
    """``base``, then ``base-2``, ``base-3``…: the names ``reserve`` tries."""
    return lambda number: base if number == 1 else base.with_name(f"{base.name}-{number}")
