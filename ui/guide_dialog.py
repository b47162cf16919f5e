"""Help → Rapport guide (Shift+F1): the README's sections, offline, in the app.

The text is the README itself, read from the installed package's metadata (the wheel carries
it as its description) or from the checkout, so the guide and the README never disagree.
Screenshots are left out: they are pictures of the app the owner is already looking at.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.lifetime import delete_on_close
from ui.screen_fit import fit_on_screen
from core.i18n import N_, _

SKIPPED = ("For developers",)  # the guide is for the owner
# The guide is the README, in English; its headings are said in the owner's language, so that she
# finds her way in it. A test holds this list to the README's headings.
HEADINGS = (N_("Installing"), N_("Where your book lives"), N_("Languages"), N_("The ladder"), N_("The window"),
            N_("Importing and exporting"), N_("The Monday checklist and cultivation plans"),
            N_("Occasions and reminders"), N_("Who is still with us: the forecast"), N_("The dashboard"),
            N_("Weekly review"), N_("The command line"), N_("Your data is safe"))


def readme_text() -> str:
    checkout = Path(__file__).resolve().parents[1] / "README.md"
    if checkout.exists():
        return checkout.read_text(encoding="utf-8")
    try:
        return metadata.metadata("rapport").get_payload() or ""  # type: ignore[attr-defined]  # an email Message: the README is its payload
    except metadata.PackageNotFoundError:
        return ""


def guide_sections(text: str) -> list[tuple[str, str]]:
    """(title, markdown) for each "## " section, pictures removed."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"<img [^>]*>", "", text)
    # Comments lined up in a column read well on a wide page; wrapped in a narrow one, the padding
    # left each "#" alone at the end of a line. In the guide a comment follows its command.
    text = re.sub(r"^```.*?^```", _comment_after_command, text, flags=re.MULTILINE | re.DOTALL)
    sections = []
    for chunk in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        title, _ignored, body = chunk.partition("\n")
        if title.strip() not in SKIPPED:
            sections.append((title.strip(), f"## {title.strip()}\n{body.strip()}\n"))
    return sections


def _comment_after_command(fence: re.Match[str]) -> str:
    return re.sub(r"(?<=\S) {3,}#|^ {3,}#", "  #", fence.group(0), flags=re.MULTILINE)


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        delete_on_close(self)
        self.setWindowTitle(_("Rapport guide"))
        self.sections = guide_sections(readme_text())
        self.titles = QListWidget()
        self.titles.setAccessibleName(_("Sections of the guide"))
        self.titles.addItems([_(title) for title, _ignored in self.sections] or [_("No guide found")])
        self.titles.setMaximumWidth(220)
        self.titles.setWordWrap(True)
        self.titles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page = QTextBrowser()
        self.page.setOpenExternalLinks(False)
        self.titles.currentRowChanged.connect(self.show_section)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.titles)
        row.addWidget(self.page, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        fit_on_screen(self, 900, 640)
        self.titles.setCurrentRow(0)

    def show_section(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            self.page.setMarkdown(self.sections[row][1])
            _let_code_wrap(self.page.document())


def _let_code_wrap(document: QTextDocument) -> None:
    """Commands in the guide wrap like the text around them: on a netbook the apt-get line ran off
    the page, and the whole page scrolled sideways to read it."""
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        layout = block.blockFormat()
        if layout.nonBreakableLines():
            layout.setNonBreakableLines(False)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(layout)
        block = block.next()
