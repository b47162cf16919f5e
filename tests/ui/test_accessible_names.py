"""Every control without text of its own has a name a screen reader can say: buttons, fields, lists
and tables, in the window with a contact shown, the log form (Ctrl+L), the settings (Ctrl+,) and the
dashboard (Ctrl+D). A field in a form is named by its label, as Qt's accessibility reads it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from tests.ui.test_dashboard_window import open_on_demo
from tests.ui.find import shown
from ui.dialogs import LogDialog
from ui.settings_dialog import SettingsDialog

NAMED = (QAbstractButton, QAbstractItemView, QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit)


def unnamed(top: QWidget) -> list[str]:
    """The visible controls under ``top`` whose accessible name is empty, as "type (tooltip)"."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() or not isinstance(widget, NAMED):
            continue
        if isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # a spin box's or a combo's own line edit: read out as part of it
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None or not face.text(QAccessible.Text.Name).strip():
            found.append(f"{type(widget).__name__} ({widget.toolTip()[:40]})")
    return found


def test_the_window_its_dialogs_and_the_dashboard_name_every_control(qtbot, tmp_path: Path, monkeypatch) -> None:
    window, dashboard = open_on_demo(qtbot, tmp_path, monkeypatch)
    assert unnamed(dashboard) == []
    dashboard.close()
    window.select_contact(window.model.contact_id(0))
    assert unnamed(window) == []
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shown(window, LogDialog).isVisible() and unnamed(shown(window, LogDialog)) == []
    shown(window, LogDialog).reject()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    settings = window.findChild(QWidget, "settings_dialog") or shown(window, SettingsDialog)
    assert settings is not None and settings.isVisible() and unnamed(settings) == []
