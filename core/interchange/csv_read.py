"""Reading CSV (and whitespace-separated) tables from address books, spreadsheets and tills.

The delimiter is sniffed (comma, semicolon, tab), the encoding detected (see textfile), and
every row keeps the line it starts on so that messages can name it. A quote that is never
closed is an error naming the line it opened on: Python's csv module would otherwise read the
whole rest of the file into one cell without a word.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Iterator

from core.interchange.records import ImportFileError
from core.interchange.textfile import decode_text, longest_line_check

MAX_FIELD_CHARS = 16 * 1024 * 1024  # a note may be long (128 KB and more); a 16 MB cell is not a note
csv.field_size_limit(MAX_FIELD_CHARS)


@dataclass
class Table:
    """A header and its rows; ``lines[i]`` is the line of the file on which row i starts."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    delimiter: str

    def column(self, name: str) -> int | None:
        wanted = _norm(name)
        for index, title in enumerate(self.header):
            if _norm(title) == wanted:
                return index
        return None

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """Each row as {header: value} with its line number (missing cells are empty)."""
        out = []
        for line, row in zip(self.lines, self.rows):
            out.append((line, {title: (row[i].strip() if i < len(row) else "") for i, title in enumerate(self.header)}))
        return out


def _norm(title: str) -> str:
    return " ".join(title.strip().lower().replace("_", " ").split())


def read_table(data: bytes | str) -> Table:
    """A delimited table with a header row. Raises ImportFileError naming the line."""
    text = decode_text(data) if isinstance(data, bytes) else data.lstrip("\ufeff")
    if not text.strip():
        raise ImportFileError("the file is empty")
    longest_line_check(text, "CSV")
    if _is_whitespace_table(text):
        return _read_whitespace(text)
    delimiter = sniff_delimiter(text)
    # Lines handed to the reader one by one: a StringIO copy of a 100 MB export held it four times over.
    reader = csv.reader(_lines_with_ends(text), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc) or "EOF" in str(exc):
            raise ImportFileError("a quote (\") opened on this line is never closed, so the rest of the file "
                                  "would be read as one cell; close the quote and import again", start) from None
        raise ImportFileError(f"this line is not valid CSV ({exc})", reader.line_num) from None
    return table_from_rows(rows, lines, delimiter)


PREAMBLE_ROWS = 30  # how far down a header may stand below an export's title or notes


def table_from_rows(rows: list[list[str]], lines: list[int], delimiter: str) -> Table:
    """The header is the first row, unless that row is a single cell: then a preamble stands above
    it (LinkedIn's "Notes:" and its paragraph, a till report's title and merchant rows), and the
    header is the first row as full as any in the file's first rows."""
    if not rows:
        raise ImportFileError("the file has no rows")
    head = rows[:PREAMBLE_ROWS]
    filled = [sum(1 for cell in row if cell.strip()) for row in head]
    widest = max(filled)
    # A first row of one cell ("Notes:", a report's title) opens a preamble; a header's row is
    # never that narrow. Any other first row is the header, as a table's always was.
    at = filled.index(widest) if filled[0] == 1 and widest >= 2 else 0
    header = [cell.strip().lstrip("\ufeff") for cell in rows[at]]
    if not any(header):
        raise ImportFileError("the first line should name the columns, but it is empty", lines[at])
    return Table(header=header, rows=rows[at + 1:], lines=lines[at + 1:], delimiter=delimiter)


def _lines_with_ends(text: str) -> Iterator[str]:
    """The text's lines, each with its line end (a quoted cell may run over several), one at a time."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end + 1
        yield text[start:end]
        start = end


def first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` lines, without splitting the whole text."""
    return [line.rstrip("\r\n") for line, _ in zip(_lines_with_ends(text), range(count))]


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines most consistently."""
    sample = "\n".join(first_lines(text, 20))
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        counts = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        if not counts or counts[0] < 2:
            continue
        score = sum(1 for c in counts if c == counts[0]) * 100 + counts[0]
        if score > best_score:
            best, best_score = delimiter, score
    return best


_WHITESPACE_ROW = re.compile(r"^\s*\S+(\s+\S+)+\s*$")


def _is_whitespace_table(text: str) -> bool:
    """A till or statistics export with columns lined up by spaces (CDNOW): no commas, no tabs."""
    head = [line for line in first_lines(text, 20) if line.strip()]
    if len(head) < 2 or any(ch in line for line in head for ch in ",;\t\""):
        return False
    widths = {len(line.split()) for line in head[1:]}
    return all(_WHITESPACE_ROW.match(line) for line in head) and len(widths) == 1


def _read_whitespace(text: str) -> Table:
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    header_cells = lines[first].split()
    has_header = not any(re.fullmatch(r"[\d.,-]+", cell) for cell in header_cells)
    width = len(lines[first + 1].split()) if first + 1 < len(lines) else len(header_cells)
    header = header_cells if has_header else [f"column {i + 1}" for i in range(width)]
    rows, numbers = [], []
    for index in range(first + 1 if has_header else first, len(lines)):
        cells = lines[index].split()
        if cells:
            rows.append(cells)
            numbers.append(index + 1)
    return Table(header=header, rows=rows, lines=numbers, delimiter=" ")
