"""A till's sales export at the size of years of trade: 1,000,000 rows in Square's transactions
layout (ROWS=N to change), 20,000 customers, one sale in five anonymous and one in fifty a refund.
Imported as the wizard does it (read, plan, write) in a process of its own, so that its peak
memory is the import's alone. Prints each part's time, the rate per row beside CDNOW's (goal: at
most 4 × CDNOW's time per row) and the peak memory (goal: at most 400 MB)."""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine_line  # noqa: E402

from tests.interchange.test_tills import SQUARE_TRANSACTIONS  # noqa: E402

CDNOW = Path(__file__).resolve().parents[2] / "shared" / "samples" / "transactions" / "CDNOW_master.txt"
IMPORT = """
import resource, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from core.interchange import load, plan_import
from core.store import Book
path, book_path = sys.argv[1], Path(sys.argv[2])
book = Book.open(book_path, backup_daily=False)
started = time.perf_counter()
loaded = load(path)
read = time.perf_counter()
plan = plan_import(book, loaded, source="till")
planned = time.perf_counter()
result = book.interchange.apply_import(plan, backup=False)
written = time.perf_counter()
book.close()
rows = len(loaded.table) if loaded.table is not None else 0
print(rows, read - started, planned - read, written - planned, result.created, result.logged,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, time.process_time())
"""


def write_file(path: Path, rows: int) -> None:
    rng = random.Random(2026)
    index = {title: n for n, title in enumerate(SQUARE_TRANSACTIONS)}
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(SQUARE_TRANSACTIONS)
        for n in range(rows):
            row = [""] * len(SQUARE_TRANSACTIONS)
            day = 1 + n * 1500 // rows
            row[index["Date"]] = f"{2022 + day // 365}-{1 + day % 365 // 31:02d}-{1 + day % 28:02d}"
            row[index["Time"]] = f"{9 + n % 9:02d}:{n % 60:02d}:00"
            row[index["Time Zone"]] = "Eastern Time (US & Canada)"
            refund = rng.random() < 0.02
            cents = rng.randint(300, 25_000)
            row[index["Total Collected"]] = f"-${cents / 100:,.2f}" if refund else f"${cents / 100:,.2f}"
            row[index["Transaction ID"]] = f"T{n:08d}"
            row[index["Event Type"]] = "Refund" if refund else "Payment"
            if rng.random() >= 0.2:
                customer = rng.randrange(20_000)
                row[index["Customer ID"]] = f"C{customer:06d}"
                row[index["Customer Name"]] = f"Customer {customer}"
            writer.writerow(row)


def cdnow_rate(root: str, folder: Path) -> float:
    out = subprocess.run([sys.executable, "-c", IMPORT.format(root=root), str(CDNOW), str(folder / "cdnow.rapport")],
                         capture_output=True, text=True, check=True).stdout.split()
    rows, read, plan, write = int(out[0]), float(out[1]), float(out[2]), float(out[3])
    return (read + plan + write) / rows


def main() -> None:
    rows = int(os.environ.get("ROWS", "1000000"))
    root = str(Path(__file__).resolve().parents[1])
    print(machine_line("a till's export"))
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        path = Path(folder) / "transactions.csv"
        write_file(path, rows)
        size = path.stat().st_size / 1024 / 1024
        print(f"Square transactions file: {rows:,} rows, {size:.0f} MB (made in {time.perf_counter() - started:.0f} s)")
        out = subprocess.run([sys.executable, "-c", IMPORT.format(root=root), str(path), str(Path(folder) / "t.rapport")],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"  the import failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode}")
            return
        read_rows, read, plan, write, created, logged, peak, cpu = out.stdout.split()
        total = float(read) + float(plan) + float(write)
        per_row = total / int(read_rows)
        cdnow = cdnow_rate(root, Path(folder))
        print(f"  {int(created):,} customers created, {int(logged):,} sales and refunds logged")
        print(f"  read {float(read):.1f} s, plan {float(plan):.1f} s, write {float(write):.1f} s; total {total:.1f} s "
              f"(the importing process's CPU, its start included: {float(cpu):.1f} s)")
        print(f"  {per_row * 1e6:.0f} µs a row against CDNOW's {cdnow * 1e6:.0f} µs: {per_row / cdnow:.1f} × "
              f"(goal <= 4 ×: {'met' if per_row <= 4 * cdnow else 'missed'})")
        print(f"  peak memory {int(peak):,} MB (goal <= 400 MB: {'met' if int(peak) <= 400 else 'missed'})")


if __name__ == "__main__":
    main()
