"""The demo book: "Bloom & Stem", a flower shop with two years of history ending today.

The people come from ``resources/demo/bloom_and_stem.json``; each has an *archetype* (a
client, a regular slipping away, a partner at risk…) that this module turns into dated
interactions relative to today, so the demo always looks current. A seeded random source
makes it deterministic: the same day gives the same book.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from core.domain import Answer, Closure, Contact, Kind, Question, Role, Tier
from core.store import Book
from core.resources import shipped

SOURCE = shipped("demo", "bloom_and_stem.json")
HISTORY_DAYS = 730


@dataclass(frozen=True)
class Event:
    """One dated thing to put in the book: an interaction or a client-test answer."""

    days_ago: int
    kind: Kind | None = None
    amount: int | None = None
    note: str = ""
    referred: str | None = None  # name of the referred contact
    question: Question | None = None
    answer: Answer = Answer.YES
    resolves: bool = False  # marks the contact's open complaints resolved on this day


Archetype = Callable[[random.Random, dict], list[Event]]
NOTES = ["Seasonal bouquet", "Table arrangements", "Birthday flowers", "Anniversary roses", "Sympathy wreath",
         "Peonies, as usual", "Delivered to the office", "Gift wrapped"]


def _purchases(rng: random.Random, start: int, end: int, every: int, tags: list[str]) -> list[Event]:
    """Regular visits from ``start`` days ago to ``end`` days ago, roughly ``every`` days apart."""
    events, day = [], start
    while day >= end:
        wedding = "weddings" in tags and rng.random() < 0.15
        amount = rng.randrange(80_000, 300_000, 500) if wedding else rng.randrange(2_500, 18_000, 50)
        events.append(Event(day, Kind.PURCHASE, amount, "Wedding flowers" if wedding else rng.choice(NOTES)))
        day -= max(1, every + rng.randint(-every // 4, every // 4))
    return events


def _answers(days_ago: int, skip: Question | None = None) -> list[Event]:
    return [Event(days_ago + i, question=q) for i, q in enumerate(Question) if q is not skip]


def _suspect(rng: random.Random, person: dict) -> list[Event]:
    return [Event(rng.randint(100, 600), Kind.NOTE, note="Added from a list")] if rng.random() < 0.5 else []


def _prospect(rng: random.Random, person: dict) -> list[Event]:
    return [Event(rng.randint(2, 12), Kind.INQUIRY, note=person["notes"] or "Asked about prices")]


def _prospect_referred(rng: random.Random, person: dict) -> list[Event]:
    return []  # the referrer's archetype logs the referral that makes them a prospect


def _customer(rng: random.Random, person: dict) -> list[Event]:
    events = _purchases(rng, rng.randint(60, 500), 20, 120, person["tags"])[:2]
    if rng.random() < 0.4:
        events += _answers(rng.randint(30, 90))[:2]
    return events


def _customer_one_step(rng: random.Random, person: dict) -> list[Event]:
    return _purchases(rng, 260, rng.randint(15, 40), 70, person["tags"]) + _answers(
        rng.randint(20, 60), skip=rng.choice(list(Question)))


def _client(rng: random.Random, person: dict) -> list[Event]:
    events = _purchases(rng, rng.randint(500, 700), rng.randint(5, 35), rng.randint(25, 60), person["tags"])
    events += _answers(rng.randint(20, 150))
    events.append(Event(rng.randint(40, 300), Kind.ADVICE, note="Suggested longer-lasting stems"))
    return events


def _client_one_way(rng: random.Random, person: dict) -> list[Event]:
    return _client(rng, person) + [Event(rng.randint(10, 60), Kind.REFERRAL_RECEIVED, note="Sent a colleague our way")]


def _partner_hybrid(rng: random.Random, person: dict) -> list[Event]:
    events = _client(rng, person)
    events += [Event(rng.randint(60, 200), Kind.REFERRAL_GIVEN, note="We recommended them to a bride"),
               Event(rng.randint(20, 90), Kind.REFERRAL_RECEIVED, note="They sent us a new customer")]
    if "café" in person["tags"]:
        events.append(Event(rng.randint(30, 120), Kind.JOINT_CAMPAIGN, note="Valentine's coffee & roses bundle"))
    return events


def _partner_supplier(rng: random.Random, person: dict) -> list[Event]:
    return [Event(rng.randint(30, 150), Kind.REFERRAL_GIVEN, note="Sent a florist their way"),
            Event(rng.randint(30, 150), Kind.REFERRAL_RECEIVED, note="Passed on a hotel contract"),
            Event(rng.randint(16, 40), Kind.CONVERSATION, note="Talked about next season's peonies")]


def _partner_at_risk(rng: random.Random, person: dict) -> list[Event]:
    return _purchases(rng, 600, 150, 90, person["tags"]) + [
        Event(345, Kind.REFERRAL_GIVEN, note="Recommended their venue for a gala"),
        Event(340, Kind.REFERRAL_RECEIVED, note="Sent us their gala dinner"),
        Event(rng.randint(50, 90), Kind.CONVERSATION, note="Catch-up call")]


def _slipping(rng: random.Random, person: dict) -> list[Event]:
    return _purchases(rng, 700, rng.randint(75, 110), rng.randint(18, 28), person["tags"])


def _lapsed_client(rng: random.Random, person: dict) -> list[Event]:
    return _purchases(rng, 720, 420, 45, person["tags"]) + _answers(rng.randint(440, 500))


def _label_overstated(rng: random.Random, person: dict) -> list[Event]:
    return _purchases(rng, 650, rng.randint(3, 10), 14, person["tags"]) + _answers(rng.randint(30, 100))


def _referrer(rng: random.Random, person: dict) -> list[Event]:
    """A wedding planner who sends us brides and never buys: one step from partner, not a suspect."""
    return [Event(45, Kind.REFERRAL_RECEIVED, note="Sent us Anna's wedding", referred="Anna Berg")]


def _referred_buyer(rng: random.Random, person: dict) -> list[Event]:
    return [Event(40, Kind.INQUIRY, note="Wedding flowers for June"),
            Event(30, Kind.PURCHASE, 185_000, "Wedding flowers: deposit"),
            Event(9, Kind.PURCHASE, 62_000, "Buttonholes and table posies")]


def _complaint(rng: random.Random, person: dict) -> list[Event]:
    return _purchases(rng, 300, 25, 60, person["tags"]) + [
        Event(3, Kind.COMPLAINT, note="The roses wilted in two days")]


def _client_complaint_resolved(rng: random.Random, person: dict) -> list[Event]:
    """A client whose complaint was put right the next day: the reasons keep it in sight (seed 001)."""
    return _client(rng, person) + [Event(16, Kind.COMPLAINT, note="The wedding bouquet arrived an hour late"),
                                   Event(15, resolves=True)]


def _closed_prospect(rng: random.Random, person: dict) -> list[Event]:
    return [Event(60, Kind.INQUIRY, note=person["notes"]), Event(50, Kind.CONVERSATION, note="Called back")]


def _lapsed_regular(rng: random.Random, person: dict) -> list[Event]:
    return _purchases(rng, 500, 200, 21, person["tags"]) + [
        Event(days, Kind.CONVERSATION, note="Left a message") for days in (150, 100, 60)]


def _quiet_prospect(rng: random.Random, person: dict) -> list[Event]:
    return [Event(50, Kind.INQUIRY, note=person["notes"])] + [
        Event(days, Kind.CONVERSATION, note="Follow-up email, no answer") for days in (42, 35, 28)]


def _team(rng: random.Random, person: dict) -> list[Event]:
    """The co-owner the owner calls "partner": outside the ladder, never told to visit (seed 003)."""
    return [Event(days, Kind.CONVERSATION, note="Planned the week's orders") for days in (40, 12)]


def _supplier(rng: random.Random, person: dict) -> list[Event]:
    return []  # a grower we buy from: never a suspect to invite; their plan aims at partner


def _annual_rhythm(rng: random.Random, person: dict) -> list[Event]:
    """Anniversary roses every year, a few days late this year: still a client on his own rhythm."""
    return [Event(728, Kind.PURCHASE, 9_500, "Anniversary roses"), Event(366, Kind.PURCHASE, 11_000,
            "Anniversary roses")] + _answers(120)


def _client_test_aged_out(rng: random.Random, person: dict) -> list[Event]:
    """A regular whose four yes answers turned a year old: one conversation from client again."""
    return _purchases(rng, 600, rng.randint(10, 25), 45, person["tags"]) + _answers(372)


ARCHETYPES: dict[str, Archetype] = {
    "team": _team, "supplier": _supplier, "annual_rhythm": _annual_rhythm,
    "client_test_aged_out": _client_test_aged_out,
    "referrer": _referrer, "referred_buyer": _referred_buyer, "complaint": _complaint,
    "client_complaint_resolved": _client_complaint_resolved,
    "closed_prospect": _closed_prospect, "lapsed_regular": _lapsed_regular, "quiet_prospect": _quiet_prospect,
    "suspect": _suspect, "prospect": _prospect, "prospect_referred": _prospect_referred, "customer": _customer,
    "customer_one_step": _customer_one_step, "client": _client, "client_one_way": _client_one_way,
    "partner_hybrid": _partner_hybrid, "partner_supplier": _partner_supplier, "partner_at_risk": _partner_at_risk,
    "slipping": _slipping, "lapsed_client": _lapsed_client, "label_overstated": _label_overstated,
}


def create_demo_book(path: Path, today: date | None = None) -> Book:
    """Create (or replace) the demo book at ``path`` and return it open."""
    path = Path(path)
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    book = Book.open(path)
    fill_demo(book, today or date.today())
    return book


def fill_demo(book: Book, today: date) -> None:
    """Play two years of the shop's history into ``book``, in date order, in one transaction.

    Interactions are logged on their own dates and the ladder is re-run at the start of each
    month, so the tier history shows moves (and demotions) when they really happened.
    """
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    start = today - timedelta(days=HISTORY_DAYS)
    with book.transaction():
        book.update_settings(today=start, business_name=source["business_name"], currency=source["currency"])
        ids: dict[str, int] = {}
        timeline: list[tuple[date, int, int, Event]] = []
        referred = [p["name"] for p in source["contacts"] if p["archetype"] == "prospect_referred"]
        for number, person in enumerate(source["contacts"]):
            rng = random.Random(f"{number}-{person['name']}")
            contact = Contact(name=person["name"], organisation=person["organisation"],
                              phones=(person["phone"],), emails=(person["email"],) if person["email"] else (),
                              tags=tuple(person["tags"]), how_met=person["how_met"], notes=person["notes"],
                              label=Tier(person["label"]) if person["label"] else None,
                              role=Role(person.get("role", "customer")),
                              created_on=start - timedelta(days=rng.randint(0, 60)),
                              # The owner closed this loop by hand 40 days ago (the demo shows every state).
                              closed_as=Closure.NOT_A_FIT if person["archetype"] == "closed_prospect" else None,
                              closed_on=today - timedelta(days=40) if person["archetype"] == "closed_prospect" else None)
            added = book.contacts.add(contact, today=contact.created_on or today)
            ids[person["name"]] = int(added.id or 0)  # a contact the book added always has its number
            events = ARCHETYPES[person["archetype"]](rng, person)
            for event in events:
                timeline.append((today - timedelta(days=event.days_ago), number, len(timeline), event))
        for name in referred:  # the partner named in "how we met" referred them
            person = next(p for p in source["contacts"] if p["name"] == name)
            who = person["how_met"].removeprefix("Referred by ")
            referrer = next(p["name"] for p in source["contacts"] if p["name"].startswith(who))
            days = 3 + len(name) % 9
            timeline.append((today - timedelta(days=days), -1, len(timeline),
                             Event(days, Kind.REFERRAL_RECEIVED, note=f"Sent us {name}", referred=name)))
            ids.setdefault(f"__referrer_of_{name}", ids[referrer])
        _play(book, sorted(timeline, key=lambda item: (item[0], item[2])), ids, source, start, today)
        _occasions(book, ids, today)


def _occasions(book: Book, ids: dict[str, int], today: date) -> None:
    """The florist's year in the demo: a birthday this week, an anniversary next week, Mother's Day
    for a customer's mother, and a grandmother's birthday stopped because she passed away."""
    def yearly(days: int, year: int | None = None) -> str:
        day = today + timedelta(days=days)
        return f"{year:04d}-{day.month:02d}-{day.day:02d}" if year else f"--{day.month:02d}-{day.day:02d}"

    book.occasions.add(ids["Anna Berg"], "birthday", yearly(3), note="loves ranunculus", today=today)
    anna = book.contacts.get(ids["Anna Berg"])
    book.contacts.update(replace(anna, pinned=("allergic to lilies",)), today)  # a note never to miss
    book.occasions.add(ids["Wei Zhang"], "anniversary", yearly(10, 2001), for_whom="", note="red roses for Mei",
                       today=today)
    book.occasions.add(ids["Benjamin Cole"], "mothers-day", for_whom="his mother", note="peonies, never lilies",
                       today=today)
    book.occasions.add(ids["Chen Wei"], "birthday", yearly(20), for_whom="his grandmother", today=today)
    book.occasions.stop(ids["Chen Wei"], 1, "passed away", today=today)


def _play(book: Book, timeline: list, ids: dict[str, int], source: dict, start: date, today: date) -> None:
    names = [p["name"] for p in source["contacts"]]
    checkpoint = date(start.year, start.month, 1)
    for day, number, _order, event in timeline:
        while checkpoint <= day:
            book.status.reevaluate_all(checkpoint)
            checkpoint = date(checkpoint.year + checkpoint.month // 12, checkpoint.month % 12 + 1, 1)
        contact_id = ids[f"__referrer_of_{event.referred}"] if number < 0 else ids[names[number]]
        if event.resolves:
            book.interactions.resolve_complaints(contact_id, on=day, today=day)
        elif event.question is not None:
            book.interactions.record_answer(contact_id, event.question, event.answer, day, today=day)
        else:
            book.interactions.log(contact_id, event.kind, day, note=event.note, amount=event.amount,
                                 referred_contact_id=ids.get(event.referred or ""), today=day)
    book.status.reevaluate_all(today)
