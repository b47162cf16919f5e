"""Print previews: a PDF from core.printing, shown inside Rapport before it is saved or printed.

The PDF is rendered off the GUI thread (a plan set for many contacts, or a checklist over a
big book, takes seconds) while a progress bar moves; the window stays responsive.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.dates import week_of
from core.books import Book
from core.errors import ValidationError
from core.outputs import checked_output, write_atomically
from core.text import format_day
from ui.lifetime import delete_on_close
from ui.screen_fit import fit_on_screen
from core.i18n import _, ngettext

PRINTED_PER_SECTION = 40  # more than two pages can hold of any one section
RENDER_AFTER_MS = 50  # the render begins once the preview has appeared

Progress = Callable[[int, int], None]
Renderer = Callable[[Path, Progress], int]


class _RenderSignals(QObject):
    sig_progressed = Signal(int, int)
    """Some of the pages are rendered: (done, total)."""
    sig_finished = Signal(int)
    """The PDF is complete: its page count."""
    sig_failed = Signal(str)
    """Rendering stopped: the reason in words."""


class _RenderTask(QRunnable):
    """Runs a renderer on a pool thread; it only emits signals and never touches widgets."""

    def __init__(self, render: Renderer, target: Path) -> None:
        super().__init__()
        self.signals = _RenderSignals()
        self._render = render
        self._target = target

    def run(self) -> None:
        try:
            pages = self._render(self._target, self.signals.sig_progressed.emit)
        except Exception as exc:  # noqa: BLE001 - any failure is reported to the owner, not lost
            self.signals.sig_failed.emit(str(exc) or exc.__class__.__name__)
        else:
            self.signals.sig_finished.emit(pages)


class PdfPreviewDialog(QDialog):
    """A preview of one PDF with Save as PDF… and Print…; non-modal so work can go on."""

    sig_ready = Signal(int)
    """The preview shows the finished PDF: its page count."""

    def __init__(self, parent: QWidget | None, title: str, suggested_name: str, render: Renderer,
                 book_path: Path | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.book_path = book_path  # never saved over: the book, its side files, its backups
        self.setWindowTitle(title)
        fit_on_screen(self, 820, 720)
        self._folder = Path(tempfile.mkdtemp(prefix="rapport-print-"))
        self.pdf_path = self._folder / suggested_name
        self._suggested_name = suggested_name
        self.page_count = 0
        self.error: str | None = None
        self.closing = threading.Event()  # set as the dialog closes: a render that can stop, stops

        self.status = QLabel(_("Preparing {title}…").format(title=title.lower()))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.hide()

        buttons = QDialogButtonBox()
        self.save_button = QPushButton(_("Save as PDF…"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        close_button.clicked.connect(self.close)
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_document)
        for button in (self.save_button, self.print_button):
            button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

        task = _RenderTask(render, self.pdf_path)
        task.signals.sig_progressed.connect(self._on_progress)
        task.signals.sig_finished.connect(self._on_finished)
        task.signals.sig_failed.connect(self._on_failed)
        task.setAutoDelete(False)
        self._task = task  # without a Python reference the runnable is collected before it runs
        # Started once the dialog has been shown: begun at once, its Python work took turns with
        # the GUI thread's and the dialog took a quarter of a second to appear.
        # The dialog is the timer's context: closed (and so deleted) before then, it never begins.
        QTimer.singleShot(RENDER_AFTER_MS, self, lambda: QThreadPool.globalInstance().start(task))

    def is_ready(self) -> bool:
        return self.page_count > 0

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_finished(self, pages: int) -> None:
        self.document.load(str(self.pdf_path))
        if self.document.status() != QPdfDocument.Status.Ready:
            self._on_failed(_("the PDF could not be shown ({name})").format(name=self.document.error().name))
            return
        self.page_count = pages
        self.progress.hide()
        self.status.setText(ngettext("{pages} page. Save it, or print it.", "{pages} pages. Save it, or print it.", pages).format(pages=pages))
        self.view.show()
        for button in (self.save_button, self.print_button):
            button.setEnabled(True)
        self.sig_ready.emit(pages)

    def _on_failed(self, reason: str) -> None:
        self.error = reason
        self.progress.hide()
        self.status.setText(_("The printout could not be made: {reason}").format(reason=reason))

    def save_as(self, target: str | None = None) -> Path | None:
        """Copy the rendered PDF where the owner chooses (``target`` skips the file dialog)."""
        if not target:
            suggested = str(Path.home() / self._suggested_name)
            target, _ignored = QFileDialog.getSaveFileName(self, _("Save as PDF"), suggested, _("PDF files (*.pdf)"))
        if not target:
            return None
        destination = Path(target)
        if destination.suffix.lower() != ".pdf":
            destination = destination.with_suffix(".pdf")
        try:
            destination = checked_output(destination, self.book_path, "file")
            write_atomically(destination, lambda tmp: shutil.copyfile(self.pdf_path, tmp))
        except ValidationError as exc:
            QMessageBox.warning(self, _("Not saved"), _("Not saved to {destination}: {problem}.").format(destination=destination, problem=exc.problem))
            return None
        except OSError as exc:
            QMessageBox.warning(self, _("Not saved"), _("The PDF could not be saved to {destination}: {strerror}").format(destination=destination, strerror=exc.strerror))
            return None
        self.status.setText(_("Saved to {destination}").format(destination=destination))
        return destination

    def print_document(self) -> None:
        """The system print dialog, then each page drawn at the printer's resolution."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.paint_pages(printer)

    def paint_pages(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                area = painter.viewport()
                size = self.document.pagePointSize(page).toSize().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                image = self.document.render(page, QSize(size.width(), size.height()))
                painter.drawImage(area.topLeft(), image)
        finally:
            painter.end()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        self.closing.set()  # a render made in a process of its own ends there (see preview_checklist)
        self.document.close()
        QThreadPool.globalInstance().waitForDone(10_000)  # the render must not write into a removed folder
        shutil.rmtree(self._folder, ignore_errors=True)
        super().closeEvent(event)


def preview_checklist(parent: QWidget | None, book: Book, week_start: date | None = None) -> PdfPreviewDialog:
    """File → Print weekly checklist…: this week's checklist unless another Monday is given."""
    today = date.today()
    monday = week_start or week_of(today)[0]
    settings = book.settings()

    def render(target: Path, progress: Progress) -> int:
        from core.printing.beside import checklist_pdf_in_a_process

        # A printout holds a few dozen lines: the rules run on this week's best-ranked candidates only.
        # Made in a process of its own (read-only, as a command beside the window): the window never
        # waits on its Python.
        with book.reader() as reader:  # the file is still the one this window opened
            return checklist_pdf_in_a_process(reader.path, monday, today,
                                              PRINTED_PER_SECTION if settings.checklist_pages else None,
                                              settings.paper_size, settings.checklist_pages, target,
                                              stop=dialog.closing.is_set)

    dialog = PdfPreviewDialog(parent, _("Weekly checklist"), f"checklist-{monday.isoformat()}.pdf", render, book.path)
    dialog.setWindowTitle(_("Weekly checklist, week of {monday}").format(monday=format_day(monday)))
    dialog.show()
    return dialog


def preview_plans(parent: QWidget | None, book: Book, contact_ids: Sequence[int]) -> PdfPreviewDialog:
    """A contact's "Print cultivation plan", or several selected contacts: one page each."""
    ids = list(contact_ids)
    today = date.today()
    settings = book.settings()

    def render(target: Path, progress: Progress) -> int:
        from core.printing.beside import plans_pdf_in_a_process

        # A page a contact: made in a process of its own (read-only, as a command beside the window),
        # so that hundreds of plans never take turns with the window for the interpreter lock.
        with book.reader() as reader:  # the file is still the one this window opened
            return plans_pdf_in_a_process(reader.path, ids, today, settings.business_name, settings.paper_size,
                                          settings.currency, target, progress=progress, stop=dialog.closing.is_set)

    name = "cultivation-plan.pdf" if len(ids) == 1 else f"cultivation-plans-{len(ids)}.pdf"
    dialog = PdfPreviewDialog(parent, _("Cultivation plans") if len(ids) > 1 else _("Cultivation plan"), name, render,
                              book.path)
    dialog.show()
    return dialog
