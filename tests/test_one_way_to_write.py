"""Only ``core.operations`` changes a book: the window (``ui/``) and the command line (``core/cli*``)
never call a store method marked ``@writes`` (``core/store/writes.py``). An operation is one
transaction, reports its ``Changes`` and knows its way back; a write around it does none of that."""

from __future__ import annotations

import ast
from functools import cached_property
from pathlib import Path

from core.store import Book
from core.store.writes import MARK

ROOT = Path(__file__).resolve().parent.parent


def marked_writes(book: Book) -> tuple[set[tuple[str, str]], set[str]]:
    """(part, method) for every marked method of the book's parts (``book.contacts.add``), and the
    marked methods of the book itself (``book.update_settings``)."""
    made_when_asked = {name: getattr(book, name) for name in dir(Book)  # book.forecasts, book.privacy…
                       if isinstance(getattr(Book, name, None), cached_property)}
    parts = {(name, method) for name, part in {**vars(book), **made_when_asked}.items()
             if type(part).__module__.startswith("core.store")
             for method in dir(type(part)) if getattr(getattr(type(part), method), MARK, False)}
    own = {method for method in dir(Book) if getattr(getattr(Book, method, None), MARK, False)}
    return parts, own


def direct_writes(source: str, parts: set[tuple[str, str]], own: set[str]) -> list[tuple[int, str]]:
    """Each call in ``source`` of a marked method, with its line: ``<…>.contacts.add(…)``, ``<…>.update_settings(…)``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method, owner = node.func.attr, node.func.value
            if isinstance(owner, ast.Attribute) and (owner.attr, method) in parts:
                found.append((node.lineno, f"{owner.attr}.{method}"))
            elif method in own and not (isinstance(owner, ast.Name) and owner.id == "operations"):
                found.append((node.lineno, method))
    return found


def callers() -> list[Path]:
    return sorted((ROOT / "ui").rglob("*.py")) + sorted((ROOT / "core").glob("cli*.py"))


def test_the_window_and_the_command_line_write_only_through_operations(tmp_path: Path) -> None:
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as book:
        parts, own = marked_writes(book)
    offenders = [f"{path.relative_to(ROOT)}:{line}: {call}" for path in callers()
                 for line, call in direct_writes(path.read_text(encoding="utf-8"), parts, own)]
    assert offenders == []


def test_the_marks_cover_the_owners_writes(tmp_path: Path) -> None:
    """The marks are what the contract reads: the writes an owner's action makes are all marked."""
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as book:
        parts, own = marked_writes(book)
    assert {("contacts", "add"), ("contacts", "update"), ("contacts", "delete_many"), ("contacts", "empty_trash"),
            ("interactions", "log"), ("interactions", "delete"), ("interactions", "record_answer"),
            ("interactions", "resolve_complaints"), ("interchange", "merge"), ("interchange", "apply_import"),
            ("privacy", "forget"), ("occasions", "add"), ("occasions", "stop"), ("occasions", "snooze"),
            ("status", "pin_to_checklist"), ("forecasts", "keep_outcome")} <= parts
    assert own == {"update_settings"}
    assert ("contacts", "get") not in parts and ("contacts", "view_counts") not in parts


def test_a_direct_write_added_back_is_found(tmp_path: Path) -> None:
    """The contract breaks when the window calls the store again (as ``ui/undo.py`` once did)."""
    with Book.open(tmp_path / "book.rapport", backup_daily=False) as book:
        parts, own = marked_writes(book)
    source = ("def undo(window, item):\n"
              "    window.book.interactions.delete(item.id)\n"
              "    window.book.contacts.get(item.contact_id)\n"
              "    book.update_settings(today=None, currency='EUR')\n"
              "    operations.update_settings(book, None, currency='EUR')\n")
    assert direct_writes(source, parts, own) == [(2, "interactions.delete"), (4, "update_settings")]
