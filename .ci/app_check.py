"""`make app-check`: run the built Rapport (dist/Rapport) as an owner's computer would, and say what held.

It runs from a temporary folder outside the checkout, with a fresh HOME and data folder and no
Python on its PATH, so the app cannot lean on the checkout or on an installed Python: the demo books,
the fonts and the catalogs must all be inside the built folder. Each check prints one line; the
exit status is the number that failed.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "Rapport" / ("Rapport.exe" if sys.platform == "win32" else "Rapport")
failed: list[str] = []


def check(what: str, ok: bool, detail: str = "") -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {what}" + (f": {detail}" if detail and not ok else ""))
    if not ok:
        failed.append(what)


def main() -> int:
    if not APP.exists():
        print(f"no built app at {APP}: run make app first")
        return 1
    # Counted as the disk holds it: a library linked under a second name is one file, not two.
    size = sum(f.lstat().st_size for f in APP.parent.rglob("*") if f.is_file() and not f.is_symlink())
    check(f"the app folder is {size / 2**20:.0f} MB (at most 250)", size <= 250 * 2**20)
    work = Path(tempfile.mkdtemp(prefix="rapport-app-check-"))
    nothing = work / "empty-path"  # the PATH: no Python, no program at all, to lean on
    env = {"HOME": str(work / "home"), "PATH": str(nothing), "RAPPORT_DATA_DIR": str(work / "data"),
           "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    (work / "home").mkdir()
    nothing.mkdir()

    def rapport(*args: str, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(APP), *args], cwd=work, env={**env, **extra}, capture_output=True, text=True,
                              timeout=timeout)

    flowers, restaurant = work / "flowers.rapport", work / "restaurant.rapport"
    made = rapport("demo", str(flowers))
    check("makes the flower-shop demo book (shipped inside the app)", made.returncode == 0 and flowers.exists(),
          made.stderr)
    made = rapport("demo", "--restaurant", str(restaurant))
    check("makes the restaurant demo book", made.returncode == 0 and restaurant.exists(), made.stderr)
    tiers = rapport("--book", str(flowers), "tiers")
    check("rapport tiers counts the rungs", tiers.returncode == 0 and "Partners" in tiers.stdout, tiers.stderr)
    pdf = work / "checklist.pdf"
    printed = rapport("--book", str(flowers), "checklist", "--out", str(pdf))
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages) if pdf.exists() else ""
    check("checklist --out writes the Monday page with its fonts", printed.returncode == 0
          and "Partner-cultivation checklist" in text and "Bloom & Stem" in text, printed.stderr)
    french = rapport("--book", str(flowers), "show", "3", RAPPORT_LANGUAGE="fr")
    check("speaks French from its own catalog", "Échelon : Partenaire" in french.stdout, french.stdout[:200])
    german = rapport("--book", str(flowers), "tiers", RAPPORT_LANGUAGE="de")
    check("speaks German from its own catalog", "Stammkunden" in german.stdout, german.stdout[:200])
    many, crowd = work / "many.csv", work / "crowd.rapport"
    many.write_text("Name,Email\n" + "".join(f"Guest {n:05},guest{n}@example.com\n" for n in range(5000)),
                    encoding="utf-8")
    imported = rapport("--book", str(crowd), "import", str(many))
    changed = rapport("--book", str(crowd), "settings", "window_days", "300")  # reaches all 5,000: processes beside
    check("a setting that reaches 5,000 contacts is worked out by processes the app starts from itself",
          imported.returncode == 0 and changed.returncode == 0 and "window_days is now 300" in changed.stdout
          and "beside the book stopped" not in changed.stderr, (imported.stderr + changed.stderr)[-500:])
    backups = restaurant.with_name(restaurant.name + ".backups")
    shutil.rmtree(backups, ignore_errors=True)  # no backup of today's yet: the window's check makes it
    with sqlite3.connect(restaurant) as book:  # no fit yet: the window reads the buyers and fits as it opens
        book.execute("DELETE FROM forecast_count")
        book.execute("DELETE FROM forecast_fit")
    book.close()
    started = time.monotonic()
    window = rapport("--book", str(restaurant), RAPPORT_QUIT_AFTER_MS="8000", timeout=180)
    check(f"opens the window on the restaurant demo and quits ({time.monotonic() - started:.1f} s)",
          window.returncode == 0, window.stderr[-500:])
    daily = sorted(backups.glob("*_daily.rapport")) if backups.exists() else []
    check("the window's check and daily backup run in a process the app starts from itself", len(daily) == 1,
          str(sorted(p.name for p in backups.iterdir()) if backups.exists() else "no backups folder"))
    with sqlite3.connect(restaurant) as book:
        fitted = book.execute("SELECT fitted_on, customers FROM forecast_fit").fetchall()
    book.close()
    check("the week's forecast is read and fitted in a process the app starts from itself, and kept",
          len(fitted) == 1 and fitted[0][0] == date.today().isoformat() and fitted[0][1] > 100, str(fitted))
    errors, crashes = work / "data" / "errors.log", work / "data" / "crash.log"  # crash.log is opened at start
    check("wrote nothing to errors.log", not errors.exists(), errors.read_text(errors="replace")[-500:]
          if errors.exists() else "")
    check("wrote nothing to crash.log", not crashes.exists() or crashes.stat().st_size == 0,
          crashes.read_text(errors="replace")[-500:] if crashes.exists() else "")
    print(f"{len(failed)} failed" if failed else "every check held")
    return len(failed)


if __name__ == "__main__":
    sys.exit(main())
