"""In every language, each menu's underlined letters (Alt+letter, or the letter in an open menu) are
its own: two items with one letter make the key only move between them, and the owner's key does
nothing they can see. French had four menus so, German five."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtGui import QAction

from core import i18n
from ui.books import open_book_for_window
from ui.main_window import MainWindow


def _letter(text: str) -> str | None:
    """The letter after the single ``&`` (``&&`` is a plain ampersand), lower-cased."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def _clashes(title: str, actions: list[QAction]) -> list[str]:
    """Where two visible items of one menu (or of the menu bar) share their letter, and in its submenus."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    found: list[str] = []
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        letter = _letter(action.text())
        if letter:
            by_letter[letter].append(action.text())
        if action.menu() is not None:
            found += _clashes(action.text(), action.menu().actions())
    return found + [f"{title}: {letter} in {texts}" for letter, texts in by_letter.items() if len(texts) > 1]


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_each_menus_underlined_letters_are_its_own(qtbot, tmp_path: Path, monkeypatch, language: str) -> None:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    i18n.use_language(language)
    try:
        opened = open_book_for_window(tmp_path / "shop.rapport")
        assert opened is not None
        window = MainWindow(*opened)
        qtbot.addWidget(window)
        bar = window.menuBar().actions()
        assert [a.text() for a in bar][0] == {"en": "&File", "fr": "&Fichier", "de": "&Datei"}[language]
        assert _clashes("the menu bar", bar) == []
        window.close()
    finally:
        i18n.use_language("en")
