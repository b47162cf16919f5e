"""Where the files Rapport ships with are: fonts for the printouts, the demo book, the icon.

They are package data of the ``resources`` package and are found with importlib.resources, so
`pip install .` (or pipx) gives PDFs with their fonts and a demo book, as a checkout does.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped(*parts: str) -> Path:
    """The path of a shipped file or folder, e.g. ``shipped("fonts", "DejaVuSans.ttf")``.

    Rapport is installed as plain files (a wheel unpacked, or a checkout), never zipped, so the
    traversable is a real folder that reportlab and Qt can open by name.
    """
    found = resources.files("resources")
    for part in parts:  # one part at a time: a built app's MultiplexedPath (Python 3.11) takes one
        found = found / part
    return Path(str(found))
