"""Figures for DESIGN.md's targets on a 100,000-contact, 1,000,000-interaction book, on the core
path (bench_window.py measures the same on the real window: open, search, log, sort).

Prints one line per target: the measured figure and the goal. Run with `make bench`.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from big_book import TODAY, build  # noqa: E402
from machine import cpu_beside, machine_line  # noqa: E402

from core import operations  # noqa: E402
from core.store import Book  # noqa: E402


# Every fact the ladder reads of each contact's interactions, in one pass: the floor that
# recomputing every tier is measured against (it also reads the contacts and the answers).
FACTS_FLOOR = """
SELECT contact_id,
       count(*) FILTER (WHERE kind = 'purchase'), count(DISTINCT occurred_on) FILTER (WHERE kind = 'purchase'),
       max(occurred_on) FILTER (WHERE kind = 'purchase'), max(occurred_on) FILTER (WHERE kind = 'inquiry'),
       max(occurred_on) FILTER (WHERE kind = 'referral_received'),
       max(occurred_on) FILTER (WHERE kind = 'referral_given'), max(occurred_on) FILTER (WHERE kind = 'joint_campaign'),
       max(occurred_on) FILTER (WHERE kind NOT IN ('note', 'complaint')),
       count(*) FILTER (WHERE kind = 'complaint' AND resolved_on IS NULL), max(step_key IS NOT NULL)
FROM interactions {where} GROUP BY contact_id
"""


def cpu_now(children: bool) -> float:
    """CPU seconds used so far by this process, or by the commands it ran and waited for."""
    if not children:
        return time.process_time()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(fn, repeat: int = 1, cpu: list[float] | None = None, children: bool = False) -> list[float]:
    """Wall seconds of each run; the CPU seconds of each are added to ``cpu``."""
    out = []
    for _ in range(repeat):
        started, used = time.perf_counter(), cpu_now(children)
        fn()
        out.append(time.perf_counter() - started)
        if cpu is not None:
            cpu.append(cpu_now(children) - used)
    return out


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/rapport-bench")
    folder.mkdir(parents=True, exist_ok=True)
    built_here = not (folder / "big.rapport").exists()
    big = build(folder / "big.rapport", 100_000, 1_000_000)
    # Opening the window is measured on the real window, by bench_window.py.
    print(machine_line("core paths"))
    book = Book.open(big, backup_daily=False)
    keystrokes: list[float] = []
    keystrokes_cpu: list[float] = []
    for word in ["maria", "lopez", "zoe", "odeg", "anna", "jose nunez", "wedding", "c123", "33 6 0001"]:
        for n in range(1, len(word) + 1):
            typed = word[:n]  # as the window reads it: one page of ids, the rows of one screen
            keystrokes += timed(lambda typed=typed: book.contacts.rows(book.contacts.ids(search=typed, today=TODAY,
                                                                                        limit=200)[:60]),
                            cpu=keystrokes_cpu)
    p95 = statistics.quantiles(keystrokes, n=20)[18]
    print(f"search as you type: p95 {p95 * 1000:.1f} ms over {len(keystrokes)} keystrokes "
          f"({cpu_beside(keystrokes, keystrokes_cpu)}) (goal ≤ 30 ms)")

    target = book.contacts.ids(today=TODAY, limit=501)[500]
    logs_cpu: list[float] = []
    logs = timed(lambda: (operations.log(book, target, "purchase", amount="12.00", today=TODAY),
                          book.contacts.rows([target]), book.contacts.view_counts()), 20, logs_cpu)
    print(f"log an interaction + re-tier + refresh: median {statistics.median(logs) * 1000:.1f} ms "
          f"({cpu_beside(logs, logs_cpu)}) (goal ≤ 20 ms)")

    floor = min(timed(lambda: book.conn.execute(
        "SELECT contact_id, count(*), max(occurred_on) FROM interactions GROUP BY contact_id").fetchall(), 3))
    facts = {where: min(timed(lambda where=where: book.conn.execute(FACTS_FLOOR.format(where=where)).fetchall(), 2))
             for where in ("", "NOT INDEXED")}
    full_cpu: list[float] = []
    full = min(timed(lambda: book.status.reevaluate_all(TODAY), 1, full_cpu))
    print(f"recompute every tier: {full:.2f} s (CPU {full_cpu[0]:.2f} s); floors: count/max GROUP BY {floor:.2f} s (ratio {full / floor:.0f}), "
          f"every fact the ladder reads in one GROUP BY {facts['']:.2f} s off the covering index (ratio "
          f"{full / facts['']:.0f}), {facts['NOT INDEXED']:.2f} s without it (goal ≤ 8 × the floor)")

    for key, values in (("partner_cadence_days", (16, 15)), ("client_cadence_days", (61, 60)), ("window_days", (364, 365))):
        new = values[0] if getattr(book.settings(), key) != values[0] else values[1]  # a change every run
        started, used = time.perf_counter(), time.process_time()
        operations.update_settings(book, TODAY, later=True, **{key: new})  # as `rapport settings` does it, in two steps
        reached = book.conn.execute("SELECT count(*) FROM retier_pending").fetchone()[0]
        operations.bring_up_to_date(book, TODAY)
        print(f"{key} set to {new}, every verdict it reaches right ({reached:,} contacts): "
              f"{time.perf_counter() - started:.2f} s (CPU here {time.process_time() - used:.2f} s, the processes "
              f"beside not counted) (goal ≤ 2 s; W, which reaches everyone, in the background)")

    try:
        from core.printing import render_checklist

        monday = TODAY - timedelta(days=TODAY.weekday())
        # As File → Print weekly checklist does it: this week's candidates from the stored verdicts.
        pages: list[int] = []
        pdf_cpu: list[float] = []
        t_pdf = min(timed(lambda: pages.append(render_checklist(
            book.status.checklist(monday, TODAY, per_section=40), folder / "checklist.pdf", max_pages=2)), 3, pdf_cpu))
        print(f"weekly checklist PDF: {t_pdf:.2f} s (CPU {min(pdf_cpu):.2f} s), {pages[-1]} pages "
              f"(goal ≤ 2 s, ≤ 2 pages)")
    except ImportError:
        print("weekly checklist PDF: core.printing not available")
    book.close()
    import subprocess

    from core import daily_care
    from core.store.opening import checked_marker

    def new_day() -> None:
        """The day moved on (not the clock): the book not cared for today, and no backup of today's."""
        checked_marker(big).write_text("2020-01-01\n", encoding="utf-8")
        for made in big.with_name(big.name + ".backups").glob(f"{date.today():%Y-%m-%d}_*"):
            made.unlink()

    env = {k: v for k, v in os.environ.items() if k != daily_care.MODE_VARIABLE}  # the owner's way: detached
    for command in (["tiers"], ["list", "--view", "due"], ["show", "1"], ["checklist"], ["log", "1", "note"]):
        argv = [sys.executable, str(Path(__file__).resolve().parents[1] / "main.py"), "--book", str(big),
                "--today", TODAY.isoformat(), *command]
        new_day()
        first_cpu: list[float] = []
        first = timed(lambda argv=argv: subprocess.run(argv, capture_output=True, check=True, env=env), 1, first_cpu,
                      children=True)[0]
        while daily_care.state(big) != date.today().isoformat():  # its check and backup, after it
            time.sleep(0.2)
        runs_cpu: list[float] = []
        runs = timed(lambda argv=argv: subprocess.run(argv, capture_output=True, check=True, env=env), 3, runs_cpu,
                     children=True)
        print(f"rapport {' '.join(command)}: first of the day {first:.2f} s (CPU {first_cpu[0]:.2f} s), then "
              f"{min(runs):.2f} s (CPU {min(runs_cpu):.2f} s) (goal ≤ 1 s)")
    book = Book.open(big, backup_daily=False)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The peak of this whole process: a run that built the book counts the build too.
    during = "building the book, then the core paths" if built_here else "the core paths"
    print(f"peak memory (resident) of {during}: {rss_mb:.0f} MB (goal ≤ 400 MB with the book open: bench_window.py)")
    book.close()


if __name__ == "__main__":
    main()
