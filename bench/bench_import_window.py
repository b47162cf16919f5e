"""The CDNOW import (23,570 customers, 69,659 purchases) through the real window's wizard: Ctrl+I,
the file, Next (read, recognised, planned off the GUI thread), then Import (a backup, then one
transaction on a connection of its own). Prints how long each took and the GUI thread's longest
wait meanwhile (goal: never over 100 ms): the file is read in a thread of the window's process, a
big file's plan is made in a process of its own (``core.import_beside``), and the writing is a
thread of the window's process again.
Figures only, nothing asserted. Run with `make bench`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_window  # noqa: E402
from bench_window import GuiThreadWatch, close, idle, open_window, settle  # noqa: E402
from machine import data_folder_of_the_run, machine_line  # noqa: E402

CDNOW = Path(__file__).resolve().parents[2] / "shared" / "samples" / "transactions" / "CDNOW_master.txt"


def main() -> None:
    bench_window._import_qt()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWizard

    from ui.import_wizard import ImportWizard

    data_folder_of_the_run()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(machine_line("the real window's import wizard, offscreen"))
    with tempfile.TemporaryDirectory() as folder:
        window, _ = open_window(app, Path(folder) / "shop.rapport")
        window.windowHandle().requestActivate()
        QTest.qWaitForWindowActive(window, 2000)
        QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        settle(app)
        wizard = next(w for w in window.findChildren(ImportWizard) if w.isVisible())
        wizard.file_page.path.setText(str(CDNOW))
        names = {wizard.file_page: "read the file", wizard.columns_page: "plan (its columns as recognised)",
                 wizard.preview_page: "import (a backup, then the writing)"}
        while not wizard.run_page.finished:
            page = wizard.currentPage()
            started = time.perf_counter()
            with GuiThreadWatch() as watch:
                QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
                while time.perf_counter() - started < 300 and wizard.currentPage() is page \
                        and not wizard.run_page.finished and not page.error.isVisible():
                    idle(10)
                while wizard.currentPage() is wizard.run_page and not wizard.run_page.finished \
                        and time.perf_counter() - started < 300:
                    idle(10)
            print(f"{names.get(page, type(page).__name__)}: {time.perf_counter() - started:.1f} s, the GUI thread's "
                  f"longest wait {watch.worst * 1000:.0f} ms (goal: never over 100 ms)")
            if page.error.isVisible() or time.perf_counter() - started >= 300:
                print(f"  stopped: {page.error.text() or 'over 5 minutes'}")
                break
        print(f"  {wizard.run_page.status.text()}")
        wizard.close()
        settle(app)
        close(app, window)


if __name__ == "__main__":
    main()
