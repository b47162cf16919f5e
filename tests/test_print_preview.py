"""The in-app print preview: rendered off the GUI thread, shown with QtPdf, saved as PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from core.domain import Kind
from core.store import Book
from tests.conftest import held_open
from ui.printing import preview_checklist, preview_plans


def _small_book(book: Book) -> list[int]:
    today = date.today()
    ana = book.contacts.add("Ana & Co <Flowers>", phones=("+34 600 111 222",), today=today)
    bob = book.contacts.add("Bob Ødegård", today=today)
    book.interactions.log(ana.id, Kind.PURCHASE, today - timedelta(days=3), amount="40", today=today)
    book.interactions.log(bob.id, Kind.INQUIRY, today - timedelta(days=9), today=today)
    return [ana.id, bob.id]


def test_checklist_preview_renders_saves_and_prints(qtbot, book: Book, tmp_path: Path) -> None:
    _small_book(book)
    book.update_settings(business_name="Bloom & Stem")
    dialog = preview_checklist(None, book)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_ready, timeout=30_000):
        pass
    assert dialog.error is None
    assert dialog.document.pageCount() == dialog.page_count >= 1
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    saved = dialog.save_as(str(tmp_path / "monday"))
    assert saved == tmp_path / "monday.pdf"
    text = PdfReader(saved).pages[0].extract_text()
    assert "Bloom & Stem" in text and "Partner-cultivation checklist" in text

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(10, 10, 10, 10)))
    dialog.paint_pages(printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == dialog.page_count


def test_the_checklist_made_in_its_own_process_speaks_the_owners_language(qtbot, book: Book) -> None:
    """The preview's PDF is made in a process of its own (the window never waits on its Python):
    it is in the language the window speaks, and holds what the book holds as the window sees it."""
    from core import i18n

    _small_book(book)
    i18n.use_language("fr")
    try:
        dialog = preview_checklist(None, book)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.sig_ready, timeout=30_000):
            pass
    finally:
        i18n.use_language("en")
    text = PdfReader(dialog.pdf_path).pages[0].extract_text()
    assert "Liste de suivi des partenaires" in text and "Bob Ødegård" in text


def test_plan_preview_one_page_per_contact(qtbot, book: Book) -> None:
    ids = _small_book(book)
    dialog = preview_plans(None, book, ids)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=30_000)
    assert dialog.page_count == 2
    text = PdfReader(dialog.pdf_path).pages[0].extract_text()
    assert "Ana & Co <Flowers>" in text


def test_plans_made_in_their_own_process_speak_the_owners_language_and_move_the_bar(qtbot, book: Book) -> None:
    """A page a contact is seconds of Python for hundreds of contacts: the plans are made in a process
    of their own, in the language the window speaks, and the bar hears how far they are."""
    from core import i18n

    ids = _small_book(book)
    i18n.use_language("fr")
    try:
        dialog = preview_plans(None, book, ids)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(dialog.is_ready, timeout=30_000)
    finally:
        i18n.use_language("en")
    text = PdfReader(dialog.pdf_path).pages[0].extract_text()
    assert "Plan de suivi · imprimé le" in text and "Ana & Co <Flowers>" in text


def test_closing_the_preview_ends_the_process_making_the_plans(book: Book, tmp_path: Path) -> None:
    from core.printing.beside import PrintStopped, plans_pdf_in_a_process

    ids = _small_book(book)
    target, heard = tmp_path / "never.pdf", []
    with pytest.raises(PrintStopped, match="The printout was closed before it was made."):
        plans_pdf_in_a_process(book.path, ids, date.today(), "Bloom", "A4", "EUR", target, stop=lambda: True)
    assert not target.exists()
    made = tmp_path / "made.pdf"
    assert plans_pdf_in_a_process(book.path, ids, date.today(), "Bloom", "A4", "EUR", made,
                                  progress=lambda done, total: heard.append((done, total))) == 2
    assert len(PdfReader(made).pages) == 2
    assert all(total == 4 and 0 < done <= 4 for done, total in heard), heard  # plans worked out, then pages


def test_failure_is_reported_in_words(qtbot, book: Book) -> None:
    dialog = preview_plans(None, book, [999])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.error is not None, timeout=30_000)
    assert "No contact with number 999" in dialog.status.text()
    assert not dialog.save_button.isEnabled()


@pytest.mark.parametrize("printout", ["plan", "checklist"])
def test_a_printout_reads_only_what_is_committed_on_a_connection_of_its_own(qtbot, book: Book, printout: str) -> None:
    """The owner may print while a change is being written on the window's connection. Read on
    that connection from the render's thread, the printout showed the change half written (and
    two threads used one connection at once)."""
    ids = _small_book(book)

    def rename() -> None:
        book.conn.execute("UPDATE contacts SET name = 'Half Written' WHERE id = ?", [ids[1]])

    with held_open(book, rename):
        dialog = preview_plans(None, book, [ids[1]]) if printout == "plan" else preview_checklist(None, book)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.is_ready() or dialog.error is not None, timeout=30_000)
    assert dialog.error is None
    text = " ".join(page.extract_text() for page in PdfReader(dialog.pdf_path).pages)
    assert "Bob" in text and "Half Written" not in text  # Bob's inquiry puts him on the checklist


def test_a_preview_closed_before_its_render_began_renders_nothing(qtbot) -> None:
    """The render begins a moment after the preview appears; closed in that moment, nothing is
    rendered into the folder it has removed."""
    from ui.printing import PdfPreviewDialog

    rendered: list[Path] = []
    dialog = PdfPreviewDialog(None, "Weekly checklist", "checklist.pdf",
                              lambda target, progress: rendered.append(target) or 1)
    folder = dialog.pdf_path.parent
    dialog.close()
    qtbot.wait(300)
    assert rendered == [] and not folder.exists()


def test_closing_the_preview_ends_the_process_making_its_checklist(book: Book, tmp_path: Path) -> None:
    """The checklist's PDF is made in a process of its own; when the preview closes before it is
    made, that process is ended there and nothing is written (the window does not wait for it)."""
    from core.printing.beside import PrintStopped, checklist_pdf_in_a_process

    _small_book(book)
    today = date.today()
    target = tmp_path / "never.pdf"
    with pytest.raises(PrintStopped, match="The printout was closed before it was made."):
        checklist_pdf_in_a_process(book.path, today - timedelta(days=today.weekday()), today, 40, "A4", 2, target,
                                   stop=lambda: True)
    assert not target.exists()
    made = tmp_path / "made.pdf"
    assert checklist_pdf_in_a_process(book.path, today - timedelta(days=today.weekday()), today, 40, "A4", 2,
                                      made, stop=lambda: False) >= 1 and made.exists()


def test_the_preview_tells_its_render_to_stop_as_it_closes(qtbot, book: Book) -> None:
    _small_book(book)
    dialog = preview_checklist(None, book)  # closed here: it deletes itself as it closes
    closing = dialog.closing
    assert not closing.is_set()
    dialog.close()
    assert closing.is_set()
