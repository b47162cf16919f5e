"""`rapport install-desktop` (or `make install-desktop`): Rapport in the Linux desktop's menu.

Writes a freedesktop.org .desktop entry and the icon under $XDG_DATA_HOME (~/.local/share), for
this user only; nothing needs root. The entry starts the same Rapport that ran the command: the
installed `rapport` script next to this Python, or this checkout's main.py.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from core.outputs import write_atomically
from core.resources import shipped

ENTRY = """[Desktop Entry]
Type=Application
Name=Rapport
GenericName=Relationship book
Comment=Your contacts on the ladder: suspect, prospect, customer, client, partner
Exec={command} %f
Icon=rapport
Terminal=false
Categories=Office;ContactManagement;
MimeType=application/x-sqlite3;
StartupWMClass=rapport
"""


def config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def autostart_path() -> Path:
    """The desktop's own autostart entry for this user (freedesktop.org's Desktop Application Autostart)."""
    return config_home() / "autostart" / "rapport.desktop"


def is_autostarted() -> bool:
    return autostart_path().is_file()


def set_autostart(on: bool) -> Path:
    """Start Rapport minimised at login (an XDG autostart entry), or stop doing so; off by default.
    Returns the entry's path, written or removed."""
    entry = autostart_path()
    if not on:
        entry.unlink(missing_ok=True)
        return entry
    entry.parent.mkdir(parents=True, exist_ok=True)
    text = ENTRY.format(command=f"{launch_command()} --minimised").replace(" %f\n", "\n")
    text += "X-GNOME-Autostart-enabled=true\n"
    write_atomically(entry, lambda temporary: Path(temporary).write_text(text, encoding="utf-8"))
    return entry


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launch_command() -> str:
    """How the menu starts Rapport: the `rapport` script beside this Python, else this main.py."""
    script = Path(sys.executable).with_name("rapport")
    if script.exists():
        return shlex.quote(str(script))
    main = Path(__file__).resolve().parents[1] / "main.py"
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(main))}"


def install_desktop_entry() -> list[Path]:
    """Write the entry and the icon; returns the files written."""
    home = data_home()
    entry = home / "applications" / "rapport.desktop"
    icon = home / "icons" / "hicolor" / "scalable" / "apps" / "rapport.svg"
    for target in (entry, icon):
        target.parent.mkdir(parents=True, exist_ok=True)
    text = ENTRY.format(command=launch_command())
    write_atomically(entry, lambda temporary: Path(temporary).write_text(text, encoding="utf-8"))
    write_atomically(icon, lambda temporary: shutil.copyfile(shipped("icons", "rapport.svg"), temporary))
    return [entry, icon]
