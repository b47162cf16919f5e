"""A long notice wraps in the status bar instead of losing its end, then the bar is one line again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.main_window import MainWindow

_WRAP = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
LONG = ("Ana Lind is forgotten from the book. The 3 existing backups still hold them until they "
        "rotate out: with a backup a day, the last of them goes on 31 Dec 2026.")


def test_a_long_notice_takes_the_lines_it_needs_on_a_small_screen(qtbot, window: MainWindow) -> None:
    narrowest = window.minimumWidth()  # as on a 1024×600 screen at 150 %
    window.resize(narrowest, window.minimumHeight())
    bar = window.statusBar()
    line = bar.fontMetrics().height()
    qtbot.waitUntil(lambda: bar.width() == narrowest)
    one_line = bar.height()
    assert one_line < 2 * line
    assert bar.fontMetrics().horizontalAdvance(LONG) > bar.width(), "the notice is longer than one line here"

    window.notify(LONG)
    qtbot.waitUntil(lambda: bar.height() >= 2 * line)
    wrapped = bar.fontMetrics().boundingRect(bar.message_rect().adjusted(0, 0, 0, 10_000), _WRAP, LONG)
    assert wrapped.height() <= bar.height(), "every line of the notice is inside the bar"
    assert wrapped.width() <= bar.message_rect().width()
    assert window.centralWidget().geometry().bottom() < bar.geometry().top(), "the bar took room, drew over nothing"

    inked = _rows_with_text(bar)
    assert inked[-1] - inked[0] + 1 > line, "the words are drawn on more than one line"

    bar.clearMessage()
    qtbot.waitUntil(lambda: bar.height() == one_line)


def _rows_with_text(bar) -> list[int]:
    """The rows of the bar's picture where the notice's letters are (darker than the bar)."""
    image = bar.grab().toImage()
    background = image.pixelColor(1, 1).lightness()
    return [y for y in range(image.height())
            if any(image.pixelColor(x, y).lightness() < background - 80 for x in range(0, image.width() - 20, 2))]


def test_a_short_notice_keeps_the_bar_one_line_high(qtbot, window: MainWindow) -> None:
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.height() > 0)
    one_line = bar.height()
    window.notify("Saved.")
    qtbot.wait(50)
    assert bar.height() == one_line
