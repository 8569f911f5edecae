"""Signed incident acts: the acts and their immutable PDF revisions, by incident.

Revision ID: 0003_acts
Revises: 0002_sync
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_acts"
down_revision: str | None = "0002_sync"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain DDL, frozen here: later changes to offline_cache.schema must not rewrite history.
UPGRADE = [
    # One row per act (or post-incident report). No foreign key to incidents: the
    # incident may be replaced by the sync engine's upsert, and an act outlives that.
    """
    CREATE TABLE acts (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('incident_act', 'post_incident_report')),
        number TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        device_id TEXT NOT NULL,
        content_sha256 TEXT NOT NULL,
        guest_status TEXT
    )
    """,
    "CREATE INDEX ix_acts_incident ON acts (incident_id, created_at)",
    # One row per stored PDF: acts/<sha256>.pdf. seq 0 is the first signed file; an
    # upgrade (B-T, B-LT) appends to the previous file and is a new row.
    """
    CREATE TABLE act_revisions (
        sha256 TEXT PRIMARY KEY,
        act_id TEXT NOT NULL REFERENCES acts (id),
        incident_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 0),
        level TEXT NOT NULL CHECK (level IN ('B-B', 'B-T', 'B-LT')),
        size INTEGER NOT NULL CHECK (size > 0),
        created_at TEXT NOT NULL,
        previous_sha256 TEXT REFERENCES act_revisions (sha256),
        UNIQUE (act_id, seq),
        CHECK ((seq = 0) = (previous_sha256 IS NULL))
    )
    """,
    "CREATE INDEX ix_act_revisions_incident ON act_revisions (incident_id, created_at)",
    "CREATE INDEX ix_act_revisions_level ON act_revisions (level, act_id)",
    # Acts are evidence: neither the act rows nor their revisions change or go.
    """
    CREATE TRIGGER acts_no_update BEFORE UPDATE ON acts BEGIN
        SELECT RAISE(ABORT, 'acts are immutable');
    END
    """,
    """
    CREATE TRIGGER acts_no_delete BEFORE DELETE ON acts BEGIN
        SELECT RAISE(ABORT, 'acts are immutable');
    END
    """,
    """
    CREATE TRIGGER act_revisions_no_update BEFORE UPDATE ON act_revisions BEGIN
        SELECT RAISE(ABORT, 'act revisions are immutable');
    END
    """,
    """
    CREATE TRIGGER act_revisions_no_delete BEFORE DELETE ON act_revisions BEGIN
        SELECT RAISE(ABORT, 'act revisions are immutable');
    END
    """,
]

DOWNGRADE = [
    "DROP TRIGGER act_revisions_no_delete",
    "DROP TRIGGER act_revisions_no_update",
    "DROP TRIGGER acts_no_delete",
    "DROP TRIGGER acts_no_update",
    "DROP TABLE act_revisions",
    "DROP TABLE acts",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
