"""Photos and receipts attached to incidents, their bytes in the encrypted store.

Revision ID: 0007_attachments
Revises: 0006_sync_review
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007_attachments"
down_revision: str | None = "0006_sync_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain DDL, frozen here. The bytes live in the store (SQLCipher encrypts them with the
# rest) under their SHA-256, per incident; an attachment is evidence: never changed.
UPGRADE = [
    """
    CREATE TABLE attachments (
        incident_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('photo', 'receipt')),
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size > 0),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (incident_id, sha256)
    )
    """,
    "CREATE INDEX ix_attachments_created ON attachments (incident_id, created_at)",
    """
    CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments BEGIN
        SELECT RAISE(ABORT, 'attachments are immutable');
    END
    """,
]

DOWNGRADE = ["DROP TRIGGER attachments_no_update", "DROP TABLE attachments"]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
