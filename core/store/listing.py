"""The contact table's rows at any size: one page of ids at a time, in display order.

The table shows a few dozen rows; at 100,000 contacts, pulling every id of a view into Python
for each keystroke or header click costs far more than the owner can wait (a search for "c",
which matches everyone, took 240 ms). So the list is read a page at a time (``LIMIT``/``OFFSET``)
along an index that already holds the display order (a whole large list too: walking the index
costs less than sorting it, 43 ms against 100 ms for everyone in a book of 100,000):

- by name: ``contacts_live_by_name``;
- by tier, last contact, next step or due: an index on the stored verdicts that ends with the
  contact's name (``contact_status.sort_name``, written with every verdict), so no sort is needed;
- by label: an index on the contacts.

Which to read first is chosen by size, since SQLite cannot know how a view and an order are
related. A view of at most ``SMALL_SET`` contacts is read whole off its own small index and
sorted (a few milliseconds); a larger one ("all", the customers) walks its sort's index until the
page is full, a few hundred rows instead of a sort of 100,000. A search starts from what FTS5
matches when they are few (``few_matches``: a tenth of the book, at least 10,000) and sorts them (1–2 µs a
match). More matches than that cost more to sort than to walk the order's index while looking
each row up in the set FTS5 matched (at worst the whole index, about 30 ms; 10 ms for the usual
broad searches); testing each row's
text with a Python function instead would cost 3 µs a row, half a second to find the first "j"
(those names sit near the middle of the alphabet). A search that matches at least half the book
("c", "33") walks the order testing each row with ``matches_folded`` after all: that set would
cost more to build than the few hundred rows the walk tests. ``matches_folded`` agrees with
FTS5's unicode61 tokenizer on what a word is (a property test holds the two to the same rows).
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Collection, Iterable

from core.domain import Tier
from core.text import fold

# Views of the contact list. Tier values ("client", …) are views too.
VIEW_ALL, VIEW_DUE, VIEW_SLIPPING, VIEW_HYBRID, VIEW_TRASH = "all", "due", "slipping", "hybrid", "trash"
VIEW_OCCASIONS = "occasions"  # whose occasions fall in the coming 60 days (``Occasions.mark_coming``)
VIEW_SUPPLIERS, VIEW_TEAM = "supplier", "team"  # the roles beside the ladder (the team's verdict reads "team")
VIEW_SOURCE_PREFIX = "source:"  # "source:Bridal fair 2026": everyone who came from that list
_LIVE = "c.deleted_on IS NULL"  # a contact not in the Trash
_NOT_TRASHED = "s.contact_id NOT IN (SELECT id FROM contacts WHERE deleted_on IS NOT NULL)"  # the same, of a verdict



def tier_rank_sql(column: str) -> str:
    """A tier column as its rung's number, so that tiers sort up the ladder, not by spelling."""
    return f"CASE {column} " + " ".join(f"WHEN '{t.value}' THEN {t.rank}" for t in Tier) + " ELSE 0 END"


# Each sort: the columns of its index, in order, after which the name and the id break ties.
# Empty-last columns sort (key IS NULL, key) so that an ascending walk puts the empties last
# and a descending one first, as the index stores them.
_STATUS_SORTS: dict[str, tuple[str, ...]] = {
    "tier": (f"({tier_rank_sql('s.tier')})",),
    "last_interaction": ("(s.last_interaction_on IS NULL)", "s.last_interaction_on"),
    "next_step": ("s.next_step COLLATE NOCASE",),
    "due": ("(s.next_step_due IS NULL)", "s.next_step_due"),
}
SORTS = ("name", "label", *_STATUS_SORTS)


# A search matching at least this share of the book walks the order and tests each row's text.
BROAD_SHARE = 0.5
# A search matching at most this many contacts sorts them; more walk the order's index. Sorting costs
# about 1 µs a match, walking about 0.16 µs a row, and a walk may cross the whole book before its page
# is full (a "z" at 300,000 contacts: 49 ms walked, 23 ms sorted): the bound grows with the book, to a
# tenth of it (a sixth sorted 48,000 "m" matches in 34 ms, more than their walk).
FEW_MATCHES = 10_000
WALK_PER_SORT = 10


def few_matches(conn: sqlite3.Connection | None) -> int:
    """How many matches are still sorted rather than walked, for this book's size."""
    return max(FEW_MATCHES, _view_size(conn, VIEW_ALL) // WALK_PER_SORT) if conn is not None else FEW_MATCHES

# FTS5's unicode61 tokenizer: a word is a run of letters, digits and private-use characters.
_WORD = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd])+")


def search_words(text: str) -> list[str]:
    """The owner's words, folded as the book folds what it searches."""
    return re.findall(r"\w+", fold(text))


def fts_query(text: str) -> str | None:
    """The owner's words as an FTS5 prefix query: "zoe lo" → '"zoe"* AND "lo"*'."""
    return _prefixes(search_words(text)) or None


def _prefixes(words: list[str]) -> str:
    return " AND ".join(f'"{word}"*' for word in words)


def matches_folded(folded_text: str | None, words: str) -> bool:
    """Whether every word (tab-separated, folded) starts a word of ``folded_text``, as FTS5 decides it."""
    tokens = _WORD.findall(folded_text or "")
    return all(any(token.startswith(word) for token in tokens) for word in words.split("\t"))


def install(conn: sqlite3.Connection) -> None:
    """Register ``rapport_matches`` on a connection (every connection that lists contacts needs it)."""
    conn.create_function("rapport_matches", 2, matches_folded, deterministic=True)


# Whose occasions are coming, per connection: worked out in Python (floating days follow the book's
# country) by ``Occasions.mark_coming``, and read by the *Occasions soon* view as a JSON list, never
# written into the book (a book open for reading only shows it too).
_COMING: dict[int, tuple[int, ...]] = {}


def set_coming(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Note whose occasions are coming for this connection; none (a book closing) forgets its entry."""
    found = tuple(sorted(set(ids)))
    if found:
        _COMING[id(conn)] = found
    else:
        _COMING.pop(id(conn), None)


def coming_ids(conn: sqlite3.Connection) -> tuple[int, ...]:
    return _COMING.get(id(conn), ())


def view_filter(view: str, conn: sqlite3.Connection | None = None) -> tuple[list[str], list[object]]:
    """The WHERE terms (over ``contacts c`` and ``contact_status s``) of one view."""
    if view == VIEW_TRASH:
        return ["c.deleted_on IS NOT NULL"], []
    where: list[str] = [_LIVE]
    params: list[object] = []
    if view == VIEW_DUE:
        where.append("s.week_section IS NOT NULL")
    elif view == VIEW_SLIPPING:
        where.append("s.slipping = 1")
    elif view == VIEW_HYBRID:
        where.append("s.also IS NOT NULL")
    elif view == VIEW_SUPPLIERS:
        where.append("c.role = 'supplier'")
    elif view == VIEW_OCCASIONS:
        where.append("c.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(coming_ids(conn) if conn is not None else ()))
    elif view == VIEW_TEAM:
        where.append("s.tier = 'team'")
    elif view.startswith(VIEW_SOURCE_PREFIX):
        where.append("c.source = ?")
        params.append(view[len(VIEW_SOURCE_PREFIX):])
    elif view in {t.value for t in Tier}:
        where.append("s.tier = ?")
        params.append(view)
    elif view != VIEW_ALL:
        raise ValueError(f"Unknown view {view!r}")
    return where, params


# The index that holds each sort's order.
_SORT_INDEX = {"name": "contacts_live_by_name", "label": "contacts_live_by_label",
               "tier": "contact_status_by_tier_rank", "last_interaction": "contact_status_by_last_contact",
               "next_step": "contact_status_by_next_step", "due": "contact_status_by_due"}
# A view or search with at most this many rows is read whole and sorted (a few milliseconds); a
# larger one is walked along its sort's index until the page is full.
SMALL_SET = 20_000
# A read of at least this share of a large view of verdicts, in an order not its own, keeps the
# book's order to the view's members rather than walking the order (``_members_when_walked``).
WALKED_SHARE = 0.4


# This week's own list in its own order (soonest first), walked off a partial index (m025): along the
# whole book's, each row was read to see whether it is this week's (150 ms for 34,000 of 100,000, 11 ms here).
_WEEK_BY_DUE = "contact_status_week_by_due"


def _walks_its_own_index(view: str, sort: str) -> bool:
    """Whether a view's order is walked off an index of the view's own (This week, soonest first)."""
    return view == VIEW_DUE and sort == "due"


def _order(sort: str, descending: bool, walk: bool, view: str = VIEW_ALL) -> tuple[str, str]:
    """The FROM clause and the ORDER BY of one sort. Walking, the sort's index is the one read;
    else the keys are written ``+key`` so that SQLite finds the few rows first and sorts them."""
    direction = "DESC" if descending else "ASC"
    walked = _WEEK_BY_DUE if _walks_its_own_index(view, sort) else _SORT_INDEX[sort]
    index = f" INDEXED BY {walked}" if walk else ""
    if sort in _STATUS_SORTS:
        keys = (*_STATUS_SORTS[sort], "s.sort_name COLLATE NOCASE", "s.contact_id")
        source = f"contact_status s{index} JOIN contacts c ON c.id = s.contact_id"
    else:
        keys = (("(c.label IS NULL)", "c.label") if sort == "label" else ()) + ("c.sort_key", "c.id")
        source = f"contacts c{index} LEFT JOIN contact_status s ON s.contact_id = c.id"
    if not walk:
        keys = tuple(f"+{key}" for key in keys)
    return source, ", ".join(f"{key} {direction}" for key in keys)


def page_of_ids(conn: sqlite3.Connection, view: str, search: str, sort: str, descending: bool,
                offset: int = 0, limit: int | None = None) -> list[int]:
    """The ids of one view and search in display order, from ``offset``, at most ``limit`` of them."""
    if not offset and not search_words(search):
        members = _members_when_walked(conn, view, sort, limit)
        if members is not None:
            ids = [i for i in page_of_ids(conn, VIEW_ALL, "", sort, descending) if i in members]
            return ids if limit is None else ids[:limit]
    return [r[0] for r in conn.execute(*page_query(conn, view, search, sort, descending, offset, limit))]


def _members_when_walked(conn: sqlite3.Connection, view: str, sort: str, limit: int | None) -> set[int] | None:
    """Who is in a large view of verdicts (This week, the customers), when all of it or most of it
    (``WALKED_SHARE``) is read in an order whose index is not the view's own: the whole book's order
    is then walked on its index alone and kept to them. Walking the order's index and reading each
    row to see whether it is the view's took 101-126 ms at 100,000 contacts for the whole of it (This
    week by name, the customers by due: going to the last contact, or a list read down that far laid
    out again), 44-60 ms for 15,000 of This week's 34,631; the view's ids off its own index and the
    book's order, 40-65 ms. None: the list is read as a page is."""
    if view in (VIEW_ALL, VIEW_TRASH) or _walks_its_own_index(view, sort):
        return None
    size = _view_size(conn, view)
    if size <= SMALL_SET or (limit is not None and limit < WALKED_SHARE * size):
        return None
    where, params = view_filter(view, conn)
    if not _only_verdicts(where) or len(where) < 2:
        return None
    return {r[0] for r in conn.execute(f"SELECT s.contact_id FROM contact_status s WHERE {' AND '.join(where[1:])}",
                                       params)}


def page_query(conn: sqlite3.Connection, view: str, search: str, sort: str, descending: bool,
               offset: int = 0, limit: int | None = None, columns: str = "c.id") -> tuple[str, list[object]]:
    """The SELECT of ``columns`` (over ``contacts c`` and ``contact_status s``) for one view and
    search in display order, and its parameters: the ids of a page, or whole rows of a long list."""
    sort = sort if sort in SORTS else "name"
    where, params = view_filter(view, conn)
    words = search_words(search)
    walk = view != VIEW_TRASH and _view_size(conn, view) > SMALL_SET
    matching = _matching(conn, words) if words and walk else None
    if words and matching is None:
        walk = False  # a phrase ("a_b"): FTS5 alone can say what matches
    source, order = _order(sort, descending, walk, view)
    if matching is not None and limit is not None and matching >= BROAD_SHARE * _view_size(conn, VIEW_ALL):
        where.append("rapport_matches(c.search_text, ?)")  # most rows match: test each row of the page's walk
        params.append("\t".join(words))
    elif matching is not None and matching > few_matches(conn):  # many match: look each row of the walk up in them
        where.append("c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)")
        params.append(_prefixes(words))
    elif words:  # from what FTS5 matches: the contact, then (when the view, order or columns need it) its verdict
        needs_verdict = sort in _STATUS_SORTS or any(term.startswith("s.") for term in where) or "s." in columns
        order = _order(sort, descending, walk=False)[1]  # the few matches are sorted, not walked
        by_name_alone = sort == "name" and where == [_LIVE] and columns == "c.id"  # off a small index: half the time
        source = f"contacts_fts f JOIN contacts c{' INDEXED BY contacts_live_name_by_id' if by_name_alone else ''} " \
                 "ON c.id = f.rowid" + (" LEFT JOIN contact_status s ON s.contact_id = c.id" if needs_verdict else "")
        where.append("f.contacts_fts MATCH ?")
        params.append(_prefixes(words))
    if walk and not words and columns == "c.id" and sort in _STATUS_SORTS and _only_verdicts(where):
        # The ids of a long list in a verdict's order: that order's index alone, the trashed few
        # left out by theirs (``contacts_in_trash``), never each contact's row read to see if it is live.
        columns, source = "s.contact_id", source.split(" JOIN ")[0]
        where = [_NOT_TRASHED, *where[1:]]
    sql = f"SELECT {columns} FROM {source} WHERE {' AND '.join(where)} ORDER BY {order}"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    return sql, params


def _only_verdicts(where: list[str]) -> bool:
    """Whether a view's terms are "live" and then terms of the verdicts only (a tier, due, slipping…)."""
    return bool(where) and where[0] == _LIVE and all(term.startswith("s.") for term in where[1:])


def shows(conn: sqlite3.Connection, contact_id: int, view: str, search: str) -> bool:
    """Whether the view and search include this contact (the pane keeps only what the list shows)."""
    where, params = view_filter(view, conn)
    query = fts_query(search)
    if query:
        where.append("c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)")
        params.append(query)
    sql = (f"SELECT 1 FROM contacts c LEFT JOIN contact_status s ON s.contact_id = c.id "
           f"WHERE c.id = ? AND {' AND '.join(where)}")
    return conn.execute(sql, [contact_id, *params]).fetchone() is not None


def _first_of_two(sort: str, descending: bool) -> str:
    """The SELECT that says which of two contacts (two ids as parameters) this order lists first."""
    source, order = _order(sort if sort in SORTS else "name", descending, walk=False)
    return f"SELECT c.id FROM {source} WHERE c.id IN (?, ?) ORDER BY {order} LIMIT 1"


def comes_before(conn: sqlite3.Connection, first: int, second: int, sort: str, descending: bool,
                 sql: str | None = None) -> bool:
    """Whether contact ``first`` is listed before ``second`` in this order (a total order: the
    number breaks every tie), asked of the two rows alone (``sql``: ``_first_of_two``'s, made once)."""
    row = conn.execute(sql or _first_of_two(sort, descending), [first, second]).fetchone()
    return row is not None and row[0] == first


def placed_again(conn: sqlite3.Connection, ids: list[int], complete: bool, touched: Collection[int],
                 view: str, search: str, sort: str, descending: bool) -> list[int]:
    """The list ``ids`` (this view's first rows in this order; all of them when ``complete``) after a
    write that changed only the ``touched`` contacts: the others keep their order, so each touched
    one the view still shows is put back where a binary search of the others says (a few dozen
    two-row reads), never past the last row read unless the list is complete. Read down to its end
    (100,000 rows), the list cost every log 30 ms to read again, 150 ms in "This week", whose rows
    are each looked up."""
    rest = [contact_id for contact_id in ids if contact_id not in touched]
    sql = _first_of_two(sort, descending)
    for contact_id in sorted(touched):
        if not shows(conn, contact_id, view, search):
            continue
        low, high = 0, len(rest)
        while low < high:
            middle = (low + high) // 2
            if comes_before(conn, contact_id, rest[middle], sort, descending, sql):
                high = middle
            else:
                low = middle + 1
        if low < len(rest) or complete:  # past the last row read, it is for the next page to bring
            rest.insert(low, contact_id)
    return rest


def suppliers(conn: sqlite3.Connection) -> int:
    """How many live suppliers the book holds: few, counted off their own index."""
    return conn.execute("SELECT count(*) FROM contacts INDEXED BY contacts_by_role "  # the index's own term:
                        "WHERE role <> 'customer' AND role = 'supplier' AND deleted_on IS NULL").fetchone()[0]


def _matching(conn: sqlite3.Connection, words: list[str]) -> int | None:
    """How many contacts plain words match (FTS5 counts them in a millisecond or two); None for a
    word with an underscore, a phrase to FTS5 ("a_b" being "a b"), which only FTS5 can match."""
    if not all(_WORD.fullmatch(word) for word in words):
        return None
    return conn.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?",
                        [_prefixes(words)]).fetchone()[0]


def _view_size(conn: sqlite3.Connection, view: str) -> int:
    """How many contacts a view holds: the sidebar's count (kept by triggers), or a source's."""
    if view.startswith(VIEW_SOURCE_PREFIX):
        return conn.execute("SELECT count(*) FROM contacts WHERE source = ? AND deleted_on IS NULL",
                            [view[len(VIEW_SOURCE_PREFIX):]]).fetchone()[0]
    if view == VIEW_SUPPLIERS:
        return suppliers(conn)
    if view == VIEW_OCCASIONS:
        return len(coming_ids(conn))
    row = conn.execute("SELECT n FROM view_counts WHERE view = ?", [view]).fetchone()
    return row[0] if row else 0
