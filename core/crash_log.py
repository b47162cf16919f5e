"""What goes wrong is kept for whoever helps the owner, in the log folder, and never grows without end.

``errors.log`` takes the unexpected errors the window shows in words (a traceback each), kept to
1 MB with the three files before it (``errors.log.1`` … ``.3``). ``crash.log`` takes what Python's
faulthandler writes when the process dies inside Qt or SQLite (a segmentation fault, an abort):
such a death runs no Python code, so without it nothing would be left.
"""

from __future__ import annotations

import faulthandler
import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO

ERRORS, CRASHES = "errors.log", "crash.log"
KEEP_BYTES, KEEP_FILES = 1024 * 1024, 3
_crash_file: IO[str] | None = None  # kept open: faulthandler writes to it as the process dies


def error_logger(folder: Path) -> logging.Logger:
    """The logger of ``folder``'s errors.log, rotated at 1 MB (the stdlib's rotating handler)."""
    logger = logging.getLogger(f"rapport.errors.{folder}")
    if not logger.handlers:
        handler = RotatingFileHandler(folder / ERRORS, maxBytes=KEEP_BYTES, backupCount=KEEP_FILES,
                                      encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.ERROR)
        logger.propagate = False
    return logger


def keep_error(folder: Path, text: str) -> Path:
    """Add one error's traceback to errors.log; returns the file the owner is told about."""
    logger = error_logger(folder)
    logger.error(text)
    for handler in logger.handlers:
        handler.flush()
    return folder / ERRORS


def move_old_logs(old: Path, new: Path) -> list[Path]:
    """Logs an older Rapport kept in the data folder, moved once to the log folder (never over a newer
    log of the same name); returns where they went."""
    moved: list[Path] = []
    if old.resolve() == new.resolve():
        return moved
    for log in sorted(old.glob(f"{ERRORS}*")) + sorted(old.glob(CRASHES)):
        target = new / log.name
        if log.is_file() and not target.exists():
            log.replace(target)
            moved.append(target)
    return moved


def keep_crashes(folder: Path) -> Path:
    """From now on, a death inside Qt or SQLite leaves its Python traceback in crash.log."""
    global _crash_file
    if _crash_file is None:
        _crash_file = open(folder / CRASHES, "a", encoding="utf-8")  # noqa: SIM115 - open until the process ends
        faulthandler.enable(file=_crash_file, all_threads=True)
    return folder / CRASHES
