"""Review screenshots for `make screenshots`: one step, and the summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from core.books import Book
from core.domain import Tier
from core.review import ReviewSession
from ui.review.review_window import ReviewWindow


def save_review_screenshots(book: Book, folder: Path) -> list[Path]:
    today = date.today()
    ids = book.contacts.ids(Tier.CUSTOMER.value, today=today)[:6]
    session = ReviewSession(scope="customers", contact_ids=ids, started_on=today.isoformat(),
                            tiers_before={str(r.id): r.tier.value for r in book.contacts.rows(ids) if r.tier})
    window = ReviewWindow(book, session, today)
    window.resize(1366, 768)
    window.show()
    QApplication.processEvents()
    step, summary = folder / "review_step.png", folder / "review_summary.png"
    window.grab().save(str(step))
    session.position = len(ids)
    window.finish()
    QApplication.processEvents()
    window.grab().save(str(summary))
    window.close()
    return [step, summary]
