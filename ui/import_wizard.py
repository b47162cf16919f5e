"""File → Import…: choose a file, see what it was taken for, map columns, preview, import.

Reading, planning and writing run off the GUI thread; the window stays responsive and the
import can be cancelled (the book is then exactly as before, since the import is one
transaction). The wizard holds no rules: core.interchange decides everything.
"""

from __future__ import annotations

import html

import sqlite3
from datetime import date
from pathlib import Path
from typing import Protocol, Any, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from core import operations
from core.books import Book, ImportCancelled, ImportResult, import_stage_in_words
from core.errors import RapportError, sqlite_refusal_in_words
from core.interchange import CONTACTS, SALES, ImportFileError, LoadedFile, load, plan_import
from core.interchange.encodings import NAMES as ENCODING_NAMES
from core.interchange.encodings import in_words as encoding_in_words
from core.interchange.mapping import CONTACT_FIELDS, SALES_FIELDS
from core.interchange.plan import ImportPlan
from ui.dialogs import error_label
from ui.lifetime import delete_on_close
from ui.screen_fit import fit_on_screen
from ui.tasks import run_in_background
from ui.wheel import wheel_only_when_focused
from core.i18n import _

NOT_USED = "—"
FIELD_LABELS = {
    "name": _("Name"), "first_name": _("First name"), "last_name": _("Last name"), "organisation": _("Organisation"),
    "title": _("Job title"), "email": _("Email"), "phone": _("Phone"), "mobile": _("Mobile"), "address": _("Address"),
    "notes": _("Notes"), "tags": _("Tags"), "birthday": _("Birthday"), "anniversary": _("Anniversary"),
    "kind": _("Person or organisation"), "source": _("Source"), "customer_id": _("Customer number"),
    "date": _("Date"), "amount": _("Amount"), "note": _("Note"),
}


def needs_mapping(loaded: LoadedFile) -> bool:
    """Only a table whose header Rapport does not know asks which column holds what."""
    return loaded.table is not None and loaded.recognised is not None and loaded.recognised.format in (
        "contacts", "sales")


class _Progress(QObject):
    sig_progress = Signal(int, int)
    """Import progress from the worker thread: rows done, rows in all."""


class BusyPage(Protocol):
    """A wizard page that works off the GUI thread: it shows it is busy, and says what failed."""

    error: QLabel
    ready: bool

    def set_busy(self, busy: bool) -> None: ...


class ImportWizard(QWizard):
    """Four pages: file, columns, preview, import. ``sig_imported`` fires after a finished import."""

    sig_imported = Signal(object)
    """The import was written: the ImportResult."""

    def __init__(self, book: Book, today: date, parent: QWidget | None = None, path: str = "") -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.book, self.today = book, today
        self.loaded: LoadedFile | None = None
        self.plan: ImportPlan | None = None
        self.imported: ImportResult | None = None
        self._cancel = False
        self.setWindowTitle(_("Import contacts or sales"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.file_page = FilePage(self, path)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.columns_page, self.preview_page, self.run_page):
            self.addPage(page)
        fit_on_screen(self, 760, 520)

    def reject(self) -> None:
        """Cancel during the import asks the import to stop (it rolls back) rather than walking away."""
        if self.currentPage() is self.run_page and not self.run_page.finished:
            self.run_page.cancel()
            return
        super().reject()

    @property
    def importing(self) -> bool:
        """An import is being written (its run page is on and not finished); False once closed and gone."""
        try:
            return self.isVisible() and self.currentPage() is self.run_page and not self.run_page.finished
        except RuntimeError:  # the wizard was closed and deleted: nothing is being imported
            return False

    def stop_importing(self) -> None:
        """The window is closing: an import under way stops at its next step and rolls back (the
        book is as it was), instead of writing on after the book was let go."""
        self._cancel = True

    def work(self, job: Callable[[], Any], done: Callable[[Any], None], page: BusyPage) -> None:
        """Run ``job`` off the GUI thread; on success ``done`` runs and the wizard moves on."""
        page.set_busy(True)

        def finished(value: Any) -> None:
            page.set_busy(False)
            done(value)
            page.ready = True
            self.next()

        def failed(exc: Exception) -> None:
            page.set_busy(False)
            if isinstance(exc, (RapportError, ImportFileError, OSError)):
                page.error.setText(str(exc))
            else:
                page.error.setText(_("Something went wrong: {exc}").format(exc=exc))
            page.error.show()

        run_in_background(job, finished, failed)


def _plan_beside(book: Book, loaded: LoadedFile, **options: Any) -> ImportPlan:
    """The plan, read off the GUI thread on a read-only connection of its own (``Book.reader``); a
    big file's in a process of its own (``core.import_beside``), so the window never waits on it."""
    from core.import_beside import plan_in_a_process, worth_a_process

    with book.reader() as reader:  # the file is still the one this window opened
        if worth_a_process(loaded):
            return plan_in_a_process(reader.path, loaded, **options)
        return plan_import(reader, loaded, **options)


class _Page(QWizardPage):
    """A page that may do background work before the wizard moves on."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.ready = False
        self.error = error_label()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.error.hide()
        self.wiz.button(QWizard.WizardButton.NextButton).setEnabled(not busy)

    def validatePage(self) -> bool:  # noqa: N802 - Qt naming
        if self.ready:
            self.ready = False
            return True
        self.start()
        return False

    def start(self) -> None:
        raise NotImplementedError


class FilePage(_Page):
    def __init__(self, wizard: ImportWizard, path: str) -> None:
        super().__init__(wizard)
        self.setTitle(_("Choose a file"))
        self.setSubTitle(_("A vCard file from a phone or Mac, an address book's CSV, your till's or shop's sales "
                         "export (CSV or Excel), or a list of names."))
        self.path = QLineEdit(path)
        self.path.setPlaceholderText(_("The file to import"))
        self.path.setAccessibleName(_("The file to import"))  # its label names the row it shares with Browse
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self.browse)
        self.source = QLineEdit()
        self.source.setPlaceholderText(_("e.g. Bridal fair 2026 (optional)"))
        self.kind = QComboBox()
        self.kind.addItem(_("Recognise it for me"), None)
        self.kind.addItem(_("Contacts"), CONTACTS)
        self.kind.addItem(_("A sales or visits log"), SALES)
        self.encoding = QComboBox()  # a file from an old Windows or Mac address book: its code page
        self.encoding.addItem(_("Recognise it for me"), "")
        for codec, words in ENCODING_NAMES.items():
            self.encoding.addItem(words, codec)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        # Typing a path then Tab goes on to the source; the Browse button is for the mouse.
        browse.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        form = QFormLayout()
        form.addRow(_("File"), row)
        form.addRow(_("Where these people came from"), self.source)
        form.addRow(_("The file holds"), self.kind)
        form.addRow(_("Encoding"), self.encoding)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt naming
        (self.source if self.path.text() else self.path).setFocus()

    def browse(self) -> None:
        chosen, _ignored = QFileDialog.getOpenFileName(self, _("Import"), str(Path.home()),
                                                _("Contacts and sales (*.vcf *.vcard *.csv *.tsv *.txt *.xlsx);;All files (*)"))
        if chosen:
            self.path.setText(chosen)

    def start(self) -> None:
        path, force, encoding = self.path.text().strip(), self.kind.currentData(), self.encoding.currentData()
        if not path:
            self.error.setText(_("Choose a file first."))
            self.error.show()
            return

        book, today, source = self.wiz.book, self.wiz.today, self.source.text().strip()

        def job() -> tuple[LoadedFile, ImportPlan | None]:
            loaded = load(path, force=force, encoding=encoding)
            # A file whose columns are known (vCard, Google, Outlook) needs no mapping step: plan at once.
            plan = None if needs_mapping(loaded) else _plan_beside(book, loaded, source=source, today=today)
            return loaded, plan

        def loaded(value: tuple[LoadedFile, ImportPlan | None]) -> None:
            self.wiz.loaded, self.wiz.plan = value
            self.wiz.columns_page.show_file(value[0])
            if value[1] is not None:
                self.wiz.preview_page.show_plan(value[1])

        self.wiz.work(job, loaded, self)

    def nextId(self) -> int:  # noqa: N802 - Qt naming
        if self.wiz.loaded is not None and not needs_mapping(self.wiz.loaded):
            return self.wiz.pageIds()[2]  # straight to the preview
        return super().nextId()


class ColumnsPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("What Rapport found"))
        self.recognised = QLabel()
        self.recognised.setWordWrap(True)
        self.form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        self.sample = QTableWidget()
        self.sample.setTabKeyNavigation(False)  # the arrows move in it; Tab goes on to the buttons
        self.sample.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.sample.setMinimumHeight(120)
        self.sample.setAccessibleName(_("The file's first rows"))
        # Eight drop-downs and the sample are taller than a netbook at 150 % (400 points): they scroll,
        # and the wizard's Back / Next / Cancel stay on the screen.
        fields = QWidget()
        inner = QVBoxLayout(fields)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(self.form)
        inner.addWidget(self.sample, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no stop of its own: Tab goes to what it holds
        scroll.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recognised)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)

    def show_file(self, loaded: LoadedFile) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos.clear()
        table = loaded.table
        what = _("This is {description}.").format(description=loaded.description)
        if needs_mapping(loaded):
            what += _(" Say which column holds what; the first rows are shown below.")
        else:
            what += _(" Its columns are known: nothing to set here.")
        self.recognised.setText(what)
        self.sample.setVisible(table is not None)
        if table is None:
            return
        self.sample.setColumnCount(len(table.header))
        self.sample.setHorizontalHeaderLabels(table.header)
        rows = table.first(5)
        self.sample.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row[:len(table.header)]):
                self.sample.setItem(r, c, QTableWidgetItem(cell[:200]))
        if needs_mapping(loaded):
            fields = SALES_FIELDS if loaded.kind == SALES else CONTACT_FIELDS
            for name in fields:
                combo = QComboBox()
                combo.addItem(NOT_USED, None)
                for title in table.header:
                    combo.addItem(title, title)
                chosen = loaded.mapping.get(name)
                if chosen:
                    combo.setCurrentIndex(combo.findData(chosen))
                wheel_only_when_focused(combo)  # scrolling the mapping never changes a column
                self.combos[name] = combo
                self.form.addRow(FIELD_LABELS.get(name, name), combo)

    def mapping(self) -> dict[str, str] | None:
        if not self.combos:
            return None
        return {name: combo.currentData() for name, combo in self.combos.items() if combo.currentData()}

    def start(self) -> None:
        loaded, mapping = self.wiz.loaded, self.mapping()
        source = self.wiz.file_page.source.text().strip()
        book, today = self.wiz.book, self.wiz.today

        def planned(plan: ImportPlan) -> None:
            self.wiz.plan = plan
            self.wiz.preview_page.show_plan(plan)

        assert loaded is not None, "the columns page comes after the file was read"
        self.wiz.work(lambda: _plan_beside(book, loaded, source=source, mapping=mapping, today=today), planned, self)


class PreviewPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Preview: nothing is changed until you press Import"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rows = QTableWidget(0, 5)
        self.rows.setTabKeyNavigation(False)  # the arrows move in it; Tab goes on to the buttons
        self.rows.setHorizontalHeaderLabels([_("Name"), _("Kind"), _("Emails"), _("Phones"), _("Source")])
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows.setAccessibleName(_("The first new contacts, as they will be stored:"))
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.skipped = QListWidget()
        self.skipped.setMaximumHeight(110)
        self.skipped.setAccessibleName(_("Skipped, and why:"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(_("The first new contacts, as they will be stored:")))
        layout.addWidget(self.rows, 1)
        self.skipped_title = QLabel(_("Skipped, and why:"))
        layout.addWidget(self.skipped_title)
        layout.addWidget(self.skipped)
        layout.addWidget(self.error)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Import"))

    def show_plan(self, plan: ImportPlan) -> None:
        loaded = self.wiz.loaded
        text = "<br>".join(html.escape(line) for line in
                           [_("Recognised as {description}.").format(description=plan.description) if plan.description else "", *plan.summary()] if line)
        if loaded is not None and loaded.encoding != "utf-8":
            text += _("<br>Read as {escape}.").format(escape=html.escape(encoding_in_words(loaded.encoding)))
            if loaded.encoding_weak:
                text += (_("<br><b>The file's encoding is a guess: if the names below look wrong, go Back and "
                         "choose its encoding.</b>"))
        if plan.is_empty:
            text += f"<br><b>{html.escape(plan.nothing_to_import())}</b>"
        self.summary.setText(text)
        shown = plan.creates[:20]
        self.rows.setRowCount(len(shown))
        for r, contact in enumerate(shown):
            cells = (contact.name, contact.kind.label, ", ".join(contact.emails), ", ".join(contact.phones),
                     contact.source)
            for c, cell in enumerate(cells):
                self.rows.setItem(r, c, QTableWidgetItem(cell))
        self.rows.resizeColumnsToContents()
        self.skipped.clear()
        for item in plan.skipped[:200]:
            self.skipped.addItem(_("Line {line}: {what}: {reason}").format(line=item.line, what=item.what, reason=item.reason))
        for warning in plan.warnings[:200]:
            self.skipped.addItem(_("Note: {warning}").format(warning=warning))
        # Nothing skipped: the summary says "0 records will be skipped", and the rows take the room.
        anything = bool(plan.skipped or plan.warnings)
        self.skipped_title.setVisible(anything)
        self.skipped.setVisible(anything)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt naming
        return self.wiz.plan is not None and not self.wiz.plan.is_empty

    def validatePage(self) -> bool:  # noqa: N802 - Qt naming
        return True


class RunPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Importing"))
        self.bar = QProgressBar()
        self.status = QLabel(_("Making a backup first…"))
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(_("Cancel the import"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = _Progress()
        self.progress.sig_progress.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self.finished = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt naming
        wiz, plan = self.wiz, self.wiz.plan
        assert plan is not None, "the import page comes after the preview, which made the plan"
        wiz._cancel = False
        self.finished = False
        self.setTitle(_("Importing"))
        book, today, progress = wiz.book, wiz.today, self.progress

        def job() -> ImportResult:
            # On a connection of its own: the window goes on reading the book as it was (never the
            # import half written), and never shares its connection with this thread.
            with book.helper() as helper:
                return operations.apply_import(helper, plan, today, progress=progress.sig_progress.emit,
                                               cancelled=lambda: wiz._cancel).value

        def done(result: ImportResult) -> None:
            self.finished = True
            self.setTitle(_("Imported"))
            wiz.imported = result
            self.bar.setValue(self.bar.maximum())
            self.status.setText(result.sentence())
            self.cancel_button.hide()
            self.completeChanged.emit()
            wiz.sig_imported.emit(result)

        def failed(exc: Exception) -> None:
            self.finished = True
            self.setTitle(_("Nothing was imported"))
            self.cancel_button.hide()
            if isinstance(exc, ImportCancelled):
                self.status.setText(str(exc))
            elif isinstance(exc, sqlite3.Error):  # the transaction was rolled back: say why in words
                self.status.setText(_("The import failed and nothing was changed: {sqlite_refusal_in_words}.").format(sqlite_refusal_in_words=sqlite_refusal_in_words(exc)))
            else:
                self.status.setText(_("The import failed and nothing was changed: {exc}").format(exc=exc))
            self.completeChanged.emit()

        run_in_background(job, done, failed)

    def _show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        plan = self.wiz.plan
        if plan is not None:
            self.status.setText(import_stage_in_words(done, plan))

    def cancel(self) -> None:
        self.wiz._cancel = True
        self.status.setText(_("Cancelling…"))

    def isComplete(self) -> bool:  # noqa: N802 - Qt naming
        return self.finished

    def validatePage(self) -> bool:  # noqa: N802 - Qt naming
        return True
