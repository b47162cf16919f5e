"""Start at login, minimised: off by default; the File menu's item writes the desktop's own autostart
entry (XDG) and takes it away again; `rapport autostart on|off` does the same without the window."""

from __future__ import annotations

import io
from pathlib import Path

from core.cli import build_parser, run


def test_the_menu_item_writes_and_removes_the_autostart_entry(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "rapport.desktop"
    action = window.menu_actions["autostart"]
    assert action.isCheckable() and not action.isChecked(), "off by default"
    action.trigger()
    text = entry.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" --minimised") and "%f" not in exec_line
    assert window.last_notice == f"Rapport will start minimised when you log in ({entry})."
    action.trigger()
    assert not entry.exists() and window.last_notice == "Rapport will no longer start when you log in."


def test_the_command_line_sets_it_and_the_window_can_start_minimised(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "rapport.desktop"
    out = io.StringIO()
    assert run(["autostart", "on"], out=out) == 0 and entry.is_file()
    assert out.getvalue() == f"Rapport starts minimised at login ({entry}).\n"
    out = io.StringIO()
    assert run(["autostart", "off"], out=out) == 0 and not entry.exists()
    assert build_parser().parse_known_args(["--minimised"])[0].minimised


def test_windows_and_macos_get_their_own_kind_of_entry(tmp_path: Path, monkeypatch) -> None:
    import plistlib

    from core.desktop_entry import is_autostarted, set_autostart

    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    startup = set_autostart(True, platform="win32")
    assert startup == tmp_path / "appdata" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / \
        "Rapport.cmd"
    script = startup.read_bytes().decode("utf-8")  # as written: CRLF, as cmd.exe reads it
    assert script.startswith("@echo off\r\nstart \"\" ") and script.rstrip().endswith("--minimised")
    assert is_autostarted("win32")
    agent = set_autostart(True, platform="darwin")
    assert agent == tmp_path / "home" / "Library" / "LaunchAgents" / "org.rapport.login.plist"
    loaded = plistlib.loads(agent.read_bytes())
    assert loaded["RunAtLoad"] is True and loaded["ProgramArguments"][-1] == "--minimised"
    set_autostart(False, platform="darwin")
    set_autostart(False, platform="win32")
    assert not agent.exists() and not startup.exists()
