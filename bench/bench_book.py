"""Figures for DESIGN.md's targets on a 100,000-contact, 1,000,000-interaction book, on the core
path (bench_window.py measures the same on the real window: open, search, log, sort).

Prints one line per target: the measured figure and the goal. Run with `make bench`.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from big_book import TODAY, build  # noqa: E402

from core.store import Book  # noqa: E402


def timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/rapport-bench")
    folder.mkdir(parents=True, exist_ok=True)
    big = build(folder / "big.rapport", 100_000, 1_000_000)
    # Opening the window is measured on the real window, by bench_window.py.
    book = Book.open(big, backup_daily=False)
    keystrokes = []
    for word in ["maria", "lopez", "zoe", "odeg", "anna", "jose nunez", "wedding", "c123", "33 6 0001"]:
        for n in range(1, len(word) + 1):
            typed = word[:n]  # as the window reads it: one page of ids, the rows of one screen
            keystrokes += timed(lambda typed=typed: book.contact_rows(book.contact_ids(search=typed, today=TODAY,
                                                                                        limit=200)[:60]))
    p95 = statistics.quantiles(keystrokes, n=20)[18]
    print(f"search as you type: p95 {p95 * 1000:.1f} ms over {len(keystrokes)} keystrokes (goal ≤ 30 ms)")

    target = book.contact_ids(today=TODAY, limit=501)[500]
    logs = timed(lambda: (book.log_interaction(target, "purchase", amount="12.00", today=TODAY),
                          book.contact_rows([target]), book.view_counts(TODAY)), 20)
    print(f"log an interaction + re-tier + refresh: median {statistics.median(logs) * 1000:.1f} ms "
          f"(goal ≤ 20 ms)")

    floor = min(timed(lambda: book.conn.execute(
        "SELECT contact_id, count(*), max(occurred_on) FROM interactions GROUP BY contact_id").fetchall(), 3))
    full = min(timed(lambda: book.reevaluate_all(TODAY), 1))
    print(f"recompute every tier: {full:.2f} s; GROUP BY floor {floor:.2f} s; ratio {full / floor:.1f} "
          f"(goal ≤ 1.5)")

    try:
        from core.printing import render_checklist

        monday = TODAY - timedelta(days=TODAY.weekday())
        # As File → Print weekly checklist does it: this week's candidates from the stored verdicts.
        pages: list[int] = []
        t_pdf = min(timed(lambda: pages.append(render_checklist(
            book.checklist(monday, TODAY, per_section=40), folder / "checklist.pdf", max_pages=2)), 3))
        print(f"weekly checklist PDF: {t_pdf:.2f} s, {pages[-1]} pages (goal ≤ 2 s, ≤ 2 pages)")
    except ImportError:
        print("weekly checklist PDF: core.printing not available")
    book.close()
    import subprocess

    for command in (["tiers"], ["list", "--view", "due"], ["show", "1"], ["checklist"]):
        argv = [sys.executable, str(Path(__file__).resolve().parents[1] / "main.py"), "--book", str(big),
                "--today", TODAY.isoformat(), *command]
        subprocess.run(argv, capture_output=True, check=True)  # the first run of the day
        runs = timed(lambda argv=argv: subprocess.run(argv, capture_output=True, check=True), 3)
        print(f"rapport {' '.join(command)}: {min(runs):.2f} s (goal ≤ 1 s after the first run of the day)")
    book = Book.open(big, backup_daily=False)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (resident): {rss_mb:.0f} MB (goal ≤ 400 MB)")
    book.close()


if __name__ == "__main__":
    main()
