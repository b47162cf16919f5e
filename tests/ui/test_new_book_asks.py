"""Every new book asks its name: File → New book (Ctrl+Shift+N) opens on the business page, the
currency taken from the book it was made beside and saying so; never the last book's shop name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt


def test_a_new_book_asks_its_name_and_says_what_it_took_from_the_last(qtbot, window, tmp_path: Path,
                                                                     monkeypatch) -> None:
    first_run = window.first_run
    first_run.empty_button.click()
    page = first_run.business
    qtbot.keyClicks(page.name, "Maria's Flowers & Plants")
    page.currency.setCurrentText("GBP")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert window.book.settings().business_name == "Maria's Flowers & Plants"
    assert first_run.start.title.text() == "Maria's Flowers & Plants: your book is ready"

    second = tmp_path / "second.rapport"
    monkeypatch.setattr("ui.window_actions.ask_where_to_save_a_book", lambda *args: str(second))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.book.path == second)
    assert first_run.pages.currentWidget() is page, "straight to the new book's name"
    assert page.name.text() == "" and "Maria" not in first_run.start.title.text()
    assert page.currency.currentText() == "GBP"
    assert page.carried.text() == ("The currency and how amounts are typed are taken from Maria's Flowers & Plants, "
                                   "the book you had open. Change them if this book is for another business.")
    qtbot.keyClicks(page.name, "Stem & Leaf")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    settings = window.book.settings()
    assert (settings.business_name, settings.currency) == ("Stem & Leaf", "GBP")
    assert first_run.start.title.text() == "Stem & Leaf: your book is ready"
    assert window.windowTitle().startswith("Stem & Leaf — second.rapport")


def test_an_empty_book_opened_later_starts_at_the_welcome_page(qtbot, window, tmp_path: Path) -> None:
    window.first_run.empty_button.click()
    qtbot.keyClicks(window.first_run.business.name, "Maria's Flowers")
    qtbot.keyClick(window.first_run.business.name, Qt.Key.Key_Return)
    window.commands.switch_to(tmp_path / "other.rapport")
    assert window.first_run.pages.currentWidget() is window.first_run.welcome
    assert window.first_run.start.title.text() == ""


def test_a_business_name_of_spaces_is_refused_on_the_page_and_the_book_keeps_its_default(qtbot, window) -> None:
    window.first_run.empty_button.click()
    page = window.first_run.business
    qtbot.keyClicks(page.name, "   ")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert page.error.isVisible()
    assert page.error.text() == "Business name: the business needs a name (it heads every printout)."
    assert window.first_run.pages.currentWidget() is page and window.book.settings().business_name == "My business"
