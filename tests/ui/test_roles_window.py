"""The role on the card, chosen by keys, saved by Ctrl+S, undone by Ctrl+Z; the sidebar's Team and
Suppliers views count and list them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.domain import Role, Tier
from tests.ui.test_daily_flow import tier_cell


def sidebar_text(window, key: str) -> str:
    from ui.sidebar import ViewRole

    return next(window.sidebar.item(r).text() for r in range(window.sidebar.count())
                if window.sidebar.item(r).data(ViewRole) == key)


def test_the_co_owner_is_moved_to_the_team_on_the_card_and_back_by_undo(qtbot, window) -> None:
    window.start_empty = True
    michael = window.book.contacts.add("Michael Brandt", label=Tier.PARTNER, today=window.today)
    window.refresh()
    window.select_contact(michael.id)
    assert "You call Michael a partner" in window.panel.tier.warning.text()
    card = window.panel.card
    card.role.setFocus()
    qtbot.keyClick(card.role, Qt.Key.Key_End)  # the last choice: Team
    assert card.role.currentText() == "Team: outside the ladder"
    qtbot.keyClick(card.role, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.book.contacts.get(michael.id).role is Role.TEAM)
    assert tier_cell(window, michael.id) == "Team"
    assert window.panel.tier.badge.text() == "Team"
    assert window.panel.tier.warning.isHidden()
    assert window.panel.tier.reasons.text().startswith("• On the team: outside the ladder")
    assert window.panel.plan.heading.text() == "<b>On the team: nothing to cultivate</b>"
    assert window.panel.plan.step_boxes() == []
    assert window.panel.client_test_box.isHidden(), "the team is asked no client test"
    assert sidebar_text(window, "team") == "Team  (1)"
    assert sidebar_text(window, "suspect") == "Suspects  (0)"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.book.contacts.get(michael.id).role is Role.CUSTOMER
    assert tier_cell(window, michael.id) == "Suspect"
    assert sidebar_text(window, "team") == "Team  (0)"
    assert not window.panel.client_test_box.isHidden()


def test_the_suppliers_view_lists_the_grower_with_a_partners_step(qtbot, window) -> None:
    window.start_empty = True
    grower = window.book.contacts.add("Greenleaf Growers", organisation="Greenleaf Growers", role="supplier",
                                      today=window.today)
    window.book.contacts.add("Anna Weber", today=window.today)
    window.refresh()
    assert sidebar_text(window, "supplier") == "Suppliers  (1)"
    window.sidebar.choose("supplier")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert tier_cell(window, grower.id) == "Prospect · supplier"
    window.select_contact(grower.id)
    assert window.panel.plan.heading.text() == "<b>Next: become a partner</b>"
    first = window.panel.plan.rows[0].text.text()
    assert first == "Propose a joint offer with Greenleaf Growers: a bundle or a shared promotion"  # no day
