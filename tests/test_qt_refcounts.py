"""Regression guard for PySide6 6.12.0 on CPython 3.11, which drops a reference to ``True``
on every ``Signal.emit()`` and to ``None`` on every Python slot that returns None. A working
session spends one or two per keystroke; when the count reaches zero the interpreter aborts
("Fatal Python error: bool_dealloc"). pyproject.toml pins a PySide6 range that does not leak.

The check runs in a child interpreter: the failure is an abort, which would take pytest down.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

EMITS = 5000

_CHILD = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    app = QCoreApplication([])

    class Emitter(QObject):
        sig_text = Signal(str)
        sig_flag = Signal(bool)

    def slot(_value):
        return None

    emitter = Emitter()
    emitter.sig_text.connect(slot)
    emitter.sig_flag.connect(slot)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range({EMITS}):
        emitter.sig_text.emit("keystroke")
        emitter.sig_flag.emit(True)
    print(sys.getrefcount(True) - true_before, sys.getrefcount(None) - none_before)
    """
)


def test_emitting_thousands_of_signals_keeps_true_and_none_alive() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, env=env, timeout=120)
    assert child.returncode == 0, f"the interpreter died after {EMITS} emits: {child.stderr[-400:]}"
    true_delta, none_delta = (int(n) for n in child.stdout.split())
    # A leak of one reference per emit would show as a fall of thousands; allow small noise.
    assert true_delta > -50, f"True lost {-true_delta} references over {EMITS} emits"
    assert none_delta > -50, f"None lost {-none_delta} references over {EMITS} emits"
