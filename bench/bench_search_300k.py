"""Search as you type at 300,000 contacts: the book grows, the keystroke's time must not.

Builds ``big300k.rapport`` once (300,000 contacts, 1,000,000 interactions, in the bench folder) and
types the same words as ``bench_book.py``, reading one page of ids and one screen of rows each time,
as the window does. Prints the p95 and the worst keystroke beside the goal.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from big_book import TODAY, build  # noqa: E402
from machine import machine_line  # noqa: E402

from core.store import Book  # noqa: E402

WORDS = ["maria", "lopez", "zoe", "odeg", "anna", "jose nunez", "wedding", "c123", "33 6 0001"]


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/rapport-bench")
    folder.mkdir(parents=True, exist_ok=True)
    big = build(folder / "big300k.rapport", 300_000, 1_000_000)
    print(machine_line("search at 300,000 contacts"))
    with Book.open(big, backup_daily=False) as book:
        keystrokes: list[tuple[float, str]] = []
        for word in WORDS:
            for n in range(1, len(word) + 1):
                typed = word[:n]
                started = time.perf_counter()
                book.contacts.rows(book.contacts.ids(search=typed, today=TODAY, limit=200)[:60])
                keystrokes.append((time.perf_counter() - started, typed))
        times = [seconds for seconds, _ in keystrokes]
        p95 = statistics.quantiles(times, n=20)[18]
        worst, typed = max(keystrokes)
        print(f"search as you type at 300,000 contacts: p95 {p95 * 1000:.1f} ms, worst {worst * 1000:.1f} ms "
              f"(“{typed}”) over {len(times)} keystrokes (goal ≤ 30 ms)")


if __name__ == "__main__":
    main()
