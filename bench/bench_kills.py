"""The long form of the kill test: SIGKILLs at random moments while Rapport adds, logs, backs up,
merges and imports (200 by default, KILLS=N to change), then while it restores a backup (100 by
default, RESTORE_KILLS=N). Prints how many kills, how many actions were committed, and every
problem found: a committed action lost, an import or a merge half applied, a book that does not
open whole. There should be none. Run with `make bench` or on its own."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.safety.kill_harness import run_kills, run_restore_kills  # noqa: E402


def main() -> None:
    kills = int(os.environ.get("KILLS", "200"))
    restore_kills = int(os.environ.get("RESTORE_KILLS", "100"))
    seed = int(os.environ.get("SEED", "2026"))
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        problems = run_kills(Path(folder), kills, seed=seed)
        report = Path(folder) / "report.txt"
        lines = report.read_text().splitlines() if report.exists() else []
    merges = sum(1 for line in lines if line.startswith("merge "))
    print(f"writes: {kills} kills, {len(lines):,} actions reported committed ({merges} merges), "
          f"problems: {len(problems)}  ({time.perf_counter() - started:.0f} s)")
    for problem in problems[:50]:
        print(f"  {problem}")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        restore_problems = run_restore_kills(Path(folder), restore_kills, seed=seed)
    print(f"restores: {restore_kills} kills, problems: {len(restore_problems)} (the book opened whole after every "
          f"kill, as the old book or the restored one)  ({time.perf_counter() - started:.0f} s)")
    for problem in restore_problems[:50]:
        print(f"  {problem}")
    total = kills + restore_kills
    print(f"in all: {total} kills, {len(problems) + len(restore_problems)} lost or half applied")


if __name__ == "__main__":
    main()
