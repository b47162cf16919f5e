"""What the first-run pages do in the window: open the demo, keep the business's details, start
with an empty book, import a file. The pages themselves (``ui.first_run``) only ask."""

from __future__ import annotations

from core import operations
from core.errors import RapportError
from ui.window_parts import WindowParts


def connect(window: WindowParts) -> None:
    """Answer the first-run pages' requests in ``window``."""
    page = window.first_run
    page.sig_demo_requested.connect(window.commands.open_demo_book)
    page.sig_business_chosen.connect(lambda settings: business_chosen(window, settings))
    page.sig_add_requested.connect(lambda: start_empty(window))
    page.sig_import_requested.connect(lambda: window.files.import_file())


def business_chosen(window: WindowParts, settings: dict) -> None:
    """The first-run business page: store it (the book checks it), then offer add or import."""
    try:
        operations.update_settings(window.book, window.today, **settings)
    except RapportError as exc:
        window.first_run.business.error.setText(str(exc))
        window.first_run.business.error.show()
        return
    window.show_title()
    window.first_run.show_start_page(window.book.settings().business_name)


def start_empty(window: WindowParts) -> None:
    """An empty book, and the card of its first contact to fill."""
    window.start_empty = True
    window.refresh()
    window.commands.new_contact()
