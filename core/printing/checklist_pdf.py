"""The weekly partner-cultivation checklist as a PDF: what the owner pins by the till on Monday.

Each entry is one unsplittable row (tick box, who and their phone, why and the step, room
to write). When a section runs onto the next page, that page opens with its title and
"(continued)", so a loose page still says what it is.
"""

from __future__ import annotations

import io
import os
from datetime import date
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from core.domain import Checklist, ChecklistEntry, ChecklistSection
from core.ladder.checklist import cap_checklist
from core.printing.canvas import TickBox, draw_continued, numbered_canvas
from core.palette import TIER_COLOURS
from core.printing.styles import INK, RULE, markup, page_size, style, tier_colour
from core.text import day_and_month, format_day
from core.i18n import _

MARGIN = 15 * mm
LATER_HEADER = 16 * mm  # room above the frame on later pages: running header and "continued"
ENTRIES_PER_PAGE_AT_MOST = 20  # each entry is at least 12 mm high: an A4 or Letter page holds fewer


def week_label(checklist: Checklist) -> str:
    start, end = checklist.week_start, checklist.week_end
    first = day_and_month(start) if start.year == end.year else format_day(start)
    return _("Week of {first} – {end}").format(first=first, end=format_day(end))


class _ChecklistDoc(BaseDocTemplate):
    """Remembers the last entry placed, so the next page knows whether a section continues."""

    def __init__(self, target: str | os.PathLike[str] | BinaryIO, checklist: Checklist, paper: str) -> None:
        width, height = page_size(paper)
        target = os.fspath(target) if isinstance(target, os.PathLike) else target
        super().__init__(target, pagesize=(width, height), leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=16 * mm,
                         title=_("{business_name}: partner-cultivation checklist").format(business_name=checklist.business_name),
                         author=checklist.business_name)
        self.checklist = checklist
        self.last_entry: Flowable | None = None
        body_height = height - MARGIN - 16 * mm
        first = Frame(MARGIN, 16 * mm, width - 2 * MARGIN, body_height, id="first", leftPadding=0, rightPadding=0)
        later = Frame(MARGIN, 16 * mm, width - 2 * MARGIN, body_height - LATER_HEADER, id="later",
                      leftPadding=0, rightPadding=0)
        self.addPageTemplates([PageTemplate("first", [first]),
                               PageTemplate("later", [later], onPage=self._later_header)])

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        if hasattr(flowable, "section_title"):
            self.last_entry = flowable

    def _later_header(self, canv, doc) -> None:
        width, height = self.pagesize
        top = height - MARGIN
        line = Paragraph(_("{markup} · Partner-cultivation checklist · {week_label}").format(markup=markup(self.checklist.business_name), week_label=week_label(self.checklist)), style("small"))
        line.wrapOn(canv, width - 2 * MARGIN, 20)
        line.drawOn(canv, MARGIN, top - 10)
        canv.setStrokeColor(RULE)
        canv.line(MARGIN, top - 13, width - MARGIN, top - 13)
        entry = self.last_entry
        if entry is not None and not getattr(entry, "is_last", True):
            draw_continued(canv, MARGIN, top - LATER_HEADER + 2, entry.section_title)


def render_checklist(
    checklist: Checklist,
    out: str | os.PathLike[str] | BinaryIO,
    *,
    paper_size: str = "A4",
    printed_on: date | None = None,
    max_pages: int = 0,
) -> int:
    """Write the checklist PDF to ``out``; returns the number of pages.

    With ``max_pages``, the week is cut to fit: each section keeps its best-ranked entries and
    ends "and 12 more: see “This week” in Rapport" (it is one person's week, not the book).
    """
    printed_on = printed_on or date.today()
    if max_pages:
        checklist = _fitted(checklist, paper_size, printed_on, max_pages)
    return _render(checklist, out, paper_size, printed_on)


def _fitted(checklist: Checklist, paper_size: str, printed_on: date, max_pages: int) -> Checklist:
    """The largest cut of the checklist that prints on ``max_pages`` (a binary search over lines;
    each try renders at most a few pages in memory)."""
    total = sum(len(s.entries) for s in checklist.sections)
    high = min(total, ENTRIES_PER_PAGE_AT_MOST * max_pages)
    if high == total and _render(checklist, io.BytesIO(), paper_size, printed_on) <= max_pages:
        return checklist
    low = 0
    while low < high:
        middle = (low + high + 1) // 2
        if _render(cap_checklist(checklist, middle), io.BytesIO(), paper_size, printed_on) <= max_pages:
            low = middle
        else:
            high = middle - 1
    return cap_checklist(checklist, low)


def _render(checklist: Checklist, out: str | os.PathLike[str] | BinaryIO, paper_size: str, printed_on: date) -> int:
    doc = _ChecklistDoc(out, checklist, paper_size)
    story: list[Flowable] = [NextPageTemplate("later"), *_header(checklist, printed_on)]
    for section in checklist.sections:
        story.extend(_section(section, doc.width))
    canvas_class = numbered_canvas(f"{checklist.business_name} · {week_label(checklist)}")
    doc.build(story, canvasmaker=canvas_class)
    return doc.page


def _header(checklist: Checklist, printed_on: date) -> list[Flowable]:
    return [
        Paragraph(markup(checklist.business_name), style("title")),
        Paragraph(_("Partner-cultivation checklist"), style("subtitle")),
        Paragraph(_("{week_label} · printed {printed_on}").format(week_label=week_label(checklist), printed_on=format_day(printed_on)), style("small")),
        *([Paragraph(markup(checklist.summary), style("body"))] if checklist.summary else []),
        Spacer(1, 4 * mm),
    ]


def _section(section: ChecklistSection, width: float) -> list[Flowable]:
    heading = [Paragraph(markup(section.title), style("section")), Paragraph(markup(section.purpose), style("purpose"))]
    more = (_("and {more:,} more: see “This week” in Rapport").format(more=section.more) if section.entries
            else _("{more:,} this week: see “This week” in Rapport").format(more=section.more))
    if not section.entries:
        said = more if section.more else _("Nobody this week")
        return [KeepTogether([*heading, Paragraph(said, style("empty"))])]
    # The last printed row ends the section on paper ("and 12 more" is kept with it): a page after it
    # never says the section goes on.
    rows = [_entry(entry, width, section.title, i == len(section.entries) - 1)
            for i, entry in enumerate(section.entries)]
    tail = [Paragraph(more, style("empty"))] if section.more else []  # "and 12 more" stays with the last row
    if len(rows) == 1:
        return [KeepTogether([*heading, rows[0], *tail]), Spacer(1, 2 * mm)]
    return [KeepTogether([*heading, rows[0]]), *rows[1:-1], KeepTogether([rows[-1], *tail]), Spacer(1, 2 * mm)]


PINNED_COLOUR = "#b00020"  # red that stays dark on a black-and-white printer


def pinned_markup(notes: tuple[str, ...]) -> str:
    """Pinned notes as a printout shows them: in red, after a flag."""
    return f'<font color="{PINNED_COLOUR}"><b>\u2691 {markup("; ".join(notes))}</b></font>'


def _entry(entry: ChecklistEntry, width: float, section_title: str, is_last: bool) -> Table:
    """One unsplittable row: tick box | name, phone, tier | why and step | room to write."""
    tag = f'<font color="{TIER_COLOURS[entry.tier]}" size="8">■\u00a0{entry.tier.label}</font>'
    phone = f"{markup(entry.phone)}  " if entry.phone else ""
    who = [Paragraph(markup(entry.name), style("name")), Paragraph(phone + tag, style("entry"))]
    what = [Paragraph(_("<b>Why:</b> {markup}").format(markup=markup(entry.why)), style("entry"))]
    if entry.step:  # none left this cycle (its step was done): the why alone, never an empty "Step:"
        what.append(Paragraph(_("<b>Step:</b> {markup}").format(markup=markup(entry.step)), style("entry")))
    if entry.pinned:  # never missed: on every printed line about them
        what.append(Paragraph(pinned_markup(entry.pinned), style("entry")))
    rest = width - 9 * mm
    widths = [9 * mm, 0.30 * rest, 0.53 * rest, 0.17 * rest]
    table = Table([[TickBox(), who, what, ""]], colWidths=widths, minRowHeights=[12 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (0, 0), 2),
        ("LINEBEFORE", (1, 0), (1, 0), 2.5, tier_colour(entry.tier)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (3, 0), (3, 0), 0.5, RULE),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ]))
    table.section_title = section_title
    table.is_last = is_last
    return table

