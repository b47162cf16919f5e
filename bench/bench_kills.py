"""The long form of the kill test: 200 SIGKILLs (KILLS=N to change) at random moments while Rapport
adds, logs, backs up and imports. Prints how many kills, how many actions were committed, and
every problem found (there should be none). Run with `make bench` or on its own."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.safety.kill_harness import run_kills  # noqa: E402


def main() -> None:
    kills = int(os.environ.get("KILLS", "200"))
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        problems = run_kills(Path(folder), kills, seed=int(os.environ.get("SEED", "2026")))
        report = Path(folder) / "report.txt"
        committed = len(report.read_text().splitlines()) if report.exists() else 0
    print(f"kills: {kills}, actions reported committed: {committed:,}, "
          f"problems: {len(problems)}  ({time.perf_counter() - started:.0f} s)")
    for problem in problems[:50]:
        print(f"  {problem}")


if __name__ == "__main__":
    main()
