"""An error nobody expected: said in words, its traceback kept in the data folder's errors.log."""

from __future__ import annotations


def test_an_unexpected_error_is_said_and_kept(qtbot, window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from core.paths import data_dir
    from ui.app import _shown_in_words

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    try:
        raise RuntimeError("a wheel came off")
    except RuntimeError as exc:
        _shown_in_words(window)(RuntimeError, exc, exc.__traceback__)
    log = data_dir() / "errors.log"
    assert said == [f"Something went wrong: a wheel came off. Your book is as it was after the last saved action."
                    f"\n\nDetails are in {log}."]
    assert "RuntimeError: a wheel came off" in log.read_text(encoding="utf-8")
