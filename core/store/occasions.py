"""A book's occasions: the card's birthday and anniversary, and the ones the owner adds; stopping one
keeps it (never shown again) and undo brings it back. Each write re-tiers the contact, whose plan
and Monday line the occasion may change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Mapping, NamedTuple

from core.store.rows import dict_rows
from core.dates import typed_yearly_day
from core.domain import Contact
from core.errors import NotFoundError, ValidationError
from core.domain import PlanStep
from core.occasions import Occasion, OccasionKind, lead_starts, next_on, step_key
from core.store.listing import set_coming
from core.validation import clean_text, parse_yearless_day
from core.store.writes import writes
from core.i18n import _

if TYPE_CHECKING:
    from core.store.book import Book

COMING_DAYS = 60  # the *Occasions coming* view's reach
_COLUMNS = ("contact_id", "kind", "day", "for_whom", "label", "lead_days", "note", "stopped_on", "stopped_why")


def parse_kind(text: str) -> tuple[OccasionKind, str]:
    """A kind as typed: one of ours ("birthday", "Mother's Day", "mothers-day"), or the owner's own
    word ("shop opening"), which is kept as the label of an OTHER occasion."""
    word = text.strip()
    if not word:
        raise ValidationError("occasion", text, _("say what it is: birthday, anniversary, memorial, yearly-order, "
                                                  "mothers-day, fathers-day, valentines, or a word of your own"))
    folded = word.lower().replace("'", "").replace("’", "").replace(" ", "-")
    aliases = {"mothers-day": "mothers-day", "mother-day": "mothers-day", "fathers-day": "fathers-day",
               "valentine": "valentines", "valentines-day": "valentines", "wedding-anniversary": "anniversary",
               "yearly-order": "yearly-order", "xmas": "christmas"}
    folded = aliases.get(folded, folded)
    try:
        return OccasionKind(folded), ""
    except ValueError:
        return OccasionKind.OTHER, clean_text("occasion", word)


def from_row(row: Mapping[str, Any]) -> Occasion:
    return Occasion(contact_id=row["contact_id"], kind=OccasionKind(row["kind"]), day=row["day"],
                    for_whom=row["for_whom"], label=row["label"], lead_days=row["lead_days"], note=row["note"],
                    stopped_on=date.fromisoformat(row["stopped_on"]) if row["stopped_on"] else None,
                    stopped_why=row["stopped_why"], id=row["id"])


def card_occasions(contact: Contact) -> list[Occasion]:
    """The birthday and anniversary typed on the card (or imported with it) are occasions too."""
    found = []
    for kind, day in ((OccasionKind.BIRTHDAY, contact.birthday), (OccasionKind.ANNIVERSARY, contact.anniversary)):
        if day and contact.id is not None:
            found.append(Occasion(contact_id=contact.id, kind=kind, day=day, source="card"))
    return found


def merged(contact: Contact, rows: Iterable[Occasion]) -> tuple[Occasion, ...]:
    """A contact's occasions: the book's rows, and the card's unless a row stands for it (a stopped one)."""
    rows = list(rows)
    if not rows and not contact.birthday and not contact.anniversary:
        return ()  # most contacts, read for every verdict
    standing = {(o.kind, o.day) for o in rows if not o.for_whom}
    return tuple([o for o in card_occasions(contact) if (o.kind, o.day) not in standing] + rows)


# Who may have an occasion, reading only what an occasion needs (whole contacts, their JSON fields
# decoded, took three quarters of 0.1 s for 5,000 birthdays): whoever has a day on the card, off a
# partial index (m023; reading every contact for them took 0.2 s at 100,000), and whoever has a row.
_DAYS = "SELECT id, name, birthday, anniversary FROM contacts WHERE deleted_on IS NULL AND "
WITH_DAYS_ON_THE_CARD = _DAYS + "(birthday <> '' OR anniversary <> '')"
WITH_OCCASION_ROWS = _DAYS + "id IN (SELECT contact_id FROM occasions)"


class Coming(NamedTuple):
    """One occasion in the days ahead: its day, whose it is, and what it is."""

    on: date
    contact_id: int
    name: str
    occasion: Occasion


class Occasions:
    """``book.occasions``: add, list, stop and bring back a contact's occasions."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self._marked_on: date | None = None  # the day the *Occasions soon* view was last worked out for

    @writes
    def add(self, contact_id: int, kind: str | OccasionKind, day: str = "", for_whom: str = "",
            lead_days: int = 7, note: str = "", today: date | None = None) -> Occasion:
        """Add an occasion; the day is read as the book reads dates ("4 Jun", "04/06/2019", "--06-04")."""
        today = today or date.today()
        self.book.contacts.get(contact_id)
        chosen, label = (kind, "") if isinstance(kind, OccasionKind) else parse_kind(kind)
        typed = typed_yearly_day(day, self.book.number_locale(), "day") if day else ""
        clean_day = parse_yearless_day(typed, "day")
        if not chosen.floating and not clean_day:
            what = chosen.words if chosen is not OccasionKind.OTHER else label
            raise ValidationError("day", day, _("a {what} needs a day, such as 12 May or 12 May 1961").format(what=what))
        if not 0 <= int(lead_days) <= 90:
            raise ValidationError("lead time", lead_days, _("between 0 and 90 days"))
        occasion = Occasion(contact_id=contact_id, kind=chosen, day="" if chosen.floating else clean_day,
                            for_whom=clean_text("for whom", for_whom), label=label, lead_days=int(lead_days),
                            note=clean_text("note", note))
        with self.book.transaction():
            new_id = self._insert(occasion)
            self.book.status.refresh({contact_id}, today)
        self._remark(today)
        return replace(occasion, id=new_id)

    @writes
    def remove(self, occasion: Occasion, today: date | None = None) -> None:
        """Undo an add: the occasion goes, as if never added."""
        with self.book.transaction():
            self.book.conn.execute("DELETE FROM occasions WHERE id = ?", [occasion.id])
            self.book.status.refresh({occasion.contact_id}, today or date.today())
        self._remark(today or date.today())

    def _insert(self, occasion: Occasion) -> int:
        values = [getattr(occasion, c) if c != "stopped_on" else
                  (occasion.stopped_on.isoformat() if occasion.stopped_on else None) for c in _COLUMNS]
        values[1] = occasion.kind.value
        marks = ", ".join("?" * len(_COLUMNS))
        return int(self.book.conn.execute(f"INSERT INTO occasions ({', '.join(_COLUMNS)}) VALUES ({marks})",
                                          values).lastrowid or 0)

    def of(self, contact_id: int, include_stopped: bool = False) -> list[Occasion]:
        """A contact's occasions in the order ``show`` numbers them (stopped ones only when asked)."""
        contact = self.book.contacts.get(contact_id, include_deleted=True)
        rows = [from_row(r) for r in dict_rows(self.book.conn, "SELECT * FROM occasions WHERE contact_id = ? ORDER BY id",
                                                         [contact_id])]
        return [o for o in merged(contact, rows) if include_stopped or not o.stopped]

    @writes
    def stop(self, contact_id: int, number: int, why: str, today: date | None = None) -> Occasion:
        """Stop the contact's occasion ``number`` (1 is the first ``of`` lists): never shown again, kept.
        Returns the stopped occasion, whose ``id`` undo takes back."""
        today = today or date.today()
        listed = self.of(contact_id)
        if not 1 <= number <= len(listed):
            raise NotFoundError(f"{self.book.contacts.get(contact_id).name} has no occasion number {number} "
                                f"(they have {len(listed)}).")
        chosen = listed[number - 1]
        stopped = replace(chosen, stopped_on=today, stopped_why=clean_text("why", why) or "no more reminders")
        with self.book.transaction():
            if chosen.id is None:  # the card's: a row of its own stands for it from now on
                stopped = replace(stopped, id=self._insert(stopped))
            else:
                self.book.conn.execute("UPDATE occasions SET stopped_on = ?, stopped_why = ? WHERE id = ?",
                                       [today.isoformat(), stopped.stopped_why, chosen.id])
            self.book.status.refresh({contact_id}, today)
        self._remark(today)
        return stopped

    @writes
    def unstop(self, occasion: Occasion, today: date | None = None) -> None:
        """Undo a stop: a card occasion's standing row goes, a book row runs again."""
        with self.book.transaction():
            if occasion.source == "card":
                self.book.conn.execute("DELETE FROM occasions WHERE id = ?", [occasion.id])
            else:
                self.book.conn.execute("UPDATE occasions SET stopped_on = NULL, stopped_why = '' WHERE id = ?",
                                       [occasion.id])
            self.book.status.refresh({occasion.contact_id}, today or date.today())
        self._remark(today or date.today())

    def for_calendar(self, ids: list[int]) -> list[tuple[int, str, Occasion]]:
        """(contact id, name, occasion) of these contacts' live occasions, for the calendar export."""
        found = []
        for cid, contact in self.book.contacts.many(ids).items():
            if contact.deleted_on is None:
                found += [(cid, contact.name, o) for o in self.of(cid)]
        return found

    def reminders(self, today: date) -> list[tuple[int, PlanStep]]:
        """The occasions whose lead time has started and whose day has not passed, neither done nor
        snoozed: (contact id, the plan's step for it), soonest first. A reminder says what the plan says."""
        found = []
        snoozed = {r[0] for r in self.book.conn.execute("SELECT reminder FROM occasion_snoozes WHERE until > ?",
                                                          [today.isoformat()])}
        for on, contact_id, _name, occasion in self.coming(today, within=90):
            if lead_starts(on, occasion.lead_days) > today:
                continue
            key = step_key(occasion, on)
            if f"{contact_id}:{key}" in snoozed:
                continue
            step = next((s for s in self.book.status.plan(contact_id, today).steps if s.key == key), None)
            if step is not None:  # none: ticked already, or the contact is on the team
                found.append((contact_id, step))
        return found

    @writes
    def snooze(self, contact_id: int, key: str, until: date) -> None:
        """Not shown again until ``until`` (a day, a week)."""
        with self.book.transaction() as changes:
            changes.touched.add(contact_id)  # the reminder leaves their pane
            self.book.conn.execute("INSERT INTO occasion_snoozes (reminder, until) VALUES (?, ?) "
                                   "ON CONFLICT(reminder) DO UPDATE SET until = excluded.until",
                                   [f"{contact_id}:{key}", until.isoformat()])

    def mark_coming(self, today: date, within: int = COMING_DAYS) -> int:
        """Note whose occasions fall in the next ``within`` days, for the list's *Occasions coming* view
        (kept for this connection, never written into the book); returns how many."""
        ids = {item.contact_id for item in self.coming(today, within)}
        set_coming(self.book.conn, ids)
        self._marked_on = today
        return len(ids)

    def _remark(self, today: date) -> None:
        """After a write: the view follows it (for the day it was last marked, or ``today``)."""
        self.mark_coming(self._marked_on or today)

    def coming(self, today: date, within: int = 60) -> list[Coming]:
        """Every live contact's occasions in the next ``within`` days, soonest first."""
        settings = self.book.settings()
        country, on_28 = settings.country, settings.leap_day_on_28
        rows: dict[int, list[Occasion]] = {}
        for row in dict_rows(self.book.conn, "SELECT * FROM occasions"):
            rows.setdefault(row["contact_id"], []).append(from_row(row))
        people = {r[0]: r for query in (WITH_DAYS_ON_THE_CARD, WITH_OCCASION_ROWS) for r in self.book.conn.execute(query)}
        found = []
        for cid, name, birthday, anniversary in people.values():
            card = Contact(id=cid, name=name, birthday=birthday, anniversary=anniversary)
            for occasion in merged(card, rows.get(cid, [])):
                on = next_on(occasion, today, country, on_28)
                if on is not None and (on - today).days <= within:
                    found.append(Coming(on, cid, name, occasion))
        return sorted(found, key=lambda item: (item.on, item.name.casefold()))
