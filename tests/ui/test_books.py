"""Books from the window: one writer per book, damaged books, recent books."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from core.store import Book
from ui.app import open_book_for_window, recent_books, remember_recent


def test_a_second_window_on_the_same_book_is_told_and_refused(qapp, tmp_path: Path, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    first = open_book_for_window(tmp_path / "shop.rapport")
    assert first is not None
    assert open_book_for_window(tmp_path / "shop.rapport") is None
    assert "already open in another Rapport window" in said[0]
    book, lock = first
    book.close()
    lock.unlock()
    again = open_book_for_window(tmp_path / "shop.rapport")
    assert again is not None, "closing the first window frees the book"
    again[0].close()
    again[1].unlock()


def test_damaged_book_offers_the_last_good_backup(qapp, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "shop.rapport"
    with Book.open(path) as book:
        book.add_contact("Ana")
        book.backup()
    path.write_bytes(b"this is not a database" * 500)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    opened = open_book_for_window(path)
    assert opened is not None
    book, lock = opened
    assert [c.name for c in book.list_contacts()] == ["Ana"]
    assert any(p.name.startswith("shop.rapport.damaged-") for p in tmp_path.iterdir()), "damaged file kept"
    book.close()
    lock.unlock()


def test_recent_books_remember_and_forget_missing_files(qapp, tmp_path: Path) -> None:
    kept, gone = tmp_path / "a.rapport", tmp_path / "b.rapport"
    kept.touch()
    gone.touch()
    remember_recent(gone)
    remember_recent(kept)
    assert recent_books()[:2] == [kept.resolve(), gone.resolve()]
    gone.unlink()
    assert gone.resolve() not in recent_books()
