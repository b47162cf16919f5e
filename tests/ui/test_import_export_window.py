"""Import, export, merge and sources through the real window, driven by real key presses."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from tests.conftest import SAMPLES, held_open
from tests.ui.conftest import turn_wheel
from ui.import_wizard import ImportWizard
from ui.interchange_dialogs import ExportDialog
from tests.ui.find import shown


def wizard_of(qtbot, window) -> ImportWizard:
    qtbot.waitUntil(lambda: isinstance(getattr(window, "import_wizard", None), ImportWizard)
                    and window.import_wizard.isVisible(), timeout=3000)
    return window.import_wizard


def press_next(qtbot, wizard: ImportWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def sales_columns_of(qtbot, window, till: Path) -> ImportWizard:
    """The wizard on a file dropped on the window, read as a sales log, at its column mapping."""
    window.files.import_file(str(till))
    wizard = wizard_of(qtbot, window)
    wizard.file_page.kind.setCurrentIndex(wizard.file_page.kind.findData("sales"))
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.columns_page, timeout=5000)
    return wizard


def sales_preview_of(qtbot, window, till: Path, columns: dict[str, str]) -> ImportWizard:
    """The wizard on a sales log, its columns mapped (field → column), at the preview."""
    wizard = sales_columns_of(qtbot, window, till)
    combos = wizard.columns_page.combos
    for field, column in columns.items():
        combos[field].setCurrentIndex(combos[field].findData(column))
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20_000)
    return wizard


def wizard_on(qtbot, window, path: Path) -> ImportWizard:
    """Ctrl+I, the file typed in, Next: the wizard on its second page (or still on the first)."""
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wizard = wizard_of(qtbot, window)
    wizard.file_page.path.setText(str(path))
    press_next(qtbot, wizard)
    return wizard


def test_ctrl_i_imports_a_vcard_file_with_a_source(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wizard = wizard_of(qtbot, window)
    wizard.file_page.path.setText(str(SAMPLES / "vcard" / "rfc2426-example.vcf"))
    qtbot.keyClicks(wizard.file_page.source, "Trade fair")
    press_next(qtbot, wizard)  # a vCard needs no column mapping: straight to the preview
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=5000)
    summary = wizard.preview_page.summary.text()
    assert "2 new contacts will be created" in summary
    assert wizard.preview_page.rows.item(0, 0).text() == "Frank Dawson"
    assert wizard.preview_page.rows.item(0, 4).text() == "Trade fair"
    assert "0 records will be skipped" in summary and not wizard.preview_page.skipped.isVisible(), \
        "nothing skipped: the rows take the room"
    assert window.book.contacts.in_view() == []  # nothing written before Import
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=10000)
    assert wizard.run_page.status.text() == "Imported: 2 new contacts, 0 merged, 0 purchases logged, 0 skipped."
    assert window.last_notice == wizard.run_page.status.text()
    assert window.model.rowCount() == 2
    assert [c.source for c in window.book.contacts.in_view()] == ["Trade fair", "Trade fair"]


def test_a_broken_file_is_named_on_the_first_page(qtbot, window, tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text('Name,Email\n"Ana,ana@example.org\n', encoding="utf-8")
    wizard = wizard_on(qtbot, window, broken)
    qtbot.waitUntil(lambda: wizard.file_page.error.isVisible(), timeout=5000)
    assert wizard.file_page.error.text().startswith("line 2: a quote")
    assert wizard.currentPage() is wizard.file_page


def test_a_sales_log_gets_a_column_mapping_step(qtbot, window, tmp_path: Path) -> None:
    till = tmp_path / "till.csv"
    till.write_text("Who,When,Paid\nAna Ruiz,2026-03-01,42.50\n", encoding="utf-8")
    wizard = sales_columns_of(qtbot, window, till)
    combos = wizard.columns_page.combos
    assert set(combos) == {"customer_id", "name", "email", "phone", "date", "amount", "kind", "note"}
    # A netbook at 150 % is 400 points high: eight drop-downs and the sample scroll, Next stays in view.
    assert wizard.minimumSize().height() <= 360, wizard.minimumSize()
    for field, column in (("name", "Who"), ("date", "When"), ("amount", "Paid")):
        combos[field].setCurrentIndex(combos[field].findData(column))
    for combo in combos.values():  # scrolling the mapping on a netbook passes over every drop-down
        turn_wheel(combo)
    assert wizard.columns_page.mapping() == {"name": "Who", "date": "When", "amount": "Paid"}
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=5000)
    assert "1 purchase will be logged, 42.50 in all" in wizard.preview_page.summary.text()


def test_ctrl_e_exports_the_view_as_vcard(qtbot, window, tmp_path: Path) -> None:
    window.book.contacts.add("Zoë Adams", emails=("zoe@example.org",))
    window.refresh()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(shown(window, ExportDialog), ExportDialog), timeout=3000)
    dialog = shown(window, ExportDialog)
    assert dialog.export_to(str(tmp_path / "out.vcf"))
    assert "FN:Zoë Adams" in (tmp_path / "out.vcf").read_bytes().decode("utf-8")
    assert not dialog.export_to(str(window.book.path))
    assert dialog.error.text() == "That is your book itself; choose another file name."


def test_ctrl_m_merges_two_selected_contacts_and_ctrl_z_undoes(qtbot, window, monkeypatch) -> None:
    ana = window.book.contacts.add("Ana Ruiz", emails=("ana@example.org",))
    dup = window.book.contacts.add("Ana  Ruiz", phones=("612 345 678",))
    window.book.interactions.log(dup.id, "purchase", amount="10")
    window.refresh()
    window.table.selectAll()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(window.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.last_notice == "Merged Ana Ruiz into Ana Ruiz. Ctrl+Z undoes it."  # spaces folded on entry
    assert window.model.rowCount() == 1
    assert window.book.contacts.get(ana.id).phones == ("612 345 678",)
    assert len(window.book.interactions.for_contact(ana.id)) == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 2
    assert window.book.interactions.for_contact(ana.id) == []
    QApplication.processEvents()


def test_export_of_nobody_says_so_instead_of_writing_an_empty_file(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(shown(window, ExportDialog), ExportDialog), timeout=3000)
    dialog = shown(window, ExportDialog)
    assert not dialog.save_button.isEnabled()
    assert dialog.error.text() == "There is nobody to export here yet."


def test_the_preview_lists_what_is_skipped_and_why(qtbot, window, tmp_path: Path) -> None:
    sheet = tmp_path / "fair.csv"
    sheet.write_text("Name,Email\nAna Ruiz,ana@example.org\nANA RUIZ,ana@example.org\n", encoding="utf-8")
    wizard = wizard_on(qtbot, window, sheet)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.columns_page, timeout=5000)  # a plain list: columns
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=5000)
    page = wizard.preview_page
    assert page.skipped.isVisible() and page.skipped_title.isVisible()
    assert page.skipped.item(0).text() == ("Line 3: ANA RUIZ: the same person as line 2 (same email "
                                           "ana@example.org); merged into it")
    wizard.reject()


def test_an_import_refused_by_a_full_disk_says_so_and_changes_nothing(qtbot, window, tmp_path: Path) -> None:
    window.book.contacts.add("Ana Ruiz")
    before = [c.name for c in window.book.contacts.in_view()]
    till = tmp_path / "till.csv"
    till.write_text("Customer,Date,Amount\nC1,2026-03-01,42.50\nC2,2026-03-02,10.00\n", encoding="utf-8")
    window.book.conn.execute("CREATE TRIGGER no_room BEFORE INSERT ON interactions BEGIN "
                             "SELECT RAISE(ABORT, 'database or disk is full'); END")
    wizard = sales_preview_of(qtbot, window, till, {"customer_id": "Customer", "date": "Date", "amount": "Amount"})
    press_next(qtbot, wizard)  # Import
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=10000)
    assert wizard.run_page.status.text() == "The import failed and nothing was changed: the disk is full."
    assert [c.name for c in window.book.contacts.in_view()] == before
    wizard.reject()


def test_the_preview_reads_only_what_is_committed_on_a_connection_of_its_own(qtbot, window) -> None:
    """The plan is worked out off the GUI thread. On the window's connection it read whatever a
    transaction held open there had written (another import half done): here a Frank Dawson
    about to be rolled back would have made the file's Frank a merge instead of a new contact."""
    with held_open(window.book, lambda: window.book.contacts.add("Frank Dawson")):
        wizard = wizard_on(qtbot, window, SAMPLES / "vcard" / "rfc2426-example.vcf")
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=5000)
        assert "2 new contacts will be created" in wizard.preview_page.summary.text()
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=10000)
    names = [c.name for c in window.book.contacts.in_view()]
    assert len(names) == 2 and names.count("Frank Dawson") == 1


def test_the_window_never_sees_an_import_half_written(qtbot, window) -> None:
    """The import writes on a connection of its own: at its first progress tick, the window's
    connection holds no transaction and reads the book as it was before."""
    wizard = wizard_on(qtbot, window, SAMPLES / "vcard" / "rfc2426-example.vcf")
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=5000)
    seen: list[tuple[bool, int]] = []

    def at_a_tick(_done: int, _total: int) -> None:  # the import waits for this (a blocking connection)
        if not seen:
            seen.append((window.book.conn.in_transaction, len(window.book.contacts.in_view())))

    wizard.run_page.progress.sig_progress.connect(at_a_tick, Qt.ConnectionType.BlockingQueuedConnection)
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=10000)
    assert seen == [(False, 0)]
    assert len(window.book.contacts.in_view()) == 2


def test_closing_the_window_during_an_import_rolls_it_back(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    """Closing the window while an import is being written cancels it: the book is as it was,
    rather than written on after the window let the book go."""
    from PySide6.QtCore import QTimer

    from core.books import Book

    till = tmp_path / "till.csv"
    till.write_text("Customer,When,Paid\n" + "".join(f"C{n % 3000},2026-03-{1 + n % 28:02},{n % 90 + 1}.50\n"
                                                      for n in range(12_000)), encoding="utf-8")
    wizard = sales_preview_of(qtbot, window, till, {"customer_id": "Customer", "date": "When", "amount": "Paid"})
    path, ticks = window.book.path, []

    def first_tick(_done: int, _total: int) -> None:
        if not ticks:
            ticks.append(1)
            QTimer.singleShot(0, window.close)  # the owner closes the window part way

    wizard.run_page.progress.sig_progress.connect(first_tick)
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, title, *a, **k: asked.append(title) or QMessageBox.StandardButton.Yes)
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: window.book.closed, timeout=30_000)
    assert asked == ["Stop the import?"], "the window asks before it stops an import"
    with Book.open(path, backup_daily=False) as reopened:
        assert reopened.conn.execute("SELECT count(*) FROM interactions").fetchone()[0] == 0
        assert reopened.contacts.in_view() == []


@pytest.mark.parametrize("beside", [False, True], ids=["here", "in-a-process"])
def test_a_till_export_goes_straight_to_the_preview_and_names_its_encoding(qtbot, window, tmp_path: Path,
                                                                         monkeypatch, beside: bool) -> None:
    """A Square export saved in Windows-1252 by a spreadsheet: no mapping step, the preview says what
    it read it as, and the Encoding list reads it another way. A big file is planned in a process of
    its own (the threshold lowered here): read again there, in the encoding chosen."""
    from core import import_beside
    from tests.interchange.test_tills import SQUARE_TRANSACTIONS, till_file

    monkeypatch.setattr(import_beside, "BESIDE_FROM_BYTES", 0 if beside else 10 ** 12)

    path = till_file(tmp_path, "transactions.csv", SQUARE_TRANSACTIONS, [
        {"Date": "2026-09-03", "Time Zone": "UTC", "Total Collected": "$31.16", "Transaction ID": "T1",
         "Event Type": "Payment", "Customer ID": "C1", "Customer Name": "Zoë Ødegård"}])
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    wizard = wizard_on(qtbot, window, path)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)
    summary = wizard.preview_page.summary.text()
    assert "1 purchase will be logged, 31.16 in all" in summary
    assert "Read as Windows-1252 (Western)." in summary
    assert wizard.preview_page.rows.item(0, 0).text() == "Zoë Ødegård"
    wizard.back()
    combo = wizard.file_page.encoding
    combo.setCurrentIndex(combo.findData("mac_roman"))
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page and "Mac Roman" in
                    wizard.preview_page.summary.text(), timeout=10_000)
    assert wizard.preview_page.rows.item(0, 0).text() != "Zoë Ødegård", "read the other way, as asked"


def test_closing_the_wizard_during_an_import_cancels_it_and_changes_nothing(qtbot, window) -> None:
    """The title bar's × (a close event) during the CDNOW import stops it and rolls it back,
    exactly as Cancel does; the wizard says so and stays until the owner closes it again."""
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QApplication

    from tests.conftest import SAMPLES

    cdnow = SAMPLES / "transactions" / "CDNOW_master.txt"
    wizard = wizard_on(qtbot, window, cdnow)
    qtbot.waitUntil(lambda: wizard.currentPage() is not wizard.file_page, timeout=20_000)
    if wizard.currentPage() is wizard.columns_page:
        press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20_000)
    press_next(qtbot, wizard)  # Import
    qtbot.waitUntil(lambda: wizard.run_page.bar.value() > 0, timeout=20_000)
    close = QCloseEvent()
    QApplication.sendEvent(wizard, close)  # what the window manager sends for the title bar's ×
    assert not close.isAccepted() and wizard.isVisible(), "it does not vanish while the import rolls back"
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=60_000)
    assert wizard.run_page.status.text() == "The import was cancelled; the book is as it was."
    assert window.book.contacts.in_view() == []


def test_closing_the_window_during_an_import_asks_first(qtbot, window, monkeypatch) -> None:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tests.conftest import SAMPLES

    wizard = wizard_on(qtbot, window, SAMPLES / "transactions" / "CDNOW_master.txt")
    qtbot.waitUntil(lambda: wizard.currentPage() is not wizard.file_page, timeout=20_000)
    if wizard.currentPage() is wizard.columns_page:
        press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=20_000)
    press_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.run_page.bar.value() > 0, timeout=20_000)
    asked: list[str] = []

    def answer(_parent, title, text, *args, **kwargs):
        asked.append(title)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    close = QCloseEvent()
    QApplication.sendEvent(window, close)
    assert asked == ["Stop the import?"] and not close.isAccepted() and window.isVisible()
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=60_000)
    assert wizard.run_page.status.text().startswith("Imported: 23,570 new contacts")
