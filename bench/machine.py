"""The machine a bench ran on, how fast it was running at the time, and the run's own data folder.

On a shared 2-core machine the same build's figures vary by a third from one hour to the next.
A fixed pure-Python workload timed beside them says how fast the machine was at that moment:
when it is slower, every figure printed with it is slower by about as much.
"""

from __future__ import annotations

import atexit
import os
import platform
import shutil
import tempfile
import time


def calibration_ms() -> float:
    """CPU milliseconds for a fixed workload of the kind the rules do (dicts, tuples, dates, strings)."""
    from datetime import date, timedelta

    start = time.process_time()
    day = date(2026, 1, 1)
    seen: dict[str, int] = {}
    for n in range(100_000):
        text = f"{n % 997}|{(day + timedelta(days=n % 365)).isoformat()}"
        seen[text] = seen.get(text, 0) + len(text)
    return (time.process_time() - start) * 1000


def load_words() -> str:
    """How busy the machine is: the load generator asked for (``make bench LOAD=2``) and the load average."""
    asked = os.environ.get("RAPPORT_BENCH_LOAD", "0")
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return f"load asked {asked} per core"
    return f"load asked {asked} per core, load average {one:.1f} (1 min) {five:.1f} (5 min)"


def machine_line(what: str = "") -> str:
    """One line for the top of a bench's output: the machine, its speed at the time, how busy it is."""
    tail = f"; {what}" if what else ""
    return (f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; a fixed workload took {calibration_ms():.0f} ms of CPU just now "
            f"(slower runs of everything follow it); {load_words()}{tail}")


class Stopwatch:
    """Wall time and this process's CPU time (every thread's) of what runs inside it: a figure whose
    CPU time is far below its wall time waited (on the disk, another process, a loaded machine);
    one whose CPU time is close to it worked."""

    def __enter__(self) -> Stopwatch:
        self.wall = self.cpu = 0.0
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self._wall, time.process_time() - self._cpu


def cpu_beside(walls: list[float], cpus: list[float]) -> str:
    """"CPU 12.0 ms median, 15.1 ms p95": the CPU time beside a list of wall times."""
    import statistics

    ordered = sorted(cpus)
    p95 = statistics.quantiles(ordered, n=20)[18] if len(ordered) >= 20 else ordered[-1]
    return f"CPU {statistics.median(ordered) * 1000:.1f} ms median, {p95 * 1000:.1f} ms p95"


def data_folder_of_the_run(prefix: str = "rapport-bench-data-") -> str:
    """Rapport's data folder (the backups of the bench's books, the window's settings) pointed at a
    folder of this run's own, removed when the run ends: a bench never touches the owner's folder,
    and leaves no copies of a 200 MB book behind it."""
    folder = tempfile.mkdtemp(prefix=prefix)
    os.environ["RAPPORT_DATA_DIR"] = folder
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
