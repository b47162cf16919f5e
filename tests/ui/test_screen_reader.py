"""What a screen reader hears: the window read through the Linux accessibility bus (AT-SPI), as Orca
reads it, from a process of its own on a virtual display. Skipped, with the reason, where the bus, the
display or the reader's library is not on the machine (python3-gi and gir1.2-atspi-2.0 on Debian)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READER = Path(__file__).with_name("atspi_reader.py")
LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = Path("/usr/bin/python3")  # the one that has the distribution's GObject bindings


def _missing() -> str:
    if not sys.platform.startswith("linux"):
        return "AT-SPI is the Linux accessibility bus"
    for tool in ("Xvfb", "dbus-run-session"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not LAUNCHER.exists():
        return "at-spi2-core is not installed"
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import gi; gi.require_version('Atspi', '2.0')"],
                           capture_output=True) if SYSTEM_PYTHON.exists() else None
    if probe is None or probe.returncode != 0:
        return "the system Python cannot read AT-SPI (python3-gi, gir1.2-atspi-2.0)"
    return ""


@pytest.mark.skipif(bool(_missing()), reason=_missing() or "runs")
def test_a_screen_reader_hears_every_control_by_name(tmp_path: Path) -> None:
    from core.demo import create_demo_book

    book = tmp_path / "demo.rapport"
    create_demo_book(book).close()
    display = f":{100 + os.getpid() % 800}"
    script = f"""
Xvfb {display} -screen 0 1366x768x24 >/dev/null 2>&1 & XPID=$!
{LAUNCHER} --launch-immediately >/dev/null 2>&1 & BPID=$!
sleep 1
DISPLAY={display} QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 "{sys.executable}" "{ROOT / 'main.py'}" \\
  --book "{book}" >"{tmp_path / 'app.log'}" 2>&1 & APID=$!
sleep 8
"{SYSTEM_PYTHON}" "{READER}" >"{tmp_path / 'tree.json'}"
kill $APID $BPID $XPID 2>/dev/null
"""
    env = {**os.environ, "RAPPORT_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}
    subprocess.run(["dbus-run-session", "--", "sh", "-c", script], env=env, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    nodes = json.loads((tmp_path / "tree.json").read_text())
    tree = [(role, name) for _depth, role, name, _parent in nodes]
    assert ("frame", "Bloom & Stem — demo.rapport — Rapport") in tree
    for heard in (("list", "Views"), ("text", "Search contacts"), ("table", "Contacts"),
                  ("radio button", "Needs: Yes"), ("push button", "Print cultivation plan…"),
                  ("list", "Timeline"), ("list item", "This week  (33)")):
        assert heard in tree, f"a screen reader does not hear {heard}"
    unnamed = [role for _depth, role, name, parent in nodes  # a choice list's drop-down is its combo's
               if role in ("push button", "check box", "radio button", "text", "table", "list")
               and parent != "combo box" and not name.strip()]
    assert unnamed == [], f"controls a screen reader hears without a name: {unnamed}"
