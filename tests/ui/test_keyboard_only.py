"""The owner's main flows with the keyboard alone: add, log, tick a step and answer, search, print and
import, each by the keys an owner presses (no mouse, no slot called), and every control the keyboard
lands on has a name a screen reader can say. And Tab walks the window as it reads, left to right,
without being caught in the list (issue #31, "usable by keyboard and by screen reader")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

from core import i18n
from core.domain import Kind, Question
from tests.ui.find import opened_by_key, shown
from ui.detail.sections import StepBox
from ui.dialogs import LogDialog, NewContactDialog
from ui.import_wizard import ImportWizard
from ui.printing import PdfPreviewDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def focused(qtbot) -> QWidget:
    """The widget the keyboard is on, which must have a name a screen reader can say."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    widget = QApplication.focusWidget()
    face = QAccessible.queryAccessibleInterface(widget)
    name = face.text(QAccessible.Text.Name) if face is not None else ""
    assert name.strip(), f"the keyboard is on a {type(widget).__name__} with no name"
    return widget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(qtbot), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(qtbot), text)


def on_the_window(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_add_log_search_print_and_import_by_keyboard_alone(qtbot, window, tmp_path: Path) -> None:
    window.start_empty = True
    # Add: Ctrl+N, the name, Enter.
    opened_by_key(qtbot, window, Qt.Key.Key_N, NewContactDialog)
    type_text(qtbot, "Zoe Dupont")  # QTest types no accented key; the search test finds accents
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(window, NewContactDialog) is None)
    [zoe] = window.book.contacts.find_by_name("Zoe Dupont")
    assert window.current_id() == zoe.id
    # Log a purchase: Ctrl+L, back up to the kind (the note has the keyboard for a suspect), P picks
    # Purchase, Tab past the date to the amount.
    on_the_window(qtbot, window)
    dialog = opened_by_key(qtbot, window, Qt.Key.Key_L, LogDialog)
    assert focused(qtbot) is dialog.note
    for _ in range(5):
        if focused(qtbot) is dialog.kind:
            break
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused(qtbot) is dialog.kind
    press(qtbot, Qt.Key.Key_P)
    assert dialog.kind.currentData() == Kind.PURCHASE.value
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused(qtbot) is dialog.amount
    type_text(qtbot, "42.50")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(window, LogDialog) is None)
    [bought] = window.book.interactions.for_contact(zoe.id)
    assert (bought.kind, bought.amount_cents) == (Kind.PURCHASE, 4250)
    # Search: Ctrl+F, a few letters, Down to the first result.
    window.book.contacts.add("Ana Lima")
    window.refresh()
    on_the_window(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert focused(qtbot) is window.search
    type_text(qtbot, "zoe")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    press(qtbot, Qt.Key.Key_Down)
    assert focused(qtbot) is window.table and window.current_id() == zoe.id
    # Print: Ctrl+P shows the checklist, whose buttons are named; Escape closes it.
    preview = opened_by_key(qtbot, window, Qt.Key.Key_P, PdfPreviewDialog)
    qtbot.waitUntil(lambda: "page" in preview.status.text(), timeout=20_000)
    focused(qtbot)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not preview.isVisible())
    # Import: Ctrl+I, the file's path, Enter through the pages.
    sheet = tmp_path / "fair.csv"
    sheet.write_text("Name,Email\nLina Park,lina@example.kr\n", encoding="utf-8")
    wizard = opened_by_key(qtbot, window, Qt.Key.Key_I, ImportWizard)
    assert focused(qtbot) is wizard.file_page.path
    type_text(qtbot, str(sheet))
    for page in (wizard.columns_page, wizard.preview_page):
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda page=page: wizard.currentPage() is page, timeout=10_000)
    press(qtbot, Qt.Key.Key_Return)  # Import
    qtbot.waitUntil(lambda: window.book.contacts.find_by_name("Lina Park") != [], timeout=20_000)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    # Finish shows before the import's last step is done, and takes the keyboard only once enabled.
    qtbot.waitUntil(lambda: finish.isVisible() and finish.isEnabled(), timeout=20_000)
    _tab_to(qtbot, lambda widget: widget is finish)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def _tab_to(qtbot, wanted, limit: int = 60) -> QWidget:
    """Tab on until the keyboard reaches a widget ``wanted`` accepts, checking each stop has a name."""
    for _ in range(limit):
        widget = focused(qtbot)
        if wanted(widget):
            return widget
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached it")


def test_a_step_is_ticked_and_answered_by_keyboard_in_french(qtbot, window) -> None:
    """Tab from the list into the pane, Space ticks the step, the question is answered with the keys;
    in French, whose "Oui" is recorded as a yes (the answer is read by its place, not its word)."""
    i18n.use_language("fr")
    try:
        window.start_empty = True
        marcus = window.book.contacts.add("Marcus Hale")
        for days_ago in (20, 0):
            window.book.interactions.log(marcus.id, Kind.PURCHASE, window.today.fromordinal(
                window.today.toordinal() - days_ago), amount="15")
        window.refresh()
        window.select_contact(marcus.id)
        on_the_window(qtbot, window)
        window.table.setFocus()
        step = _tab_to(qtbot, lambda w: isinstance(w, StepBox) and w.step_text.startswith("Découvrez ce dont"))
        assert QAccessible.queryAccessibleInterface(step).text(QAccessible.Text.Name).startswith(
            "Découvrez ce dont Marcus a encore besoin")
        answered: list[str] = []

        def answer_by_keyboard() -> None:  # the question is modal: answered from inside its own loop
            box = shown(window, QMessageBox)
            if box is None or not box.isActiveWindow() or not box.isAncestorOf(QApplication.focusWidget()):
                QTimer.singleShot(20, answer_by_keyboard)
                return
            answered.append(focused(qtbot).text())
            press(qtbot, Qt.Key.Key_Space)

        QTimer.singleShot(20, answer_by_keyboard)
        press(qtbot, Qt.Key.Key_Space)  # ticks the step, which asks what came of it
        qtbot.waitUntil(lambda: Question.NEEDS in window.book.interactions.answers_for(marcus.id))
        assert answered == ["Oui"]  # the first answer had the keyboard
        assert window.book.interactions.answers_for(marcus.id)[Question.NEEDS].answer.value == "yes"
    finally:
        i18n.use_language("en")


def test_tab_reads_the_window_from_the_views_to_the_pane_and_leaves_the_list(qtbot, window) -> None:
    ana = window.book.contacts.add("Ana Lima")
    window.book.interactions.log(ana.id, Kind.INQUIRY, window.today)
    window.refresh()
    window.select_contact(ana.id)
    on_the_window(qtbot, window)
    window.sidebar.setFocus()
    walk = []
    for _ in range(8):
        walk.append(focused(qtbot))
        press(qtbot, Qt.Key.Key_Tab)
    assert walk[:3] == [window.sidebar, window.search, window.table]
    answers = [QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name) for w in walk[3:7]]
    assert answers == ["Needs: Yes", "Referral: Yes", "Reference: Yes", "Trust: Yes"]  # said with their question
    assert isinstance(walk[7], StepBox) and walk[7].step_text.startswith("Follow up on Ana's inquiry")
    # Another contact, whose plan makes tick boxes of its own (made last, so last in Qt's own order):
    # Tab still reads their pane from the top.
    bo = window.book.contacts.add("Bo Chen")
    for days_ago in (20, 0):
        window.book.interactions.log(bo.id, Kind.PURCHASE, window.today.fromordinal(window.today.toordinal() - days_ago),
                                     amount="15")
    window.refresh()
    window.select_contact(bo.id)
    window.sidebar.setFocus()
    walk = []
    for _ in range(9):
        walk.append(focused(qtbot))
        press(qtbot, Qt.Key.Key_Tab)
    steps = [w.step_text.split(":")[0] if isinstance(w, StepBox) else w for w in walk[7:]]
    assert steps == ["Learn what else Bo needs from you", "Ask Bo for a referral, a testimonial or a review"]
