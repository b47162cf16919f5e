"""The command line: the same core as the GUI, for scripting and the owner's weekly cron.

Exit status 0 on success, 2 with a one-line message on bad input (the book is unchanged).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Callable, NoReturn, Sequence, TextIO

from core import cli_interchange as interchange
from core import cli_forecast, cli_ladder, cli_occasions, cli_settings, daily_care
from core import operations
from core.dates import week_of
from core.domain import Contact, Tier
from core.errors import RapportError, ValidationError, sqlite_refusal_in_words
from core.outputs import checked_output, write_atomically
from core.store.sync import first_open_notice
from core.interchange import ImportFileError
from core.paths import resolve_book_path
from core.store import Book
from core.store.lock import BookLockedError
from core.store.contacts import VIEW_ALL
from core.text import format_day
from core.validation import parse_day
from core.i18n import _, ngettext

Handler = Callable[[Book, argparse.Namespace, TextIO], int]
# Commands that only read: they never create a book where there is none.
READ_ONLY_COMMANDS = {"list", "show", "tiers", "plan", "checklist", "moves", "sources", "export", "about", "dashboard"}


def contact_number(text: str) -> int:
    """A contact's number as typed on the command line: a whole number SQLite can hold."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a contact number (see 'rapport list')").format(text=text)) from None
    if not 1 <= number < 2**63:
        raise argparse.ArgumentTypeError(_("there is no contact number {text}").format(text=text))
    return number


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad input in one line and exits 2, like every other error here."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"rapport: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rapport", description=_("Rapport, your relationship book. No command opens the window."))
    parser.add_argument("--book", help=_("the book file to use (default: $RAPPORT_BOOK or your data folder)"))
    parser.add_argument("--today", help=argparse.SUPPRESS)  # fixed 'today' for scripted examples
    parser.add_argument("--minimised", action="store_true", help=_("open the window minimised (as at login)"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    add = sub.add_parser("add", help=_("add a contact"))
    add.add_argument("name")
    add.add_argument("--organisation", default="")
    add.add_argument("--phone", action="append", default=[])
    add.add_argument("--email", action="append", default=[])
    add.add_argument("--address", default="")
    add.add_argument("--tag", action="append", default=[])
    add.add_argument("--notes", default="")
    add.add_argument("--how-met", default="")
    add.add_argument("--label", help=_("what you call them: customer, client, partner…"))
    add.add_argument("--role", default="customer", choices=["customer", "supplier", "team"],
                     help=_("customer (on the ladder, the default), supplier (you buy from them) or team (outside it)"))

    log = sub.add_parser("log", help=_("log an interaction with a contact"))
    log.add_argument("contact", type=contact_number, help=_("the contact's number (see 'rapport list')"))
    log.add_argument("kind", help=_("inquiry, purchase, conversation, advice, referral_received, …"))
    log.add_argument("--date", help=_("YYYY-MM-DD (default today)"))
    log.add_argument("--amount", help=_("for a purchase, e.g. 42.50"))
    log.add_argument("--note", default="")
    log.add_argument("--referred", type=contact_number, help=_("for a referral: the referred contact's number"))

    lst = sub.add_parser("list", help=_("list contacts"))
    lst.add_argument("--tier", choices=[t.value for t in Tier])
    lst.add_argument("--search", default="")
    lst.add_argument("--source", help=_("only contacts from this source list"))
    lst.add_argument("--view", choices=["hybrid", "due", "slipping", "occasions", "supplier", "team", "trash"],
                     help=_("partners who also buy, due this week, slipping away, occasions in the next 60 days, "
                          "suppliers, the team, or the trash"))

    show = sub.add_parser("show", help=_("one contact with its tier, plan and interactions"))
    show.add_argument("contact", type=contact_number)

    sub.add_parser("tiers", help=_("how many contacts stand on each rung"))

    plan = sub.add_parser("plan", help=_("cultivation plans as text, or as a PDF with --out"))
    plan.add_argument("contacts", type=contact_number, nargs="+")
    plan.add_argument("--out", help=_("write a PDF, one page per contact"))

    checklist = sub.add_parser("checklist", help=_("the weekly partner-cultivation checklist"))
    checklist.add_argument("--week", help=_("any day of the week (default this week)"))
    checklist.add_argument("--out", help=_("write a PDF instead of text"))

    moves = sub.add_parser("moves", help=_("who moved between tiers"))
    moves.add_argument("--since", required=True, help=_("YYYY-MM-DD"))
    moves.add_argument("--until", help=_("YYYY-MM-DD (default today)"))
    moves.add_argument("--from", dest="from_tier", choices=[t.value for t in Tier], help=_("only moves from this tier"))
    moves.add_argument("--to", dest="to_tier", choices=[t.value for t in Tier], help=_("only moves to this tier"))

    sub.add_parser("backup", help=_("make a backup of the book now"))
    about = sub.add_parser("about", help=_("everything the book holds on one contact, as JSON (an access request)"))
    about.add_argument("contact", type=contact_number)
    about.add_argument("--out", required=True, help=_("the JSON file to write"))
    forget = sub.add_parser("forget", help=_("remove a contact and every trace of them for good (an erasure request)"))
    forget.add_argument("contact", type=contact_number)
    forget.add_argument("--confirm", action="store_true", help=_("yes, forget them: this cannot be undone"))
    sub.add_parser("backups", help=_("list the good backups: when, why, how many contacts"))
    restore = sub.add_parser("restore", help=_("put a backup in place of the book (the book is set aside, not deleted)"))
    restore.add_argument("backup", help=_("the backup file (see 'rapport backups')"))
    sub.add_parser("install-desktop", help=_("put Rapport in this Linux desktop's menu (for you only)"))
    demo = sub.add_parser("demo", help=_("make a demo book to try Rapport on (a flower shop, or --restaurant)"))
    demo.add_argument("path", help=_("the new book's file; an existing file is never written over"))
    demo.add_argument("--restaurant", action="store_true", help=_("a restaurant with 3,000 guests and a forecast"))
    autostart = sub.add_parser("autostart", help=_("start Rapport minimised at login (Linux desktops), or not"))
    autostart.add_argument("state", choices=["on", "off"])
    interchange.add_parsers(sub, contact_number)
    cli_ladder.add_parsers(sub, contact_number)
    cli_occasions.add_parsers(sub, contact_number)
    cli_settings.add_parsers(sub)
    cli_forecast.add_parsers(sub, contact_number)
    return parser


def _demo(path: Path, restaurant: bool, today: date, out: TextIO) -> int:
    """Make a demo book at ``path``: the flower shop, or the restaurant with its forecast fitted."""
    if path.exists():
        raise RapportError(_("{path} already exists; a demo book is only made as a new file").format(path=path))
    if restaurant:
        from core.demo_restaurant import create_restaurant_demo as create
    else:
        from core.demo import create_demo_book as create
    create(path, today).close()
    print(_("Made the demo book {path}: open it with rapport --book \"{path}\"").format(path=path), file=out)
    return 0


def _year_less_days_as_values(argv: Sequence[str]) -> list[str]:
    """A year-less day as vCard writes it (``--06-04``) is a value, not an option: argparse would take
    it for an unknown option, so it is passed on with a leading space (which the day reader strips)."""
    return [f" {arg}" if re.fullmatch(r"--\d{2}-\d{2}", arg) else arg for arg in argv]


def run(argv: Sequence[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run one command-line call; returns the exit status."""
    args = build_parser().parse_args(_year_less_days_as_values(argv))
    try:
        today = parse_day(args.today, "--today") if args.today else date.today()
        args.today = today
        if args.command in ("backups", "restore"):  # these work when the book itself will not open
            return _backups(resolve_book_path(args.book), args, out)
        if args.command == "autostart":  # no book involved
            from core.desktop_entry import set_autostart

            entry = set_autostart(args.state == "on")
            said = _("Rapport starts minimised at login ({entry}).").format(entry=entry) if args.state == "on" else \
                _("Rapport no longer starts at login ({entry} removed).").format(entry=entry)
            print(said, file=out)
            return 0
        if args.command == "demo":  # a new book of its own, never the owner's
            return _demo(Path(args.path), args.restaurant, today, out)
        if args.command == "install-desktop":  # no book involved
            from core.desktop_entry import install_desktop_entry

            for written in install_desktop_entry():
                print(_("Wrote {written}").format(written=written), file=out)
            return 0
        reads_only = args.command in READ_ONLY_COMMANDS or (args.command == "settings" and args.value is None)
        path = resolve_book_path(args.book)
        care_after = daily_care.deferred(path)  # the check and the daily backup never hold the command
        if care_after and daily_care.backup_problem(path) and args.command != "backup":
            print(f"rapport: {daily_care.backup_problem(path)}", file=err)  # said once a command; it goes on
        try:
            with _open(path, reads_only, care_after) as book:
                return _run_on(book, args, today, out, err)
        finally:
            if care_after and path.exists():
                daily_care.start(path)
    except (RapportError, ImportFileError) as exc:
        print(f"rapport: {exc}", file=err)
        return 2
    except BrokenPipeError:
        raise  # main() quiets a closed pipe (rapport list | head -1)
    except OSError as exc:
        print(f"rapport: {exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}", file=err)
        return 2
    except sqlite3.Error as exc:
        print(_("rapport: {sqlite_refusal_in_words}; nothing was changed.").format(sqlite_refusal_in_words=sqlite_refusal_in_words(exc)), file=err)
        return 2


def _run_on(book: Book, args: argparse.Namespace, today: date, out: TextIO, err: TextIO) -> int:
    if book.backup_problem and args.command != "backup":  # said once; the command goes on
        print(f"rapport: {book.backup_problem}", file=err)
    if book.foreign_wal is not None:
        print(f"rapport: {book.read_only_reason}", file=err)
    notice = first_open_notice(book.path)  # a synced folder: what is safe there, said once
    if notice:
        print(f"rapport: {notice}", file=err)
    if args.command in ("tiers", "checklist", "plan", "list", "moves") and not book.read_only \
            and book.status.is_stale(today):
        operations.bring_up_to_date(book, today)  # only those whose day has come (evidence aged out of W…)
    return HANDLERS[args.command](book, args, out)


def _backups(path: Path, args: argparse.Namespace, out: TextIO) -> int:
    from core.store.lock import WriterLock
    from core.store.safety import backup_catalogue, is_future, restore_backup

    if args.command == "backups":
        found = backup_catalogue(path)
        for info in found:
            noun = "contact" if info.contacts == 1 else "contacts"
            when = f"{info.made_at:%Y-%m-%d %H:%M}" + (f" ({info.when})" if is_future(info.made_at) else "")
            print(f"{when}  {info.reason:<26} {info.contacts:>7,} {noun:<8}  {info.path}", file=out)
        print(ngettext("{count} good backup", "{count} good backups", len(found)).format(count=len(found)), file=out)
        return 0
    lock = WriterLock(path)
    lock.acquire(3.0)
    try:
        aside = restore_backup(Path(args.backup).expanduser(), path)
    finally:
        lock.release()
    kept = _("The book as it was is kept as {aside}.").format(aside=aside) if aside else _("There was no book to set aside.")
    print(_("Restored {backup}. {kept}").format(backup=args.backup, kept=kept), file=out)
    return 0


def _open(path: Path, reads_only: bool, care_after: bool) -> Book:
    """Writers wait briefly for the one-writer lock; a command that only reads never creates a book,
    and when a window holds the book it reads beside it (the window keeps the tiers current). With
    ``care_after``, the day's check and backup are left to ``daily_care`` after the command."""
    check: bool | str = False if care_after else "daily"
    backup = not care_after
    if not reads_only:
        return Book.open(path, check_integrity=check, backup_daily=backup)
    try:
        return Book.open(path, create=False, wait=0, check_integrity=check, backup_daily=backup)
    except BookLockedError:
        return Book.open(path, create=False, writer=False, check_integrity=check, backup_daily=backup)


def _add(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    contact = operations.add_contact(
        book,
        Contact(
            name=args.name, organisation=args.organisation, phones=tuple(args.phone), emails=tuple(args.email),
            address=args.address, tags=tuple(args.tag), notes=args.notes, how_met=args.how_met, label=args.label,
            role=args.role,
        ),
        today=args.today,
    ).value
    print(_("Added {name} as contact {id}.").format(name=contact.name, id=contact.id), file=out)
    return 0


def _log(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    done = operations.log(book, args.contact, args.kind, args.date, note=args.note, amount=args.amount,
                          referred_contact_id=args.referred, today=args.today)
    logged, name = done.value, book.contacts.get(args.contact).name
    print(_("Logged {label} for {name} on {occurred_on}.").format(label=logged.kind.label.lower(), name=name, occurred_on=format_day(logged.occurred_on)), file=out)
    # A referral moves the one it names too: theirs after the contact's own.
    for move in sorted(done.changes.moves, key=lambda m: (m.contact_id != args.contact, m.contact_name)):
        print(_("{contact_name} is now a {label}.").format(contact_name=move.contact_name, label=move.to_tier.label), file=out)
    return 0


def _list(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    view = f"source:{args.source}" if args.source else (args.view or args.tier or VIEW_ALL)
    if view == "occasions":
        book.occasions.mark_coming(args.today)
    rows = book.contacts.list_rows(view, args.search)
    if args.source and args.tier:
        rows = [r for r in rows if r.tier is not None and r.tier.value == args.tier]
    # One write for the lot: a view of 34,000 printed line by line spent a sixth of its time printing.
    out.write("".join(f"{row.id:>6}  {row.name:<30}  {row.display:<24}{'  ' + row.phone if row.phone else ''}\n"
                      for row in rows))
    print(f"{len(rows)} contact{'s' if len(rows) != 1 else ''}", file=out)
    return 0


def _plan(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    if args.out is not None:
        from core.printing import render_plans

        target = checked_output(args.out, book.path)
        sheets = [book.status.plan_sheet(cid, args.today) for cid in args.contacts]
        settings = book.settings()
        pages = write_atomically(target, lambda tmp: render_plans(
            sheets, tmp, business_name=settings.business_name, paper_size=settings.paper_size,
            printed_on=args.today, currency=settings.currency))
        print(ngettext("Wrote {pages} page to {target}.", "Wrote {pages} pages to {target}.", pages).format(pages=pages, target=target), file=out)
        return 0
    for cid in args.contacts:
        plan = book.status.plan(cid, args.today)
        heading = f" → {plan.next_tier.label}" if plan.next_tier else ""
        print(f"{plan.contact.name}: {plan.result.display}{heading}", file=out)
        for step in plan.steps:
            print(f"  [ ] {step.text}" + (_("  (by {day})").format(day=format_day(step.due_on)) if step.dated else ""), file=out)
    return 0


def _checklist(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    day = parse_day(args.week, "--week") if args.week else args.today
    monday = week_of(day)[0]
    page_limit = book.settings().checklist_pages
    # One person's week: as many lines per section as the printout could hold, and how many more.
    checklist = book.status.checklist(monday, args.today, per_section=(40 if args.out else 25) if page_limit else None)
    if args.out is not None:
        from core.printing import render_checklist

        target = checked_output(args.out, book.path)
        pages = write_atomically(target, lambda tmp: render_checklist(
            checklist, tmp, paper_size=book.settings().paper_size, printed_on=args.today,
            max_pages=book.settings().checklist_pages))
        print(ngettext("Wrote {pages} page to {target}.", "Wrote {pages} pages to {target}.", pages).format(pages=pages, target=target), file=out)
        return 0
    print(_("{business_name}: partner-cultivation checklist, {week_start} – {week_end}").format(business_name=checklist.business_name, week_start=format_day(checklist.week_start), week_end=format_day(checklist.week_end)), file=out)
    if checklist.summary:
        print(checklist.summary, file=out)
    for section in checklist.sections:
        print(f"\n{section.title}", file=out)
        if not section.entries:
            print(_("  Nobody this week"), file=out)
        for entry in section.entries:
            phone = f"  {entry.phone}" if entry.phone else ""
            step = _("\n      Step: {step}").format(step=entry.step) if entry.step else ""  # none left this cycle: the why alone
            print(_("  [ ] {name}{phone}\n      Why: {why}{step}").format(name=entry.name, phone=phone, why=entry.why, step=step), file=out)
        if section.more:
            print(_("  and {more:,} more: see “This week” in Rapport").format(more=section.more), file=out)
    return 0


def _moves(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    since = parse_day(args.since, "--since")
    until = parse_day(args.until, "--until") if args.until else args.today
    changes = book.status.moves(since, until, from_tier=Tier(args.from_tier) if args.from_tier else None,
                         to_tier=Tier(args.to_tier) if args.to_tier else None)
    for change in changes:
        before = change.from_tier.label if change.from_tier else "—"
        print(f"{change.changed_on.isoformat()}  {change.contact_name:<30} {before} → {change.to_tier.label}"
              f"  {change.reason}", file=out)
    print(f"{len(changes)} move{'s' if len(changes) != 1 else ''}", file=out)
    return 0


def _backup(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    print(_("Backed up to {backup}").format(backup=book.backup()), file=out)
    return 0


def _about(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    from core.interchange.export import write_export

    name = book.contacts.get(args.contact, include_deleted=True).name
    target = write_export(checked_output(args.out, book.path), book.privacy.everything_about_json(args.contact))
    print(_("Wrote everything about {name} to {target}.").format(name=name, target=target), file=out)
    return 0


def _forget(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    name = book.contacts.get(args.contact, include_deleted=True).name
    if not args.confirm:
        raise ValidationError("forget", args.contact, _("this removes {name} and every trace of them for good; add --confirm to go ahead").format(name=name))
    print(operations.forget(book, args.contact, args.today).value, file=out)
    return 0


def _no_gui(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    raise AssertionError("unreachable: main.py opens the GUI when no command is given")


HANDLERS: dict[str | None, Handler] = {
    "add": _add, "log": _log, "list": _list, "show": cli_ladder.show, "tiers": cli_ladder.tiers, "plan": _plan,
    "checklist": _checklist, "moves": _moves, "backup": _backup, "about": _about, "forget": _forget,
    None: _no_gui,
    **interchange.HANDLERS,
    **cli_ladder.HANDLERS,
    **cli_occasions.HANDLERS,
    **cli_settings.HANDLERS,
    **cli_forecast.HANDLERS,
}


def book_argument(argv: Sequence[str]) -> Path | None:
    """The book a GUI start was told to open (--book or RAPPORT_BOOK); None: the last one used."""
    import os

    args, _ignored = build_parser().parse_known_args(argv)
    if args.book is None and not os.environ.get("RAPPORT_BOOK"):
        return None
    return resolve_book_path(args.book)
