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
from xml.sax.saxutils import escape as xml_escape

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
MimeType=application/x-rapport-book;
StartupWMClass=rapport
"""


# A type of its own for *.rapport: the desktop offers Rapport for its books, not for every SQLite
# file on the computer (a browser's history is one); a book is still an SQLite file underneath.
BOOK_TYPE = "application/x-rapport-book"
MIME_PACKAGE = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{BOOK_TYPE}">
    <comment>Rapport book</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <glob pattern="*.rapport" weight="60"/>
    <icon name="rapport"/>
  </mime-type>
</mime-info>
"""


def config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


LAUNCH_AGENT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key><string>org.rapport.login</string>
  <key>ProgramArguments</key><array>{arguments}</array>
  <key>RunAtLoad</key><true/>
</dict>
</plist>
"""


def autostart_path(platform: str | None = None) -> Path:
    """Where this system starts programs at login, for this user: an XDG autostart entry on Linux
    desktops, a script in the Startup folder on Windows, a launch agent on macOS."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        appdata = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / "Rapport.cmd"
    if platform == "darwin":
        return Path.home() / "Library" / "LaunchAgents" / "org.rapport.login.plist"
    return config_home() / "autostart" / "rapport.desktop"


def is_autostarted(platform: str | None = None) -> bool:
    return autostart_path(platform).is_file()


def set_autostart(on: bool, platform: str | None = None) -> Path:
    """Start Rapport minimised at login, or stop doing so; off by default. Returns the entry's path,
    written or removed."""
    platform = platform or sys.platform
    entry = autostart_path(platform)
    if not on:
        entry.unlink(missing_ok=True)
        return entry
    entry.parent.mkdir(parents=True, exist_ok=True)
    command = f"{launch_command()} --minimised"
    if platform.startswith("win"):
        text = f"@echo off\r\nstart \"\" {command.replace(chr(39), chr(34))}\r\n"
    elif platform == "darwin":
        arguments = "".join(f"<string>{xml_escape(part)}</string>" for part in shlex.split(command))
        text = LAUNCH_AGENT.format(arguments=arguments)
    else:
        text = ENTRY.format(command=command).replace(" %f\n", "\n") + "X-GNOME-Autostart-enabled=true\n"
    # newline="": the line ends as written, on every system (the script's CRLF, the entry's LF).
    write_atomically(entry, lambda temporary: Path(temporary).write_text(text, encoding="utf-8", newline=""))
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
    """Write the entry, the icon and the book's file type; returns the files written. The desktop's
    type database is brought up to date when ``update-mime-database`` is there (shared-mime-info)."""
    import subprocess

    home = data_home()
    entry = home / "applications" / "rapport.desktop"
    icon = home / "icons" / "hicolor" / "scalable" / "apps" / "rapport.svg"
    mime = home / "mime" / "packages" / "rapport.xml"
    for target in (entry, icon, mime):
        target.parent.mkdir(parents=True, exist_ok=True)
    text = ENTRY.format(command=launch_command())
    write_atomically(entry, lambda temporary: Path(temporary).write_text(text, encoding="utf-8"))
    write_atomically(icon, lambda temporary: shutil.copyfile(shipped("icons", "rapport.svg"), temporary))
    write_atomically(mime, lambda temporary: Path(temporary).write_text(MIME_PACKAGE, encoding="utf-8"))
    updater = shutil.which("update-mime-database")
    if updater:
        subprocess.run([updater, str(home / "mime")], capture_output=True, check=False)
    return [entry, icon, mime]
