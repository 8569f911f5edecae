"""Changes from the helpdesk set aside for review (app/sync/set_aside.py).

Revision ID: 0006_sync_review
Revises: 0005_totp
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006_sync_review"
down_revision: str | None = "0005_totp"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = [
    """
    CREATE TABLE sync_set_aside (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        item_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        seq INTEGER,
        data TEXT NOT NULL,
        reason TEXT NOT NULL,
        local_id TEXT,
        repointed INTEGER NOT NULL DEFAULT 0,
        detected_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT NOT NULL DEFAULT ''
    )
    """,
    # Open items by record: a later change of it settles them; orphans by incident.
    "CREATE INDEX ix_sync_set_aside_open ON sync_set_aside (resolved_at, item_type, entity_id)",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE sync_set_aside")
