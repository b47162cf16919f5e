"""Fonts, colours and paragraph styles of every printout, in one place.

DejaVu Sans covers Latin, Greek and Cyrillic; Droid Sans Fallback covers Chinese, Japanese
and Korean. reportlab does not fall back from font to font per character, so ``markup()``
escapes the owner's text and wraps the runs DejaVu lacks in the fallback font.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from core.domain import Tier
from core.palette import TIER_COLOURS
from core.resources import shipped

FONTS = shipped("fonts")
REGULAR, BOLD, FALLBACK = "RapportSans", "RapportSans-Bold", "RapportCJK"
PAGE_SIZES = {"A4": A4, "Letter": LETTER}

INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#5f6670")
RULE = colors.HexColor("#b8bec6")
WARNING_BG = colors.HexColor("#fff4d6")
WARNING_INK = colors.HexColor("#7a4b00")


def page_size(name: str) -> tuple[float, float]:
    try:
        return PAGE_SIZES[name]
    except KeyError:
        raise ValueError(f"Paper size must be A4 or Letter, not {name!r}.") from None


@lru_cache(maxsize=1)
def _regular_glyphs() -> frozenset[int]:
    """Register the fonts once; remember which characters the main font can draw."""
    regular = TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont(FALLBACK, str(FONTS / "DroidSansFallbackFull.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return frozenset(regular.face.charToGlyph)


def ensure_fonts() -> None:
    _regular_glyphs()


def markup(text: str | None) -> str:
    """The owner's text made safe for Paragraph markup: ``A & B <Co>`` prints as typed,
    ``<img src=…/>`` is text (nothing is read from disk), and Chinese prints in the fallback."""
    if not text:
        return ""
    glyphs = _regular_glyphs()
    pieces: list[str] = []
    run: list[str] = []
    run_fallback = False
    for ch in text:
        needs_fallback = ord(ch) not in glyphs and not ch.isspace()
        if run and needs_fallback != run_fallback:
            pieces.append(_run(run, run_fallback))
            run = []
        run.append(ch)
        run_fallback = needs_fallback
    if run:
        pieces.append(_run(run, run_fallback))
    return "".join(pieces)


def _run(chars: list[str], fallback: bool) -> str:
    text = escape("".join(chars))
    return f'<font name="{FALLBACK}">{text}</font>' if fallback else text


def tier_colour(tier: Tier) -> colors.Color:
    return colors.HexColor(TIER_COLOURS[tier])


def style(name: str) -> ParagraphStyle:
    return _styles()[name]


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    ensure_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": base,
        "entry": ParagraphStyle("entry", parent=base, fontSize=9, leading=11.2),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "name": ParagraphStyle("name", parent=base, fontName=BOLD, fontSize=10.5, leading=13),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=18, leading=22),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=14, textColor=MUTED),
        "section": ParagraphStyle("section", parent=base, fontName=BOLD, fontSize=12.5, leading=16,
                                  spaceBefore=10),
        "purpose": ParagraphStyle("purpose", parent=base, fontSize=9, leading=11.5, textColor=MUTED,
                                  spaceAfter=4),
        "empty": ParagraphStyle("empty", parent=base, fontSize=9.5, textColor=MUTED, leftIndent=8,
                                spaceBefore=2, spaceAfter=4),
        "warning": ParagraphStyle("warning", parent=base, textColor=WARNING_INK, backColor=WARNING_BG,
                                  borderPadding=(4, 6, 4, 6), spaceBefore=6, spaceAfter=6),
        "heading": ParagraphStyle("heading", parent=base, fontName=BOLD, fontSize=11, leading=14, spaceBefore=8,
                                  spaceAfter=3),
        "big": ParagraphStyle("big", parent=base, fontName=BOLD, fontSize=20, leading=24),
    }
