"""The main window's size and panes: fitted to the screen it opens on (a 1024×600 netbook, 150 %
scaling), and kept as the owner left them in the config folder's settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from ui.books import app_settings

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def fit_to_screen(window: MainWindow, free: QRect | None = None) -> None:
    """1366×768 where there is room; never larger than the screen's free area (a 1024×600 netbook,
    or 150 % scaling), so the contact pane and the status bar stay on screen. ``free`` stands in
    for the screen's free area (the screenshots of each laptop size)."""
    if free is None:
        screen = QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen else None
    width, height = 1366, 768
    if free is not None:
        width, height = min(width, free.width()), min(height, free.height())
        window.move(free.topLeft())
    # On a narrow screen (1024×600 at 150 % is 683 points wide) the panes give up their
    # comfortable minimum widths, so the window never reaches past the edge.
    window.sidebar.setMinimumWidth(min(170, width // 6))
    window.panel.setMinimumWidth(min(380, width * 2 // 5))
    window.setMinimumSize(min(760, width), min(460, height))
    window.resize(width, height)


def restore_layout(window: MainWindow) -> None:
    """The window's size and the panes' widths, as the owner left them (when they still fit)."""
    stored = app_settings()
    state = stored.value("window/splitter")
    if state is not None:
        window.splitter.restoreState(state)
    geometry = stored.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
        fit_inside_screen(window)


def fit_inside_screen(window: MainWindow) -> None:
    """Back inside the screen's free area: a size remembered on a larger screen is cut to this one."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    if window.width() > free.width() or window.height() > free.height():
        window.resize(min(window.width(), free.width()), min(window.height(), free.height()))
    if not free.contains(window.frameGeometry().topLeft()):
        window.move(free.topLeft())


def save_layout(window: MainWindow) -> None:
    """Kept for the next open, in the config folder's settings."""
    stored = app_settings()
    stored.setValue("window/geometry", window.saveGeometry())
    stored.setValue("window/splitter", window.splitter.saveState())
