"""What goes wrong is kept, and never grows without end: errors.log rotated at 1 MB with three
before it, and a death inside native code (Qt, SQLite) leaves crash.log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.crash_log import KEEP_BYTES, keep_error


def test_errors_log_is_kept_to_a_megabyte_and_three_before_it(tmp_path: Path) -> None:
    error = "Traceback (most recent call last):\n" + "  a line of it\n" * 200
    for number in range(1, 1500):  # about 4.2 MB of errors
        log = keep_error(tmp_path, f"{number}: {error}")
    assert log == tmp_path / "errors.log"
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == ["errors.log", "errors.log.1", "errors.log.2", "errors.log.3"]
    assert all((tmp_path / name).stat().st_size <= KEEP_BYTES for name in kept)
    assert "1499: Traceback" in (tmp_path / "errors.log").read_text(encoding="utf-8"), "the newest is kept"


def test_a_crash_in_native_code_leaves_its_traceback(tmp_path: Path) -> None:
    code = ("import faulthandler, sys; from pathlib import Path; from core.crash_log import keep_crashes; "
            f"keep_crashes(Path({str(tmp_path)!r})); faulthandler._sigsegv()")
    died = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                          capture_output=True, text=True)
    assert died.returncode != 0
    crash = (tmp_path / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash and "File \"<string>\"" in crash
