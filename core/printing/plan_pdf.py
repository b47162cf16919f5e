"""Cultivation plans as a PDF: one contact per page, to take to the phone or the meeting.

Each page is shrunk to fit if a contact has a long history, so a plan never spills onto a
second sheet and a stack of plans stays one contact per page.
"""

from __future__ import annotations

import os
from datetime import date
from typing import BinaryIO, Callable, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from core.domain import Kind, PlanSheet, Question
from core.palette import TEAM_COLOUR, TIER_COLOURS
from core.printing.canvas import TickBox, WritingLines, numbered_canvas
from core.printing.checklist_pdf import pinned_markup
from core.printing.styles import RULE, markup, page_size, style
from core.text import format_day, format_money
from core.i18n import _

MARGIN = 15 * mm
NOTE_LIMIT = 110  # characters of an interaction's note shown on the page


class _PlanDoc(BaseDocTemplate):
    def __init__(self, target: str | os.PathLike[str] | BinaryIO, paper: str, business_name: str,
                 progress: Callable[[int, int], None] | None, total: int) -> None:
        width, height = page_size(paper)
        target = os.fspath(target) if isinstance(target, os.PathLike) else target
        super().__init__(target, pagesize=(width, height), leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=16 * mm, title=_("{business_name}: cultivation plans").format(business_name=business_name),
                         author=business_name)
        frame = Frame(MARGIN, 16 * mm, width - 2 * MARGIN, height - MARGIN - 16 * mm, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("plan", [frame])])
        self._progress, self._total, self._done = progress, total, 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        if isinstance(flowable, KeepInFrame) and self._progress:
            self._done += 1
            self._progress(self._done, self._total)


def render_plans(
    sheets: Sequence[PlanSheet],
    out: str | os.PathLike[str] | BinaryIO,
    *,
    business_name: str,
    paper_size: str = "A4",
    printed_on: date | None = None,
    currency: str = "EUR",
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write one page per sheet to ``out``; returns the number of pages."""
    if not sheets:
        raise ValueError(_("No contacts to print: choose at least one."))
    printed_on = printed_on or date.today()
    doc = _PlanDoc(out, paper_size, business_name, progress, len(sheets))
    story: list[Flowable] = []
    for i, sheet in enumerate(sheets):
        if i:
            story.append(PageBreak())
        content = _page(sheet, doc.width, business_name, printed_on, currency)
        story.append(KeepInFrame(doc.width, doc.height, content, mode="shrink"))
    doc.build(story, canvasmaker=numbered_canvas(_("{business_name} · cultivation plans · {printed_on}").format(business_name=business_name, printed_on=format_day(printed_on))))
    return doc.page


def _page(sheet: PlanSheet, width: float, business: str, printed_on: date, currency: str) -> list[Flowable]:
    plan, contact = sheet.plan, sheet.plan.contact
    result = plan.result
    details = " · ".join(x for x in (contact.organisation, ", ".join(contact.phones), ", ".join(contact.emails)) if x)
    story: list[Flowable] = [
        Paragraph(_("{markup} · Cultivation plan · printed {printed_on}").format(markup=markup(business), printed_on=format_day(printed_on)), style("small")),
        Spacer(1, 2 * mm),
        Paragraph(markup(contact.name), style("big")),
    ]
    if details:
        story.append(Paragraph(markup(details), style("body")))
    if contact.pinned:
        story.append(Paragraph(pinned_markup(contact.pinned), style("body")))
    story += [
        Spacer(1, 3 * mm),
        Paragraph(f'<font color="{TEAM_COLOUR if result.outside else TIER_COLOURS[result.tier]}">■</font> '
                  f'<b>{markup(result.display)}</b>',
                  style("heading")),
        *[Paragraph(f"• {markup(reason)}", style("body")) for reason in result.reasons],
    ]
    if result.label_warning:
        story.append(Paragraph(_("<b>Note:</b> {markup}").format(markup=markup(result.label_warning)), style("warning")))
    target = (_("On the team: nothing to cultivate") if result.outside else
              _("Next: become a {tier}").format(tier=plan.next_tier.noun) if plan.next_tier else _("Keep the partnership alive"))
    story.append(Paragraph(target, style("heading")))
    story.append(_table([[TickBox(), Paragraph(markup(step.text), style("body")),
                          Paragraph(_("by {day}").format(day=format_day(step.due_on)) if step.dated else "", style("small"))]
                         for step in plan.steps]
                        or [["", Paragraph(_("Nothing to do right now."), style("small")), ""]],
                        [9 * mm, width - 9 * mm - 30 * mm, 30 * mm]))
    story.append(Paragraph(_("Client test"), style("heading")))
    story.append(_table([_answer_row(sheet, q) for q in Question], [39 * mm, width - 93 * mm, 28 * mm, 26 * mm]))
    story.append(Paragraph(_("Last interactions"), style("heading")))
    story.append(_table([_interaction_row(i, currency) for i in sheet.recent]
                        or [["", Paragraph(_("Nothing logged yet."), style("small")), "", ""]],
                        [24 * mm, 44 * mm, 26 * mm, width - 94 * mm]))
    story.append(Paragraph(_("Referrals"), style("heading")))
    for _ignored, name, day in sheet.referred_by:
        story.append(Paragraph(_("Referred by {markup} on {day}").format(markup=markup(name), day=format_day(day)), style("body")))
    leads_spent = 0
    for line in sheet.referrals or ():
        who = markup(line.other_name) if line.other_name else _("someone")
        if line.direction is Kind.REFERRAL_RECEIVED:
            outcome = ""
            if line.other_contact_id:
                outcome = (_(" · bought, {amount}").format(amount=format_money(line.spent_cents, currency)) if line.bought
                           else _(" · not bought yet"))
            leads_spent += line.spent_cents
            words = _("They referred {who} to us{outcome}").format(who=who, outcome=outcome)
        else:
            words = _("We referred {who} to them").format(who=who)
        story.append(Paragraph(f"{format_day(line.occurred_on)} · {words}", style("body")))
    if leads_spent:  # seed 000: partners answer for the conversions they send
        story.append(Paragraph(_("<b>Their leads have spent {amount} with us</b>").format(amount=format_money(leads_spent, currency)),
                               style("body")))
    if not sheet.referrals and not sheet.referred_by:
        story.append(Paragraph(_("No referrals either way yet."), style("small")))
    story += [Paragraph(_("Notes"), style("heading")), WritingLines(width, 4)]
    return story


def _answer_row(sheet: PlanSheet, question: Question) -> list[Flowable | str]:
    answer = sheet.answers.get(question)
    said = answer.answer.label if answer else _("Not answered")
    when = format_day(answer.answered_on) if answer else ""
    return [Paragraph(f"<b>{question.title}</b>", style("body")), Paragraph(question.text, style("small")),
            Paragraph(said, style("body")), Paragraph(when, style("small"))]


def _interaction_row(item, currency: str) -> list[Flowable]:
    note = item.note if len(item.note) <= NOTE_LIMIT else item.note[: NOTE_LIMIT - 1] + "…"
    amount = format_money(item.amount_cents, currency) if item.amount_cents is not None else ""
    # A put-right complaint says when on a line of its own: the column stays narrow and the day whole.
    kind = item.kind.label
    if item.resolved_on:
        kind += "<br/>" + f"resolved {format_day(item.resolved_on)}".replace(" ", "&nbsp;")
    return [Paragraph(format_day(item.occurred_on), style("small")), Paragraph(kind, style("body")),
            Paragraph(amount, style("body")), Paragraph(markup(note), style("body"))]


def _table(rows: list[list], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table
