"""Tab walks each form in the order it reads, top to bottom, then Save (or OK) and Cancel: pressed as
the owner presses it, key by key, from the first field (issue #31, "the tab order follows the
reading order")."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from core.domain import Kind
from tests.ui.find import opened_by_key
from ui.dialogs import LogDialog, NewContactDialog
from ui.settings_dialog import SettingsDialog


def tab_walk(qtbot, first: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab reaches from ``first``, ``first`` included, ``count`` in all."""
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    reached = [first]
    for _ in range(count - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    return reached


def buttons_of(dialog: QWidget) -> list[QWidget]:
    box = dialog.findChild(QDialogButtonBox)
    return [b for role in (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.RejectRole)
            for b in box.buttons() if box.buttonRole(b) is role]


def open_log_form(qtbot, window, kind: Kind) -> LogDialog:
    ana = window.book.contacts.add("Ana")
    window.refresh()
    window.select_contact(ana.id)
    dialog = opened_by_key(qtbot, window, Qt.Key.Key_L, LogDialog)
    dialog.set_kind(kind)
    return dialog


def test_the_log_form_is_walked_as_it_reads(qtbot, window) -> None:
    purchase = open_log_form(qtbot, window, Kind.PURCHASE)
    order = [purchase.kind, purchase.date.edit, purchase.amount, purchase.note, *buttons_of(purchase)]
    assert tab_walk(qtbot, purchase.kind, len(order) + 1) == [*order, purchase.kind], "and round to the top"
    purchase.set_kind(Kind.REFERRAL_RECEIVED)  # the amount hides, the referral's name shows in its place
    order = [purchase.kind, purchase.date.edit, purchase.referred, purchase.note, *buttons_of(purchase)]
    assert tab_walk(qtbot, purchase.kind, len(order)) == order
    purchase.reject()


def test_the_new_contact_form_and_the_settings_are_walked_as_they_read(qtbot, window) -> None:
    new = opened_by_key(qtbot, window, Qt.Key.Key_N, NewContactDialog)
    order = [new.name, new.organisation, new.phone, new.email, *buttons_of(new)]
    assert tab_walk(qtbot, new.name, len(order)) == order
    new.reject()
    settings = window.dialogs.open_settings()
    assert isinstance(settings, SettingsDialog)
    qtbot.waitUntil(settings.isActiveWindow)
    # Read as the eye reads the page: the left column top to bottom, then the right (one column on a
    # small screen); worked out from where each field sits, not from the dialog's own list.
    def place(editor: QWidget) -> tuple[int, int]:
        group = editor.parentWidget()  # its group box: the groups of one column share their left edge
        return group.mapTo(settings, QPoint(0, 0)).x(), editor.mapTo(settings, QPoint(0, 0)).y()

    fields = sorted(settings.editors.values(), key=place)
    order = [*fields, *buttons_of(settings)]
    assert tab_walk(qtbot, fields[0], len(order)) == order, "the settings are walked in the order the page reads"
    settings.reject()


def test_on_a_wide_screen_the_settings_are_walked_down_the_left_column_then_the_right(qtbot, window,
                                                                                     monkeypatch) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    monkeypatch.setattr(screen, "availableGeometry", lambda: QRect(0, 0, 2400, 1400))  # room for two columns
    settings = SettingsDialog(window.book.settings(), lambda changes: None, None)
    settings.show()
    qtbot.waitUntil(settings.isVisible)
    boxes = {editor.parentWidget().mapTo(settings, QPoint(0, 0)).x() for editor in settings.editors.values()}
    assert len(boxes) == 2, "two columns of groups"

    def place(editor: QWidget) -> tuple[int, int]:
        return editor.parentWidget().mapTo(settings, QPoint(0, 0)).x(), editor.mapTo(settings, QPoint(0, 0)).y()

    fields = sorted(settings.editors.values(), key=place)
    assert tab_walk(qtbot, fields[0], len(fields)) == fields
    settings.close()


def test_the_export_form_is_walked_as_it_reads(qtbot, window) -> None:
    window.book.contacts.add("Ana")
    window.refresh()
    from ui.interchange_dialogs import ExportDialog

    export = opened_by_key(qtbot, window, Qt.Key.Key_E, ExportDialog)
    order = [export.format, export.scope, *buttons_of(export)]
    assert tab_walk(qtbot, export.format, len(order)) == order
    export.reject()


def test_the_occasion_form_the_restore_list_and_the_review_scope_are_walked_as_they_read(qtbot, window) -> None:
    """The forms opened from the pane and the menus: each walked top to bottom, then its buttons."""
    from ui.occasion_actions import OccasionDialog
    from ui.restore_dialog import RestoreDialog

    occasion = OccasionDialog("Ana")
    qtbot.addWidget(occasion)
    occasion.show()
    qtbot.waitUntil(occasion.isActiveWindow)
    order = [occasion.kind, occasion.day, occasion.for_whom, occasion.lead, occasion.note, *buttons_of(occasion)]
    walked = tab_walk(qtbot, occasion.kind, len(order))
    # An editable choice list is reached through its own line edit: the same stop.
    assert [w.parentWidget() if w.parentWidget() is occasion.kind or w.parentWidget() is occasion.lead else w
            for w in walked] == order
    occasion.reject()

    from core.store import safety

    safety.make_backup(window.book.conn, window.book.path, "manual")
    restore = RestoreDialog(safety.backup_catalogue(window.book.path))
    qtbot.addWidget(restore)
    restore.show()
    qtbot.waitUntil(restore.isActiveWindow)
    order = [restore.table, *buttons_of(restore)]
    assert tab_walk(qtbot, restore.table, len(order)) == order
    restore.reject()


def test_the_review_scope_the_sources_and_the_moves_are_walked_as_they_read(qtbot, window) -> None:
    """The review's first question (which contacts), and the two lists the Review and Contact menus
    open: the chosen scope, then Start and Cancel; each list, then Close."""
    from PySide6.QtWidgets import QDialogButtonBox, QRadioButton

    from ui.interchange_dialogs import SourcesDialog
    from ui.moves_dialog import MovesDialog
    from ui.review.scope_dialog import ScopeDialog

    window.book.contacts.add("Ana", today=window.today, source="Bridal fair 2026")
    scope = ScopeDialog(window.book, window.today, [], "all")
    qtbot.addWidget(scope)
    scope.show()
    qtbot.waitUntil(scope.isActiveWindow)
    chosen = next(b for b in scope.findChildren(QRadioButton) if b.isChecked())
    box = scope.findChild(QDialogButtonBox)
    order = [chosen, box.button(QDialogButtonBox.StandardButton.Ok), box.button(QDialogButtonBox.StandardButton.Cancel)]
    assert tab_walk(qtbot, chosen, len(order)) == order  # one stop for the scopes: the arrows choose among them
    scope.reject()
    for dialog in (SourcesDialog(window.book), MovesDialog("Who moved", [], lambda contact_id: None)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.isActiveWindow)
        close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        assert tab_walk(qtbot, dialog.table, 3) == [dialog.table, close, dialog.table], type(dialog).__name__
        dialog.reject()
