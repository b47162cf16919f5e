"""The weekly checklist's PDF and the cultivation plans made in a process of their own, for the
window's preview.

Reading the week's candidates, working out their plans and laying out the pages is Python from end
to end (a third of a second on a current book; a whole book read a slice at a time, when the
verdicts are being worked out again, is seconds). In a thread of the window's process it takes
turns with the window for the interpreter lock, and a log typed meanwhile waited for it. In a
process started with ``spawn`` the window only waits for the file. The process reads the book on a
read-only connection of its own, as the commands beside a window do.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from core.i18n import _, language, use_language
from core.errors import RapportError
from core.processes import in_a_process, report_progress


class PrintStopped(RapportError):
    """The preview was closed before its file was made: the process was ended, nothing was kept."""


def _checklist_pdf(book_path: str, language_code: str, monday: date, today: date, per_section: int | None,
                   paper_size: str, max_pages: int, target: str) -> int:
    """In the process: the checklist of the week from ``monday`` written to ``target``; its page count."""
    use_language(language_code)
    from core.printing.checklist_pdf import render_checklist
    from core.store.book import Book

    with Book.open_to_read(book_path) as book:
        checklist = book.status.checklist(monday, today, per_section=per_section)
    return render_checklist(checklist, target, paper_size=paper_size, printed_on=today, max_pages=max_pages)


def checklist_pdf_in_a_process(book_path: Path, monday: date, today: date, per_section: int | None,
                               paper_size: str, max_pages: int, target: Path,
                               stop: Callable[[], bool] = lambda: False) -> int:
    """As ``render_checklist(book.status.checklist(...), target, ...)``, made in a child process
    in the owner's language; returns the page count, or raises what the child raised. ``stop`` is
    asked while waiting: the preview closed, the child is ended there and ``PrintStopped`` raised
    (the window no longer waits seconds for a page nobody will see)."""
    return in_a_process(_checklist_pdf, (str(book_path), language(), monday, today, per_section, paper_size,
                                         max_pages, str(target)), stop,
                        lambda: PrintStopped(_("The printout was closed before it was made.")))


def _plans_pdf(book_path: str, language_code: str, contact_ids: list[int], today: date, business_name: str,
               paper_size: str, currency: str, target: str) -> int:
    """In the process: a page per contact written to ``target``; its page count. Its progress is the
    plans worked out, then the pages laid out."""
    use_language(language_code)
    from core.printing import render_plans
    from core.store.book import Book

    total = 2 * len(contact_ids)
    with Book.open_to_read(book_path) as book:
        sheets = []
        for done, contact_id in enumerate(contact_ids, 1):
            sheets.append(book.status.plan_sheet(contact_id, today))
            report_progress(done, total)
    return render_plans(sheets, target, business_name=business_name, paper_size=paper_size, printed_on=today,
                        currency=currency, progress=lambda pages, _all: report_progress(len(sheets) + pages, total))


def plans_pdf_in_a_process(book_path: Path, contact_ids: list[int], today: date, business_name: str,
                           paper_size: str, currency: str, target: Path,
                           progress: Callable[[int, int], None] | None = None,
                           stop: Callable[[], bool] = lambda: False) -> int:
    """As ``render_plans`` of each contact's ``plan_sheet``, made in a child process in the owner's
    language (a page a contact: hundreds of selected contacts are seconds of Python the window no
    longer waits on); returns the page count. ``progress(done, total)`` hears how far it is;
    ``stop``, asked while waiting, ends the child (``PrintStopped``)."""
    return in_a_process(_plans_pdf, (str(book_path), language(), list(contact_ids), today, business_name,
                                     paper_size, currency, str(target)), stop,
                        lambda: PrintStopped(_("The printout was closed before it was made.")), progress)
