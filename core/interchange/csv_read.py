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
from itertools import islice
from typing import Any, Callable, Iterator, Sequence

from core.interchange.records import ImportFileError
from core.interchange.textfile import MAX_LINE_CHARS, Reading, detect_reading, line_too_long
from core.i18n import _

MAX_FIELD_CHARS = 16 * 1024 * 1024  # a note may be long (128 KB and more); a 16 MB cell is not a note
csv.field_size_limit(MAX_FIELD_CHARS)


class Table:
    """A header and its rows; ``lines[i]`` is the line of the file on which row i starts.

    A CSV's rows are not kept: each pass (``numbered``) reads them again from the file's bytes, so
    a till's export of a million rows costs its bytes and nothing more while it is planned and
    written. An Excel sheet's or a column-aligned table's rows are kept in lists."""

    def __init__(self, header: list[str], rows: list[list[str]], lines: list[int], delimiter: str,
                 stream: Callable[[], Iterator[tuple[int, list[str]]]] | None = None, count: int = 0) -> None:
        self.header, self.delimiter = header, delimiter
        self._stream, self._count = stream, count
        self.rows: Sequence[list[str]] = rows if stream is None else _Pass(self, 1)
        self.lines: Sequence[int] = lines if stream is None else _Pass(self, 0)

    def __len__(self) -> int:
        return self._count if self._stream is not None else len(self.rows)

    def numbered(self) -> Iterator[tuple[int, list[str]]]:
        """Each row with the line it starts on, in the file's order (one pass over the file)."""
        if self._stream is not None:
            return self._stream()
        return zip(self.lines, self.rows)

    def first(self, count: int) -> list[list[str]]:
        """The first ``count`` rows (a preview, a sample to guess columns from)."""
        return [row for _ignored, row in islice(self.numbered(), count)]

    def column(self, name: str) -> int | None:
        wanted = _norm(name)
        for index, title in enumerate(self.header):
            if _norm(title) == wanted:
                return index
        return None

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Each row as {header: value} with its line number (missing cells are empty)."""
        for line, row in self.numbered():
            yield line, {title: (row[i].strip() if i < len(row) else "") for i, title in enumerate(self.header)}


class _Pass(Sequence[Any]):
    """A streamed table's rows (``part`` 1) or lines (0), for the few readers that want one
    alone; each use is a pass over the file."""

    def __init__(self, table: Table, part: int) -> None:
        self._table, self._part = table, part

    def __len__(self) -> int:
        return len(self._table)

    def __iter__(self) -> Iterator[Any]:
        return (pair[self._part] for pair in self._table.numbered())

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return list(islice(self, *index.indices(len(self))))
        position = index + len(self) if index < 0 else index
        found = next(islice(self, position, None), _MISSING) if 0 <= position else _MISSING
        if found is _MISSING:
            raise IndexError(index)
        return found


_MISSING = object()


def _norm(title: str) -> str:
    return " ".join(title.strip().lower().replace("_", " ").split())


def read_table(data: bytes | str, reading: Reading | None = None) -> Table:
    """A delimited table with a header row, read as ``reading`` says (detected when not given).
    Raises ImportFileError naming the line."""
    if isinstance(data, str):
        text = data.lstrip("\ufeff")

        def lines() -> Iterator[str]:
            return _checked_lines(_lines_with_ends(text))
    else:
        chosen = reading or detect_reading(data)

        def lines() -> Iterator[str]:
            return _checked_lines(_decoded_lines(data, chosen))
    head = [line.rstrip("\r\n") for line, _ignored in zip(lines(), range(20))]
    if _is_whitespace_table(head):
        return _read_whitespace("".join(lines()))
    delimiter = sniff_delimiter("\n".join(head))
    first: list[tuple[int, list[str]]] = []
    count = 0
    for pair in _rows(lines(), delimiter):  # the whole file once: a bad quote is found before anything is planned
        count += 1
        if len(first) < PREAMBLE_ROWS:
            first.append(pair)
    if not first:
        if not any(line.strip() for line in lines()):
            raise ImportFileError(_("the file is empty"))
        raise ImportFileError(_("the file has no rows"))
    at = _header_at([row for _ignored, row in first])
    header = _header(first[at][1], first[at][0])

    def numbered() -> Iterator[tuple[int, list[str]]]:
        return islice(_rows(lines(), delimiter), at + 1, None)
    return Table(header, [], [], delimiter, stream=numbered, count=count - at - 1)


def _rows(lines: Iterator[str], delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """The rows with something in them, each with the line it starts on."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc) or "EOF" in str(exc):
            raise ImportFileError(_("a quote (\") opened on this line is never closed, so the rest of the file "
                                  "would be read as one cell; close the quote and import again"), start) from None
        raise ImportFileError(_("this line is not valid CSV ({exc})").format(exc=exc), reader.line_num) from None


def _decoded_lines(data: bytes, reading: Reading) -> Iterator[str]:
    """The file's lines as text, each with its line end, decoded as they are read."""
    raw = io.BytesIO(data)  # shares the bytes: no copy is made
    raw.seek(reading.start)
    stream = io.TextIOWrapper(raw, encoding=reading.codec, errors=reading.errors, newline="")
    first = next(stream, "")
    if first:
        yield first.lstrip("\ufeff")
    yield from stream


def _checked_lines(lines: Iterator[str]) -> Iterator[str]:
    """The lines, refusing one over ``MAX_LINE_CHARS`` by its number: a 50 MB one-line CSV gave a
    traceback, and a file like that is not a table of contacts."""
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS and len(line.rstrip("\r\n")) > MAX_LINE_CHARS:
            raise line_too_long(number, len(line.rstrip("\r\n")), "CSV")
        yield line


PREAMBLE_ROWS = 30  # how far down a header may stand below an export's title or notes


def table_from_rows(rows: list[list[str]], lines: list[int], delimiter: str) -> Table:
    """A table kept in lists (an Excel sheet): the header found as ``_header_at`` says."""
    if not rows:
        raise ImportFileError(_("the file has no rows"))
    at = _header_at(rows[:PREAMBLE_ROWS])
    return Table(header=_header(rows[at], lines[at]), rows=rows[at + 1:], lines=lines[at + 1:], delimiter=delimiter)


def _header_at(head: list[list[str]]) -> int:
    """The header is the first row, unless that row is a single cell: then a preamble stands above
    it (LinkedIn's "Notes:" and its paragraph, a till report's title and merchant rows), and the
    header is the first row as full as any in the file's first rows."""
    filled = [sum(1 for cell in row if cell.strip()) for row in head]
    widest = max(filled)
    # A first row of one cell ("Notes:", a report's title) opens a preamble; a header's row is
    # never that narrow. Any other first row is the header, as a table's always was.
    return filled.index(widest) if filled[0] == 1 and widest >= 2 else 0


def _header(row: list[str], line: int) -> list[str]:
    header = [cell.strip().lstrip("\ufeff") for cell in row]
    if not any(header):
        raise ImportFileError(_("the first line should name the columns, but it is empty"), line)
    return header


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
    return [line.rstrip("\r\n") for line, _ignored in zip(_lines_with_ends(text), range(count))]


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


def _is_whitespace_table(first: list[str]) -> bool:
    """A till or statistics export with columns lined up by spaces (CDNOW): no commas, no tabs."""
    head = [line for line in first if line.strip()]
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
