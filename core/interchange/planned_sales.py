"""The sales an import plan will log, kept column by column.

A till's export of a million lines plans a million sales. As objects (a ``PlannedSale`` holding
an ``Interaction``) they took about 400 bytes each, most of the import's memory; as columns of
machine numbers they take under 40. Each sale is made an object again only when it is read.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import date
from typing import Iterator, overload

from core.domain import Interaction, Kind

_KINDS = tuple(Kind)
_KIND_CODE = {kind: code for code, kind in enumerate(_KINDS)}
_NO_AMOUNT = -(2 ** 63)  # a sale whose amount is not known (a column of cents cannot hold None)


@dataclass(slots=True)
class PlannedSale:
    line: int
    interaction: Interaction  # contact_id is filled in when the plan is applied
    import_key: int
    existing_id: int | None = None
    new_index: int | None = None  # position in ImportPlan.creates


class PlannedSales:
    """A list of ``PlannedSale`` as far as its readers can tell (append, len, iterate, slice),
    stored as columns. A note shared by many sales ("", one bouquet's name) is kept once."""

    def __init__(self) -> None:
        self._lines = array("q")
        self._keys = array("q")
        self._owners = array("q")  # a contact in the book by its id (>= 0), a new one as -(index + 1)
        self._days = array("l")  # date.toordinal()
        self._cents = array("q")
        self._kinds = bytearray()
        self._count_of = [0] * len(_KINDS)  # by kind code: how many sales, and their known amounts in cents
        self._total_of = [0] * len(_KINDS)
        self._notes: list[str] = []
        self._same_note: dict[str, str] = {}

    def append(self, sale: PlannedSale) -> None:
        done = sale.interaction
        if sale.existing_id is not None:
            owner = sale.existing_id
        else:
            assert sale.new_index is not None, "a planned sale names its contact: in the book, or new"
            owner = -(sale.new_index + 1)
        self._lines.append(sale.line)
        self._keys.append(sale.import_key)
        self._owners.append(owner)
        self._days.append(done.occurred_on.toordinal())
        self._cents.append(_NO_AMOUNT if done.amount_cents is None else done.amount_cents)
        code = _KIND_CODE[done.kind]
        self._kinds.append(code)
        self._count_of[code] += 1
        self._total_of[code] += done.amount_cents or 0
        self._notes.append(self._same_note.setdefault(done.note, done.note))

    def __len__(self) -> int:
        return len(self._keys)

    def __bool__(self) -> bool:
        return len(self._keys) > 0

    def __iter__(self) -> Iterator[PlannedSale]:
        return (self._sale(index) for index in range(len(self)))

    @overload
    def __getitem__(self, index: int) -> PlannedSale: ...

    @overload
    def __getitem__(self, index: slice) -> list[PlannedSale]: ...

    def __getitem__(self, index: int | slice) -> PlannedSale | list[PlannedSale]:
        if isinstance(index, slice):
            return [self._sale(i) for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._sale(index % len(self))

    def _sale(self, index: int) -> PlannedSale:
        owner, cents = self._owners[index], self._cents[index]
        interaction = Interaction(contact_id=0, kind=_KINDS[self._kinds[index]],
                                  occurred_on=date.fromordinal(self._days[index]), note=self._notes[index],
                                  amount_cents=None if cents == _NO_AMOUNT else cents)
        return PlannedSale(line=self._lines[index], interaction=interaction, import_key=self._keys[index],
                           existing_id=owner if owner >= 0 else None, new_index=-owner - 1 if owner < 0 else None)

    def book_ids(self) -> set[int]:
        """The contacts already in the book that these sales are logged against."""
        return {owner for owner in self._owners if owner >= 0}

    def count_and_total(self, kind: Kind) -> tuple[int, int]:
        """How many sales of ``kind`` there are and their amounts added up, in cents: kept as they are
        appended (the preview asks on the window's thread, where going over a million sales took 0.1 s)."""
        code = _KIND_CODE[kind]
        return self._count_of[code], self._total_of[code]

    def rows(self, start: int, stop: int, new_ids: list[int]) -> list[tuple]:
        """Sales ``start`` to ``stop`` as the parameters of an INSERT into interactions
        (contact_id, kind, occurred_on, note, amount_cents, import_key), new contacts by their new id."""
        out = []
        for at in range(start, min(stop, len(self))):
            owner, cents = self._owners[at], self._cents[at]
            out.append((owner if owner >= 0 else new_ids[-owner - 1], _KINDS[self._kinds[at]].value,
                        date.fromordinal(self._days[at]).isoformat(), self._notes[at],
                        None if cents == _NO_AMOUNT else cents, self._keys[at]))
        return out
