"""What a cell of the contact list shows beside its words: a due day in bold once it has come, the
rung's colour beside the tier (none for the team, on no rung), the next step whole in its tooltip."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from core import operations
from core.domain import Contact, Kind, Role, Tier
from core.palette import TIER_COLOURS
from core.text import format_day
from ui.contact_model import COLUMNS


def _cell(window, name: str, key: str):
    row = next(r for r in range(window.model.rowCount()) if window.model.index(r, 0).data() == name)
    return window.model.index(row, [k for k, _ in COLUMNS].index(key))


def test_a_due_day_turns_bold_the_day_it_comes_and_stays_bold_after(window) -> None:
    buyer = window.book.contacts.add(Contact(name="Nora Buyer"), today=window.today)
    window.book.interactions.log(buyer.id, Kind.PURCHASE, window.today, amount="50", today=window.today)
    window.refresh()
    due = window.book.contacts.rows([buyer.id])[0].due_on
    assert due is not None and due > window.today
    for day, bold in ((due - timedelta(days=1), False), (due, True), (due + timedelta(days=1), True)):
        window.today = window.model.today = day
        window.refresh()
        cell = _cell(window, "Nora Buyer", "due")
        font = cell.data(Qt.ItemDataRole.FontRole)
        assert (font is not None and font.bold()) is bold, day
        assert cell.data() == format_day(max(due, day))  # an overdue step reads as due today


def test_the_tier_has_its_rungs_colour_and_the_team_none(window) -> None:
    buyer = window.book.contacts.add(Contact(name="Nora Buyer"), today=window.today)
    window.book.interactions.log(buyer.id, Kind.PURCHASE, window.today, amount="50", today=window.today)
    helper = window.book.contacts.add(Contact(name="Sam Helper"), today=window.today)
    operations.set_role(window.book, helper.id, Role.TEAM, today=window.today)
    window.refresh()
    colour = _cell(window, "Nora Buyer", "tier").data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(colour, QColor) and colour == QColor(TIER_COLOURS[Tier.CUSTOMER])
    assert _cell(window, "Sam Helper", "tier").data(Qt.ItemDataRole.DecorationRole) is None
    step = _cell(window, "Nora Buyer", "next_step")
    assert step.data(Qt.ItemDataRole.ToolTipRole) == step.data() != ""
    for role in (Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                 Qt.ItemDataRole.CheckStateRole):  # asked for every cell painted: none is set
        assert step.data(role) is None
