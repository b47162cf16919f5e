"""The window on a book in a synced folder: another computer's changes, a file replaced under it,
and the notice said once. Real files copied between two real books, real clicks and keys."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from core.store import Book
from tests.safety.test_synced_folders import names, two_laptops, wal, with_wal_left
from ui.books import open_book_for_window
from ui.main_window import MainWindow
from ui.tasks import wait_for_background


def open_window(qtbot, path: Path) -> MainWindow:
    opened = open_book_for_window(path)
    assert opened is not None
    window = MainWindow(*opened)
    qtbot.addWidget(window)
    window.show()
    wait_for_background()
    return window


def button(box: QMessageBox, text: str) -> QPushButton:
    [found] = [b for b in box.findChildren(QPushButton) if b.text() == text]
    return found


def test_another_computers_changes_are_set_aside_and_the_ways_out_offered(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    here, there = two_laptops(tmp_path)
    with Book.open(here, backup_daily=False) as book:
        book.contacts.add("Mine")
    with_wal_left(there, ["Theirs"])
    shutil.copyfile(wal(there), wal(here))
    window = open_window(qtbot, here)
    box = window.findChild(QMessageBox, "foreign_changes_question")
    assert box is not None and box.isVisible()
    assert box.text() == window.book.read_only_reason and "were not applied" in box.text()
    assert window.banner.isVisible() and window.banner.text() == window.book.read_only_reason
    assert not window.menu_actions["new_contact"].isEnabled()
    saved = tmp_path / "theirs.rapport"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(saved), ""))
    qtbot.mouseClick(button(box, "Save theirs…"), Qt.MouseButton.LeftButton)
    assert names(saved) == {"Shared before the copy", "Theirs"}
    assert window.last_notice == f"Saved the other computer's version to {saved}"
    window.close()


def test_a_file_replaced_under_the_window_is_seen_when_it_comes_back_to_the_front(qtbot, tmp_path,
                                                                                 monkeypatch) -> None:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    here, there = two_laptops(tmp_path)
    here = here.rename(here.with_name("shop.rapport"))
    window = open_window(qtbot, here)
    for name in ("Added here 1", "Added here 2"):
        window.book.contacts.add(name)
    os.replace(shutil.copyfile(there, here.with_name("incoming")), here)  # the sync client's rename
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    window.activateWindow()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "file_changed_notice") is not None, timeout=3000)
    box = window.findChild(QMessageBox, "file_changed_notice")
    assert box.text().startswith("The book file shop.rapport was replaced by another file while Rapport had it open")
    assert window.banner.isVisible() and window.banner.text() == box.text()
    kept = window.book.kept_own_work
    assert kept is not None and {"Added here 1", "Added here 2"} <= names(kept)
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # a new contact: refused
    assert not window.menu_actions["new_contact"].isEnabled()
    window.close()
    assert names(here) == {"Shared before the copy"}, "the file that came in is left as it came"


def test_the_first_open_in_a_synced_folder_says_once_what_is_safe(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "OneDrive - Blumen GmbH"
    folder.mkdir()
    window = open_window(qtbot, folder / "book.rapport")
    box = window.findChild(QMessageBox, "synced_folder_notice")
    assert box is not None and box.isVisible()
    assert box.text().startswith("This book is in a OneDrive folder. That is safe when one computer writes to it")
    assert window.book.synced == "OneDrive"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    window.close()
    again = open_window(qtbot, folder / "book.rapport")
    assert again.findChild(QMessageBox, "synced_folder_notice") is None
    again.close()


def test_ctrl_end_after_the_file_was_replaced_reads_on_the_windows_own_connection(qtbot, tmp_path,
                                                                                   monkeypatch) -> None:
    """Going down a long list after another program replaced the file still works, and opens no new
    connection to that file (one would take this book's -wal into it)."""
    from core.domain import Contact
    from ui.contact_model import PAGE

    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    here, there = two_laptops(tmp_path)
    here = here.rename(here.with_name("shop.rapport"))
    window = open_window(qtbot, here)
    window.book.bulk.add_many([Contact(name=f"Guest {n:04d}") for n in range(PAGE * 2)], [], today=window.today)
    window.sidebar.choose("all")
    window.refresh()
    assert window.model.canFetchMore()
    os.replace(shutil.copyfile(there, here.with_name("incoming")), here)  # the sync client's rename
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    window.activateWindow()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "file_changed_notice") is not None, timeout=3000)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert not window.model.canFetchMore() and window.model.rowCount() == PAGE * 2 + 1
    assert window.panel.title.text() == "Shared before the copy"  # after the guests, by name
    window.close()
    assert names(here) == {"Shared before the copy"}, "the file that came in is left as it came"
