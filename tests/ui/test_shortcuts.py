"""Every shortcut works: no key is claimed twice (Qt then does nothing), and the keys the README
and the empty book promise do what they say when pressed on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut


def test_no_two_actions_share_a_key(window) -> None:
    claimed: dict[str, str] = {}
    clashes = []
    shortcuts = [(a.text(), seq) for a in window.findChildren(QAction) for seq in a.shortcuts()]
    shortcuts += [(s.objectName() or "shortcut", s.key()) for s in window.findChildren(QShortcut)]
    for name, sequence in shortcuts:
        key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        if not key:
            continue
        if key in claimed and claimed[key] != name:
            clashes.append(f"{key}: {claimed[key]} and {name}")
        claimed.setdefault(key, name)
    assert clashes == []


def test_ctrl_n_opens_a_new_contact_on_the_real_window(qtbot, window) -> None:
    window.start_empty = True
    window.refresh()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "new_contact_dialog", None) is not None
                    and window.new_contact_dialog.isVisible(), timeout=3000)
    window.new_contact_dialog.reject()
