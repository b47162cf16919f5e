"""Reading Excel workbooks (.xlsx) as tables: some tills export nothing else (Zettle's receipts).

The first sheet is read row by row in openpyxl's read-only mode, so a big workbook is never held
whole. Cells become the text a CSV of the same sheet would hold: a date cell its ISO day and time,
a whole number without ".0". A report's title and merchant rows above the header, and a note
below the last row, are left out (``csv_read.table_from_rows`` finds the header).
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

from core.interchange.csv_read import Table, table_from_rows
from core.interchange.records import ImportFileError
from core.i18n import _

XLSX_MAGIC = b"PK\x03\x04"


def is_xlsx(path: str | Path, head: bytes) -> bool:
    """A zip holding a workbook: what Excel, Numbers and LibreOffice save as .xlsx."""
    if not head.startswith(XLSX_MAGIC):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def read_xlsx(path: str | Path) -> Table:
    """The first sheet as a table; ImportFileError naming what is wrong."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged workbook fails in many ways inside openpyxl
        raise ImportFileError(_("this Excel workbook cannot be read ({exc})").format(exc=exc)) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ImportFileError(_("this Excel workbook has no sheet"))
        rows: list[list[str]] = []
        lines: list[int] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_text(value) for value in values]
            while cells and not cells[-1]:
                cells.pop()
            if any(cell.strip() for cell in cells):
                rows.append(cells)
                lines.append(number)
    finally:
        workbook.close()
    table = table_from_rows(rows, lines, delimiter="xlsx")
    rows, lines = list(table.rows), list(table.lines)
    _drop_footer(table.header, rows, lines)
    return Table(table.header, rows, lines, delimiter="xlsx")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != time(0) else value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _drop_footer(header: list[str], rows: list[list[str]], lines: list[int]) -> None:
    """A note below the data ("Exported from Zettle on …"): trailing rows of one filled cell under a
    table whose rows fill more, left out as the preamble is."""
    width = sum(1 for title in header if title)
    while rows and width >= 3 and sum(1 for cell in rows[-1] if cell.strip()) == 1:
        rows.pop()
        lines.pop()
