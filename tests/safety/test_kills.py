"""SIGKILLs at random moments during adds, logs, a backup, a merge, an import and restores (bench/ has 200+)."""

from __future__ import annotations

from pathlib import Path

from tests.safety.kill_harness import run_kills, run_restore_kills


def test_a_killed_writer_loses_nothing_committed_and_half_applies_nothing(tmp_path: Path) -> None:
    assert run_kills(tmp_path, kills=20) == []


def test_a_killed_restore_leaves_the_old_book_or_the_new_one_whole(tmp_path: Path) -> None:
    assert run_restore_kills(tmp_path, kills=12) == []
