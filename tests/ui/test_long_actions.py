"""Actions the owner waits for (emptying the Trash, forgetting a person, restoring a backup) run
beside the GUI thread: on a 100,000-contact book they take seconds, and the window must keep
painting and say what it is doing meanwhile."""

from __future__ import annotations

import gc
import threading
import time

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from core.errors import NotCompactedError, NotFoundError
from ui.waiting import wait_beside, wait_keeping_input


def visible_progress_lines() -> list[str]:
    return [w.labelText() for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_long_work_runs_on_its_own_thread_while_the_window_keeps_running_and_says_so(qtbot) -> None:
    # What earlier tests left is cleared first: their windows, deleted later, and with them the timers
    # bound to them (the open's full garbage collection, which a whole suite's run made last 0.9 s).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    gc.collect()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    seen: list[list[str]] = []
    QTimer.singleShot(700, lambda: seen.append(visible_progress_lines()))
    ran_on: list[threading.Thread] = []

    def work() -> int:
        ran_on.append(threading.current_thread())
        time.sleep(1.0)
        return 42

    assert wait_beside(work, "Doing the long thing…") == 42
    timer.stop()
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert len(ticks) >= 10, "the GUI thread's timers fired while the work ran (about 50 in a second)"
    assert seen == [["Doing the long thing…"]]
    assert visible_progress_lines() == [], "the line goes when the work is done"


def test_quick_work_shows_no_window_and_an_error_reaches_the_caller(qtbot) -> None:
    seen: list[list[str]] = []
    QTimer.singleShot(100, lambda: seen.append(visible_progress_lines()))
    assert wait_beside(lambda: time.sleep(0.2) or "done", "Quick…") == "done"
    assert seen == [[]], "nothing flashes up for a moment's work"

    def refused() -> None:
        raise ValueError("amount: not a number (got '1,0,0')")

    with pytest.raises(ValueError, match="not a number"):
        wait_beside(refused, "Refused…")


def test_keys_and_clicks_made_while_the_owner_waits_go_nowhere(qtbot, window, tmp_path) -> None:
    """Delivered after the work, a key would land on whatever has the focus then: a Delete on the
    contact shown next, a name typed into the search. A close asked meanwhile happens after."""
    ana = window.book.contacts.add("Ana")
    window.refresh()
    window.select_contact(ana.id)
    window.table.setFocus()
    QTimer.singleShot(100, lambda: (QTest.keyClick(window.table, Qt.Key.Key_Delete),
                                    QTest.keyClicks(window.search, "zoe"),
                                    QTest.mouseClick(window.search, Qt.MouseButton.LeftButton)))
    QTimer.singleShot(120, lambda: QApplication.sendEvent(window.search, _typed_through_an_input_method("王")))
    QTimer.singleShot(130, lambda: _drop_a_file(window, tmp_path / "friends.vcf"))
    QTimer.singleShot(150, lambda: window.windowHandle().close())  # as the window's × asks the system
    assert wait_beside(lambda: time.sleep(0.6) or "done", "Working…", window) == "done"
    assert window.isVisible(), "not closed while the work ran"
    assert window.search.text() == "" and not window.search.hasFocus()
    assert getattr(window, "import_wizard", None) is None, "the dropped file was not imported"
    assert [c.name for c in window.book.contacts.in_view()] == ["Ana"], "the Delete went nowhere"
    QTest.keyClicks(window.search, "an")  # afterwards, keys work again
    assert window.search.text() == "an"
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)  # the close comes after the work


def test_keys_typed_during_a_short_wait_act_after_it_and_a_drop_goes_nowhere(qtbot, window, tmp_path) -> None:
    """A wait of a fraction of a second (the whole list read down to its end) keeps the owner's
    keys for after it, in order, as type-ahead in any list; a file dropped meanwhile is not kept (a
    drop delivered after its drag ended would point at data gone)."""
    window.search.setFocus()
    QTimer.singleShot(50, lambda: QTest.keyClicks(window.search, "zoe"))
    QTimer.singleShot(80, lambda: _drop_a_file(window, tmp_path / "friends.vcf"))
    assert wait_keeping_input(lambda: time.sleep(0.3) or "read") == "read"
    assert window.search.text() == "", "nothing acted while the work ran"
    QApplication.processEvents()
    assert window.search.text() == "zoe", "the keys acted after it, in order"
    assert getattr(window, "import_wizard", None) is None, "the dropped file was not imported"


def test_a_close_asked_during_a_short_wait_comes_after_it_and_the_keys_typed_go_nowhere(qtbot, window) -> None:
    """Keys kept for after the wait would reach a window that is closing, its book closed; a key
    that reaches the closed window's search anyway searches nothing."""
    window.search.setFocus()
    QTimer.singleShot(50, lambda: QTest.keyClicks(window.search, "zoe"))
    QTimer.singleShot(100, lambda: window.windowHandle().close())  # as the window's × asks the system
    assert wait_keeping_input(lambda: time.sleep(0.3) or "read") == "read"
    assert window.isVisible(), "not closed while the work ran"
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    QTest.keyClicks(window.search, "an")  # a key that still reaches the closed window's search
    qtbot.wait(300)  # the search's pause after a key (150 ms) and more: it reads no closed book
    assert window.search.text() == "an", "the keys typed during the wait went nowhere"


def _typed_through_an_input_method(text: str) -> QInputMethodEvent:
    typed = QInputMethodEvent()
    typed.setCommitString(text)
    return typed


def _drop_a_file(window, path) -> None:
    """A vCard dropped on the window, as from the desktop (dropping a file imports it)."""
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Zoë\nEND:VCARD\n", encoding="utf-8")
    data = QMimeData()  # the event does not own it: kept alive here until the event is delivered
    data.setUrls([QUrl.fromLocalFile(str(path))])
    buttons, keys = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    # Qt delivers a drop only to the widget that accepted the drag as it entered.
    QApplication.sendEvent(window, QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, data, buttons, keys))
    QApplication.sendEvent(window, QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, data, buttons, keys))


def test_emptying_the_trash_removes_only_what_the_owner_was_asked_about(qtbot, window, monkeypatch) -> None:
    book = window.book
    ana, bo, cy, dee = (book.contacts.add(name) for name in ("Ana", "Bo", "Cy", "Dee"))
    book.interactions.log(ana.id, "referral_received", window.today, referred_contact_id=dee.id, today=window.today)
    assert book.status.tier_result(dee.id, window.today).tier.value == "prospect"  # Ana sent her to us
    book.contacts.delete_many([ana.id, bo.id])
    window.refresh()
    asked: list[str] = []
    ran_on: list[threading.Thread] = []
    real_empty = type(book.contacts).empty_trash

    def recorded(contacts, *args, **kwargs):
        ran_on.append(threading.current_thread())
        return real_empty(contacts, *args, **kwargs)

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        book.contacts.restore(bo.id)  # as the question stands, the Trash changes under it
        book.contacts.delete(cy.id)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(type(book.contacts), "empty_trash", recorded)
    monkeypatch.setattr(QMessageBox, "question", question)
    window.menu_actions["empty_trash"].trigger()
    assert asked == ["Remove 2 contacts and everything logged with them for good? This cannot be undone."]
    assert ran_on and ran_on[0] is not threading.main_thread(), "the backup and the removal ran beside the window"
    assert window.last_notice == ("Removed 1 contact for good; 1 other moved on the ladder. A backup was made "
                                  "just before.")
    QApplication.processEvents()
    assert window.last_notice.startswith("Removed 1 contact"), "not replaced by a notice of the move alone"
    with pytest.raises(NotFoundError):
        book.contacts.get(ana.id, include_deleted=True)
    assert sorted(c.name for c in book.contacts.in_view()) == ["Bo", "Dee"]
    assert book.status.tier_history(dee.id)[-1].to_tier.value == "suspect", "her referrer is gone"
    assert [c.name for c in book.contacts.in_view(view="trash")] == ["Cy"], "trashed after the question: kept"
    assert window.undo_stack.count() == 0


def test_a_trash_that_cannot_be_emptied_says_why_and_removes_nothing(qtbot, window, monkeypatch) -> None:
    book = window.book
    ana = book.contacts.add("Ana")
    book.contacts.delete(ana.id)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(f"{title}: {text}"))
    book.conn.execute("CREATE TRIGGER no_room BEFORE DELETE ON contacts BEGIN "
                      "SELECT RAISE(ABORT, 'database or disk is full'); END")
    window.menu_actions["empty_trash"].trigger()
    assert said == ["The Trash was not emptied: The Trash could not be emptied (the disk is full). Nothing was removed."]
    book.conn.execute("DROP TRIGGER no_room")
    folder = book.path.with_name(book.path.name + ".backups")
    for backup in folder.iterdir():
        backup.unlink()
    folder.rmdir()
    folder.write_text("not a folder")  # the wrong thing where the backups go: no backup, no removal
    window.menu_actions["empty_trash"].trigger()
    assert said[1] == f"The Trash was not emptied: Backup failed: {folder} is not a folder. Nothing was removed."
    assert [c.name for c in book.contacts.in_view(view="trash")] == ["Ana"]


def test_forgetting_runs_beside_the_window_and_a_refusal_says_so(qtbot, window, monkeypatch) -> None:
    book = window.book
    ana, bo = book.contacts.add("Ana Lind"), book.contacts.add("Bo Berg")
    window.refresh()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(f"{title}: {text}"))
    book.conn.execute("CREATE TRIGGER no_room BEFORE DELETE ON contacts BEGIN "
                      "SELECT RAISE(ABORT, 'database or disk is full'); END")
    window.select_contact(bo.id)
    assert window.files.forget_person() is False
    assert told == ["Forgetting did not finish: Forgetting Bo Berg did not finish (the disk is full)."]
    assert sorted(c.name for c in book.contacts.in_view()) == ["Ana Lind", "Bo Berg"]
    book.conn.execute("DROP TRIGGER no_room")
    window.select_contact(ana.id)
    assert window.files.forget_person() is True
    assert told[1] == "Ana Lind is forgotten. No backup held them."
    assert [c.name for c in book.contacts.in_view()] == ["Bo Berg"]


def test_a_forget_whose_file_could_not_be_rewritten_says_they_are_forgotten_all_the_same(
        qtbot, window, monkeypatch) -> None:
    """The rewrite after the commit can fail (a full disk): the person is gone and their data
    overwritten, so the owner is told that, not that forgetting did not finish."""
    book = window.book
    ana, bo = book.contacts.add("Ana Lind"), book.contacts.add("Bo Berg")
    window.refresh()
    real_forget = type(book.privacy).forget

    def rewrite_refused(privacy, contact_id, today=None):
        real_forget(privacy, contact_id, today)  # everything done, then the rewrite refused as a full disk refuses it
        raise NotCompactedError("Ana Lind is forgotten from the book and what was deleted is overwritten, but the "
                                "file could not be rewritten afterwards (the disk is full).")

    monkeypatch.setattr(type(book.privacy), "forget", rewrite_refused)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(f"{title}: {text}"))
    window.select_contact(ana.id)
    assert window.files.forget_person() is True
    assert told == ["Forgotten: Ana Lind is forgotten from the book and what was deleted is overwritten, but the "
                    "file could not be rewritten afterwards (the disk is full)."]
    shown = [window.model.contact_id(row) for row in range(window.model.rowCount())]
    assert shown == [bo.id], "the list shows the book as it now is"
    assert window.panel.contact_id is None and window.undo_stack.count() == 0


def test_the_backups_are_checked_beside_the_window_before_they_are_listed(qtbot, window, monkeypatch) -> None:
    from core import books

    window.book.contacts.add("Ana")
    window.book.backup()
    ran_on: list[threading.Thread] = []
    real_catalogue = books.backup_catalogue

    def recorded(path):
        ran_on.append(threading.current_thread())
        return real_catalogue(path)

    monkeypatch.setattr(books, "backup_catalogue", recorded)
    dialog = window.files.choose_backup()
    assert ran_on and ran_on[0] is not threading.main_thread(), "each backup is checked whole: seconds apiece"
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "1"
    dialog.reject()


def test_an_export_is_rendered_beside_the_window(qtbot, window, monkeypatch, tmp_path) -> None:
    import ui.interchange_dialogs as dialogs

    window.book.contacts.add("Zoë Adams", emails=("zoe@example.org",))
    window.refresh()
    ran_on: list[threading.Thread] = []
    real_render = dialogs.render_export

    def recorded(*args, **kwargs):
        ran_on.append(threading.current_thread())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(dialogs, "render_export", recorded)
    dialog = window.files.export_contacts()
    assert dialog.export_to(str(tmp_path / "everyone.csv"))
    assert ran_on and ran_on[0] is not threading.main_thread(), "5 s for 100,000 contacts as CSV"
    assert "Zoë Adams" in (tmp_path / "everyone.csv").read_text(encoding="utf-8-sig")
    assert window.last_notice == f"Exported 1 contact to {tmp_path / 'everyone.csv'}"


def test_after_emptying_the_trash_a_click_on_the_row_that_was_shown_shows_it_again(qtbot, window, monkeypatch) -> None:
    book = window.book
    ana, _bo, cy = (book.contacts.add(name) for name in ("Ana", "Bo", "Cy"))
    book.contacts.delete(cy.id)
    window.refresh()
    window.select_contact(ana.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kwargs: QMessageBox.StandardButton.Yes)
    window.menu_actions["empty_trash"].trigger()
    assert window.last_notice == "Removed 1 contact for good. A backup was made just before."
    row = window.model.row_of(ana.id)
    assert row is not None
    cell = window.table.visualRect(window.model.index(row, 0)).center()
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert window.selected_ids() == [ana.id]
    assert window.panel.contact_id == ana.id, "the row the owner clicked is the one the pane shows"
