"""20 SIGKILLs at random moments during adds, logs, a backup and an import (bench/ has 200+)."""

from __future__ import annotations

from pathlib import Path

from tests.safety.kill_harness import run_kills


def test_a_killed_writer_loses_nothing_committed_and_half_applies_nothing(tmp_path: Path) -> None:
    assert run_kills(tmp_path, kills=20) == []
