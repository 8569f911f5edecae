"""Sync with the central helpdesk: outbox, sync state, field conflicts, incident versions.

Revision ID: 0002_sync
Revises: 0001_initial
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_sync"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain DDL, frozen here: later changes to offline_cache.schema must not rewrite history.
UPGRADE = [
    # The helpdesk's version of the incident (If-Match); NULL until it has the incident.
    "ALTER TABLE incidents ADD COLUMN version INTEGER",
    # One row per change still to send, written in the same transaction as the change.
    # ``idempotency_key`` is fixed before the first send and changes only when the body
    # must change after an answer proved the old request was not applied (a 412).
    # Rows are deleted in the transaction that applies their answer; a permanent
    # refusal keeps the row as a dead letter (state 'dead') for the user to see.
    """
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        actor_id TEXT NOT NULL DEFAULT '',
        payload TEXT NOT NULL,
        base_version INTEGER,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        last_status INTEGER,
        last_error TEXT NOT NULL DEFAULT '',
        failed_at TEXT
    )
    """,
    "CREATE INDEX ix_outbox_state_entity ON outbox (state, entity_id, seq)",
    # Small key/value facts: change-feed cursor, device token, clock skew, last sync.
    """
    CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
    # A field both sides changed (status, priority, owner...): the user settles it.
    """
    CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id TEXT NOT NULL,
        field TEXT NOT NULL,
        base_value TEXT,
        local_value TEXT,
        server_value TEXT,
        server_version INTEGER NOT NULL,
        detected_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX ix_sync_conflicts_open ON sync_conflicts (resolved_at, incident_id)",
]

DOWNGRADE = [
    "DROP TABLE sync_conflicts",
    "DROP TABLE sync_state",
    "DROP TABLE outbox",
    "ALTER TABLE incidents DROP COLUMN version",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
