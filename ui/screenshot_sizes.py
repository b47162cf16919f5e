"""Screenshots at the laptop sizes the owner may have, in a dark palette, and of the first run.

Part of `make screenshots`. 150 % scaling needs QT_SCALE_FACTOR set before Qt starts, so that one
is taken by a second process (``python -m ui.screenshot_sizes --scaled FOLDER``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = ((1024, 600), (1366, 768), (1920, 1080))


def dark_palette():
    """A dark Fusion palette, as a dark desktop gives one."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#353535"), (QPalette.ColorRole.WindowText, "#eeeeee"),
                         (QPalette.ColorRole.Base, "#262626"), (QPalette.ColorRole.AlternateBase, "#303030"),
                         (QPalette.ColorRole.Text, "#eeeeee"), (QPalette.ColorRole.Button, "#3c3c3c"),
                         (QPalette.ColorRole.ButtonText, "#eeeeee"), (QPalette.ColorRole.Highlight, "#3d7ac4"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.Link, "#8ab4f8"),
                         (QPalette.ColorRole.PlaceholderText, "#a0a0a0"), (QPalette.ColorRole.ToolTipBase, "#262626"),
                         (QPalette.ColorRole.ToolTipText, "#eeeeee")):
        palette.setColor(role, QColor(colour))
    return palette


def sized_shots(app, window, folder: Path, save) -> None:
    """The main window as it opens on each screen size (fit to it), then in a dark palette."""
    from PySide6.QtCore import QRect

    for width, height in SIZES:
        window.fit_to_screen(QRect(0, 0, width, height))  # as the window opens on that screen
        save(window, f"window_{width}x{height}.png")
    window.fit_to_screen(QRect(0, 0, 1366, 768))
    light = app.palette()
    style = app.style().name()
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
    hotel = next(c.id for c in window.book.contacts.in_view() if c.name == "Hôtel du Parc")  # a label warning
    window.panel.clear()
    window.select_contact(hotel)
    save(window, "dark_mode.png")
    app.setStyle(style)
    app.setPalette(light)


def first_run_shots(folder: Path, save) -> None:
    """The welcome page of an empty book, and the Help window."""
    from ui.books import open_book_for_window
    from ui.main_window import MainWindow

    empty = Path(tempfile.mkdtemp(prefix="rapport-shots-")) / "my shop.rapport"
    from PySide6.QtCore import QRect

    window = MainWindow(*open_book_for_window(empty))
    window.fit_to_screen(QRect(0, 0, 1024, 600))
    window.show()
    save(window, "welcome.png")
    window.first_run.empty_button.click()
    window.first_run.business.name.setText("Lina's Flowers")
    save(window, "first_run_business.png")
    shortcuts = window.dialogs.show_shortcuts()
    save(shortcuts, "help_shortcuts.png")
    shortcuts.close()
    guide = window.dialogs.show_guide()
    guide.titles.setCurrentRow(2)  # the ladder
    save(guide, "help_guide.png")
    guide.close()
    window.close()


def scaled_shot(folder: Path) -> None:
    """1366×768 at 150 %: ask a second process, which starts Qt with QT_SCALE_FACTOR=1.5."""
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-m", "ui.screenshot_sizes", "--scaled", str(folder)], env=env, check=True,
                   cwd=Path(__file__).resolve().parents[1])


def _take_scaled(folder: Path) -> None:
    os.environ["RAPPORT_DATA_DIR"] = tempfile.mkdtemp(prefix="rapport-shots-")
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from core.demo import create_demo_book
    from ui.books import open_book_for_window
    from ui.main_window import MainWindow
    from ui.tasks import wait_for_background

    app = QApplication.instance() or QApplication(sys.argv[:1])
    path = Path(os.environ["RAPPORT_DATA_DIR"]) / "demo.rapport"
    create_demo_book(path, date.today()).close()
    from PySide6.QtCore import QRect

    window = MainWindow(*open_book_for_window(path))
    window.fit_to_screen(QRect(0, 0, round(1366 / 1.5), round(768 / 1.5)))  # a 1366×768 screen at 150 %
    window.show()
    wait_for_background()
    window.select_contact(next(c.id for c in window.book.contacts.in_view() if c.name == "Hôtel du Parc"))
    app.processEvents()
    window.grab().save(str(folder / "window_1366x768_at_150.png"))
    window.close()


if __name__ == "__main__" and sys.argv[1:2] == ["--scaled"]:
    _take_scaled(Path(sys.argv[2]))
