"""Command-line verbs for occasions: add one, list what is coming, stop one (and take the stop back).

Numbers are those ``rapport show`` prints beside a contact's occasions.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Callable, TextIO

from core import operations
from core.errors import NotFoundError, RapportError
from core.occasions import Occasion, next_on
from core.text import format_day
from core.i18n import _, ngettext

if TYPE_CHECKING:
    from core.store import Book


def add_parsers(sub: argparse._SubParsersAction, contact_number: Callable[[str], int]) -> None:
    occasion = sub.add_parser("occasion", help=_("birthdays, anniversaries and the rest of the year: add, list, stop"))
    verbs = occasion.add_subparsers(dest="occasion_verb", required=True)
    add = verbs.add_parser("add", help=_("add an occasion to a contact"))
    add.add_argument("contact", type=contact_number)
    add.add_argument("kind", help=_("birthday, anniversary, memorial, yearly-order, mothers-day, fathers-day, "
                                  "valentines, or a word of your own"))
    add.add_argument("day", nargs="?", default="", help=_("2019-06-04, 4 Jun, or --06-04 without the year "
                                                        "(none for a floating day such as mothers-day)"))
    add.add_argument("--for", dest="for_whom", default="", help=_("for whom, if not the contact: \"his wife Mei\""))
    add.add_argument("--lead", type=int, default=7, help=_("days of notice (default 7)"))
    add.add_argument("--note", default="")
    listing = verbs.add_parser("list", help=_("every occasion coming up"))
    listing.add_argument("--within", type=int, default=60, help=_("days ahead (default 60)"))
    stop = verbs.add_parser("stop", help=_("stop an occasion (kept, never shown again); --undo brings it back"))
    stop.add_argument("contact", type=contact_number)
    stop.add_argument("number", type=int, help=_("as 'rapport show' numbers them (stopped ones, with --undo)"))
    stop.add_argument("--why", default="", help=_("\"passed away\", \"no more reminders\""))
    stop.add_argument("--undo", action="store_true")


def run(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    verb = args.occasion_verb
    if verb == "add":
        added = operations.add_occasion(book, args.contact, args.kind, args.day, for_whom=args.for_whom,
                                        lead_days=args.lead, note=args.note, today=args.today).value
        name = book.contacts.get(args.contact).name
        settings = book.settings()
        print(f"{name}: {describe(added, args.today, settings.country, settings.leap_day_on_28)}.", file=out)
    elif verb == "list":
        coming = book.occasions.coming(args.today, args.within)
        for on, _contact_id, name, occasion in coming:
            whom = f" (for {occasion.for_whom})" if occasion.for_whom else ""
            print(f"{format_day(on):>12}  {name}: {occasion.what()}{whom}", file=out)
        print(ngettext("{count} occasion in the next {within} days", "{count} occasions in the next {within} days", len(coming)).format(count=len(coming), within=args.within), file=out)
    elif args.undo:
        stopped = [o for o in book.occasions.of(args.contact, include_stopped=True) if o.stopped]
        if not 1 <= args.number <= len(stopped):
            raise NotFoundError(_("No stopped occasion number {number} (there are {count}).").format(number=args.number, count=len(stopped)))
        operations.unstop_occasion(book, stopped[args.number - 1], args.today)
        print(_("{what} brought back.").format(what=stopped[args.number - 1].what().capitalize()), file=out)
    else:
        if not args.why.strip():
            raise RapportError(_("say why with --why (\"passed away\", \"no more reminders\")"))
        done = operations.stop_occasion(book, args.contact, args.number, args.why, args.today).value
        print(_("Stopped: {what} ({stopped_why}). It will not be shown again; 'rapport occasion stop {contact} 1 --undo' brings it back.").format(what=done.what(), stopped_why=done.stopped_why, contact=args.contact), file=out)
    return 0


def describe(occasion: Occasion, today: date, country: str, on_28: bool = True) -> str:
    """"birthday (for his wife Mei), 12 May, next on 12 May 2027, 7 days' notice: peonies"."""
    whom = f" (for {occasion.for_whom})" if occasion.for_whom else ""
    on = next_on(occasion, today, country, on_28)
    when = f", next on {format_day(on)}" if on else ""
    note = f": {occasion.note}" if occasion.note else ""
    return f"{occasion.what()}{whom}{when}, {occasion.lead_days} days' notice{note}"


def show_lines(book: Book, contact_id: int, today: date) -> list[str]:
    """What ``rapport show`` prints of a contact's occasions, numbered as ``stop`` reads them."""
    settings = book.settings()
    country, on_28 = settings.country, settings.leap_day_on_28
    every = book.occasions.of(contact_id, include_stopped=True)
    live = [o for o in every if not o.stopped]
    lines = [f"  {n}. {describe(o, today, country, on_28)}" for n, o in enumerate(live, start=1)]
    stopped = [o for o in every if o.stopped]
    if stopped:
        lines.append(_("  Stopped:"))
        lines += [f"  {n}. {o.what()}: {o.stopped_why}, {format_day(o.stopped_on)}" for n, o in enumerate(stopped, 1)
                  if o.stopped_on]
    return lines


HANDLERS: dict[str | None, Callable[..., int]] = {"occasion": run}
