"""Where Rapport keeps its files: one module, overridable by environment variables.

``RAPPORT_DATA_DIR`` moves the whole data folder (tests point it at a temp dir so they never
touch the owner's files); ``RAPPORT_BOOK`` or ``--book`` chooses another book file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import platformdirs

APP_NAME = "Rapport"
BOOK_SUFFIX = ".rapport"


def data_dir() -> Path:
    """The user's data folder for Rapport (created on first use)."""
    override = os.environ.get("RAPPORT_DATA_DIR")
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def config_dir() -> Path:
    """The user's config folder for Rapport: the window's own settings (its recent books, the sizes
    of its panes) belong there, not beside the books. ``RAPPORT_DATA_DIR`` keeps everything in that
    one folder (the tests, a data folder moved by hand); ``RAPPORT_CONFIG_DIR`` names it alone."""
    return _beside_the_data("RAPPORT_CONFIG_DIR", platformdirs.user_config_dir)


def log_dir() -> Path:
    """Where errors.log and crash.log are kept: the system's log folder for Rapport
    (``~/.local/state/Rapport/log`` on Linux, ``~/Library/Logs/Rapport`` on macOS,
    ``%LOCALAPPDATA%\\Rapport\\Logs`` on Windows). ``RAPPORT_DATA_DIR`` keeps them in that folder too (the
    tests); ``RAPPORT_LOG_DIR`` names the folder alone."""
    return _beside_the_data("RAPPORT_LOG_DIR", platformdirs.user_log_dir)


def _beside_the_data(variable: str, systems: Callable[..., str]) -> Path:
    """``variable``'s folder, else the data folder when ``RAPPORT_DATA_DIR`` moved it, else the
    system's folder of that kind for Rapport; made on first use."""
    override = os.environ.get(variable)
    if override:
        folder = Path(override)
    elif os.environ.get("RAPPORT_DATA_DIR"):
        folder = data_dir()
    else:
        folder = Path(systems(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_book_path() -> Path:
    """The book opened when the owner names none: ``RAPPORT_BOOK`` or the data folder's book."""
    override = os.environ.get("RAPPORT_BOOK")
    return Path(override).expanduser() if override else data_dir() / f"book{BOOK_SUFFIX}"


def resolve_book_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--book PATH`` wins over ``RAPPORT_BOOK``, which wins over the default book."""
    if explicit is not None and not str(explicit).strip():
        from core.errors import ValidationError
        from core.i18n import _

        raise ValidationError("--book", explicit, _("give the book's file name"))
    return Path(explicit).expanduser() if explicit else default_book_path()


def backup_dir(book_path: Path) -> Path:
    """Backups sit beside the book so that copying the folder copies them too."""
    return book_path.with_name(book_path.name + ".backups")
