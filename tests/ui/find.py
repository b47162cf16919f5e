"""Finding what the window opened as Qt finds it (``findChildren``), never through attributes kept
on the window for tests."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

_W = TypeVar("_W", bound=QWidget)


def shown(window: QWidget, kind: type[_W]) -> _W | None:
    """The newest ``kind`` the window opened that is on screen now, or None."""
    found = [child for child in window.findChildren(kind) if child.isVisible()]
    return found[-1] if found else None


def opened(window: QWidget, kind: type[_W]) -> _W:
    """The newest ``kind`` the window opened, on screen or closed since (it must exist)."""
    found = window.findChildren(kind)
    assert found, f"the window opened no {kind.__name__}"
    return found[-1]


def opened_by_key(qtbot, window: QWidget, key, kind: type[_W]) -> _W:
    """Ctrl+``key`` pressed on the window, as the owner presses it; the ``kind`` of dialog it opened,
    once it is on screen and has the keyboard."""
    from PySide6.QtCore import Qt

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shown(window, kind) is not None)
    dialog = shown(window, kind)
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog
