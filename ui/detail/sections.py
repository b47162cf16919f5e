"""The tier with its reasons, the client test, the plan, the timeline and the referral ledger."""

from __future__ import annotations

from datetime import date

from functools import partial
from typing import Sequence

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.domain import (
    Answer,
    ClientTestAnswer,
    Interaction,
    Plan,
    PlanStep,
    Question,
    ReferralLine,
    TierChange,
    TierResult,
)
from core.ladder.plans import OCCASION_KEY
from core.palette import TEAM_COLOUR, TEXT_ON_TEAM, TEXT_ON_TIER, TIER_COLOURS
from core.text import format_day, format_money, timeline_words
from ui.detail.forecast_line import ForecastLine
from core.i18n import _

InteractionRole = Qt.ItemDataRole.UserRole + 10


def set_style(widget: QWidget, sheet: str) -> None:
    """Set a style sheet only when it differs: Qt re-styles the widget on every call, which was a
    third of refreshing the contact pane after each log."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def tier_badge(label: QLabel, result: TierResult) -> None:
    """Paint a label as the tier badge used everywhere: the tier colour, the tier's name."""
    label.setText(result.display)
    back, text = ((TEAM_COLOUR, TEXT_ON_TEAM) if result.outside
                  else (TIER_COLOURS[result.tier], TEXT_ON_TIER[result.tier]))
    set_style(label, f"background:{back}; color:{text}; border-radius:4px; padding:3px 8px; font-weight:bold;")


def plan_heading(plan: Plan) -> str:
    """What the plan aims at: the next rung, keeping a partnership, or nothing for the team."""
    if plan.result.outside:
        return _("<b>On the team: nothing to cultivate</b>")
    return _("<b>Next: become a {tier}</b>").format(tier=plan.next_tier.noun) if plan.next_tier else _("<b>Keep the partnership alive</b>")


class TierBox(QWidget):
    """Where the contact stands, the reasons in plain words, and the label warning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badge = QLabel()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # room below, not around
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background:#fff4d6; color:#7a4b00; border-radius:4px; padding:6px;")
        top = QHBoxLayout()
        top.addWidget(self.badge)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.reasons)
        self.forecast = ForecastLine()
        self.forecast.hide()
        layout.addWidget(self.forecast)
        layout.addWidget(self.warning)

    def show_result(self, result: TierResult, spend: tuple[str, ...] = (), this_week: str | None = None,
                    forecast: tuple[str, str] | None = None) -> None:
        """``spend`` is the money line(s), already in words ("Spent 42.00 EUR in the last 12 months…");
        ``this_week`` the checklist section that lists them this week (the one meaning of "due");
        ``forecast`` the forecast's sentence and its numbers (``ForecastLine``)."""
        tier_badge(self.badge, result)
        extras = []
        if result.slipping:
            extras.append(_("Slipping away: longer than usual since the last purchase"))
        if result.at_risk:
            extras.append(_("At risk: the two-way exchange is ageing out"))
        if this_week:
            extras.append(_("On this week's checklist: {this_week}").format(this_week=this_week))
        self.reasons.setText("\n".join(f"• {r}" for r in (*result.reasons, *extras, *spend)))
        self.warning.setText(result.label_warning or "")
        self.warning.setVisible(bool(result.label_warning))
        self.forecast.show_forecast(forecast)


class ClientTest(QWidget):
    """The four questions of seed 004, each yes / no / unknown with the date it was answered."""

    sig_answer_given = Signal(object, object)
    """The owner chose an answer: (Question, Answer)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.groups: dict[Question, QButtonGroup] = {}
        self.dates: dict[Question, QLabel] = {}
        self.titles: dict[Question, QLabel] = {}
        for question in Question:
            self.titles[question] = QLabel(f"<b>{question.title}</b>")
            self.titles[question].setToolTip(question.text)
            group = QButtonGroup(self)
            for column, answer in enumerate(Answer, start=1):
                button = QRadioButton(answer.label)
                button.setToolTip(question.text)
                # Said with its question: a screen reader would otherwise read four lone "Yes".
                button.setAccessibleName(_("{question}: {answer}").format(question=question.title, answer=answer.label))
                group.addButton(button, column)
            group.idClicked.connect(lambda column, q=question: self._clicked(q, column))
            self.groups[question] = group
            self.dates[question] = QLabel()
        self.compact = True  # not yet laid out: the next line lays it out one line per question
        self.set_compact(False)

    def wide_width(self) -> int:
        """What one line per question needs, from its parts as they read now."""
        columns = [max(title.sizeHint().width() for title in self.titles.values())]
        columns += [max(group.buttons()[index].sizeHint().width() for group in self.groups.values())
                    for index in range(len(Answer))]
        columns.append(max(label.sizeHint().width() for label in self.dates.values()))
        return sum(columns) + self.grid.horizontalSpacing() * (len(columns) - 1)

    def set_compact(self, compact: bool) -> None:
        """One line per question (title, answers, date), or, in a narrow pane, two: the title and its
        date, then the answers beneath; about 230 points wide instead of 380, so nothing scrolls sideways
        at 1024×600 and 150 %."""
        if compact == self.compact:
            return
        self.compact = compact
        for row, question in enumerate(Question):
            top = 2 * row if compact else row
            self.grid.addWidget(self.titles[question], top, 0)
            for column, button in enumerate(self.groups[question].buttons()):
                self.grid.addWidget(button, top + 1 if compact else top, column if compact else column + 1)
            if compact:
                self.grid.addWidget(self.dates[question], top, 1, 1, 3)
            else:
                self.grid.addWidget(self.dates[question], top, 4)
        for column in range(5):
            self.grid.setColumnStretch(column, 1 if column == (3 if compact else 4) else 0)

    def show_answers(self, answers: dict[Question, ClientTestAnswer]) -> None:
        quiet = self.palette().color(QPalette.ColorRole.PlaceholderText).name()  # light or dark desktop
        for question, group in self.groups.items():
            set_style(self.dates[question], f"color: {quiet};")
            given = answers.get(question)
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            if given is not None:
                group.button(list(Answer).index(given.answer) + 1).setChecked(True)
            group.setExclusive(True)
            self.dates[question].setText(format_day(given.answered_on) if given else _("not answered"))
            self.dates[question].setToolTip(_("The day this answer was given") if given else "")

    def choose(self, question: Question, answer: Answer) -> None:
        """Click the button for an answer (keyboard, tests)."""
        self.groups[question].button(list(Answer).index(answer) + 1).click()

    def _clicked(self, question: Question, column: int) -> None:
        self.sig_answer_given.emit(question, list(Answer)[column - 1])


class StepBox(QCheckBox):
    """A step's tick box, which knows the step it ticks (its text is the row's label)."""

    step_text = ""


class StepRow(QWidget):
    """One step of the plan: a tick box and its words. Rows are kept and refilled from one contact to
    the next (building them anew was most of the pane's refresh after each log)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step: PlanStep | None = None
        self.box = StepBox()
        self.box.setToolTip(_("Tick when done: Rapport logs it for you."))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setBuddy(self.box)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.text, 1)

    def show_step(self, step: PlanStep) -> None:
        self.step = step
        self.box.step_text = step.text
        self.box.blockSignals(True)  # a row refilled after a tick starts unticked, and says nothing of it
        self.box.setChecked(False)
        self.box.blockSignals(False)
        quiet = self.palette().color(QPalette.ColorRole.PlaceholderText).name()  # readable light or dark
        # An occasion's step says its own "call Anna by Sat 5 Dec": no second "by".
        said_by = step.key.startswith(OCCASION_KEY)
        by = _(" <span style='color:{quiet}'>— by {due_on}</span>").format(quiet=quiet, due_on=format_day(step.due_on)) if step.dated and not said_by else ""
        self.text.setText(f"{step.text}{by}")
        # What a screen reader says for the tick box: the step and its day, without the colour's markup.
        self.box.setAccessibleName(step.text if not by else _("{step}, by {day}").format(step=step.text,
                                                                                       day=format_day(step.due_on)))


class PlanBox(QWidget):
    """The next rung and its steps; ticking a step logs what it asks for."""

    sig_step_ticked = Signal(object)
    """The owner ticked a step: the PlanStep."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.steps_layout = QVBoxLayout()
        self.print_button = QPushButton(_("Print cultivation plan…"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self.steps_layout)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.rows: list[StepRow] = []  # every row made so far; the first ``shown`` hold the plan's steps
        self.shown = 0

    def step_boxes(self) -> list[StepBox]:
        return [row.box for row in self.rows[:self.shown]]

    def _ticked(self, row: StepRow, checked: bool) -> None:
        if checked and row.step is not None:
            self.sig_step_ticked.emit(row.step)

    def show_plan(self, plan: Plan) -> None:
        focused = self.window().focusWidget()
        self.heading.setText(plan_heading(plan))
        while len(self.rows) < len(plan.steps):
            row = StepRow(self)
            row.box.toggled.connect(partial(self._ticked, row))
            self.steps_layout.addWidget(row)
            self.rows.append(row)
        for row, step in zip(self.rows, plan.steps):
            row.show_step(step)
            row.show()
        for row in self.rows[len(plan.steps):]:
            row.hide()
            row.step = None
        self.shown = len(plan.steps)
        lost_focus = focused is not None and any(row.isAncestorOf(focused) for row in self.rows[self.shown:])
        if lost_focus:  # the ticked step is done and its row hidden: keep the keyboard here, or Ctrl+Z reaches nothing
            boxes = self.step_boxes()
            (boxes[0] if boxes else self.print_button).setFocus()


class Timeline(QWidget):
    """The interactions, newest first; edit or delete the selected one."""

    sig_edit_requested = Signal(object)
    """Edit this Interaction."""
    sig_delete_requested = Signal(object)
    """Delete this Interaction (undoable)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Timeline"))
        self.list.setAccessibleDescription(_("What was logged with this contact, newest first; Enter edits one"))
        self.list.setMinimumHeight(140)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(lambda item: self._with_selected(self.sig_edit_requested))
        self.edit_button, self.delete_button = QPushButton(_("Edit entry…")), QPushButton(_("Delete entry"))
        self.edit_button.clicked.connect(lambda: self._with_selected(self.sig_edit_requested))
        self.delete_button.clicked.connect(lambda: self._with_selected(self.sig_delete_requested))
        self.list.itemSelectionChanged.connect(self._enable_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def show_interactions(self, interactions: list[Interaction], currency: str) -> None:
        self.list.clear()
        for item in interactions:
            amount = f" · {format_money(item.amount_cents, currency)}" if item.amount_cents is not None else ""
            note = f" — {item.note}" if item.note else ""
            entry = QListWidgetItem(f"{format_day(item.occurred_on)}  {timeline_words(item.kind.label, item.resolved_on)}{amount}{note}")
            entry.setData(InteractionRole, item)
            self.list.addItem(entry)
        if not interactions:
            self.list.addItem(_("Nothing logged yet. Press Ctrl+L to log what happened."))
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        """Edit and Delete act on the selected entry, so they wait for one."""
        item = self.list.currentItem()
        chosen = item is not None and item.isSelected() and item.data(InteractionRole) is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _with_selected(self, signal: SignalInstance) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(InteractionRole) is not None:
            signal.emit(item.data(InteractionRole))


class ReferralLedger(QWidget):
    """Referrals given and received; each named contact is a link that opens them."""

    sig_contact_link_activated = Signal(int)
    """The owner clicked a referred contact: their id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.linkActivated.connect(lambda link: self.sig_contact_link_activated.emit(int(link.split(":")[1])))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)

    def show_referrals(self, lines: list[ReferralLine], referred_by: Sequence[tuple[int, str, date]] = (),
                       currency: str = "EUR") -> None:
        """Who sent them to us; whom they sent, whether each bought and what those leads spent."""
        from html import escape

        def link(contact_id: int, name: str) -> str:
            return f'<a href="contact:{contact_id}">{escape(name)}</a>'

        rows = [_("Referred by {link} on {day}").format(link=link(rid, name), day=format_day(day)) for rid, name, day in referred_by]
        leads_spent = 0
        for line in lines:
            who = link(line.other_contact_id, line.other_name) if line.other_contact_id else _("someone")
            if line.direction.value == "referral_received":
                outcome = ""
                if line.other_contact_id:
                    outcome = (_(" · bought, {amount}").format(amount=format_money(line.spent_cents, currency)) if line.bought
                               else _(" · not bought yet"))
                leads_spent += line.spent_cents
                rows.append(_("{occurred_on} · They referred {who} to us{outcome}").format(occurred_on=format_day(line.occurred_on), who=who, outcome=outcome))
            else:
                rows.append(_("{occurred_on} · We referred {who} to them").format(occurred_on=format_day(line.occurred_on), who=who))
        if leads_spent:
            rows.append(_("<b>Their leads have spent {amount} with us</b>").format(amount=format_money(leads_spent, currency)))
        self.text.setText("<br>".join(rows) if rows else _("No referrals either way yet."))


class TierHistory(QWidget):
    """Every move on the ladder, newest first, with its day and reason: the tier has a past."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)

    def show_history(self, changes: list[TierChange]) -> None:
        lines = []
        for change in reversed(changes):
            move = (f"{change.from_tier.label} → {change.to_tier.label}" if change.from_tier
                    else _("Entered as a {tier}").format(tier=change.to_tier.label))
            lines.append(f"{format_day(change.changed_on)} · {move}: {change.reason}")
        self.text.setText("\n".join(lines) if lines else _("No moves yet."))
