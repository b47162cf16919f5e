"""The forecast on real purchase logs, as the owner's book holds them: CDNOW's sample (2,357
customers) and its master file (23,570), each imported into a book of its own. Prints the fit's
time (goals: 2,357 in 2 s, 23,570 in 15 s), the time to score every contact from the stored fit
(goal: 23,570 in 0.5 s), and the paper's holdout check on the sample (BG/NBD in weeks, calibrated
to 30 Sep 1997): repeat visits expected against made in weeks 40-78, in all and by calibration visits."""

from __future__ import annotations

import io
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import Stopwatch, machine_line  # noqa: E402

from core.cli import run  # noqa: E402
from core.forecast.models import expected_visits, p_alive  # noqa: E402
from core.forecast.outlook import QUARTER_DAYS  # noqa: E402
from core.store import Book  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "transactions"
END_OF_DATA = date(1998, 6, 30)  # CDNOW's last day: "today" for these books


def rapport(book: Path, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    if run(["--book", str(book), "--today", END_OF_DATA.isoformat(), *args], out=out, err=err) != 0:
        raise SystemExit(err.getvalue())
    return out.getvalue()


def main() -> None:
    print(machine_line("the forecast"))
    with tempfile.TemporaryDirectory() as folder:
        for name, goal in (("CDNOW_sample.txt", 2.0), ("CDNOW_master.txt", 15.0)):
            book_path = Path(folder) / f"{name}.rapport"
            rapport(book_path, "import", str(SAMPLES / name))
            with Book.open(book_path, backup_daily=False) as book:
                with Stopwatch() as fit_watch:
                    stored = book.forecasts.refit(END_OF_DATA)
                fitted = fit_watch.wall
                with Stopwatch() as score_watch:
                    customers = book.forecasts.summaries(END_OF_DATA)
                    fit = stored.fit  # type: ignore[union-attr]
                    scores = {cid: (p_alive(fit.model, fit.params, c.x, c.t_x, c.T),
                                    expected_visits(fit.model, fit.params, QUARTER_DAYS, c.x, c.t_x, c.T))
                              for cid, c in customers.items()}
                scored = score_watch.wall
            print(f"{name}: {len(scores):,} customers; MBG/NBD fit in days {fitted:.2f} s, CPU {fit_watch.cpu:.2f} s "
                  f"(goal <= {goal:.0f} s: {'met' if fitted <= goal else 'missed'}); every contact scored in "
                  f"{scored:.2f} s, CPU {score_watch.cpu:.2f} s"
                  + (f" (goal <= 0.5 s: {'met' if scored <= 0.5 else 'missed'})" if len(scores) > 20_000 else ""))
            if name == "CDNOW_sample.txt":
                print("The paper's holdout check (BG/NBD, weeks, calibrated to 30 Sep 1997):")
                print(rapport(book_path, "forecast", "--model", "bg", "--unit", "weeks", "--until", "1997-09-30"),
                      end="")


if __name__ == "__main__":
    main()
