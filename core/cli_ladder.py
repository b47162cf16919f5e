"""Command-line verbs for the owner's word on the ladder: answers, labels, closed loops, complaints.

Each calls the same core operation as the window, so a command and a click record the same thing.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Callable, TextIO

from core import operations
from core.domain import Closure, Question, Role, Tier
from core.cli_occasions import show_lines
from core.errors import RapportError
from core.text import format_day, format_money, timeline_words
from core.validation import parse_answer, parse_day, parse_question

if TYPE_CHECKING:
    from core.store import Book


def add_parsers(sub: argparse._SubParsersAction, contact_number: Callable[[str], int]) -> None:
    answer = sub.add_parser("answer", help="record one client-test answer")
    answer.add_argument("contact", type=contact_number)
    answer.add_argument("question", choices=[q.value for q in Question])
    answer.add_argument("answer", choices=["yes", "no", "unknown"])
    answer.add_argument("--date", help="YYYY-MM-DD (default today)")

    label = sub.add_parser("label", help="what you call a contact (the evidence still decides the tier)")
    label.add_argument("contact", type=contact_number)
    label.add_argument("label", choices=["customer", "client", "partner", "none"])

    role = sub.add_parser("role", help="customer (on the ladder), supplier (you buy from them) or team (outside it)")
    role.add_argument("contact", type=contact_number)
    role.add_argument("role", choices=[r.value for r in Role])

    pin = sub.add_parser("pin", help="a note never to miss (\"allergic to lilies\"): on the card, the list, every printout")
    pin.add_argument("contact", type=contact_number)
    pin.add_argument("text")
    unpin = sub.add_parser("unpin", help="take a pinned note off (N as 'rapport show' numbers them)")
    unpin.add_argument("contact", type=contact_number)
    unpin.add_argument("number", type=int)

    close = sub.add_parser("close", help="close a loop by hand: not-a-fit, keep-customer or gone")
    close.add_argument("contact", type=contact_number)
    close.add_argument("closure", nargs="?", choices=[c.value for c in Closure])
    close.add_argument("--undo", action="store_true", help="reopen the loop")

    resolve = sub.add_parser("resolve", help="mark a contact's open complaints resolved")
    resolve.add_argument("contact", type=contact_number)
    resolve.add_argument("--date", help="YYYY-MM-DD (default today)")


def _answer(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    recorded = operations.answer(book, args.contact, parse_question(args.question), parse_answer(args.answer),
                                 answered_on=args.date, today=args.today).value
    name = book.contacts.get(args.contact).name
    print(f"{name}: {recorded.question.title} {recorded.answer.value}, on {format_day(recorded.answered_on)}.",
          file=out)
    print(f"{name} is a {book.status.tier_result(args.contact, args.today).display}.", file=out)
    return 0


def _label(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    label = None if args.label == "none" else Tier(args.label)
    operations.set_label(book, args.contact, label, args.today)
    result = book.status.tier_result(args.contact, args.today)
    name = book.contacts.get(args.contact).name
    if result.outside:
        print(f"{name}: label {args.label}; {name} is on the team, outside the ladder.", file=out)
        return 0
    print(f"{name}: label {args.label}; the evidence says {result.tier.value}.", file=out)
    if result.label_warning:
        print(f"  ! {result.label_warning}", file=out)
    return 0


def _role(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    operations.set_role(book, args.contact, args.role, args.today)
    name = book.contacts.get(args.contact).name
    result = book.status.tier_result(args.contact, args.today)
    if result.outside:
        print(f"{name} is on the team: outside the ladder, in no count and on no Monday page.", file=out)
    else:
        print(f"{name} is a {args.role}; now {result.display}.", file=out)
    return 0


def _pin(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    contact = operations.pin_note(book, args.contact, args.text, args.today).value
    pinned = book.contacts.get(args.contact).pinned
    print(f"{contact.name}: pinned note {len(pinned)}: {pinned[-1]}", file=out)
    return 0


def _unpin(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    contact = operations.unpin_note(book, args.contact, args.number, args.today).value
    gone = contact.pinned[args.number - 1]
    print(f"{contact.name}: unpinned \"{gone}\".", file=out)
    return 0


def _close(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    if args.undo == bool(args.closure):
        raise RapportError("give either a closure (not-a-fit, keep-customer, gone) or --undo")
    closure = None if args.undo else Closure(args.closure)
    operations.close_loop(book, args.contact, closure, args.today)
    name = book.contacts.get(args.contact).name
    said = f"closed: {closure.label}" if closure else "reopened"
    print(f"{name}: {said}; now {book.status.tier_result(args.contact, args.today).display}.", file=out)
    return 0


def _resolve(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    day = parse_day(args.date, "--date") if args.date else args.today
    resolved = operations.resolve_complaints(book, args.contact, on=day, today=args.today).value
    name = book.contacts.get(args.contact).name
    print(f"{name}: {len(resolved)} complaint{'s' if len(resolved) != 1 else ''} resolved on {format_day(day)}.",
          file=out)
    return 0


HANDLERS: dict[str | None, Callable[..., int]] = {"answer": _answer, "label": _label, "role": _role, "pin": _pin, "unpin": _unpin, "close": _close, "resolve": _resolve}


def show(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    """One contact as the owner needs them: who, the verdict and why, the answers, the plan,
    the money, the referrals both ways, and the timeline."""
    contact = book.contacts.get(args.contact)
    cid = args.contact  # the number asked for, which get_contact found
    result = book.status.tier_result(cid, args.today)
    currency = book.settings().currency
    print(f"{contact.name}  (contact {cid})", file=out)
    for number, note in enumerate(contact.pinned, start=1):
        print(f"  ! Pinned {number}: {note}", file=out)
    for label, value in (("Kind", contact.kind.label), ("Organisation", contact.organisation),
                         ("Title", contact.title), ("Source", contact.source), ("How they came to us", contact.how_met),
                         ("Label", contact.label.value if contact.label else ""),
                         ("Role", contact.role.label if contact.role is not Role.CUSTOMER else ""),
                         ("Phone", ", ".join(contact.phones)), ("Email", ", ".join(contact.emails)),
                         ("Address", contact.address), ("Tags", ", ".join(contact.tags)),
                         ("Birthday", contact.birthday), ("Anniversary", contact.anniversary), ("Notes", contact.notes)):
        if value:
            print(f"  {label}: {value}", file=out)
    for _, name, day in book.interactions.referred_by(cid):
        print(f"  Referred by {name} on {format_day(day)}", file=out)
    print("Tier: none" if result.outside else f"Tier: {result.display}", file=out)
    for reason in result.reasons:
        print(f"  - {reason}", file=out)
    if result.label_warning:
        print(f"  ! {result.label_warning}", file=out)
    in_window, total = book.revenue.spend(cid, args.today)
    print(f"Spent: {format_money(in_window, currency)} in the window, {format_money(total, currency)} in all",
          file=out)
    answers = book.interactions.answers_for(cid)
    print("Client test:", file=out)
    for question in Question:
        given = answers.get(question)
        said = f"{given.answer.value}, {format_day(given.answered_on)}" if given else "not answered"
        print(f"  {question.title}: {said}", file=out)
    plan = book.status.plan(cid, args.today)
    print("Plan:" if plan.steps else "Plan: nothing to do now", file=out)
    for step in plan.steps:
        print(f"  [ ] {step.text}" + (f"  (by {format_day(step.due_on)})" if step.dated else ""), file=out)
    ledger = book.interactions.referral_ledger(cid)
    if ledger:
        print("Referrals:", file=out)
    for line in ledger:
        whom = f" {line.other_name}" if line.other_name else ""
        if line.direction.value == "referral_received":
            outcome = f": bought, {format_money(line.spent_cents, currency)}" if line.bought else ": not bought yet"
            print(f"  {line.occurred_on.isoformat()}  sent us{whom or ' business'}{outcome if whom else ''}",
                  file=out)
        else:
            print(f"  {line.occurred_on.isoformat()}  we sent them{whom or ' business'}", file=out)
    occasions = show_lines(book, cid, args.today)
    if occasions:
        print("Occasions:\n" + "\n".join(occasions), file=out)
    print("Interactions:", file=out)
    for item in book.interactions.for_contact(cid):
        amount = f" {format_money(item.amount_cents, currency)}" if item.amount_cents is not None else ""
        note = f"  {item.note}" if item.note else ""
        print(f"  {item.occurred_on.isoformat()}  {timeline_words(item.kind.label, item.resolved_on)}{amount}{note}",
              file=out)
    return 0


def tiers(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    """How many stand on each rung, and what each rung spent within the window."""
    counts = book.contacts.view_counts()
    revenue = book.revenue.by_tier(args.today)
    currency = book.settings().currency
    for tier in Tier:
        print(f"{tier.plural:<10} {counts[tier.value]:>7}  {format_money(revenue[tier], currency):>14} in the window",
              file=out)
    print(f"{'Hybrids':<10} {counts['hybrid']:>7}  (partners who also buy)", file=out)
    return 0
