"""Every shortcut works: no key is claimed twice (Qt then does nothing), and the keys the README
and the empty book promise do what they say when pressed on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from tests.ui.find import shown
from ui.dialogs import NewContactDialog
from ui.help_dialogs import ShortcutsDialog
from ui.help_dialogs import AboutDialog


def test_no_two_actions_share_a_key(window) -> None:
    claimed: dict[str, str] = {}
    clashes = []
    shortcuts = [(a.text(), seq) for a in window.findChildren(QAction) for seq in a.shortcuts()]
    shortcuts += [(s.objectName() or "shortcut", s.key()) for s in window.findChildren(QShortcut)]
    for name, sequence in shortcuts:
        key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        if not key:
            continue
        if key in claimed and claimed[key] != name:
            clashes.append(f"{key}: {claimed[key]} and {name}")
        claimed.setdefault(key, name)
    assert clashes == []


def test_ctrl_n_opens_a_new_contact_on_the_real_window(qtbot, window) -> None:
    window.start_empty = True
    window.refresh()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shown(window, NewContactDialog) is not None, timeout=3000)
    shown(window, NewContactDialog).reject()


def test_escape_clears_the_search(qtbot, window) -> None:
    window.book.contacts.add("Ana")
    window.book.contacts.add("Bo")
    window.refresh()
    window.search.setFocus()
    qtbot.keyClicks(window.search, "bo")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == "" and window.model.rowCount() == 2


def test_the_window_fits_the_screen_it_opens_on(window) -> None:
    from PySide6.QtGui import QGuiApplication

    free = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= free.width() and window.height() <= free.height()
    assert free.contains(window.frameGeometry().topLeft())


def test_rapport_reopens_the_last_book_used(qapp, tmp_path) -> None:
    from ui.app import book_to_open
    from ui.books import remember_recent

    demo = tmp_path / "demo.rapport"
    demo.touch()
    remember_recent(demo)
    assert book_to_open(None) == demo.resolve()
    assert book_to_open(tmp_path / "other.rapport") == tmp_path / "other.rapport"


def test_the_welcome_text_is_never_clipped(qtbot, window) -> None:
    for width in (1366, 1024, 760):
        window.resize(width, 560)
        qtbot.wait(50)
        text = window.first_run.text
        assert text.height() >= text.heightForWidth(text.width()), f"clipped at {width} px"
        for button in (window.first_run.demo_button, window.first_run.import_button):
            assert button.width() >= button.sizeHint().width(), f"{button.text()} cut at {width} px"


def test_the_trash_says_when_it_is_empty_and_offers_restore_on_a_right_click(qtbot, window) -> None:
    ana = window.book.contacts.add("Ana")
    window.refresh()
    window.sidebar.choose("trash")
    qtbot.waitUntil(lambda: window.model.view == "trash")
    assert window.empty_view.text() == "Trash is empty."
    window.book.contacts.delete(ana.id)
    window.refresh()
    window.select_contact(ana.id)
    menu = [a.text() for a in window.table.actions() if a.isEnabled()]
    assert "&Restore from Trash" in menu and "&Delete to Trash" not in menu


def test_f1_lists_the_keys_that_really_work_and_about_names_the_book(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown(window, ShortcutsDialog) is not None)
    table = shown(window, ShortcutsDialog).table
    listed = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert listed["New contact"] == "Ctrl+N" and listed["New book"] == "Ctrl+Shift+N"
    assert listed["Import contacts or sales"] == "Ctrl+I" and listed["Clear the search"] == "Escape"
    shown(window, ShortcutsDialog).reject()
    window.dialogs.show_about()
    assert str(window.book.path) in shown(window, AboutDialog).text.text()


def test_each_menu_item_has_its_own_access_key(window) -> None:
    """Alt+C, O must open one thing: two items of a menu underlining the same letter make the key
    stop at the first (Close the loop) and never reach the second (Sources)."""
    import re

    def keys_of(menu) -> list[str]:
        found = []
        for action in menu.actions():
            match = re.search(r"&([^&])", action.text().replace("&&", ""))
            if match:
                found.append(match.group(1).lower())
            if action.menu() is not None:
                assert keys_of(action.menu()) is not None  # a submenu is checked on its own
        duplicated = sorted({key for key in found if found.count(key) > 1})
        assert duplicated == [], (menu.title(), duplicated)
        return found

    menus = [action.menu() for action in window.menuBar().actions()]
    assert len(menus) >= 5
    for menu in menus:
        keys_of(menu)
    keys_of(window.menuBar())


def test_ctrl_end_goes_to_the_last_contact_of_the_whole_list(qtbot, window) -> None:
    """Not only to the last row read so far: a list of thousands reaches its end with one key."""
    from ui.contact_model import PAGE

    book = window.book
    with book.transaction():
        for n in range(PAGE * 3):
            book.contacts.add(f"Customer {n:05d}")
    window.refresh()
    assert window.model.rowCount() < PAGE * 3, "only the first page is read at first"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.contact_id is not None
    assert book.contacts.get(window.panel.contact_id).name == f"Customer {PAGE * 3 - 1:05d}"


def test_down_or_enter_in_the_search_goes_to_the_first_result(qtbot, window) -> None:
    bo = None
    for name in ("Anna Berg", "Bo Lind", "Annika Roth"):
        added = window.book.contacts.add(name)
        bo = added if name == "Bo Lind" else bo
    window.refresh()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Return):
        window.select_contact(bo.id)  # someone else is shown: the key must move to the first result
        window.search.clear()
        window.search.setFocus()
        qtbot.keyClicks(window.search, "ann")
        qtbot.keyClick(window.search, key)
        assert window.focusWidget() is window.table
        assert window.book.contacts.get(window.panel.contact_id).name == "Anna Berg"


def test_about_settings_and_quit_carry_the_roles_macos_puts_in_its_application_menu(window) -> None:
    from PySide6.QtGui import QAction

    roles = {key: window.menu_actions[key].menuRole() for key in ("about", "settings", "quit")}
    assert roles == {"about": QAction.MenuRole.AboutRole, "settings": QAction.MenuRole.PreferencesRole,
                     "quit": QAction.MenuRole.QuitRole}
    # Everything else stays in its own menu, whatever its text says ("&About", "Settings…").
    assert {a.menuRole() for k, a in window.menu_actions.items() if k not in roles} == {QAction.MenuRole.NoRole}
