"""The window's side of a book in a synced folder or a file replaced under it (``core.store.sync``).

Core finds the trouble and keeps the owner's work; here the window says so in plain words, turns
read-only (the banner says why) and offers the ways out: the newest backup, or a copy of either
version. Each question is window-modal and never blocks the event loop (``QMessageBox.open``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from core.errors import RapportError
from core.paths import BOOK_SUFFIX
from ui.books import ask_where_to_save_a_book
from core.i18n import _

if TYPE_CHECKING:
    from ui.window_parts import WindowParts


def after_attach(window: WindowParts) -> None:
    """Once a book is in the window: another computer's changes set aside at open, and the notice
    said once the first time this laptop opens a book in a synced folder."""
    from core.books import first_open_notice

    book = window.book
    if book.foreign_wal is not None:
        ask_about_foreign_changes(window)
    notice = first_open_notice(book.path)
    if notice:
        _tell(window, "synced_folder_notice", QMessageBox.Icon.Information, _("A book in a synced folder"), notice)


def check_the_file(window: WindowParts) -> None:
    """When the window comes back to the front: was the book file replaced or changed meanwhile?"""
    book = window.book
    if book is None or book.closed:
        return
    reason = book.check_file_is_ours()
    if reason:
        show_read_only(window)
        _tell(window, "file_changed_notice", QMessageBox.Icon.Warning, _("The book changed under Rapport"), reason)


def show_read_only(window: WindowParts) -> None:
    """The banner says why; every action that writes is turned off."""
    window.banner.setText(window.book.read_only_reason)
    window.banner.show()
    window.commands.update_actions()
    window.panel.set_writable(False)
    window.panel.set_book_writable(False)


def ask_about_foreign_changes(window: WindowParts) -> QMessageBox:
    """The book opened read-only: offer the newest backup, or a copy of either version."""
    book = window.book
    box = QMessageBox(QMessageBox.Icon.Warning, _("Changes from another computer"), book.read_only_reason,
                      QMessageBox.StandardButton.NoButton, window.widget)
    box.setInformativeText(_("You can restore the newest backup, save a copy of the other computer's version "
                           "(theirs), or save a copy of this book as it is here."))
    box.setObjectName("foreign_changes_question")
    restore = box.addButton(_("Restore the newest backup"), QMessageBox.ButtonRole.AcceptRole)
    theirs = box.addButton(_("Save theirs…"), QMessageBox.ButtonRole.ActionRole)
    mine = box.addButton(_("Save this book…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Keep looking"), QMessageBox.ButtonRole.RejectRole)
    aside = book.foreign_wal

    def chosen(button) -> None:
        if button is restore:
            _restore_newest(window)
        elif button is theirs and aside is not None:
            save_their_version(window, aside)
        elif button is mine:
            window.files.save_copy()

    box.buttonClicked.connect(chosen)
    box.open()
    return box


def save_their_version(window: WindowParts, aside: Path, target: str = "") -> Path | None:
    """The other computer's version, as one book file the owner chooses (the book is never touched)."""
    from core.books import save_other_version
    from core.outputs import checked_output

    book_path = window.book.path
    if not target:
        target = ask_where_to_save_a_book(window.widget, _("Save the other computer's version"),
                                          Path.home() / f"{book_path.stem}-other-computer{BOOK_SUFFIX}")
    if not target:
        return None
    try:
        saved = save_other_version(book_path, aside, checked_output(target, book_path, "file"))
    except (RapportError, OSError) as exc:
        QMessageBox.warning(window.widget, _("Not saved"), str(exc))
        return None
    window.notify(_("Saved the other computer's version to {saved}").format(saved=saved))
    return saved


def _restore_newest(window: WindowParts) -> None:
    from core.books import last_good_backup

    good = last_good_backup(window.book.path)
    if good is None:
        QMessageBox.information(window.widget, _("No backup"), _("There is no good backup of this book yet."))
        return
    window.files.restore_from(good)


def _tell(window: WindowParts, name: str, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, window.widget)
    box.setObjectName(name)
    box.open()
    return box
