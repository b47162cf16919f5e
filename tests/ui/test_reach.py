"""Reaching a contact from the pane: the link goes to the system's handler (a recorder here, set the
way Qt lets any program set one), and back in Rapport one question logs the call or the missed try."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox
from tests.ui.find import shown


class Recorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def answer_when_asked(window, answer: QMessageBox.StandardButton) -> None:
    """The question the window asks next is answered, whenever it comes."""
    def answer_it() -> None:
        box = shown(window, QMessageBox)
        if box is not None and box.isVisible():
            box.done(answer)
        else:
            QTimer.singleShot(20, answer_it)
    QTimer.singleShot(20, answer_it)


def back_in_rapport(qtbot, window, answer: QMessageBox.StandardButton) -> None:
    """The window comes to the front again; the question it asks is answered."""
    answer_when_asked(window, answer)
    if window.isActiveWindow():
        QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    else:
        window.activateWindow()


def test_call_then_yes_logs_the_call_and_no_logs_a_missed_try(qtbot, window) -> None:
    recorder = Recorder()
    for scheme in ("tel", "mailto"):
        QDesktopServices.setUrlHandler(scheme, recorder, "open")
    try:
        window.start_empty = True
        anna = window.book.contacts.add("Anna Berg", phones=("+44 7700 900 311",), emails=("anna@example.com",),
                                        today=window.today)
        window.refresh()
        window.select_contact(anna.id)
        bar = window.panel.reach
        assert not bar.buttons["map"].isEnabled(), "no address: nothing to find"
        bar.buttons["call"].click()
        assert recorder.opened == ["tel:+447700900311"]
        back_in_rapport(qtbot, window, QMessageBox.StandardButton.Yes)
        qtbot.waitUntil(lambda: len(window.book.interactions.for_contact(anna.id)) == 1)
        [logged] = window.book.interactions.for_contact(anna.id)
        assert (logged.kind.value, logged.note) == ("conversation", "Reached by call")
        assert window.last_notice == "Logged for Anna Berg: Reached by call. Ctrl+Z undoes it."
        bar.buttons["email"].click()
        assert recorder.opened[-1] == "mailto:anna@example.com"
        back_in_rapport(qtbot, window, QMessageBox.StandardButton.No)
        qtbot.waitUntil(lambda: len(window.book.interactions.for_contact(anna.id)) == 2)
        assert window.book.interactions.for_contact(anna.id)[0].note == "No answer (email)"
        back_in_rapport_without_a_link = window.pending_reach is None
        assert back_in_rapport_without_a_link, "asked once"
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.table.setFocus()
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert len(window.book.interactions.for_contact(anna.id)) == 1
    finally:
        for scheme in ("tel", "mailto"):
            QDesktopServices.unsetUrlHandler(scheme)


def test_with_no_program_for_the_link_the_number_is_copied(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    window.start_empty = True
    anna = window.book.contacts.add("Anna Berg", phones=("+44 7700 900 311",), today=window.today)
    window.refresh()
    window.select_contact(anna.id)
    window.panel.reach.buttons["text"].click()
    assert QApplication.clipboard().text() == "+44 7700 900 311"
    assert window.last_notice == "No program here opens sms: links; +44 7700 900 311 is copied."
    assert getattr(window, "pending_reach", None) is None


def test_write_to_everyone_in_the_list_short_and_long(qtbot, window) -> None:
    recorder = Recorder()
    QDesktopServices.setUrlHandler("mailto", recorder, "open")
    try:
        window.start_empty = True
        for n in range(3):
            window.book.contacts.add(f"Bride {n}", emails=(f"bride{n}@example.com",), tags=("wedding",),
                                     today=window.today)
        window.book.contacts.add("No Mail", tags=("wedding",), today=window.today)
        window.refresh()
        window.menu_actions["write_to_view"].trigger()  # a menu item without a shortcut
        assert recorder.opened == ["mailto:?bcc=bride0@example.com,bride1@example.com,bride2@example.com"]
        assert window.last_notice == "A new email to 3 people, in Bcc."
        for n in range(3, 120):
            window.book.contacts.add(f"Bride {n}", emails=(f"bride.number.{n}@example.com",), today=window.today)
        window.refresh()
        window.menu_actions["write_to_view"].trigger()
        assert len(recorder.opened) == 1, "too long for a link: nothing opened"
        copied = QApplication.clipboard().text().split(", ")
        assert len(copied) == 120 and "bride.number.119@example.com" in copied
        assert window.last_notice.startswith("120 addresses copied: paste them into Bcc")
    finally:
        QDesktopServices.unsetUrlHandler("mailto")


def test_back_in_rapport_during_a_wait_is_asked_after_it(qtbot, window) -> None:
    """Back from a call while the owner waits (the Trash emptied): the question, asked then, would
    take no answer (the wait keeps keys and clicks from it) and hold the window for good. It is
    asked once the wait is over."""
    from ui.waiting import wait_beside

    recorder = Recorder()
    QDesktopServices.setUrlHandler("tel", recorder, "open")
    try:
        window.start_empty = True
        anna = window.book.contacts.add("Anna Berg", phones=("+44 7700 900 311",), today=window.today)
        window.refresh()
        window.select_contact(anna.id)
        window.panel.reach.buttons["call"].click()
        asked_during: list[bool] = []

        def back_meanwhile() -> None:
            QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
            QApplication.processEvents()  # the question's turn, were it to be asked now

        def look_for_the_question() -> None:
            for box in QApplication.topLevelWidgets():
                if isinstance(box, QMessageBox) and box.isVisible():
                    asked_during.append(True)
                    box.hide()  # else the wait would never end (a close waits for the wait)

        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        watch = QTimer()
        watch.timeout.connect(look_for_the_question)
        watch.start(20)
        QTimer.singleShot(50, back_meanwhile)
        assert wait_beside(lambda: time.sleep(0.4) or "done", "Working…", window) == "done"
        watch.stop()
        assert asked_during == []
        assert window.pending_reach is not None, "not asked yet"
        answer_when_asked(window, QMessageBox.StandardButton.Yes)  # asked once the wait is over, unprompted
        qtbot.waitUntil(lambda: len(window.book.interactions.for_contact(anna.id)) == 1)
        assert window.book.interactions.for_contact(anna.id)[0].note == "Reached by call"
    finally:
        QDesktopServices.unsetUrlHandler("tel")
