"""The book's schema as an ordered, transactional registry of migrations.

Each migration runs in one transaction with its record in ``_sqlite_migrations``, so a
book file always says which version of the schema it holds. Never edit a migration that
has shipped: add a new one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from core.domain import Answer, Closure, Kind, Question, Tier
from core.store import count_triggers

if TYPE_CHECKING:
    from sqlite_utils import Database

STEPS: list[Callable[[Database], None]] = []


def _migration(step: Callable[[Database], None]) -> Callable[[Database], None]:
    """One step of the schema, kept in the order written (``STEPS``). Which of them a book has had, and
    running them, is ``core.store.migrating``'s."""
    STEPS.append(step)
    return step


def _one_of(column: str, values: list[str], nullable: bool = False) -> str:
    listed = ", ".join(f"'{v}'" for v in values)
    check = f"{column} IN ({listed})"
    return f"({column} IS NULL OR {check})" if nullable else f"({check})"


@_migration
def m001_initial(db: Database) -> None:
    """Contacts, interactions, client-test answers, tier history, cached status, settings."""
    tiers = [t.value for t in Tier]
    db.execute(
        f"""
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            organisation TEXT NOT NULL DEFAULT '',
            phones TEXT NOT NULL DEFAULT '[]',
            emails TEXT NOT NULL DEFAULT '[]',
            address TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '',
            how_met TEXT NOT NULL DEFAULT '',
            label TEXT CHECK {_one_of('label', tiers, nullable=True)},
            created_on TEXT NOT NULL,
            deleted_on TEXT,
            search_text TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        f"""
        CREATE TABLE interactions (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK {_one_of('kind', [k.value for k in Kind])},
            occurred_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            amount_cents INTEGER CHECK (amount_cents IS NULL OR amount_cents >= 0),
            referred_contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL
        )"""
    )
    db.execute("CREATE INDEX interactions_by_contact ON interactions(contact_id, occurred_on)")
    db.execute(
        "CREATE INDEX interactions_by_referred ON interactions(referred_contact_id) "
        "WHERE referred_contact_id IS NOT NULL"
    )
    db.execute(
        f"""
        CREATE TABLE client_test_answers (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            question TEXT NOT NULL CHECK {_one_of('question', [q.value for q in Question])},
            answer TEXT NOT NULL CHECK {_one_of('answer', [a.value for a in Answer])},
            answered_on TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX answers_by_contact ON client_test_answers(contact_id, question, answered_on)")
    db.execute(
        f"""
        CREATE TABLE tier_history (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            changed_on TEXT NOT NULL,
            from_tier TEXT CHECK {_one_of('from_tier', tiers, nullable=True)},
            to_tier TEXT NOT NULL CHECK {_one_of('to_tier', tiers)},
            reason TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX tier_history_by_day ON tier_history(changed_on)")
    db.execute("CREATE INDEX tier_history_by_contact ON tier_history(contact_id)")
    # A cache of the ladder's verdict per contact, rewritten whenever its evidence changes,
    # so that the contact table can sort and filter 100,000 rows in SQL.
    db.execute(
        f"""
        CREATE TABLE contact_status (
            contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
            tier TEXT NOT NULL CHECK {_one_of('tier', tiers)},
            also TEXT,
            display TEXT NOT NULL,
            due_on TEXT,
            next_step TEXT NOT NULL DEFAULT '',
            next_step_due TEXT,
            last_interaction_on TEXT,
            slipping INTEGER NOT NULL DEFAULT 0,
            at_risk INTEGER NOT NULL DEFAULT 0,
            label_warning INTEGER NOT NULL DEFAULT 0,
            evaluated_on TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX contact_status_by_tier ON contact_status(tier)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # Search: the folded text (accents stripped in Python, see core.text.fold) indexed by FTS5
    # with prefix indexes so that search-as-you-type stays fast on 100,000 contacts.
    db.execute(
        """
        CREATE VIRTUAL TABLE contacts_fts USING fts5(
            search_text, content='contacts', content_rowid='id',
            tokenize="unicode61 remove_diacritics 2", prefix='1 2 3'
        )"""
    )
    db.execute(
        """CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
             INSERT INTO contacts_fts(rowid, search_text) VALUES (new.id, new.search_text);
           END"""
    )
    db.execute(
        """CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
             INSERT INTO contacts_fts(contacts_fts, rowid, search_text)
             VALUES ('delete', old.id, old.search_text);
           END"""
    )
    db.execute(
        """CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search_text ON contacts BEGIN
             INSERT INTO contacts_fts(contacts_fts, rowid, search_text)
             VALUES ('delete', old.id, old.search_text);
             INSERT INTO contacts_fts(rowid, search_text) VALUES (new.id, new.search_text);
           END"""
    )


@_migration
def m002_table_indexes(db: Database) -> None:
    """Indexes for the contact table at 100,000 contacts: name order, the trash, sidebar counts."""
    db.execute("CREATE INDEX contacts_live_by_name ON contacts(name COLLATE NOCASE, id) WHERE deleted_on IS NULL")
    db.execute("CREATE INDEX contacts_in_trash ON contacts(id) WHERE deleted_on IS NOT NULL")
    db.execute("CREATE INDEX contact_status_counts ON contact_status(tier, also, due_on, slipping)")


@_migration
def m003_checklist_pins(db: Database) -> None:
    """Contacts the owner put on a week's checklist by hand (from the review summary)."""
    db.execute(
        """CREATE TABLE checklist_pins (
               week_start TEXT NOT NULL,
               contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
               PRIMARY KEY (week_start, contact_id)
           )"""
    )


@_migration
def m004_interchange(db: Database) -> None:
    """What imports bring: person or organisation, job title, source list, birthday and
    anniversary, phone types, the till's customer number; and a key per imported interaction
    so that importing the same sales log twice adds nothing the second time."""
    for column in (
        "kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation'))",
        "title TEXT NOT NULL DEFAULT ''",
        "source TEXT NOT NULL DEFAULT ''",
        "birthday TEXT NOT NULL DEFAULT ''",
        "anniversary TEXT NOT NULL DEFAULT ''",
        "phone_labels TEXT NOT NULL DEFAULT '[]'",
        "external_id TEXT",
    ):
        db.execute(f"ALTER TABLE contacts ADD COLUMN {column}")
    db.execute("UPDATE contacts SET kind = 'organisation' WHERE organisation <> '' AND name = organisation")
    db.execute("CREATE INDEX contacts_by_source ON contacts(source) WHERE source <> ''")
    db.execute("CREATE UNIQUE INDEX contacts_by_external_id ON contacts(external_id) WHERE external_id IS NOT NULL")
    db.execute("ALTER TABLE interactions ADD COLUMN import_key INTEGER")
    db.execute("CREATE UNIQUE INDEX interactions_by_import_key ON interactions(import_key) WHERE import_key IS NOT NULL")


@_migration
def m005_closing_loops(db: Database) -> None:
    """What closes a loop: the plan step a logged touch did ("question:needs"), a complaint's
    resolution day, and a loop the owner closed by hand ("not a fit", "keep as a customer", "gone")."""
    db.execute("ALTER TABLE interactions ADD COLUMN step_key TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE interactions ADD COLUMN resolved_on TEXT")
    closures = ", ".join(f"'{c.value}'" for c in Closure)
    db.execute(f"ALTER TABLE contacts ADD COLUMN closed_as TEXT CHECK (closed_as IS NULL OR closed_as IN ({closures}))")
    db.execute("ALTER TABLE contacts ADD COLUMN closed_on TEXT")
    db.execute("CREATE INDEX interactions_open_complaints ON interactions(contact_id) "
               "WHERE kind = 'complaint' AND resolved_on IS NULL")


@_migration
def m006_due_this_week(db: Database) -> None:
    """One meaning of "due this week": the checklist section that lists the contact in the week of
    the last evaluation. Every verdict is marked stale so the next open works it out."""
    db.execute("ALTER TABLE contact_status ADD COLUMN week_section TEXT")
    # The checklist's candidates come from here, best-ranked first, without reading the whole book.
    db.execute("CREATE INDEX contact_status_this_week ON contact_status(week_section, next_step_due, due_on) "
               "WHERE week_section IS NOT NULL")
    db.execute("UPDATE contact_status SET evaluated_on = ''")


@_migration
def m007_next_change(db: Database) -> None:
    """The first day each verdict may change without new evidence: a new day re-evaluates only the
    contacts whose day has come. Empty means "now": every verdict is worked out on the next open."""
    db.execute("ALTER TABLE contact_status ADD COLUMN next_change_on TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX contact_status_next_change ON contact_status(next_change_on)")


@_migration
def m008_count_indexes(db: Database) -> None:
    """The sidebar's counts, each read off a small index instead of one scan of every verdict."""
    db.execute("DROP INDEX IF EXISTS contact_status_counts")
    db.execute("CREATE INDEX contact_status_hybrids ON contact_status(contact_id) WHERE also IS NOT NULL")
    db.execute("CREATE INDEX contact_status_slipping ON contact_status(contact_id) WHERE slipping = 1")


@_migration
def m009_purchases_index(db: Database) -> None:
    """What each tier spent in W: the purchases of one year, read without touching any other row."""
    db.execute("CREATE INDEX IF NOT EXISTS interactions_purchases ON interactions(occurred_on, contact_id, "
               "amount_cents) WHERE kind = 'purchase'")


@_migration
def m010_table_order(db: Database) -> None:
    """The contact table reads one page at a time along an index that holds its order: each verdict
    keeps the contact's name, so sorting by tier, last contact, next step or due needs no sort."""
    from core.store.listing import tier_rank_sql

    db.execute("ALTER TABLE contact_status ADD COLUMN sort_name TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE contact_status SET sort_name = coalesce((SELECT name FROM contacts WHERE id = contact_id), '')")
    tail = "sort_name COLLATE NOCASE, contact_id"
    db.execute(f"CREATE INDEX contact_status_by_tier_rank ON contact_status(({tier_rank_sql('tier')}), {tail})")
    db.execute("CREATE INDEX contact_status_by_last_contact ON contact_status((last_interaction_on IS NULL), "
               f"last_interaction_on, {tail})")
    db.execute(f"CREATE INDEX contact_status_by_next_step ON contact_status(next_step COLLATE NOCASE, {tail})")
    db.execute(f"CREATE INDEX contact_status_by_due ON contact_status((next_step_due IS NULL), next_step_due, {tail})")
    db.execute("CREATE INDEX contacts_live_by_label ON contacts((label IS NULL), label, name COLLATE NOCASE, id) "
               "WHERE deleted_on IS NULL")


@_migration
def m011_view_counts(db: Database) -> None:
    """The sidebar's counts kept by triggers in the same transaction as every write that moves them,
    so that reading them after a log costs a tiny table, not a count of 100,000 verdicts (13 ms).
    The live contacts' verdicts count in 'all', their tier, 'hybrid', 'due' and 'slipping'; the
    Trash counts its contacts. A test compares them with a recount after every kind of write.
    (Verdicts are written by upsert: INSERT OR REPLACE would delete without firing a trigger.)"""
    db.execute("CREATE TABLE view_counts (view TEXT PRIMARY KEY, n INTEGER NOT NULL)")
    views = ["all", "hybrid", "due", "slipping", "trash", *(t.value for t in Tier)]
    db.conn.executemany("INSERT INTO view_counts (view, n) VALUES (?, 0)", [(v,) for v in views])
    triggers = count_triggers.view_count_triggers()  # name: (when it fires, what it does)
    for name, (when, body) in triggers.items():  # one statement each: inside the migration's transaction
        db.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    db.execute("UPDATE view_counts SET n = (SELECT count(*) FROM contacts WHERE deleted_on IS NOT NULL) "
               "WHERE view = 'trash'")
    live_rows = "contact_status s JOIN contacts c ON c.id = s.contact_id AND c.deleted_on IS NULL"
    for view, where in (("all", "1"), ("hybrid", "s.also IS NOT NULL"), ("due", "s.week_section IS NOT NULL"),
                        ("slipping", "s.slipping = 1")):
        db.execute(f"UPDATE view_counts SET n = (SELECT count(*) FROM {live_rows} WHERE {where}) WHERE view = ?",
                   [view])
    db.execute(f"UPDATE view_counts SET n = (SELECT count(*) FROM {live_rows} WHERE s.tier = view_counts.view) "
               f"WHERE view IN ({', '.join(repr(t.value) for t in Tier)})")


@_migration
def m012_evidence_index(db: Database) -> None:
    """Everything the ladder reads of a contact's interactions, held by one index in the order it is
    asked for (a kind's days together): gathering evidence reads the index alone, never the rows,
    a third of the time it took at a million interactions; a lead's first purchase is found
    without reading the referrer's other rows."""
    db.execute("CREATE INDEX IF NOT EXISTS interactions_evidence ON interactions(contact_id, kind, occurred_on, "
               "step_key, resolved_on)")


@_migration
def m013_due_needs_a_step(db: Database) -> None:
    """A contact is due this week only while their plan has a step left to do. Verdicts stored
    before that rule may list someone with nothing to do: each verdict that lists someone this
    week is worked out again on the next open (the others cannot be affected)."""
    db.execute("UPDATE contact_status SET next_change_on = '' WHERE week_section IS NOT NULL")


@_migration
def m014_trash_index(db: Database) -> None:
    """The contacts in the Trash, held by an index of their own: a list sorted by a column of the
    verdicts walks that column's index and leaves out the trashed few by this one, instead of
    reading each contact's row to see whether it is live (five times quicker at 65,000 rows)."""
    db.execute("CREATE INDEX IF NOT EXISTS contacts_in_trash ON contacts(id) WHERE deleted_on IS NOT NULL")


@_migration
def m015_book_session(db: Database) -> None:
    """The token of the session that wrote last (``core.store.sync``): written with every change, so
    that a ``-wal`` a sync client copied here from another laptop is told from this laptop's own."""
    db.execute("CREATE TABLE IF NOT EXISTS book_session (token TEXT)")
    db.execute("INSERT INTO book_session (token) SELECT NULL WHERE NOT EXISTS (SELECT 1 FROM book_session)")


@_migration
def m016_refunds(db: Database) -> None:
    """A refund is a kind of its own (a till's export has them): the interactions' CHECK of kinds
    gains it. Only a CHECK changes, which SQLite lets a schema edit do in place (its documented way
    for such changes: no row moves, every existing row already satisfies the new rule), so a book
    of a million interactions upgrades at once instead of being copied whole."""
    _widen_check(db, "interactions", "'note')", "'note', 'refund')", already="'refund'")


def _widen_check(db: Database, table: str, old: str, new: str, already: str) -> None:
    """Edit one CHECK of ``table`` in place (SQLite's documented way when every row already satisfies
    the new rule): ``old`` becomes ``new``, unless the table already says ``already``."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
    if already in sql:
        return  # a book made with this version already has it
    if old not in sql:
        raise RuntimeError(f"the {table} table is not as Rapport made it")
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?",
                   [old, new, table])
        db.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


@_migration
def m017_sort_keys(db: Database) -> None:
    """Names sort as people read them, not by their code points: "Łukasz" and "Ñandú" came after
    "Zora". Each contact keeps a sort key (``text.sort_key``: its letters without accents, in lower
    case), and the list's indexes read it."""
    from core.text import sort_key

    db.execute("ALTER TABLE contacts ADD COLUMN sort_key TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT id, name FROM contacts").fetchall()
    db.conn.executemany("UPDATE contacts SET sort_key = ? WHERE id = ?", [(sort_key(name), cid) for cid, name in rows])
    db.execute("UPDATE contact_status SET sort_name = coalesce((SELECT sort_key FROM contacts WHERE id = contact_id), '')")
    db.execute("DROP INDEX IF EXISTS contacts_live_by_name")
    db.execute("CREATE INDEX contacts_live_by_name ON contacts(sort_key, id) WHERE deleted_on IS NULL")
    db.execute("DROP INDEX IF EXISTS contacts_live_by_label")
    db.execute("CREATE INDEX contacts_live_by_label ON contacts((label IS NULL), label, sort_key, id) "
               "WHERE deleted_on IS NULL")


_LADDER_TIERS_CHECK = "(tier IN ('suspect', 'prospect', 'customer', 'client', 'partner'))"


@_migration
def m018_roles(db: Database) -> None:
    """A contact's role beside the ladder (DESIGN, "outside the ladder"): customer (the default),
    supplier or team. The team's stored verdict reads 'team', not a rung, so that it is in no
    tier's count; the verdicts' CHECK gains it in place, as m016 did for refunds (no row moves)."""
    db.execute("ALTER TABLE contacts ADD COLUMN role TEXT NOT NULL DEFAULT 'customer' "
               "CHECK (role IN ('customer', 'supplier', 'team'))")
    db.execute("CREATE INDEX contacts_by_role ON contacts(role) WHERE role <> 'customer'")
    db.execute("INSERT OR IGNORE INTO view_counts (view, n) VALUES ('team', 0)")
    _widen_check(db, "contact_status", _LADDER_TIERS_CHECK,
                 _LADDER_TIERS_CHECK.replace("'partner')", "'partner', 'team')"), already="'team'")


@_migration
def m019_occasions(db: Database) -> None:
    """Occasions beyond the card's birthday and anniversary (DESIGN, "Occasions"): a memorial day, a
    yearly order, Mother's Day for his mother… and a card occasion the owner stopped ("passed away"),
    kept, never shown again."""
    db.execute("""
        CREATE TABLE IF NOT EXISTS occasions (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            day TEXT NOT NULL DEFAULT '',
            for_whom TEXT NOT NULL DEFAULT '',
            label TEXT NOT NULL DEFAULT '',
            lead_days INTEGER NOT NULL DEFAULT 7 CHECK (lead_days BETWEEN 0 AND 90),
            note TEXT NOT NULL DEFAULT '',
            stopped_on TEXT,
            stopped_why TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX IF NOT EXISTS occasions_by_contact ON occasions(contact_id)")


@_migration
def m020_pinned_notes(db: Database) -> None:
    """Notes that must never be missed ("allergic to lilies"), kept apart from the free notes so that
    the card, the list and every printed line can show them."""
    db.execute("ALTER TABLE contacts ADD COLUMN pinned TEXT NOT NULL DEFAULT '[]'")


@_migration
def m021_occasion_snoozes(db: Database) -> None:
    """A reminder the owner snoozed ("a day", "a week"): it is not shown again until then."""
    db.execute("CREATE TABLE IF NOT EXISTS occasion_snoozes (reminder TEXT PRIMARY KEY, until TEXT NOT NULL)")


@_migration
def m022_retier_pending(db: Database) -> None:
    """Whom a settings change reaches, still to be worked out again (``core.store.settings_reach``)."""
    db.execute("CREATE TABLE IF NOT EXISTS retier_pending (contact_id INTEGER PRIMARY KEY)")
    # Whoever is removed for good is no longer due (a stale entry would keep the book "not up to date").
    db.execute("CREATE TRIGGER IF NOT EXISTS retier_pending_forgotten AFTER DELETE ON contact_status "
               "BEGIN DELETE FROM retier_pending WHERE contact_id = old.contact_id; END")


@_migration
def m023_contacts_with_days(db: Database) -> None:
    """Whoever has a birthday or an anniversary on the card, found without reading every contact: the
    window looks for coming occasions as it opens (0.2 s a look at 100,000 contacts without it)."""
    db.execute("CREATE INDEX IF NOT EXISTS contacts_with_days ON contacts(id) "
               "WHERE birthday <> '' OR anniversary <> ''")


@_migration
def m024_forecast_fit(db: Database) -> None:
    """The fitted forecast (``core.forecast``): one row a model, with the day it was fitted and the
    day its calibration ran to, so that every contact is scored from it without fitting again; and
    the buyers last counted for it (the pane says how far short of the minimum a book is without
    counting every purchase again each time a contact is shown)."""
    db.execute("CREATE TABLE IF NOT EXISTS forecast_fit (model TEXT PRIMARY KEY CHECK (model IN ('bg', 'mbg')), "
               "r REAL NOT NULL, alpha REAL NOT NULL, a REAL NOT NULL, b REAL NOT NULL, "
               "log_likelihood REAL NOT NULL, customers INTEGER NOT NULL, repeat_buyers INTEGER NOT NULL, "
               "unit_days INTEGER NOT NULL, calibrated_to TEXT NOT NULL, fitted_on TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS forecast_count (id INTEGER PRIMARY KEY CHECK (id = 1), "
               "buyers INTEGER NOT NULL, repeat_buyers INTEGER NOT NULL, counted_on TEXT NOT NULL)")


@_migration
def m025_this_week_by_due(db: Database) -> None:
    """This week's list, soonest first, read off an index of its own (``listing._WEEK_BY_DUE``): the
    window opens on it, and reading it down to its end (Ctrl+End, or a contact chosen from the
    moves) read each of the book's verdicts to find this week's."""
    db.execute("CREATE INDEX IF NOT EXISTS contact_status_week_by_due ON contact_status((next_step_due IS NULL), "
               "next_step_due, sort_name COLLATE NOCASE, contact_id) WHERE week_section IS NOT NULL")


@_migration
def m026_refunds_by_day(db: Database) -> None:
    """The refunds, few, found by their day without reading every interaction: what the contacts on
    each rung spent within W (``rapport tiers``) scanned the million rows of the bench book for them."""
    db.execute("CREATE INDEX IF NOT EXISTS interactions_refunds ON interactions(occurred_on, contact_id, amount_cents) "
               "WHERE kind = 'refund'")


@_migration
def m027_names_by_number(db: Database) -> None:
    """Each live contact's name key by its number: a search sorts what FTS5 matched by name from
    this small index rather than from each contact's whole row (9,000 matches: 6 ms, 3 ms so)."""
    db.execute("CREATE INDEX IF NOT EXISTS contacts_live_name_by_id ON contacts(id, sort_key) WHERE deleted_on IS NULL")
