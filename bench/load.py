"""`make bench LOAD=2`: run the benches with the machine as busy as an owner's laptop gets.

``python bench/load.py LOAD COMMAND…`` keeps LOAD busy processes per core (a browser, a sync client
and an update running beside Rapport), runs COMMAND, and stops them. Each busy process is bounded:
it also stops when this runner is gone, and after two hours whatever happens. LOAD 0 runs COMMAND
alone. The figures a loaded run prints sit beside the quiet ones in the README.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time

LONGEST_SECONDS = 2 * 60 * 60


def _spin(parent: int) -> None:
    """Busy work (what a page's scripts do) until the runner is gone or the time is up."""
    ends = time.monotonic() + LONGEST_SECONDS
    n = 0
    while time.monotonic() < ends:
        for _ in range(200_000):
            n = (n * 31 + 7) % 1_000_003
        if os.getppid() != parent:
            return


def main() -> int:
    load, command = float(sys.argv[1] or 0), sys.argv[2:]
    busy = round(load * (os.cpu_count() or 1))
    context = multiprocessing.get_context("spawn")
    spinners = [context.Process(target=_spin, args=(os.getpid(),), daemon=True) for _ in range(busy)]
    for spinner in spinners:
        spinner.start()
    env = {**os.environ, "RAPPORT_BENCH_LOAD": f"{load:g}"}
    try:
        if busy:
            time.sleep(5)  # let the load average show it
        return subprocess.run(command, env=env).returncode
    finally:
        for spinner in spinners:
            spinner.terminate()
        for spinner in spinners:
            spinner.join(5)


if __name__ == "__main__":
    sys.exit(main())
