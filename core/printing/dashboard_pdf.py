"""The dashboard on one page (``rapport dashboard --out FILE.pdf``): the same six figures as the
window's, drawn with reportlab's charts, two to a row, each with its note under it."""

from __future__ import annotations

import os
from datetime import date
from typing import BinaryIO, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.domain import Tier
from core.figure import Figure
from core.palette import TIER_COLOURS
from core.printing.styles import BOLD, MUTED, REGULAR, ensure_fonts, markup, page_size, style
from core.text import format_count, format_day
from core.i18n import _

MARGIN = 12 * mm
CHART_HEIGHT = 62 * mm
OTHER_COLOURS = ("#4f8fd6", "#d35f5f", "#2e9e6b", "#d98a1c")
_BY_PLURAL = {tier.plural: tier for tier in Tier}
SIDE_NAME = 16  # characters of a source's name down the side of its chart


def render_dashboard(figures: Sequence[Figure], out: str | os.PathLike[str] | BinaryIO, business_name: str,
                     printed_on: date, paper_size: str = "A4") -> int:
    """Write the page; returns the number of pages (one)."""
    ensure_fonts()
    width, height = page_size(paper_size)
    target = os.fspath(out) if isinstance(out, os.PathLike) else out
    doc = SimpleDocTemplate(target, pagesize=(width, height), leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=_("{business_name}: dashboard").format(business_name=business_name),
                            author=business_name)
    column = (width - 2 * MARGIN) / 2
    cells = [_cell(figure, column - 4 * mm) for figure in figures]
    grid = Table([cells[i:i + 2] for i in range(0, len(cells), 2)], colWidths=[column, column])
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)]))
    story = [Paragraph(markup(business_name), style("title")),
             Paragraph(_("The book at a glance · printed {printed_on}").format(printed_on=format_day(printed_on)), style("subtitle")),
             Spacer(1, 4 * mm), grid]
    doc.build(story)
    return doc.page


def _cell(figure: Figure, width: float) -> list:
    parts: list = [Paragraph(markup(figure.title), style("section"))]
    if figure.note and not any(v for _ignored, values in figure.series for v in values):
        parts.append(Paragraph(markup(figure.note), style("subtitle")))  # nothing to draw: why, alone
        return parts
    parts.append(_chart(figure, width))
    if figure.note:
        parts.append(Paragraph(markup(figure.note), style("small")))
    return parts


def _chart(figure: Figure, width: float) -> Drawing:
    drawing = Drawing(width, CHART_HEIGHT)
    across = figure.across
    chart = HorizontalBarChart() if across else VerticalBarChart()
    legend_room = 10 * mm if len(figure.series) > 1 and figure.key != "ladder" else 0
    side = 28 * mm if across else 10 * mm
    chart.x, chart.y = side, 10 * mm + legend_room
    chart.width, chart.height = width - side - 2 * mm, CHART_HEIGHT - chart.y - 7 * mm  # the unit above it
    names = list(figure.categories)
    values = [list(v) for _ignored, v in figure.series]
    if figure.key == "ladder":
        values = [values[0]]  # the hybrids are in the note: one bar a rung, in its colour
    if across:  # the first on top, as it is listed
        names, values = names[::-1], [v[::-1] for v in values]
        names = [n if len(n) <= SIDE_NAME else n[:SIDE_NAME - 1].rstrip() + "…" for n in names]
    chart.data = values
    chart.categoryAxis.categoryNames = names
    if figure.stacked:
        chart.categoryAxis.style = "stacked"
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = REGULAR, 6
    slot = chart.width / max(len(names), 1)
    if not across and (len(names) > 6 or any(stringWidth(name, REGULAR, 6) > slot for name in names)):
        # Side by side they would run into each other ("Woche vom 7. Dez." is wider than its bar's room).
        chart.categoryAxis.labels.angle, chart.categoryAxis.labels.boxAnchor = 30, "ne"
    top = max((sum(col) for col in zip(*values)) if figure.stacked else (v for row in values for v in row), default=0)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, max(top, 4) * 1.05
    chart.valueAxis.labelTextFormat = format_count  # "1,500,000" as money is written, not "1500000"
    chart.bars.strokeColor = None
    for number, (name, _ignored) in enumerate(figure.series[:len(values)]):
        chart.bars[number].fillColor = _colour(name, number)
    if figure.key == "ladder":
        for at, tier in enumerate(Tier):
            chart.bars[(0, at)].fillColor = colors.HexColor(TIER_COLOURS[tier])
    drawing.add(chart)
    if legend_room:
        legend = Legend()
        # From the cell's left edge, a name a slot: each name and its swatch within the page. From the
        # chart's left edge (past the names down the side of a chart drawn across), "Partners" ran
        # off the page, and in German "Stammkunden" too.
        slots = len(figure.series)
        legend.x, legend.y = 0, 4 * mm
        legend.fontName, legend.fontSize = REGULAR, 6
        legend.alignment, legend.dx, legend.dy, legend.dxTextSpace = "right", 6, 6, 3
        widest = max(stringWidth(name, REGULAR, 6) for name, _ignored in figure.series) + legend.dx + legend.dxTextSpace + 2
        rows = 1 if widest * slots <= width else 2  # two rows when a row of them does not fit
        legend.columnMaximum = rows
        legend.deltay = 8
        legend.deltax = width / -(-slots // rows)
        legend.colorNamePairs = [(_colour(name, n), name) for n, (name, _ignored) in enumerate(figure.series)]
        drawing.add(legend)
    if figure.unit:
        drawing.add(String(0, CHART_HEIGHT - 2 * mm, figure.unit, fontName=BOLD, fontSize=6, fillColor=MUTED))
    return drawing


def _colour(name: str, number: int) -> colors.Color:
    tier = _BY_PLURAL.get(name)
    return colors.HexColor(TIER_COLOURS[tier] if tier else OTHER_COLOURS[number % len(OTHER_COLOURS)])


__all__ = ["render_dashboard"]
