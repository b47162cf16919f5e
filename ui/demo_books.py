"""The demo books, opened from the first-run page and Help: built beside the owner's own books, never
over what the owner added to one already opened (asked: as it was left, or a fresh copy)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from core.paths import BOOK_SUFFIX, data_dir
from ui.tasks import run_in_background
from core.i18n import _

if TYPE_CHECKING:
    from ui.window_parts import WindowParts


def open_demo_book(window: WindowParts, which: str = "flowers") -> None:
    """Open a demo book: "flowers" (Bloom & Stem) or "restaurant" (Trattoria Sole, with a forecast)."""
    from core.demo import create_demo_book
    from core.demo_restaurant import create_restaurant_demo

    stem, create, business = {"flowers": ("demo", create_demo_book, _("Bloom & Stem")),
                              "restaurant": (_("restaurant demo"), create_restaurant_demo, _("Trattoria Sole"))}[which]
    target = data_dir() / f"{stem}{BOOK_SUFFIX}"
    if target.exists():
        # The demo may hold what the owner added to it: never rebuild it over that.
        box = QMessageBox(QMessageBox.Icon.Question, _("The demo book"),
                          _("You have opened the demo before. Open it as you left it, or make a fresh copy "
                          "beside it?"), QMessageBox.StandardButton.Cancel, window.widget)
        as_is = box.addButton(_("Open it as I left it"), QMessageBox.ButtonRole.AcceptRole)
        fresh = box.addButton(_("A fresh copy beside it"), QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(as_is)
        box.exec()
        if box.clickedButton() is as_is:
            window.commands.switch_to(target)
            return
        if box.clickedButton() is not fresh:
            return
        number = 2
        while target.with_name(f"{stem} {number}{BOOK_SUFFIX}").exists():
            number += 1
        target = target.with_name(f"{stem} {number}{BOOK_SUFFIX}")
    window.statusBar().showMessage(_("Preparing the demo book…"))

    def build() -> Path:
        create(target, window.today).close()
        return target

    def opened(path: Path) -> None:
        window.statusBar().clearMessage()  # "Preparing…" is over
        window.commands.switch_to(path)
        window.notify(_("The demo book is open: {business}. Your own book is untouched (File → Open recent).").format(business=business))

    def failed(exc: BaseException) -> None:
        window.statusBar().clearMessage()
        QMessageBox.warning(window.widget, _("Demo book"), _("The demo could not be made: {exc}").format(exc=exc))

    run_in_background(build, opened, failed)
