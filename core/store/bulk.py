"""Adding many contacts and interactions at once: imports, the demo book, benchmark books.

One transaction for the lot and one evaluation pass at the end, instead of re-tiering a
contact after each of its thousands of interactions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Callable, Sequence

from core.domain import Contact, Interaction
from core.errors import ValidationError
from core.store.contacts import clean_contact, with_guessed_kind
from core.store.rows import contact_to_row, insert_contact_sql, interaction_to_row

if TYPE_CHECKING:
    from core.store.book import Book

Progress = Callable[[int, int], None]


class BulkMixin:
    def add_many(
        self: Book,
        contacts: Sequence[Contact],
        interactions: Sequence[tuple[int, Interaction]] = (),
        today: date | None = None,
        progress: Progress | None = None,
    ) -> list[int]:
        """Add contacts and their interactions in one transaction; returns the new contact ids.

        Each interaction is paired with the *position* of its contact in ``contacts``. Every
        record is validated first, so one bad record leaves the book exactly as it was; the
        ValidationError says which record.
        """
        today = today or date.today()
        cleaned = []
        for position, contact in enumerate(contacts):
            try:
                cleaned.append(clean_contact(with_guessed_kind(replace(contact, id=None, created_on=contact.created_on or today))))
            except ValidationError as exc:
                raise ValidationError(f"contact {position + 1}: {exc.field}", exc.value, exc.problem) from None
        for number, (position, interaction) in enumerate(interactions, start=1):
            if not 0 <= position < len(contacts):
                raise ValidationError(f"interaction {number}", position, "names no contact of this import")
            if interaction.amount_cents is not None and interaction.amount_cents < 0:
                raise ValidationError(f"interaction {number}: amount", interaction.amount_cents, "cannot be negative")
        with self.transaction():
            first = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contacts").fetchone()[0]
            ids = list(range(first, first + len(cleaned)))
            self.conn.executemany(
                insert_contact_sql(with_id=True),
                ({**contact_to_row(c), "id": i} for c, i in zip(cleaned, ids)),
            )
            if progress:
                progress(len(cleaned), len(cleaned) + len(interactions))
            self.conn.executemany(
                "INSERT INTO interactions (contact_id, kind, occurred_on, note, amount_cents, referred_contact_id, "
                "step_key, resolved_on) VALUES (:contact_id, :kind, :occurred_on, :note, :amount_cents, "
                ":referred_contact_id, :step_key, :resolved_on)",
                (interaction_to_row(replace(i, contact_id=ids[p])) for p, i in interactions),
            )
            self._store_verdicts(self._evidence_for(dict(zip(ids, (replace(c, id=i) for c, i in zip(cleaned, ids))))),
                                 today)
            if progress:
                progress(len(cleaned) + len(interactions), len(cleaned) + len(interactions))
        return ids
