"""From a file to an import plan: recognise what the file is, read it, match it to the book.

``plan_import`` never writes; ``book.interchange.apply_import`` carries the plan out. The window's wizard
and ``rapport import`` both go through here, so they recognise files the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from core.bulkwork import collection_held
from core.interchange.csv_read import Table, read_table
from core.interchange.mapping import Recognised, contacts_from_mapping, contacts_from_table, recognise, sales_from_table
from core.interchange.phones import default_country
from core.interchange.plan import ImportPlan, plan_contacts, plan_sales
from core.interchange.records import CONTACTS, SALES, ImportFileError, IncomingSale
from core.interchange.textfile import detect_reading, read_file
from core.interchange.tills import LAYOUTS, till_sales
from core.interchange.vcard_read import looks_like_a_card_without_begin, looks_like_vcard, read_vcards
from core.interchange.xlsx_read import is_xlsx, read_xlsx
from core.i18n import _

if TYPE_CHECKING:
    from core.store import Book



@dataclass
class LoadedFile:
    """A file read and recognised; ``table`` is set for CSV-like files (the mapping step needs it)."""

    path: str
    kind: str  # CONTACTS or SALES
    description: str
    recognised: Recognised | None = None
    table: Table | None = None
    text: str = ""
    mapping: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"  # as read (a codec name: ``encodings.in_words`` says it to the owner)
    encoding_weak: bool = False  # a guess another reading could match: the preview asks to look
    seen: tuple[int, int] = (0, 0)  # the file's size and time when it was read (``file_seen``)


def file_seen(path: str | Path) -> tuple[int, int]:
    """A file's size and modification time: read again elsewhere (a process of its own), it must be
    the file the owner saw in the preview."""
    status = Path(path).stat()
    return status.st_size, status.st_mtime_ns


def load(path: str | Path, force: str | None = None, encoding: str = "") -> LoadedFile:
    """Read the file and say what it is. ``force`` is CONTACTS or SALES to overrule the guess;
    ``encoding`` the owner's choice when the guessed one reads the names wrong."""
    try:
        seen = file_seen(path)
    except OSError:
        seen = (0, 0)  # ``read_file`` says why in the owner's words
    loaded = _load(path, force, encoding)
    loaded.seen = seen
    return loaded


def _load(path: str | Path, force: str | None, encoding: str) -> LoadedFile:
    data = read_file(str(path))
    if is_xlsx(path, data[:4]):  # an Excel workbook (a till's report): its first sheet is the table
        return _recognised(str(path), read_xlsx(path), force)
    reading = detect_reading(data, encoding)
    head = str(memoryview(data)[reading.start:reading.start + 65536], reading.codec, "ignore").lstrip("\ufeff")
    if looks_like_vcard(head):
        if force == SALES:
            raise ImportFileError(_("this is a vCard file (contacts), not a sales log"))
        return LoadedFile(str(path), CONTACTS, _("a vCard file of contacts"), text=reading.text(data),
                          encoding=reading.codec, encoding_weak=reading.weak)
    if looks_like_a_card_without_begin(head):
        raise ImportFileError(_("this looks like a vCard file, but its first card does not start with BEGIN:VCARD "
                              "(the file may be cut at its top); add that line, or export the cards again"), 1)
    # The table keeps the bytes and reads its rows from them on each pass: never the whole text.
    loaded = _recognised(str(path), read_table(data, reading), force)
    loaded.encoding, loaded.encoding_weak = reading.codec, reading.weak
    return loaded


def _recognised(path: str, table: Table, force: str | None) -> LoadedFile:
    """What a table is: a till's export, an address book's, a sales log or a list of contacts."""
    recognised = recognise(table)
    kind = SALES if recognised.format == "sales" or recognised.format.startswith("till:") else CONTACTS
    if force == SALES and kind != SALES:
        from core.interchange.mapping import SALES_FIELDS, guess_mapping

        recognised = Recognised("sales", _("a sales log"), guess_mapping(table, SALES_FIELDS))
        kind = SALES
    elif force == CONTACTS and kind != CONTACTS:
        from core.interchange.mapping import CONTACT_FIELDS, guess_mapping

        recognised = Recognised("contacts", _("a list of contacts"), guess_mapping(table, CONTACT_FIELDS))
        kind = CONTACTS
    return LoadedFile(path, kind, recognised.description, recognised, table, mapping=dict(recognised.mapping))


def plan_import(book: Book, loaded: LoadedFile, source: str = "", mapping: dict[str, str] | None = None,
                today: date | None = None) -> ImportPlan:
    """What importing this file would do to the book; nothing is written."""
    with collection_held():  # the plan keeps every record it reads until it is written
        return _plan(book, loaded, source, mapping, today or date.today())


def _plan(book: Book, loaded: LoadedFile, source: str, mapping: dict[str, str] | None, today: date) -> ImportPlan:
    country = book.settings().country or default_country()
    existing = book.interchange.match_snapshot()
    if loaded.kind == CONTACTS and loaded.table is None:
        cards = read_vcards(loaded.text)
        return plan_contacts(cards, existing, loaded.description, source, country, today)
    assert loaded.table is not None and loaded.recognised is not None
    chosen = dict(mapping) if mapping else loaded.mapping
    if loaded.kind == SALES:
        counted: dict[str, int] = {}
        day_order = ""
        sales: Callable[[], Iterator[IncomingSale]]
        if loaded.recognised.format.startswith("till:") and not mapping:
            layout, table = LAYOUTS[int(loaded.recognised.format.split(":")[1])], loaded.table

            def sales() -> Iterator[IncomingSale]:
                counted.clear()  # each pass over the file counts what it leaves out afresh
                return till_sales(table, layout, counted)
            day_order = layout.day_order
        else:
            sales = sales_from_table(loaded.table, chosen)
        plan = plan_sales(sales, existing, book.interchange.import_keys(), loaded.description, source, country, today,
                          book.number_locale(), day_order)
        for reason, count in counted.items():
            plan.counted[reason] = plan.counted.get(reason, 0) + count
        return plan
    if mapping:
        cards = contacts_from_mapping(loaded.table, chosen)
    else:
        cards = contacts_from_table(loaded.table, loaded.recognised)
    return plan_contacts(cards, existing, loaded.description, source, country, today)
