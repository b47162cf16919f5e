"""Files as shops and networks really hand them over: an Excel workbook with a report's title rows
above the header and a note below, dates as the spreadsheet's serial days, and a CSV whose header
stands below a preamble (LinkedIn's Connections.csv)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from core.interchange import load, plan_import
from core.store import Book

TODAY = date(2026, 11, 24)


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_zettle_receipts_workbook_with_title_rows_a_footer_and_serial_dates(book: Book, tmp_path: Path) -> None:
    preamble: list[list[object]] = [["Receipts"], [], ["Merchant", "Blumen Müller GmbH"],
                                    ["Organisation number", "DE123456789"], ["Period", "2026-09-01 - 2026-09-30"],
                                    ["Currency", "EUR"], [], ["Created", "2026-10-01 08:00"], ["Created by", "Anna"],
                                    []]
    header = ["Date", "Time", "Receipt number", "Total", "Fee", "Net", "Card/Cash", "Card type", "Last digits",
              "Staff", "Device", "Description"]
    rows = [[46268 + n % 3, "10:14", 1000 + n, 12.5, 0.21, 12.29, "Card", "VISA", "1234", "Anna", "iPad", "Roses"]
            for n in range(40)]
    path = workbook(tmp_path / "Receipts 2026-09.xlsx",
                    [*preamble, header, *rows, [], ["This report was exported from Zettle on 2026-10-01"]])
    loaded = load(str(path))
    assert loaded.description == "Zettle by PayPal receipts (a sales log)"
    assert loaded.table is not None and loaded.table.header == header and len(loaded.table.rows) == 40
    assert loaded.table.lines[0] == 12, "rows keep the sheet's own numbers, for messages"
    plan = plan_import(book, loaded, today=TODAY)
    assert plan.counted == {"no customer": 40} and [s for s in plan.skipped if s.refused] == []


def test_a_sales_workbook_with_date_cells_and_serial_days_is_read_by_its_columns(book: Book,
                                                                              tmp_path: Path) -> None:
    path = workbook(tmp_path / "sales.xlsx", [
        ["Date", "Email", "Total"],
        [datetime(2026, 9, 3, 10, 14), "anna@example.org", 31.16],
        [46269, "anna@example.org", 1149],
    ])
    plan = plan_import(book, load(str(path)), today=TODAY)
    assert [(s.interaction.occurred_on, s.interaction.amount_cents) for s in plan.sales] == [
        (date(2026, 9, 3), 3116), (date(2026, 9, 4), 114900)]


def test_linkedin_connections_with_its_notes_preamble(book: Book, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(
        'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
        'missing. You will only see email addresses for connections who have allowed their connections to see or '
        'download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You '
        'can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Mei,Lin,https://www.linkedin.com/in/meilin,mei@example.org,Weddings by Mei,Planner,03 Sep 2026\n"
        "Jan,Novak,https://www.linkedin.com/in/jnovak,,Novak Events,Owner,04 Sep 2026\n", encoding="utf-8")
    loaded = load(str(path))
    assert loaded.table is not None and loaded.table.header[0] == "First Name"
    plan = plan_import(book, loaded, today=TODAY)
    assert [(c.name, c.emails, c.organisation, c.title) for c in plan.creates] == [
        ("Mei Lin", ("mei@example.org",), "Weddings by Mei", "Planner"),
        ("Jan Novak", (), "Novak Events", "Owner")]
