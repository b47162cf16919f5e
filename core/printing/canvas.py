"""Page furniture shared by the printouts: tick boxes, "Page N of M", continued headings."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable

from core.printing.styles import BOLD, INK, MUTED, REGULAR, RULE
from core.i18n import _


class TickBox(Flowable):
    """A drawn square to tick with a pen (not a font glyph, so it prints on any printer)."""

    def __init__(self, size: float = 4.2 * mm) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


class WritingLines(Flowable):
    """Ruled lines for the owner's notes."""

    def __init__(self, width: float, lines: int, gap: float = 7 * mm) -> None:
        super().__init__()
        self.width, self.lines, self.gap = width, lines, gap
        self.height = lines * gap

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        for i in range(self.lines):
            y = self.height - (i + 1) * self.gap
            self.canv.line(0, y, self.width, y)


def numbered_canvas(footer_left: str) -> type[pdfcanvas.Canvas]:
    """A canvas class that writes "Page N of M" once the page count is known (two passes)."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.setFont(REGULAR, 8)
            self.setFillColor(MUTED)
            self.drawString(15 * mm, 9 * mm, footer_left)
            self.drawRightString(width - 15 * mm, 9 * mm, _("Page {pageNumber} of {total}").format(pageNumber=self._pageNumber, total=total))

    return NumberedCanvas


def draw_continued(canv: pdfcanvas.Canvas, x: float, y: float, title: str) -> None:
    canv.setFont(BOLD, 11)
    canv.setFillColor(INK)
    canv.drawString(x, y, f"{title} (continued)")
