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
from core.i18n import _, ngettext

if TYPE_CHECKING:
    from core.store import Book


def add_parsers(sub: argparse._SubParsersAction, contact_number: Callable[[str], int]) -> None:
    answer = sub.add_parser("answer", help=_("record one client-test answer"))
    answer.add_argument("contact", type=contact_number)
    answer.add_argument("question", choices=[q.value for q in Question])
    answer.add_argument("answer", choices=["yes", "no", "unknown"])
    answer.add_argument("--date", help=_("YYYY-MM-DD (default today)"))

    label = sub.add_parser("label", help=_("what you call a contact (the evidence still decides the tier)"))
    label.add_argument("contact", type=contact_number)
    label.add_argument("label", choices=["customer", "client", "partner", "none"])

    role = sub.add_parser("role", help=_("customer (on the ladder), supplier (you buy from them) or team (outside it)"))
    role.add_argument("contact", type=contact_number)
    role.add_argument("role", choices=[r.value for r in Role])

    pin = sub.add_parser("pin", help=_("a note never to miss (\"allergic to lilies\"): on the card, the list, every printout"))
    pin.add_argument("contact", type=contact_number)
    pin.add_argument("text")
    unpin = sub.add_parser("unpin", help=_("take a pinned note off (N as 'rapport show' numbers them)"))
    unpin.add_argument("contact", type=contact_number)
    unpin.add_argument("number", type=int)

    close = sub.add_parser("close", help=_("close a loop by hand: not-a-fit, keep-customer or gone"))
    close.add_argument("contact", type=contact_number)
    close.add_argument("closure", nargs="?", choices=[c.value for c in Closure])
    close.add_argument("--undo", action="store_true", help=_("reopen the loop"))

    resolve = sub.add_parser("resolve", help=_("mark a contact's open complaints resolved"))
    resolve.add_argument("contact", type=contact_number)
    resolve.add_argument("--date", help=_("YYYY-MM-DD (default today)"))


def _answer(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    recorded = operations.answer(book, args.contact, parse_question(args.question), parse_answer(args.answer),
                                 answered_on=args.date, today=args.today).value
    name = book.contacts.get(args.contact).name
    print(_("{name}: {title} {value}, on {answered_on}.").format(name=name, title=recorded.question.title, value=recorded.answer.label.lower(), answered_on=format_day(recorded.answered_on)),
          file=out)
    print(_("{name} is a {display}.").format(name=name, display=book.status.tier_result(args.contact, args.today).display), file=out)
    return 0


def _label(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    label = None if args.label == "none" else Tier(args.label)
    operations.set_label(book, args.contact, label, args.today)
    result = book.status.tier_result(args.contact, args.today)
    name = book.contacts.get(args.contact).name
    if result.outside:
        print(_("{name}: label {label}; {name} is on the team, outside the ladder.").format(name=name, label=args.label), file=out)
        return 0
    print(_("{name}: label {label}; the evidence says {tier}.").format(name=name, label=args.label, tier=result.tier.noun), file=out)
    if result.label_warning:
        print(f"  ! {result.label_warning}", file=out)
    return 0


def _role(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    operations.set_role(book, args.contact, args.role, args.today)
    name = book.contacts.get(args.contact).name
    result = book.status.tier_result(args.contact, args.today)
    if result.outside:
        print(_("{name} is on the team: outside the ladder, in no count and on no Monday page.").format(name=name), file=out)
    else:
        print(_("{name} is a {role}; now {display}.").format(name=name, role=args.role, display=result.display), file=out)
    return 0


def _pin(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    contact = operations.pin_note(book, args.contact, args.text, args.today).value
    pinned = book.contacts.get(args.contact).pinned
    print(_("{name}: pinned note {count}: {pinned}").format(name=contact.name, count=len(pinned), pinned=pinned[-1]), file=out)
    return 0


def _unpin(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    contact = operations.unpin_note(book, args.contact, args.number, args.today).value
    gone = contact.pinned[args.number - 1]
    print(_('{name}: unpinned "{gone}".').format(name=contact.name, gone=gone), file=out)
    return 0


def _close(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    if args.undo == bool(args.closure):
        raise RapportError(_("give either a closure (not-a-fit, keep-customer, gone) or --undo"))
    closure = None if args.undo else Closure(args.closure)
    operations.close_loop(book, args.contact, closure, args.today)
    name = book.contacts.get(args.contact).name
    said = f"closed: {closure.label}" if closure else "reopened"
    print(_("{name}: {said}; now {display}.").format(name=name, said=said, display=book.status.tier_result(args.contact, args.today).display), file=out)
    return 0


def _resolve(book: Book, args: argparse.Namespace, out: TextIO) -> int:
    day = parse_day(args.date, "--date") if args.date else args.today
    resolved = operations.resolve_complaints(book, args.contact, on=day, today=args.today).value
    name = book.contacts.get(args.contact).name
    print(ngettext("{name}: {count} complaint resolved on {day}.", "{name}: {count} complaints resolved on {day}.", len(resolved)).format(name=name, count=len(resolved), day=format_day(day)),
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
        print(_("  ! Pinned {number}: {note}").format(number=number, note=note), file=out)
    for label, value in ((_("Kind"), contact.kind.label), (_("Organisation"), contact.organisation),
                         (_("Title"), contact.title), (_("Source"), contact.source), (_("How they came to us"), contact.how_met),
                         (_("Label"), contact.label.value if contact.label else ""),
                         (_("Role"), contact.role.label if contact.role is not Role.CUSTOMER else ""),
                         (_("Phone"), ", ".join(contact.phones)), (_("Email"), ", ".join(contact.emails)),
                         (_("Address"), contact.address), (_("Tags"), ", ".join(contact.tags)),
                         (_("Birthday"), contact.birthday), (_("Anniversary"), contact.anniversary), (_("Notes"), contact.notes)):
        if value:
            print(f"  {label}: {value}", file=out)
    for _ignored, name, day in book.interactions.referred_by(cid):
        print(_("  Referred by {name} on {day}").format(name=name, day=format_day(day)), file=out)
    print(_("Tier: none") if result.outside else _("Tier: {display}").format(display=result.display), file=out)
    for reason in result.reasons:
        print(f"  - {reason}", file=out)
    if result.label_warning:
        print(f"  ! {result.label_warning}", file=out)
    in_window, total = book.revenue.spend(cid, args.today)
    print(_("Spent: {amount} in the window, {amount2} in all").format(amount=format_money(in_window, currency), amount2=format_money(total, currency)),
          file=out)
    answers = book.interactions.answers_for(cid)
    print(_("Client test:"), file=out)
    for question in Question:
        given = answers.get(question)
        said = f"{given.answer.label.lower()}, {format_day(given.answered_on)}" if given else _("not answered")
        print(f"  {question.title}: {said}", file=out)
    plan = book.status.plan(cid, args.today)
    print(_("Plan:") if plan.steps else _("Plan: nothing to do now"), file=out)
    for step in plan.steps:
        print(f"  [ ] {step.text}" + (_("  (by {day})").format(day=format_day(step.due_on)) if step.dated else ""), file=out)
    ledger = book.interactions.referral_ledger(cid)
    if ledger:
        print(_("Referrals:"), file=out)
    for line in ledger:
        whom = f" {line.other_name}" if line.other_name else ""
        if line.direction.value == "referral_received":
            outcome = _(": bought, {amount}").format(amount=format_money(line.spent_cents, currency)) if line.bought else _(": not bought yet")
            print(_("  {isoformat}  sent us{value}{value2}").format(isoformat=line.occurred_on.isoformat(), value=whom or _(' business'), value2=outcome if whom else ''),
                  file=out)
        else:
            print(_("  {isoformat}  we sent them{value}").format(isoformat=line.occurred_on.isoformat(), value=whom or _(' business')), file=out)
    occasions = show_lines(book, cid, args.today)
    if occasions:
        print(_("Occasions:\n") + "\n".join(occasions), file=out)
    print(_("Interactions:"), file=out)
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
        print(_("{plural:<10} {counts:>7}  {amount:>14} in the window").format(plural=tier.plural, counts=counts[tier.value], amount=format_money(revenue[tier], currency)),
              file=out)
    print(f"{'Hybrids':<10} {counts['hybrid']:>7}  (partners who also buy)", file=out)
    return 0
