"""The main window's menus and what each action does: small calls into the book, through undo."""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core import operations
from core.operations import Done
from core.domain import Answer, Contact, Interaction, Kind, PlanStep, Question
from core.errors import RapportError, sqlite_refusal_in_words
from core.paths import BOOK_SUFFIX, data_dir
from core.desktop_entry import is_autostarted, set_autostart
from ui import reach, sync_watch, undo
from ui.books import ask_where_to_save_a_book, book_error_in_words
from ui.dialogs import LogDialog, NewContactDialog
from ui.loop_actions import build_loop_menu, update_loop_actions
from ui.occasion_actions import add_occasion, stop_occasion, take_yearly_order
from ui.dashboard import open_dashboard
from ui.demo_books import open_demo_book
from ui.tasks import wait_for_background
from ui.waiting import wait_beside
from core.i18n import _, ngettext

if TYPE_CHECKING:
    from ui.window_parts import WindowParts

_T = TypeVar("_T")


class WindowActions:
    """The window's menus and the owner's commands on contacts and books (``window.commands``): a
    controller holding its window, which it reaches only by public names."""

    def __init__(self, window: WindowParts) -> None:
        self.window = window

    def build_menus(self) -> None:
        window = self.window
        bar = window.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self._act(file_menu, "new_book", _("&New book…"), self.new_book, "Ctrl+Shift+N")  # Ctrl+N: new contact
        self._act(file_menu, "open_book", _("&Open book…"), self.choose_book, "Ctrl+O")
        file_menu.addMenu(window.recent_menu)
        window.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        file_menu.addSeparator()
        self._act(file_menu, "import", _("&Import contacts or sales…"), window.files.import_file, "Ctrl+I")
        self._act(file_menu, "export", _("&Export…"), window.files.export_contacts, "Ctrl+E")
        file_menu.addSeparator()
        self._act(file_menu, "print_checklist", _("&Print weekly checklist…"), window.dialogs.print_checklist, "Ctrl+P")
        self._act(file_menu, "print_plans", _("Print cultiva&tion plans…"), window.dialogs.print_plans, "Ctrl+Shift+P")
        self._act(file_menu, "backup", _("&Back up now"), window.files.backup_now, "Ctrl+B")
        self._act(file_menu, "save_copy", _("Save a &copy of the book…"), window.files.save_copy)
        self._act(file_menu, "restore_backup", _("Restore from bac&kup…"), window.files.choose_backup)
        file_menu.addSeparator()
        login = self._act(file_menu, "autostart", _("Start at lo&gin, minimised"), self.toggle_autostart)
        login.setCheckable(True)
        login.setChecked(is_autostarted())
        login.setToolTip(_("Rapport opens minimised when you log in, so its reminders reach you (off by default)"))
        file_menu.addSeparator()
        self._act(file_menu, "quit", _("&Quit"), window.close, "Ctrl+Q")

        edit_menu = bar.addMenu(_("&Edit"))
        undo_action = self._undo_redo_action(_("Undo"), _("Undid"), window.undo_stack.undo, window.undo_stack.undoText,
                                                 window.undo_stack.canUndoChanged, window.undo_stack.undoTextChanged)
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        redo_action = self._undo_redo_action(_("Redo"), _("Redid"), window.undo_stack.redo, window.undo_stack.redoText,
                                                 window.undo_stack.canRedoChanged, window.undo_stack.redoTextChanged)
        redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(undo_action)
        edit_menu.addAction(redo_action)
        window.menu_actions["undo"], window.menu_actions["redo"] = undo_action, redo_action
        edit_menu.addSeparator()
        self._act(edit_menu, "find", _("&Find…"), self.focus_search, QKeySequence.StandardKey.Find)
        self._act(edit_menu, "settings", _("&Settings…"), window.dialogs.open_settings, "Ctrl+,")

        contact_menu = bar.addMenu(_("&Contact"))
        self._act(contact_menu, "new_contact", _("&New contact…"), self.new_contact, "Ctrl+N")
        self._act(contact_menu, "log", _("&Log an interaction…"), self.log_interaction, "Ctrl+L")
        self._act(contact_menu, "write_to_view", _("&Write to everyone in this list…"), lambda: reach.write_to_view(window))
        self._act(contact_menu, "add_occasion", _("Add an occas&ion…"), lambda: add_occasion(window), "Ctrl+Shift+O")
        contact_menu.addSeparator()
        self._act(contact_menu, "delete", _("&Delete to Trash"), self.delete_selected, QKeySequence.StandardKey.Delete)
        self._act(contact_menu, "restore", _("&Restore from Trash"), self.restore_selected, "Ctrl+Shift+R")
        self._act(contact_menu, "empty_trash", _("&Empty Trash…"), self.empty_trash)
        contact_menu.addSeparator()
        build_loop_menu(window, contact_menu)
        contact_menu.addSeparator()
        self._act(contact_menu, "merge", _("&Merge the two selected contacts"), window.files.merge_selected, "Ctrl+M")
        self._act(contact_menu, "sources", _("S&ources: which lists were worth it…"), window.files.show_sources)
        contact_menu.addSeparator()
        self._act(contact_menu, "about_person", _("Every&thing about this person…"), window.files.save_everything_about)
        self._act(contact_menu, "forget_person", _("&Forget this person…"), window.files.forget_person)

        # A right click on the list offers what applies to the selected contacts (Restore in the Trash).
        for key in ("log", "delete", "restore", "merge", "print_plans"):
            window.table.addAction(window.menu_actions[key])

        review_menu = bar.addMenu(_("&Review"))
        self._act(review_menu, "review", _("&Start a review…"), window.dialogs.start_review, "Ctrl+R")
        self._act(review_menu, "moves", _("&Who moved in the last 30 days…"), window.dialogs.show_recent_moves)
        self._act(review_menu, "dashboard", _("&Dashboard"), lambda: open_dashboard(window), "Ctrl+D")

        help_menu = bar.addMenu(_("&Help"))
        self._act(help_menu, "guide", _("Rapport &guide"), window.dialogs.show_guide, "Shift+F1")
        self._act(help_menu, "shortcuts", _("&Keyboard shortcuts"), window.dialogs.show_shortcuts, "F1")
        demos = help_menu.addMenu(_("Open a &demo book"))
        self._act(demos, "demo_flowers", _("Bloom && Stem, a &flower shop"), lambda: self.open_demo_book("flowers"))
        self._act(demos, "demo_restaurant", _("Trattoria Sole, a &restaurant with a forecast"),
                  lambda: self.open_demo_book("restaurant"))
        self._act(help_menu, "about", _("&About Rapport"), window.dialogs.show_about)
        # On macOS these three go where its users look (the application menu); no other action is moved
        # there because of its words (Qt's guess from "Settings" or "About" in any language).
        roles = {"about": QAction.MenuRole.AboutRole, "settings": QAction.MenuRole.PreferencesRole,
                 "quit": QAction.MenuRole.QuitRole}
        for key, action in window.menu_actions.items():
            action.setMenuRole(roles.get(key, QAction.MenuRole.NoRole))

    def _undo_redo_action(self, verb: str, done: str, run: Callable[[], None], text: Callable[[], str],
              can_changed, text_changed) -> QAction:
        """Undo and Redo that say what they did ("Undid: Delete Ana"), in the menu and the notice."""
        action = QAction(f"&{verb}", self.window.widget)
        action.setEnabled(False)

        def triggered() -> None:
            what = text()
            if what:
                run()
                self.window.notify(f"{done}: {what}")

        action.triggered.connect(lambda _checked=False: triggered())
        can_changed.connect(action.setEnabled)
        text_changed.connect(lambda what: action.setText(f"&{verb} {what}" if what else f"&{verb}"))
        return action

    def _act(self, menu, key: str, text: str, slot: Callable[[], object], *shortcuts) -> QAction:
        action = QAction(text, self.window.widget)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.window.menu_actions[key] = action
        return action

    def toggle_autostart(self) -> None:
        """The desktop's autostart entry, written or removed as the menu item now says."""
        on = self.window.menu_actions["autostart"].isChecked()
        try:
            entry = set_autostart(on)
        except OSError as exc:
            self.window.menu_actions["autostart"].setChecked(not on)
            QMessageBox.warning(self.window.widget, _("Not changed"), _("Rapport could not change {filename}: {strerror}").format(filename=exc.filename, strerror=exc.strerror))
            return
        self.window.notify(_("Rapport will start minimised when you log in ({entry}).").format(entry=entry) if on
                           else _("Rapport will no longer start when you log in."))

    def update_actions(self) -> None:
        window = self.window
        has_contact = window.current_id() is not None
        in_trash = window.model.view == "trash"
        writable = not window.book.read_only  # read-only: the banner says why; printing and export still work
        window.menu_actions["log"].setEnabled(writable and has_contact and not in_trash)
        window.menu_actions["add_occasion"].setEnabled(writable and has_contact and not in_trash)
        window.menu_actions["delete"].setEnabled(writable and has_contact and not in_trash)
        window.menu_actions["restore"].setEnabled(writable and has_contact and in_trash)
        window.menu_actions["print_plans"].setEnabled(bool(window.selected_ids()) and not in_trash)
        window.menu_actions["merge"].setEnabled(writable and len(window.selected_ids()) == 2 and not in_trash)
        for key in ("new_contact", "import", "empty_trash", "forget_person", "settings", "review"):
            window.menu_actions[key].setEnabled(writable)
        update_loop_actions(window, has_contact and not in_trash and writable)

    def _connect_panel(self) -> None:
        window = self.window
        panel = window.panel
        panel.card.sig_save_requested.connect(self.save_card)
        panel.client_test.sig_answer_given.connect(self.give_answer)
        # Queued: the tick may ask a question in a modal box, and the plan it came from is rebuilt
        # meanwhile; the checkbox must have finished emitting before it is deleted.
        panel.plan.sig_step_ticked.connect(self.tick_step, Qt.ConnectionType.QueuedConnection)
        panel.plan.print_button.clicked.connect(window.dialogs.print_plans)
        panel.occasions.sig_add_requested.connect(lambda: add_occasion(window))
        panel.occasions.sig_stop_requested.connect(lambda number: stop_occasion(window, number))
        panel.occasions.sig_offer_taken.connect(lambda day: take_yearly_order(window, day))
        panel.reach.sig_reach.connect(lambda channel: reach.reach(window, channel))
        from ui.reminders import connect as connect_reminders

        connect_reminders(window)
        panel.timeline.sig_edit_requested.connect(self.edit_interaction)
        panel.timeline.sig_delete_requested.connect(
            lambda item: self.run(_("Delete {label}").format(label=item.kind.label.lower()),
                                  lambda: operations.delete_interaction(window.book, item, window.today)))
        panel.referrals.sig_contact_link_activated.connect(self.go_to_contact)
        panel.restore_button.clicked.connect(self.restore_selected)

    # ------------------------------------------------------------------ doing things
    def record(self, text: str, operation: Callable[[], Done[_T]]) -> Done[_T]:
        """Run one of the owner's writes (``core.operations``), put it on the undo stack under ``text``
        and repaint what it changed; a refusal raises, for the dialog that asked to show."""
        window = self.window
        done = operation()
        if done.undo is None:
            window.show_changes(done.changes)
        else:
            undo.push(window.undo_stack, text, done, window.show_changes, self.refused)
        return done

    def refused(self, why: str) -> None:
        """An undo or redo the book refused: nothing changed, and the owner is told why."""
        QMessageBox.warning(self.window.widget, _("Nothing was changed"), why)

    def run(self, text: str, operation: Callable[[], Done[_T]]) -> Done[_T] | None:
        """``record``, with a refusal shown in a message (None): nothing changes."""
        try:
            return self.record(text, operation)
        except RapportError as exc:
            if self.window.book.read_only:  # the file was changed under the window: it writes no more
                sync_watch.show_read_only(self.window)
            QMessageBox.warning(self.window.widget, _("Not saved"), str(exc))
        except sqlite3.Error as exc:
            QMessageBox.warning(self.window.widget, _("Not saved"), book_error_in_words(exc))
        return None

    def new_contact(self) -> NewContactDialog:
        window = self.window

        def save(fields: dict) -> Contact:
            return self.record(_("Add {name}").format(name=fields['name'].strip()),
                               lambda: operations.add_contact(window.book, Contact(**fields), window.today)).value

        dialog = NewContactDialog(save, window.widget)
        def added() -> None:
            if dialog.saved is not None and dialog.saved.id is not None:
                self.go_to_contact(dialog.saved.id)

        dialog.accepted.connect(added)
        dialog.open()
        return dialog

    def log_interaction(self, kind: Kind | None = None) -> LogDialog | None:
        window = self.window
        contact_id = window.current_id()
        if contact_id is None:
            window.notify(_("Choose a contact first, then press Ctrl+L."))
            return None
        name = window.book.contacts.get(contact_id).name

        def save(values: dict) -> Interaction:
            return self.record(_("Log {label} for {name}").format(label=values['kind'].label.lower(), name=name),
                               lambda: operations.log(window.book, contact_id, **values)).value

        dialog = LogDialog(window.book, name, save, window.widget)
        dialog.set_kind(kind or operations.kind_to_offer(window.book, contact_id))
        dialog.open()
        return dialog

    def edit_interaction(self, item: Interaction) -> None:
        window = self.window
        name = window.book.contacts.get(item.contact_id, include_deleted=True).name

        def save(values: dict) -> Interaction:
            return self.record(_("Edit interaction"), lambda: operations.edit_interaction(window.book, item, **values)).value

        LogDialog(window.book, name, save, window.widget, existing=item).open()

    def save_card(self, contact) -> None:
        window = self.window
        if self.run(_("Edit {name}").format(name=contact.name), lambda: operations.edit_contact(window.book, contact, window.today)):
            window.panel.card.reload(window.book.contacts.get(contact.id, include_deleted=True))
            window.notify(_("Saved {name}").format(name=contact.name.strip()))

    def give_answer(self, question, answer) -> None:
        window = self.window
        contact_id = window.current_id()
        if contact_id is not None:
            name = window.book.contacts.get(contact_id).name
            self.answer(contact_id, question, answer, name)

    def answer(self, contact_id: int, question: Question, answer: str, name: str) -> bool:
        window = self.window
        return self.run(f"Answer “{question.title}” for {name}",
                        lambda: operations.answer(window.book, contact_id, question, answer, today=window.today)) is not None

    def tick_step(self, step: PlanStep) -> None:
        """A tick means "I did this step" (core.operations.complete_step), then one question about
        it; evidence is recorded only when the owner answers that it happened (seed 004)."""
        window = self.window
        contact_id = window.current_id()
        if contact_id is None:
            return
        name = window.book.contacts.get(contact_id).name
        window.undo_stack.beginMacro(_("Done: {text}").format(text=step.text))
        try:
            ticked = self.run(_("Done: {text}").format(text=step.text), lambda: operations.complete_step(window.book, contact_id, step,
                                                                                      window.today))
            if ticked is None:
                return
            told = ticked.value.notice
            asked = operations.follow_up(step, name)
            answer = self.ask_step(asked.text, asked.choices) if asked else None
            if asked and answer and asked.question is not None:
                given = tuple(Answer)[asked.choices.index(answer)]  # the choices are Answer's, in its order
                self.answer(contact_id, asked.question, given.value, name)
                told += f"; {asked.question.title}: {given.label.lower()}"
            elif asked and asked.kind is not None and answer == _(operations.HAPPENED):
                kind = asked.kind
                if self.run(_("Log {label} for {name}").format(label=kind.label.lower(), name=name),
                            lambda: operations.log(window.book, contact_id, kind, window.today, note=step.text)):
                    told += _("; {label} logged").format(label=asked.kind.label.lower())
        finally:
            window.undo_stack.endMacro()
        window.notify(told + _(". Ctrl+Z undoes it."))

    def ask_step(self, question: str, choices: tuple[str, ...]) -> str | None:
        """One question after a tick; Esc skips it (None)."""
        box = QMessageBox(QMessageBox.Icon.Question, _("What came of it?"), question, QMessageBox.StandardButton.NoButton,
                          self.window.widget)
        buttons = {box.addButton(text, QMessageBox.ButtonRole.AcceptRole): text for text in choices}
        skip = box.addButton(_("Skip"), QMessageBox.ButtonRole.RejectRole)
        box.setEscapeButton(skip)
        box.exec()
        clicked = box.clickedButton()
        return next((text for button, text in buttons.items() if button is clicked), None)

    def chosen_ids(self) -> list[int]:
        """The selected contacts, or the one in the pane: whom a Delete, a Restore or a print is for."""
        current = self.window.current_id()
        return self.window.selected_ids() or ([current] if current is not None else [])

    def delete_selected(self) -> None:
        window = self.window
        ids = self.chosen_ids()
        if not ids:
            return
        contacts = window.book.contacts.many(ids)
        rows = [r for r in (window.model.row_of(i) for i in ids) if r is not None]
        if not window.settle_card():  # what was typed on their card goes to the Trash with them
            return
        window.panel.clear()  # they leave the pane: the command's own refresh shows the list without them
        trashed = [contacts[i] for i in ids if i in contacts]
        text = _("Delete {name}").format(name=trashed[0].name) if len(trashed) == 1 else _("Delete {count} contacts").format(count=len(trashed))
        if trashed and not self.run(text, lambda: operations.delete_contacts(window.book, ids, window.today)):
            window.select_contact(ids[0])  # refused: nothing moved, and they stay in view
            return
        if rows and window.model.rowCount():  # the next contact takes the place: Delete again deletes it
            window.select_contact(window.model.contact_id(min(min(rows), window.model.rowCount() - 1)))
            window.table.setFocus()
        window.notify(ngettext("Moved {count} contact to the Trash. Ctrl+Z brings it back.", "Moved {count} contacts to the Trash. Ctrl+Z brings them back.", len(ids)).format(count=len(ids)))

    def restore_selected(self) -> None:
        window = self.window
        ids = self.chosen_ids()
        restored = [c.name for cid, c in window.book.contacts.many(ids).items()
                    if c.deleted_on and self.run(_("Restore {name}").format(name=c.name), partial(operations.restore_contacts,
                                                                              window.book, [cid], window.today))]
        if restored:
            who = restored[0] if len(restored) == 1 else f"{len(restored)} contacts"
            window.notify(_("Restored {who} from the Trash.").format(who=who))

    def empty_trash(self) -> None:
        window = self.window
        asked = window.book.contacts.ids(view="trash")  # what the question names, and all it removes
        count = len(asked)
        if not count:
            window.notify(_("The Trash is already empty."))
            return
        answer = QMessageBox.question(
            window.widget, _("Empty the Trash?"),
            ngettext("Remove {count} contact and everything logged with it for good? This cannot be undone.", "Remove {count} contacts and everything logged with them for good? This cannot be undone.", count).format(count=count))
        if answer != QMessageBox.StandardButton.Yes:
            return
        book, today = window.book, window.today

        def empty() -> tuple[int, int]:
            with book.helper() as helper:  # its own connection: the window reads beside it
                helper.tier_listeners = []  # who moved is told with the rest, in one notice
                done = operations.empty_trash(helper, today, only=asked)
                return done.value, len(done.changes.moves)

        try:
            removed, moved = wait_beside(empty, _("Backing up the book, then emptying the Trash…"), window.widget)
        except (RapportError, OSError, sqlite3.Error) as exc:
            why = (_("The Trash could not be emptied ({sqlite_refusal_in_words})").format(sqlite_refusal_in_words=sqlite_refusal_in_words(exc)) if isinstance(exc, sqlite3.Error)
                   else str(exc).rstrip("."))
            QMessageBox.warning(window.widget, _("The Trash was not emptied"), _("{why}. Nothing was removed.").format(why=why))
            return
        window.undo_stack.clear()  # undo entries may point at contacts that no longer exist
        window.panel.clear()
        window.refresh()
        others = ngettext("; {count} other moved on the ladder", "; {count} others moved on the ladder", moved).format(count=moved) if moved else ""
        window.notify(ngettext("Removed {count} contact for good{others}. A backup was made just before.", "Removed {count} contacts for good{others}. A backup was made just before.", removed).format(count=removed, others=others))

    def go_to_contact(self, contact_id: int) -> None:
        window = self.window
        if window.model.reveal(contact_id) is None:
            window.search.clear()
            window.sidebar.choose("all")
            window.model.set_filter(view="all", search="")
            window.refresh()
            window.model.reveal(contact_id)
        window.select_contact(contact_id)

    def focus_search(self) -> None:
        self.window.search.setFocus()
        self.window.search.selectAll()

    def release_book(self) -> None:
        window = self.window
        if not window.book.closed:
            window.settle_card()
        window.stop_timers()
        window.book_released.set()  # a re-tier in the background stops after its batch in hand
        wizard = window.import_wizard
        if wizard is not None:
            wizard.stop_importing()  # and an import under way rolls back
        window.working_on = ""
        wait_for_background()
        window.model.forget()
        window.panel.clear()
        if window.book is not None:
            window.book.close()  # its one-writer lock goes with it

    def switch_to(self, path: Path) -> bool:
        from ui.books import open_book_for_window, remember_recent

        opened = open_book_for_window(path, self.window.widget)
        if opened is None:
            return False
        self.release_book()
        self.window.start_empty = False
        self.window.attach_book(*opened)
        remember_recent(path)
        return True

    def new_book(self) -> None:
        target = ask_where_to_save_a_book(self.window.widget, _("New book"), data_dir() / f"new{BOOK_SUFFIX}")
        if target:
            path = Path(target)
            if path.suffix != BOOK_SUFFIX:
                path = path.with_suffix(BOOK_SUFFIX)
            settings = self.window.book.settings()
            beside = {"business_name": settings.business_name, "currency": settings.currency,
                      "number_locale": settings.number_locale}
            if self.switch_to(path) and self.window.book.contacts.view_counts()["all"] == 0:
                self.window.first_run.ask_for_new_book(beside)  # every new book asks its name

    def choose_book(self) -> None:
        target, _ignored = QFileDialog.getOpenFileName(self.window.widget, _("Open book"), str(data_dir()),
                                                _("Rapport books (*{BOOK_SUFFIX});;All files (*)").format(BOOK_SUFFIX=BOOK_SUFFIX))
        if target:
            self.switch_to(Path(target))

    def fill_recent_menu(self) -> None:
        window = self.window
        from ui.books import recent_books

        window.recent_menu.clear()
        for path in recent_books():
            action = window.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.switch_to(p))
        if window.recent_menu.isEmpty():
            window.recent_menu.addAction(_("No recent books")).setEnabled(False)

    def open_demo_book(self, which: str = "flowers") -> None:
        """Open a demo book (``ui.demo_books``): "flowers" or "restaurant"."""
        open_demo_book(self.window, which)
