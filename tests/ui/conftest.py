"""A main window on a real book file in a temp dir, closed (and its lock released) after."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Iterator

import pytest

from ui.books import open_book_for_window
from ui.main_window import MainWindow
from ui.tasks import wait_for_background


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:
    # Each window gets its own data folder: the demo book, recent books and layout of one test
    # never leak into the next.
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    opened = open_book_for_window(tmp_path / "shop.rapport")
    assert opened is not None
    win = MainWindow(*opened)
    qtbot.addWidget(win)
    win.show()
    wait_for_background()
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == "" or win.last_notice != "", timeout=5000)
    yield win
    gc.unfreeze()  # what a window froze (ui.lifetime) goes with it, as the app's next open would do


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch):
    """A modal box nobody answers would hang the headless run: fail at once instead.

    A test that expects a box patches the one it expects after this fixture has run.
    """
    from PySide6.QtWidgets import QMessageBox

    def unexpected(kind: str):
        def box(_parent, title, text, *args, **kwargs):
            raise AssertionError(f"unexpected QMessageBox.{kind}: {title}: {text}")
        return box

    for kind in ("critical", "warning", "question", "information"):
        monkeypatch.setattr(QMessageBox, kind, unexpected(kind))


def turn_wheel(widget, notches: int = 3) -> None:
    """The mouse wheel turned down over ``widget``, as an owner scrolling past it does."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    for _ in range(notches):
        centre = QPointF(widget.rect().center())
        wheel = QWheelEvent(centre, QPointF(widget.mapToGlobal(widget.rect().center())), QPoint(0, 0),
                            QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, wheel)
