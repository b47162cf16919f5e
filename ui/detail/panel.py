"""The selected contact, top to bottom: card, tier and reasons, client test, plan, timeline,
referrals. Inside a scroll area so nothing is clipped on a 1366×768 laptop."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from core.books import Book
from core.ladder.facts import window_phrase
from core.text import day_and_month, format_money
from ui.detail.card import ContactCard
from ui.detail.occasions_box import OccasionsBox
from ui.reach import ReachBar
from ui.detail.sections import ClientTest, PlanBox, ReferralLedger, TierBox, TierHistory, Timeline
from core.i18n import _
from ui.accessible import in_reading_order

LAYOUT_LEVELS = 8  # a label, in a section's widget, in its box, in the pane, in its scroll area…

INVITE = _("Choose a contact on the left, or press Ctrl+N to add one.")
CHOOSE = _("Choose a contact on the left.")


def lay_out_now() -> None:
    """Lay out now what the window's new contents asked for, every level of it, before anything is
    painted. Qt lays a widget out on a request it posts, then posts one to its parent, one level a
    turn of the event loop, and paints between turns: a log that moved its contact laid the pane
    out and painted it twice (its tall scroll bar alone, 1.5 ms a paint) and flushed the window three
    times. Each call sends the requests posted before it; with none left, a call costs a microsecond."""
    for _level in range(LAYOUT_LEVELS):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


class ContactPanel(QScrollArea):
    """Shows one contact; emits what the owner asks for and lets the window carry it out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # A very narrow pane (1024×600 at 150 %) scrolls sideways rather than clipping the client test.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.contact_id: int | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.reach = ReachBar()  # call, text, email, map
        self.pinned = QLabel()  # notes never to miss, in red under the name
        self.pinned.setWordWrap(True)
        self.pinned.setStyleSheet("color: #b00020; font-weight: bold;")
        self.tier = TierBox()
        self.client_test = ClientTest()
        self.plan = PlanBox()
        self.occasions = OccasionsBox()
        self.timeline = Timeline()
        self.referrals = ReferralLedger()
        self.history = TierHistory()
        self.card = ContactCard()
        self.placeholder = QLabel(INVITE)
        self.placeholder.setWordWrap(True)
        # A trashed contact is read-only; this bar says so and brings them back.
        self.trash_bar = QWidget()
        self.trash_note = QLabel(_("In the Trash: read-only until restored."))
        self.restore_button = QPushButton(_("Restore from Trash"))
        bar = QHBoxLayout(self.trash_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.trash_note, 1)
        bar.addWidget(self.restore_button)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.title)
        layout.addWidget(self.reach)
        layout.addWidget(self.pinned)
        layout.addWidget(self.trash_bar)
        self.sections = []
        for title, widget in ((_("Where they stand"), self.tier), (_("Client test"), self.client_test),
                              (_("Cultivation plan"), self.plan), (_("Occasions"), self.occasions),
                              (_("Timeline"), self.timeline),
                              (_("Referrals"), self.referrals), (_("Moves on the ladder"), self.history),
                              (_("Card"), self.card)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(widget)
            layout.addWidget(box)
            self.sections.append(box)
            if widget is self.client_test:
                self.client_test_box = box
        layout.addStretch(1)
        self.setWidget(body)
        self.body = body
        self.title.setWordWrap(True)  # a long name wraps rather than widening the pane
        self.order_due = False
        self.clear()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Everything fits the width the pane shows (at 1024×600 and 150 %, about 270 points): words
        wrap within it, and the client test puts each question's answers beneath it when one line
        would not fit. Only a pane narrower than that still scrolls sideways, for the client test.
        (Words used to wrap to the client test's width and run off the edge.)"""
        if event.type() == QEvent.Type.Resize:
            self._fit_width()
        return super().viewportEvent(event)

    def _fit_width(self) -> None:
        inside = self.widget()
        layout = inside.layout() if inside is not None else None
        if layout is None:
            return
        margins = layout.contentsMargins()
        room = max(self.viewport().width() - margins.left() - margins.right(), 160)
        self.title.setMaximumWidth(room)
        for box in self.sections:
            if box is not self.client_test_box:
                box.setMaximumWidth(room)
        frame = self.client_test_box.minimumSizeHint().width() - self.client_test.minimumSizeHint().width()
        self.client_test.set_compact(self.client_test.wide_width() + frame > room)

    def clear(self) -> None:
        self.contact_id = None
        self.placeholder.show()
        self.title.hide()
        self.reach.hide()
        self.pinned.hide()
        self.trash_bar.hide()
        for box in self.sections:
            box.hide()

    def set_book_writable(self, writable: bool) -> None:
        """A book that cannot be written does not invite the owner to add anyone to it."""
        self.placeholder.setText(INVITE if writable else CHOOSE)

    def set_writable(self, writable: bool) -> None:
        """Whether the card, the client test, the plan's ticks and the timeline take input: not for a
        contact in the Trash, nor in a book that cannot be written (typing there would be refused)."""
        for editable in (self.client_test, self.plan, self.occasions, self.timeline, self.card):
            editable.setEnabled(writable)

    def show_forecast(self, book: Book, today: date) -> None:
        """The shown contact's forecast afresh (a fit just finished), leaving the rest of the pane, and
        anything typed on the card, as it is."""
        if self.contact_id is not None:
            self.tier.forecast.show_forecast(book.forecasts.outlook_for(self.contact_id, today))

    def show_contact(self, book: Book, contact_id: int, today: date) -> None:
        """Load everything about the contact from the book (a handful of small queries)."""
        contact = book.contacts.get(contact_id, include_deleted=True)
        same = contact_id == self.contact_id
        if not same:
            self.verticalScrollBar().setValue(0)  # another contact: start at the top, not mid-card
        # Answering the client test changes the reasons above it: they get room for seven lines,
        # and never shrink while the same contact is shown, so the answer buttons stay put.
        room = 7 * self.tier.reasons.fontMetrics().lineSpacing()
        kept = self.tier.reasons.height() if same and self.tier.isVisible() else 0
        self.tier.reasons.setMinimumHeight(max(room, kept))
        self.contact_id = contact_id
        self.placeholder.hide()
        self.title.show()
        for box in self.sections:
            box.show()
        trash = _(" (in the Trash)") if contact.deleted_on else ""
        self.title.setText(contact.name + trash)
        self.reach.show_contact(contact)
        self.reach.setVisible(contact.deleted_on is None)
        self.pinned.setText("\n".join(f"\u2691 {note}" for note in contact.pinned))
        self.pinned.setVisible(bool(contact.pinned))
        self.trash_bar.setVisible(contact.deleted_on is not None)
        self.set_writable(contact.deleted_on is None and not book.read_only)
        plan, offer = book.status.plan_and_offer(contact_id, today)
        settings = book.settings()
        in_window, in_all = book.revenue.spend(contact_id, today)
        spend = (_("Spent {amount} in {window_phrase}, {amount2} in all").format(amount=format_money(in_window, settings.currency), window_phrase=window_phrase(settings.window_days), amount2=format_money(in_all, settings.currency)),) if in_all else ()
        self.tier.show_result(plan.result, spend, book.status.this_week(contact_id, today),
                              book.forecasts.outlook_for(contact_id, today))
        self.client_test_box.setVisible(not plan.result.outside)  # the team is asked no client test
        self.client_test.show_answers(book.interactions.answers_for(contact_id))
        self._fit_width()  # the answers' dates may need another layout
        self.plan.show_plan(plan)
        self.occasions.show_occasions(book.occasions.of(contact_id), today, settings.country, settings.leap_day_on_28)
        self.occasions.offer(offer, day_and_month(date(2000, int(offer[2:4]), int(offer[5:7]))) if offer else "")
        self.timeline.show_interactions(book.interactions.for_contact(contact_id, limit=200), book.settings().currency)
        self.referrals.show_referrals(book.interactions.referral_ledger(contact_id), book.interactions.referred_by(contact_id),
                                      settings.currency)
        self.history.show_history(book.status.tier_history(contact_id))
        self.card.show_contact(contact)
        self.order_due = True  # put in reading order when Tab is next pressed (``keep_reading_order``)

    def keep_reading_order(self) -> None:
        """Tab reads the pane top to bottom, its tick boxes included: the order is set as Tab is
        pressed, once after each contact shown, not with every log and every contact chosen (walking
        the pane's layouts cost each of them 0.7 ms, a tenth of a log's time)."""
        if self.order_due:
            in_reading_order(self.body)
            self.order_due = False
