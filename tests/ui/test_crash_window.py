"""An error nobody expected: said in words, its traceback kept in the data folder's errors.log, and
"Copy details" puts that traceback on the clipboard for whoever helps the owner."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton


def _raise_and_show(window) -> None:
    from ui.app import _shown_in_words

    try:
        raise RuntimeError("a wheel came off")
    except RuntimeError as exc:
        _shown_in_words(window)(RuntimeError, exc, exc.__traceback__)


def _answer_the_box(button_text: str, seen: list[str]) -> None:
    """Once the box is up, read it and press one of its buttons, as the owner would."""
    def press() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen.append(box.text())
        next(b for b in box.findChildren(QPushButton) if b.text() == button_text).click()

    QTimer.singleShot(0, press)


def test_an_unexpected_error_is_said_and_kept(qtbot, window) -> None:
    from core.paths import data_dir

    QApplication.clipboard().setText("before")
    seen: list[str] = []
    _answer_the_box("OK", seen)
    _raise_and_show(window)
    log = data_dir() / "errors.log"
    assert seen == [f"Something went wrong: a wheel came off. Your book is as it was after the last saved action."
                    f"\n\nDetails are in {log}."]
    assert "RuntimeError: a wheel came off" in log.read_text(encoding="utf-8")
    assert QApplication.clipboard().text() == "before"  # OK copies nothing


def test_copy_details_puts_the_traceback_on_the_clipboard(qtbot, window) -> None:
    seen: list[str] = []
    _answer_the_box("Copy details", seen)
    _raise_and_show(window)
    copied = QApplication.clipboard().text()
    assert seen and copied.startswith("Traceback (most recent call last):")
    assert copied.rstrip().endswith("RuntimeError: a wheel came off")
