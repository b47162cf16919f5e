"""Books from the window: one writer per book, damaged books, recent books."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from core.store import Book
from ui.books import open_book_for_window, recent_books, remember_recent
from tests.ui.find import shown


def test_a_second_window_on_the_same_book_is_told_and_refused(qapp, tmp_path: Path, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    first = open_book_for_window(tmp_path / "shop.rapport")
    assert first is not None
    assert open_book_for_window(tmp_path / "shop.rapport") is None
    assert "already open in another Rapport window" in said[0]
    book, _ = first
    book.close()
    again = open_book_for_window(tmp_path / "shop.rapport")
    assert again is not None, "closing the first window frees the book"
    again[0].close()


def test_damaged_book_offers_the_last_good_backup(qapp, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "shop.rapport"
    with Book.open(path) as book:
        book.contacts.add("Ana")
        book.backup()
    path.write_bytes(b"this is not a database" * 500)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    opened = open_book_for_window(path)
    assert opened is not None
    book, _ = opened
    assert [c.name for c in book.contacts.in_view()] == ["Ana"]
    assert any(p.name.startswith("shop.rapport.set-aside-") for p in tmp_path.iterdir()), "damaged file kept"
    book.close()


def test_recent_books_remember_and_forget_missing_files(qapp, tmp_path: Path) -> None:
    kept, gone = tmp_path / "a.rapport", tmp_path / "b.rapport"
    kept.touch()
    gone.touch()
    remember_recent(gone)
    remember_recent(kept)
    assert recent_books()[:2] == [kept.resolve(), gone.resolve()]
    gone.unlink()
    assert gone.resolve() not in recent_books()


def test_a_read_only_book_shows_the_banner_and_refuses_changes(qapp, tmp_path: Path, monkeypatch) -> None:
    from core.store.opening import READ_ONLY_BANNER
    from tests.test_opening_safely import read_only_mount
    from ui.main_window import MainWindow

    folder = tmp_path / "usb"
    with Book.open(folder / "shop.rapport") as book:
        book.contacts.add("Ana")
    if not read_only_mount(folder):
        import pytest

        pytest.skip("cannot make a read-only mount here")
    try:
        opened = open_book_for_window(folder / "shop.rapport")
        assert opened is not None
        window = MainWindow(*opened)
        window.show()
        from ui.tasks import wait_for_background

        wait_for_background()
        assert window.banner.isVisible() and window.banner.text() == READ_ONLY_BANNER
        said: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
        from core import operations
        from core.domain import Contact

        window.commands.run("Add Bo", lambda: operations.add_contact(window.book, Contact(name="Bo")))
        assert said == [READ_ONLY_BANNER]
        window.close()
    finally:
        import subprocess

        subprocess.run(["umount", str(folder)], capture_output=True)


def test_the_idle_fold_runs_off_the_gui_thread_on_a_connection_of_its_own(qtbot, window, monkeypatch) -> None:
    """Folding thousands of pages of the log is SQLite's C copying them: on the GUI thread it held
    the window for as long (47 ms while the Trash was emptied)."""
    import threading

    from core.store.book import Book

    folds: list[tuple[bool, bool]] = []
    real = Book.checkpoint

    def noted(book, wait: bool = True) -> bool:
        folds.append((threading.current_thread() is threading.main_thread(), book is window.book))
        return real(book, wait)

    monkeypatch.setattr(Book, "checkpoint", noted)
    window.book.contacts.add("Ana")
    window.refresh()
    wal = Path(str(window.book.path) + "-wal")
    qtbot.waitUntil(lambda: bool(folds) and (not wal.exists() or wal.stat().st_size == 0), timeout=6000)
    assert folds[0] == (False, False), "folded on the GUI thread, or on the window's own connection"


def test_the_windows_own_commits_never_fold_the_log_into_the_book(qtbot, window) -> None:
    """Folding is for the idle fold beside: a commit that found the log past SQLite's threshold (a
    thousand pages, as after a background re-tier) copied them on the GUI thread. Here the window
    commits far past it, and the book file is not written until the fold."""
    from core import operations
    from core.domain import Contact, Kind

    path = window.book.path
    before = (path.stat().st_size, path.stat().st_mtime_ns)
    ana = operations.add_contact(window.book, Contact(name="Ana", notes="x" * 3000)).value.id
    for n in range(400):
        operations.log(window.book, ana, Kind.NOTE, note=f"{n} " + "y" * 3000)
    wal = Path(str(path) + "-wal")
    assert wal.stat().st_size > 1000 * 4096, "past the threshold at which a commit would fold it"
    assert (path.stat().st_size, path.stat().st_mtime_ns) == before, "a commit folded the log on the GUI thread"
    window.refresh()  # the owner pauses: the fold beside empties the log
    qtbot.waitUntil(lambda: not wal.exists() or wal.stat().st_size == 0, timeout=10_000)


def test_the_window_folds_the_log_into_the_book_when_idle(qtbot, window) -> None:
    """A copy of book.rapport taken while the window is open holds today's work."""
    import sqlite3

    window.book.contacts.add("Ana")
    window.refresh()
    wal = Path(str(window.book.path) + "-wal")
    qtbot.waitUntil(lambda: not wal.exists() or wal.stat().st_size == 0, timeout=6000)
    copy = window.book.path.with_name("usb.rapport")
    copy.write_bytes(window.book.path.read_bytes())
    assert [r[0] for r in sqlite3.connect(copy).execute("SELECT name FROM contacts")] == ["Ana"]


def test_ctrl_b_and_save_a_copy_work_beside_the_window_and_say_when_done(qtbot, window) -> None:
    """A backup or a copy of a big book takes seconds: both run off the GUI thread, on a connection
    of their own, with the status bar saying what is going on until they are done."""
    from PySide6.QtCore import Qt

    from core.store.safety import list_backups

    window.book.contacts.add("Ana")
    window.refresh()
    before = list_backups(window.book.path)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Backing up the book…"
    qtbot.waitUntil(lambda: window.last_notice.startswith("Backed up to "), timeout=5000)
    [made] = [p for p in list_backups(window.book.path) if p not in before]
    assert window.last_notice == f"Backed up to {made}"
    with Book.open(made, backup_daily=False, writer=False) as backup:
        assert [c.name for c in backup.contacts.in_view()] == ["Ana"]
    copy = window.book.path.with_name("usb.rapport")
    window.files.save_copy(str(copy))
    assert window.statusBar().currentMessage() == "Saving a copy of the book…"
    qtbot.waitUntil(lambda: window.last_notice == f"Saved a copy of the book to {copy}", timeout=5000)
    with Book.open(copy, backup_daily=False, writer=False) as saved:
        assert [c.name for c in saved.contacts.in_view()] == ["Ana"]


def test_a_copy_over_the_book_itself_is_refused_in_words_and_writes_nothing(qtbot, window, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    window.book.contacts.add("Ana")
    window.files.save_copy(str(window.book.path))
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert said == [f"file: that is your book itself; choose another file name (got '{window.book.path}')"]
    assert window.statusBar().currentMessage() == ""
    assert [c.name for c in window.book.contacts.in_view()] == ["Ana"]


def test_restore_from_backup_lists_backups_and_sets_the_current_file_aside(qtbot, window) -> None:
    window.book.contacts.add("Ana")
    made = window.book.backup()
    made.rename(made.with_name("2026-12-01_192104_manual.rapport"))  # made at a known time
    window.book.contacts.add("Bo")
    window.refresh()
    dialog = window.files.choose_backup()
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, n).text() for n in range(3)] == ["1 Dec 2026 19:21", "made by hand", "1"]
    dialog.restore_button.click()
    assert [c.name for c in window.book.contacts.in_view()] == ["Ana"]
    aside = [p for p in window.book.path.parent.iterdir() if p.name.startswith("shop.rapport.set-aside-")]
    assert len(aside) == 1
    # Named as the list named it, not by the start of its file name.
    assert window.last_notice == f"Restored the backup of 1 Dec 2026 19:21. The book as it was is kept as {aside[0].name}."
    with Book.open(aside[0], backup_daily=False) as kept:  # the book as it was, kept whole
        assert sorted(c.name for c in kept.contacts.in_view()) == ["Ana", "Bo"]


def test_forget_this_person_asks_twice_then_says_what_backups_keep(qtbot, window, monkeypatch) -> None:
    ana = window.book.contacts.add("Ana Lind")
    window.refresh()
    window.select_contact(ana.id)
    answers = iter([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    assert window.files.forget_person() is False  # the second question said no
    assert [c.name for c in window.book.contacts.in_view()] == ["Ana Lind"]
    answers = iter([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Yes])
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    assert window.files.forget_person() is True
    assert window.book.contacts.in_view() == [] and told == ["Ana Lind is forgotten. No backup held them."]


@pytest.mark.parametrize(("name", "asked"), [
    ("Bo", "Remove Bo from the book: interactions, answers, their place on the ladder. A name as short as “Bo” is "
           "not looked for in others' notes: search for it afterwards. Use this when someone asks you to erase "
           "their data."),
    ("Ali", "Remove Ali and every trace of them from the book: interactions, answers, their place on the ladder, "
            "their name in others' notes. Use this when someone asks you to erase their data."),
])
def test_the_first_question_says_whether_their_name_is_looked_for_in_others_notes(qtbot, window, monkeypatch,
                                                                                   name: str, asked: str) -> None:
    them = window.book.contacts.add(name)
    window.refresh()
    window.select_contact(them.id)
    questions: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: questions.append(text)
                        or QMessageBox.StandardButton.No)
    assert window.files.forget_person() is False
    assert questions == [asked]


def test_the_demo_is_never_rebuilt_over_what_the_owner_added(qtbot, window) -> None:
    from PySide6.QtCore import QTimer

    from core.paths import data_dir
    from ui.tasks import wait_for_background

    demo = data_dir() / "demo.rapport"
    for name in ("demo.rapport", "demo 2.rapport"):
        (data_dir() / name).unlink(missing_ok=True)
    window.commands.open_demo_book()
    wait_for_background()
    qtbot.waitUntil(lambda: window.book.path == demo)
    window.book.contacts.add("My own customer")
    window.commands.switch_to(Path(window.book.path.parent / "other.rapport"))

    def choose(text: str) -> None:
        def act() -> None:
            box = shown(window, QMessageBox)
            if box is None or not box.isVisible():
                QTimer.singleShot(20, act)
                return
            [button] = [b for b in box.buttons() if b.text() == text]
            button.click()
        QTimer.singleShot(20, act)

    choose("Open it as I left it")
    window.commands.open_demo_book()
    assert window.book.path == demo and "My own customer" in [c.name for c in window.book.contacts.in_view()]
    choose("A fresh copy beside it")
    window.commands.open_demo_book()
    wait_for_background()
    qtbot.waitUntil(lambda: window.book.path.name == "demo 2.rapport")
    assert "My own customer" not in [c.name for c in window.book.contacts.in_view()]
    with Book.open(demo, writer=False, create=False) as kept:
        assert "My own customer" in [c.name for c in kept.contacts.in_view()]


def damaged_window(qtbot, tmp_path: Path, monkeypatch, damage, restore: bool):
    """A window opened on a damaged book (its backup holds Customer 0 … Customer 1999), once it has
    asked whether to restore the backup and been answered ``restore``; returns (window, path, asked)."""
    from ui.main_window import MainWindow

    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "shop.rapport"
    damage(path)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.Yes if restore else QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text: asked.append(text) or answer)
    opened = open_book_for_window(path)
    assert opened is not None, "the window opens while the check runs"
    window = MainWindow(*opened)  # a damaged page read at once is the check's to report, not a crash
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    return window, path, asked


def test_a_book_that_fails_its_check_after_the_window_opened_offers_the_last_good_backup(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    from tests.test_check_beside_the_window import damaged_late

    window, path, asked = damaged_window(qtbot, tmp_path, monkeypatch, damaged_late, restore=True)
    assert asked[0].startswith(f"The book {path} is damaged")
    assert "Restore the last good backup now?" in asked[0]
    qtbot.waitUntil(lambda: window.book.integrity_check is None or window.book.integrity_check.finished,
                    timeout=10_000)
    assert window.book.contacts.view_counts()["all"] == 2000, "the restored backup is open"
    assert any(p.name.startswith("shop.rapport.set-aside-") for p in tmp_path.iterdir()), "damaged file kept"
    window.close()


def test_a_book_that_fails_its_check_and_is_kept_shows_why_and_offers_no_change(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import Qt

    from tests.test_check_beside_the_window import damaged_late

    window, _path, _asked = damaged_window(qtbot, tmp_path, monkeypatch, damaged_late, restore=False)
    assert window.banner.isVisible() and window.banner.text() == window.book.read_only_reason
    assert window.banner.text().endswith("Nothing will be written to it.")
    changes = ("new_contact", "log", "delete", "import", "merge", "empty_trash", "forget_person", "settings",
               "review")
    assert [key for key in changes if window.menu_actions[key].isEnabled()] == []
    panel = window.panel
    assert panel.contact_id is not None, "the book can still be read"
    assert [w for w in (panel.card, panel.client_test, panel.plan, panel.timeline) if w.isEnabled()] == [], \
        "nothing on the pane takes typing that would be refused"
    assert window.menu_actions["print_checklist"].isEnabled() and window.menu_actions["export"].isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not hasattr(window, "new_contact_dialog"), "Ctrl+N opens no form to type into for nothing"
    window.close()


def damaged_early(path: Path, stale: bool = False) -> None:
    """A book whose schema reads but whose verdicts' first page is scribbled over: the window's very
    first read of the list meets the damage before the check beside it has finished. ``stale``: every
    verdict is due to be worked out again, so the window's first re-tier meets the failed check too."""
    from tests.test_opening_safely import a_book, scribble_over

    a_book(path, tuple(f"Customer {n}" for n in range(2000)))
    with Book.open(path) as book:
        book.backup()
        if stale:
            book.conn.execute("UPDATE contact_status SET next_change_on = ''")
            book.conn.commit()
    scribble_over(path, "contact_status")


def test_a_book_damaged_where_the_first_paint_reads_opens_to_the_offer_of_its_backup(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    window, path, asked = damaged_window(qtbot, tmp_path, monkeypatch, damaged_early, restore=True)
    assert asked[0].startswith(f"The book {path} is damaged")
    assert window.book.contacts.view_counts()["all"] == 2000, "the restored backup is open"
    assert window.model.rowCount() > 0
    window.close()


def test_a_damaged_first_paint_does_not_wait_for_a_slow_check(qtbot, tmp_path: Path, monkeypatch) -> None:
    """On a large book the check takes seconds: the window opens at once, empty, saying it checks."""
    import threading

    from core.store import opening
    from ui.book_check import CHECKING, UNREADABLE
    from ui.main_window import MainWindow
    from ui.tasks import wait_for_background

    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "shop.rapport"
    damaged_early(path, stale=True)
    release = threading.Event()
    checking = opening.quick_check

    def slow_check(conn, where):
        release.wait(10)
        return checking(conn, where)

    monkeypatch.setattr(opening, "quick_check", slow_check)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text: asked.append(text) or QMessageBox.StandardButton.Yes)
    opened = open_book_for_window(path)
    assert opened is not None
    window = MainWindow(*opened)  # returns while the check is still held
    qtbot.addWidget(window)
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    window.show()
    assert not window.book.integrity_check.finished
    assert window.model.rowCount() == 0 and window.statusBar().currentMessage() == CHECKING
    assert window.centre_stack.currentWidget() is window.empty_view and window.empty_view.text() == UNREADABLE
    assert asked == []
    release.set()
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert asked[0].startswith(f"The book {path} is damaged")
    assert window.book.contacts.view_counts()["all"] == 2000 and window.model.rowCount() > 0, "the restored backup is open"
    wait_for_background()
    assert not [line for line in said if line.startswith("Could not bring tiers up to date")], \
        "the failed check says it once, with the way back"
    window.close()


def test_a_damaged_first_paint_kept_says_what_is_left_to_do(qtbot, tmp_path: Path, monkeypatch) -> None:
    from ui.book_check import KEPT_DAMAGED, RESTORE_LATER

    window, _path, asked = damaged_window(qtbot, tmp_path, monkeypatch, damaged_early, restore=False)
    assert asked and window.centre_stack.currentWidget() is window.empty_view
    assert window.empty_view.text() == f"{KEPT_DAMAGED}\n\n{RESTORE_LATER}"
    assert window.panel.placeholder.text() == "Choose a contact on the left.", "no Ctrl+N into a damaged book"
    assert window.banner.isVisible() and window.banner.text().endswith("Nothing will be written to it.")
    window.close()


def test_a_book_open_for_reading_only_shows_a_contact_but_takes_no_typing(qtbot, tmp_path: Path, monkeypatch) -> None:
    from ui.main_window import MainWindow

    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "shop.rapport"
    with Book.open(path) as book:
        book.contacts.add("Ana")
    window = MainWindow(Book.open(path, writer=False))
    qtbot.addWidget(window)
    window.show()
    panel = window.panel
    assert panel.title.text() == "Ana"
    assert [w for w in (panel.card, panel.client_test, panel.plan, panel.timeline) if w.isEnabled()] == []
    panel.clear()
    assert panel.placeholder.isVisible() and panel.placeholder.text() == "Choose a contact on the left."
    window.close()


def test_the_windows_settings_live_in_the_config_folder_and_older_ones_move_there(tmp_path, monkeypatch) -> None:
    """Not beside the books: ~/.config/Rapport on Linux. An older Rapport's rapport.ini in the data
    folder is moved once, the recent books with it."""
    from core.paths import config_dir, data_dir
    from ui.books import app_settings, recent_books

    monkeypatch.delenv("RAPPORT_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert (data_dir(), config_dir()) == (tmp_path / "share" / "Rapport", tmp_path / "config" / "Rapport")
    book = tmp_path / "shop.rapport"
    book.touch()
    (data_dir() / "rapport.ini").write_text(f"[General]\nrecent_books={book}\n", encoding="utf-8")
    assert recent_books() == [book]
    assert not (data_dir() / "rapport.ini").exists() and (config_dir() / "rapport.ini").is_file()
    app_settings().setValue("sizes/Test", 1)
    assert not (data_dir() / "rapport.ini").exists()
