"""Command-line import, export, merge and sources: the same core as the window's wizard.

``rapport import FILE`` recognises the file by its content and prints the preview; nothing is
written with ``--dry-run``. Bad input exits 2 with a message naming the line.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Callable, TextIO

from core import operations
from core.errors import ValidationError
from core.interchange.encodings import in_words
from core.interchange.records import CONTACT_FIELDS, CONTACTS, EXPORT_FORMATS, SALES, SALES_FIELDS
from core.outputs import checked_output
from core.store.contacts import VIEW_ALL, VIEW_SOURCE_PREFIX

if TYPE_CHECKING:
    from core.store import Book



def add_parsers(sub: argparse._SubParsersAction, contact_number: Callable[[str], int]) -> None:
    """The interchange commands; ``contact_number`` reads a contact's number, as core.cli does for all."""
    imp = sub.add_parser("import", help="import contacts (vCard, Google, Outlook, any CSV) or a sales log")
    imp.add_argument("file")
    imp.add_argument("--source", default="", help='the list they came from, e.g. "Bridal fair 2026"')
    imp.add_argument("--dry-run", action="store_true", help="print what would happen and change nothing")
    kind = imp.add_mutually_exclusive_group()
    kind.add_argument("--contacts", action="store_const", const=CONTACTS, dest="force", help="read it as contacts")
    kind.add_argument("--sales", action="store_const", const=SALES, dest="force", help="read it as a sales log")
    imp.add_argument("--encoding", default="", metavar="NAME",
                     help="read the file in this encoding (utf-8, cp1252, mac_roman, gbk, shift_jis, big5…) "
                          "when the guessed one shows the names wrong")
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                     help=f"which column holds a field; contact fields: {', '.join(CONTACT_FIELDS)}; "
                          f"sales fields: {', '.join(SALES_FIELDS)}")

    exp = sub.add_parser("export", help="export contacts as vCard, CSV, phone or email list, or a calendar")
    exp.add_argument("--format", required=True, choices=list(EXPORT_FORMATS))
    exp.add_argument("--view", default=VIEW_ALL, help="all, a tier, due, slipping, hybrid, or source:NAME")
    exp.add_argument("--out", required=True, help="the file to write")

    merge = sub.add_parser("merge", help="merge two contacts: OTHER's history moves to KEEP")
    merge.add_argument("keep", type=contact_number)
    merge.add_argument("other", type=contact_number)

    sub.add_parser("sources", help="per source list, how far its people came up the ladder")


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise ValidationError("--map", pair, "write it as FIELD=COLUMN, e.g. date=Order date")
        if field.strip() not in CONTACT_FIELDS + SALES_FIELDS:
            raise ValidationError("--map", pair, f"unknown field {field.strip()!r}")
        mapping[field.strip()] = column.strip()
    return mapping


def run_import(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    from core.interchange import load, plan_import  # the import stack, for the one command that reads files

    loaded = load(args.file, force=args.force, encoding=args.encoding)
    plan = plan_import(book, loaded, source=args.source, mapping=_mapping(args.map) or None, today=args.today)
    print(f"{args.file}: {loaded.description}", file=out)
    if loaded.encoding != "utf-8":
        names = ", ".join(c.name for c in plan.creates[:5])
        print(f"  read as {in_words(loaded.encoding)}" + (f"; the first names read: {names}" if names else ""),
              file=out)
    if loaded.encoding_weak and not args.encoding:
        print("  note: the file's encoding is a guess; if those names look wrong, import it again with "
              "--encoding NAME (cp1252, mac_roman, gbk, shift_jis, big5…)", file=out)
    for line in plan.summary():
        print(f"  {line}", file=out)
    for skipped in plan.skipped[:20]:
        print(f"    line {skipped.line}: {skipped.what}: {skipped.reason}", file=out)
    if len(plan.skipped) > 20:
        print(f"    … and {len(plan.skipped) - 20:,} more skipped", file=out)
    for warning in plan.warnings[:20]:
        print(f"  note: {warning}", file=out)
    if args.dry_run:
        print("Nothing was changed (--dry-run).", file=out)
        return 0
    if plan.is_empty:
        print(plan.nothing_to_import(), file=out)
        return 0
    result = operations.apply_import(book, plan, args.today).value
    print(result.sentence(), file=out)
    if result.backup:
        print(f"A backup from before the import: {result.backup}", file=out)
    return 0


def run_export(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    ids = book.contacts.ids(args.view, today=args.today)
    from core.interchange.export import write_export
    from core.interchange.exporting import render_export, written_in_words

    content = render_export(book, ids, args.format, args.today)
    target = write_export(checked_output(args.out, book.path), content)
    print(f"Wrote {written_in_words(args.format, content, len(ids))} to {target}.", file=out)
    return 0


def run_merge(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    other = book.contacts.get(args.other)
    operations.merge(book, args.keep, args.other, args.today)
    keep = book.contacts.get(args.keep)
    print(f"Merged {other.name} (contact {args.other}) into {keep.name} (contact {args.keep}); "
          f"contact {args.other} is in the Trash.", file=out)
    return 0


def run_sources(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    rows = book.interchange.sources()
    if not rows:
        print("No contact has a source yet (import a list with --source NAME).", file=out)
        return 0
    tiers = ("suspect", "prospect", "customer", "client", "partner")
    print(f"{'Source':<30} {'People':>7} " + " ".join(f"{t.capitalize() + 's':>10}" for t in tiers), file=out)
    for source, counts in rows:
        print(f"{source[:30]:<30} {sum(counts.values()):>7} " + " ".join(f"{counts.get(t, 0):>10}" for t in tiers),
              file=out)
    return 0


HANDLERS: dict[str | None, Callable[..., int]] = {"import": run_import, "export": run_export, "merge": run_merge, "sources": run_sources}
__all__ = ["HANDLERS", "VIEW_SOURCE_PREFIX", "add_parsers"]
