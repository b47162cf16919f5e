"""``rapport settings [KEY [VALUE]]``: the book's settings, listed and set from the command line.

The same validation as the window's Settings dialog (``Book.update_settings``), so a script or the
bench can change one number and see what it did: a ladder setting works out again only the contacts
it can reach, and says who moved.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING, Callable, TextIO

from core import operations
from core.i18n import _, ngettext

if TYPE_CHECKING:
    from core.store import Book


def add_parsers(sub: argparse._SubParsersAction) -> None:
    settings = sub.add_parser("settings", help=_("list the book's settings, show one, or set one"))
    settings.add_argument("key", nargs="?", help=_("a setting's name, as the list shows it (client_cadence_days)"))
    settings.add_argument("value", nargs="?", help=_("its new value"))


def run(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    current = asdict(book.settings())
    if args.key is None:
        width = max(len(key) for key in current)
        for key, value in current.items():
            print(f"{key:<{width}}  {value}", file=out)
        return 0
    shown = book.settings().value_of(args.key, args.value or "")
    if args.value is None:
        print(shown, file=out)
        return 0
    moves = operations.update_settings(book, args.today, **{args.key: args.value}).value
    print(_("{key} is now {asdict}.").format(key=args.key, asdict=asdict(book.settings())[args.key]), file=out)
    if moves:
        print(ngettext("{count:,} contact moved on the ladder:", "{count:,} contacts moved on the ladder:", len(moves)).format(count=len(moves)), file=out)
        for move in moves[:20]:
            print(f"  {move.contact_name}: {move.from_tier.label if move.from_tier else '—'} → {move.to_tier.label}",
                  file=out)
        if len(moves) > 20:
            print(_("  and {value:,} more: rapport moves").format(value=len(moves) - 20), file=out)
    return 0


HANDLERS: dict[str | None, Callable[..., int]] = {"settings": run}
