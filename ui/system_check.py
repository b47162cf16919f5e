"""Checks made before Qt loads, so an owner sees a sentence instead of a Qt abort.

Nothing here imports Qt: the point is to run before Qt can fail.
"""

from __future__ import annotations

import ctypes
import os
import sys
from typing import Callable
from core.i18n import _

# Qt's xcb plugin cannot load without these on Debian/Ubuntu (libxcb-cursor0 since Qt 6.5).
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
}
INSTALL_LINE = "sudo apt-get install " + " ".join(XCB_LIBRARIES.values())


def _can_load(library: str) -> bool:
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def missing_xcb_packages(can_load: Callable[[str], bool] = _can_load) -> list[str]:
    """The Debian packages whose libraries Qt's X11 plugin would fail to load."""
    return [package for library, package in XCB_LIBRARIES.items() if not can_load(library)]


def startup_problem(
    environ: dict[str, str] | None = None,
    platform: str | None = None,
    can_load: Callable[[str], bool] = _can_load,
) -> str | None:
    """Why the window cannot open here, in one or two lines; None when it can."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    chosen = env.get("QT_QPA_PLATFORM", "")
    if not platform.startswith("linux") or chosen.startswith(("offscreen", "minimal", "vnc", "eglfs", "linuxfb")):
        return None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return (_("rapport: no display to open the window on. Run it from a desktop session, or use "
                "QT_QPA_PLATFORM=offscreen for a window nobody sees; commands such as 'rapport list' need neither."))
    if chosen.startswith("wayland") or (env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY")):
        return None
    missing = missing_xcb_packages(can_load)
    if missing:
        return (_("rapport: Qt needs system libraries that are missing: {join}.\nInstall them with: {INSTALL_LINE}").format(join=', '.join(missing), INSTALL_LINE=INSTALL_LINE))
    return None
