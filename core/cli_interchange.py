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
from core.domain import Tier
from core.i18n import _

if TYPE_CHECKING:
    from core.store import Book



def add_parsers(sub: argparse._SubParsersAction, contact_number: Callable[[str], int]) -> None:
    """The interchange commands; ``contact_number`` reads a contact's number, as core.cli does for all."""
    imp = sub.add_parser("import", help=_("import contacts (vCard, Google, Outlook, any CSV) or a sales log"))
    imp.add_argument("file")
    imp.add_argument("--source", default="", help=_('the list they came from, e.g. "Bridal fair 2026"'))
    imp.add_argument("--dry-run", action="store_true", help=_("print what would happen and change nothing"))
    kind = imp.add_mutually_exclusive_group()
    kind.add_argument("--contacts", action="store_const", const=CONTACTS, dest="force", help=_("read it as contacts"))
    kind.add_argument("--sales", action="store_const", const=SALES, dest="force", help=_("read it as a sales log"))
    imp.add_argument("--encoding", default="", metavar="NAME",
                     help=_("read the file in this encoding (utf-8, cp1252, mac_roman, gbk, shift_jis, big5…) "
                          "when the guessed one shows the names wrong"))
    imp.add_argument("--map", action="append", default=[], metavar=_("FIELD=COLUMN"),
                     help=_("which column holds a field; contact fields: {join}; sales fields: {join2}").format(join=', '.join(CONTACT_FIELDS), join2=', '.join(SALES_FIELDS)))

    exp = sub.add_parser("export", help=_("export contacts as vCard, CSV, phone or email list, or a calendar"))
    exp.add_argument("--format", required=True, choices=list(EXPORT_FORMATS))
    exp.add_argument("--view", default=VIEW_ALL, help=_("all, a tier, due, slipping, hybrid, or source:NAME"))
    exp.add_argument("--out", required=True, help=_("the file to write"))

    merge = sub.add_parser("merge", help=_("merge two contacts: OTHER's history moves to KEEP"))
    merge.add_argument("keep", type=contact_number)
    merge.add_argument("other", type=contact_number)

    sub.add_parser("sources", help=_("per source list, how far its people came up the ladder"))


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise ValidationError("--map", pair, _("write it as FIELD=COLUMN, e.g. date=Order date"))
        if field.strip() not in CONTACT_FIELDS + SALES_FIELDS:
            raise ValidationError("--map", pair, _("unknown field {field!r}").format(field=field.strip()))
        mapping[field.strip()] = column.strip()
    return mapping


def run_import(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    from core.interchange import load, plan_import  # the import stack, for the one command that reads files

    loaded = load(args.file, force=args.force, encoding=args.encoding)
    plan = plan_import(book, loaded, source=args.source, mapping=_mapping(args.map) or None, today=args.today)
    print(f"{args.file}: {loaded.description}", file=out)
    if loaded.encoding != "utf-8":
        names = ", ".join(c.name for c in plan.creates[:5])
        print(_("  read as {in_words}").format(in_words=in_words(loaded.encoding)) + (_("; the first names read: {names}").format(names=names) if names else ""),
              file=out)
    if loaded.encoding_weak and not args.encoding:
        print(_("  note: the file's encoding is a guess; if those names look wrong, import it again with "
              "--encoding NAME (cp1252, mac_roman, gbk, shift_jis, big5…)"), file=out)
    for line in plan.summary():
        print(f"  {line}", file=out)
    for skipped in plan.skipped[:20]:
        print(_("    line {line}: {what}: {reason}").format(line=skipped.line, what=skipped.what, reason=skipped.reason), file=out)
    if len(plan.skipped) > 20:
        print(_("    … and {value:,} more skipped").format(value=len(plan.skipped) - 20), file=out)
    for warning in plan.warnings[:20]:
        print(f"  note: {warning}", file=out)
    if args.dry_run:
        print(_("Nothing was changed (--dry-run)."), file=out)
        return 0
    if plan.is_empty:
        print(plan.nothing_to_import(), file=out)
        return 0
    result = operations.apply_import(book, plan, args.today).value
    print(result.sentence(), file=out)
    if result.backup:
        print(_("A backup from before the import: {backup}").format(backup=result.backup), file=out)
    return 0


def run_export(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    ids = book.contacts.ids(args.view, today=args.today)
    from core.interchange.export import write_export
    from core.interchange.exporting import render_export, written_in_words

    content = render_export(book, ids, args.format, args.today)
    target = write_export(checked_output(args.out, book.path), content)
    print(_("Wrote {written_in_words} to {target}.").format(written_in_words=written_in_words(args.format, content, len(ids)), target=target), file=out)
    return 0


def run_merge(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    other = book.contacts.get(args.other)
    operations.merge(book, args.keep, args.other, args.today)
    keep = book.contacts.get(args.keep)
    print(_("Merged {name} (contact {other}) into {name2} (contact {keep}); contact {other} is in the Trash.").format(name=other.name, other=args.other, name2=keep.name, keep=args.keep), file=out)
    return 0


def run_sources(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    rows = book.interchange.sources()
    if not rows:
        print(_("No contact has a source yet (import a list with --source NAME)."), file=out)
        return 0
    tiers = ("suspect", "prospect", "customer", "client", "partner")
    print(f"{_('Source'):<30} {_('People'):>7} " + " ".join(f"{Tier(t).plural:>10}" for t in tiers), file=out)
    for source, counts in rows:
        print(f"{source[:30]:<30} {sum(counts.values()):>7} " + " ".join(f"{counts.get(t, 0):>10}" for t in tiers),
              file=out)
    return 0


HANDLERS: dict[str | None, Callable[..., int]] = {"import": run_import, "export": run_export, "merge": run_merge, "sources": run_sources}
__all__ = ["HANDLERS", "VIEW_SOURCE_PREFIX", "add_parsers"]
