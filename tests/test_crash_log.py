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


def test_logs_go_to_the_systems_log_folder_and_older_ones_move_there_once(tmp_path: Path, monkeypatch) -> None:
    import sys

    from core.crash_log import move_old_logs
    from core.paths import log_dir

    monkeypatch.delenv("RAPPORT_DATA_DIR", raising=False)
    monkeypatch.delenv("RAPPORT_LOG_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    if sys.platform.startswith("linux"):
        assert log_dir() == tmp_path / "state" / "Rapport" / "log"
    monkeypatch.setenv("RAPPORT_LOG_DIR", str(tmp_path / "logs"))
    assert log_dir() == tmp_path / "logs" and (tmp_path / "logs").is_dir()
    old = tmp_path / "data"
    old.mkdir()
    for name, text in (("errors.log", "newest"), ("errors.log.1", "older"), ("crash.log", "a crash"),
                       ("book.rapport", "not a log")):
        (old / name).write_text(text, encoding="utf-8")
    (tmp_path / "logs" / "errors.log.1").write_text("already here", encoding="utf-8")
    moved = move_old_logs(old, log_dir())
    assert sorted(p.name for p in moved) == ["crash.log", "errors.log"]
    assert (tmp_path / "logs" / "errors.log").read_text(encoding="utf-8") == "newest"
    assert (tmp_path / "logs" / "errors.log.1").read_text(encoding="utf-8") == "already here"  # never written over
    assert sorted(p.name for p in old.iterdir()) == ["book.rapport", "errors.log.1"]
    assert move_old_logs(old, log_dir()) == []  # once
