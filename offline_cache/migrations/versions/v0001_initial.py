"""Initial schema: guests with FTS5 name search, staff, tables, incidents, audit log.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain DDL, frozen here: later changes to offline_cache.schema must not rewrite history.
UPGRADE = [
    # pk: an explicit INTEGER PRIMARY KEY, because VACUUM may renumber implicit
    # rowids and the FTS index refers to guests by rowid.
    """
    CREATE TABLE guests (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        card_number TEXT NOT NULL,
        name TEXT NOT NULL,
        tier TEXT NOT NULL,
        host_id TEXT,
        phone TEXT NOT NULL DEFAULT '',
        phone_digits TEXT NOT NULL DEFAULT '',
        phone_digits_reversed TEXT NOT NULL DEFAULT '',
        languages TEXT NOT NULL DEFAULT '[]',
        currency TEXT NOT NULL,
        preferred_channels TEXT NOT NULL DEFAULT '[]',
        code_word_hash TEXT,
        credit_line TEXT,
        table_limit TEXT,
        adt TEXT,
        theo TEXT,
        sof_sow_status TEXT NOT NULL,
        room TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
        preferences TEXT NOT NULL,
        quiet TEXT NOT NULL,
        rg TEXT NOT NULL,
        itinerary TEXT NOT NULL DEFAULT '[]',
        search_text TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE UNIQUE INDEX ux_guests_card_number ON guests (card_number)",
    "CREATE INDEX ix_guests_phone_digits ON guests (phone_digits)",
    # Reversed digits turn "ends with 5678" into an index range scan.
    "CREATE INDEX ix_guests_phone_digits_reversed ON guests (phone_digits_reversed)",
    "CREATE INDEX ix_guests_host_id ON guests (host_id)",
    "CREATE INDEX ix_guests_room ON guests (room)",
    # External-content FTS5 over guests.search_text (names with CJK characters
    # spaced, see offline_cache.search_text); prefix indexes keep 1-3 letter
    # type-ahead from merging thousands of terms.
    """
    CREATE VIRTUAL TABLE guest_search USING fts5(
        search_text,
        content='guests',
        content_rowid='pk',
        tokenize='unicode61 remove_diacritics 2',
        prefix='1 2 3'
    )
    """,
    """
    CREATE TRIGGER guests_search_insert AFTER INSERT ON guests BEGIN
        INSERT INTO guest_search (rowid, search_text) VALUES (new.pk, new.search_text);
    END
    """,
    """
    CREATE TRIGGER guests_search_delete AFTER DELETE ON guests BEGIN
        INSERT INTO guest_search (guest_search, rowid, search_text)
        VALUES ('delete', old.pk, old.search_text);
    END
    """,
    """
    CREATE TRIGGER guests_search_update AFTER UPDATE OF search_text ON guests BEGIN
        INSERT INTO guest_search (guest_search, rowid, search_text)
        VALUES ('delete', old.pk, old.search_text);
        INSERT INTO guest_search (rowid, search_text) VALUES (new.pk, new.search_text);
    END
    """,
    """
    CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        pin_hash TEXT NOT NULL,
        device_id TEXT,
        pits TEXT NOT NULL DEFAULT '[]',
        tables TEXT NOT NULL DEFAULT '[]',
        covering_for TEXT NOT NULL DEFAULT '[]',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
    )
    """,
    # No foreign key to staff: failed attempts may concern an id not synced yet.
    """
    CREATE TABLE pin_states (
        staff_id TEXT PRIMARY KEY,
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until TEXT
    )
    """,
    """
    CREATE TABLE gaming_tables (
        id TEXT PRIMARY KEY,
        pit TEXT NOT NULL,
        game TEXT NOT NULL,
        min_bet INTEGER NOT NULL DEFAULT 0,
        max_bet INTEGER NOT NULL DEFAULT 0,
        extra TEXT NOT NULL DEFAULT '{}'
    )
    """,
    # guest_id / table_id / owner_id carry no foreign keys: offline, an incident
    # may be filed before the guest or table reaches this device.
    """
    CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        provisional_number TEXT NOT NULL UNIQUE,
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        priority TEXT NOT NULL,
        category TEXT NOT NULL,
        channel TEXT NOT NULL,
        summary TEXT NOT NULL,
        status TEXT NOT NULL,
        number TEXT UNIQUE,
        guest_id TEXT,
        owner_id TEXT,
        location TEXT NOT NULL DEFAULT '',
        table_id TEXT,
        game TEXT NOT NULL DEFAULT '',
        machine TEXT NOT NULL DEFAULT '',
        amount TEXT,
        currency TEXT NOT NULL,
        transaction_ref TEXT NOT NULL DEFAULT '',
        desired_outcome TEXT NOT NULL DEFAULT '',
        attachments TEXT NOT NULL DEFAULT '[]',
        manual_escalation_level INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX ix_incidents_status ON incidents (status, opened_at)",
    "CREATE INDEX ix_incidents_guest_id ON incidents (guest_id, opened_at)",
    """
    CREATE TABLE incident_events (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        from_value TEXT NOT NULL DEFAULT '',
        to_value TEXT NOT NULL DEFAULT '',
        UNIQUE (incident_id, seq)
    )
    """,
    """
    CREATE TRIGGER incident_events_no_update BEFORE UPDATE ON incident_events BEGIN
        SELECT RAISE(ABORT, 'incident events are append-only');
    END
    """,
    """
    CREATE TRIGGER incident_events_no_delete BEFORE DELETE ON incident_events BEGIN
        SELECT RAISE(ABORT, 'incident events are append-only');
    END
    """,
    """
    CREATE TABLE provisional_counters (
        device_id TEXT PRIMARY KEY,
        last_value INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        role TEXT NOT NULL,
        device_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
    END
    """,
    """
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
    END
    """,
]

DOWNGRADE = [
    "DROP TABLE audit_log",
    "DROP TABLE provisional_counters",
    "DROP TABLE incident_events",
    "DROP TABLE incidents",
    "DROP TABLE gaming_tables",
    "DROP TABLE pin_states",
    "DROP TABLE staff",
    "DROP TABLE guest_search",
    "DROP TABLE guests",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
