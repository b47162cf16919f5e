"""Starting the app: the pre-Qt checks, and a real window on a real X display."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from ui.system_check import INSTALL_LINE, missing_xcb_packages, startup_problem

ROOT = Path(__file__).resolve().parents[2]


def test_missing_xcb_library_is_named_with_the_install_line() -> None:
    absent = {"libxcb-cursor.so.0"}
    problem = startup_problem({"DISPLAY": ":0"}, "linux", can_load=lambda lib: lib not in absent)
    assert problem is not None
    assert "libxcb-cursor0" in problem and "libxcb-icccm4" not in problem.split("\n")[0]
    assert INSTALL_LINE in problem
    assert missing_xcb_packages(lambda lib: False) == ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"]


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", None),
        ({}, "linux", "no display"),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
        ({}, "darwin", None),
        ({}, "win32", None),
    ],
)
def test_startup_problem_by_platform(env: dict, platform: str, expected: str | None) -> None:
    problem = startup_problem(env, platform, can_load=lambda lib: True)
    assert (problem is None) if expected is None else (expected in problem)


def test_no_display_exits_2_with_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["RAPPORT_DATA_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--book", str(tmp_path / "b.rapport")],
                            env=env, capture_output=True, text=True, timeout=60)
    if sys.platform.startswith("linux"):
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "QT_QPA_PLATFORM=offscreen" in result.stderr
        assert "Traceback" not in result.stderr


@contextlib.contextmanager
def x_display(size: str, number: int, data: Path) -> Iterator[dict[str, str]]:
    """A real X display (Xvfb) of ``size``; yields the environment for a program to run on it."""
    display = f":{number + os.getpid() % 9}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env.update(DISPLAY=display, RAPPORT_DATA_DIR=str(data))
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_window_opens_and_closes_on_a_real_x_display(tmp_path: Path) -> None:
    with x_display("1366x768", 90, tmp_path) as env:
        env["RAPPORT_QUIT_AFTER_MS"] = "2500"
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--book", str(tmp_path / "b.rapport")],
                                env=env, capture_output=True, text=True, timeout=120)
        if "missing" in result.stderr and "libxcb" in result.stderr:
            pytest.skip("this machine lacks Qt's X libraries: " + result.stderr.strip())
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        from core.store.lock import WriterLock

        lock = WriterLock(tmp_path / "b.rapport")
        assert lock.acquire(0), "the one-writer lock is released when the window closes"
        lock.release()


FIT_CHECK = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui.books import open_book_for_window
from ui.main_window import MainWindow
from ui.printing import preview_checklist
from ui.tasks import wait_for_background
window = MainWindow(*open_book_for_window(Path(sys.argv[1])))
window.show()
wait_for_background()
preview = preview_checklist(window, window.book)
for _ in range(40):
    app.processEvents()
    time.sleep(0.05)
free = window.screen().availableGeometry()
for name, widget in (("window", window), ("preview", preview)):
    frame = widget.frameGeometry()
    print(name, free.contains(frame), frame.width(), frame.height(), free.width(), free.height())
button = preview.print_button
print("print button", free.contains(button.mapToGlobal(button.rect().bottomRight())))
preview.close()
window.close()
"""


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_window_and_print_preview_fit_a_1024x600_screen(tmp_path: Path) -> None:
    with x_display("1024x600", 80, tmp_path) as env:
        result = subprocess.run([sys.executable, "-c", FIT_CHECK, str(tmp_path / "b.rapport")], cwd=ROOT,
                                env=env, capture_output=True, text=True, timeout=120)
        if "xcb" in result.stderr and "could not" in result.stderr.lower():
            pytest.skip("this machine lacks Qt's X libraries")
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0].startswith("window True") and lines[1].startswith("preview True"), result.stdout
        assert lines[2] == "print button True"
