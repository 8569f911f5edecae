"""The outbox's sent journal: each row the helpdesk took, kept seven days, so that a
helpdesk restored from a backup gets again what it lost (app/sync/restored.py).

Revision ID: 0010_outbox_sent
Revises: 0009_staff_sessions
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010_outbox_sent"
down_revision: str | None = "0009_staff_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = [
    """
    CREATE TABLE outbox_sent (
        seq INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        base_version INTEGER,
        created_at TEXT NOT NULL,
        session_id TEXT NOT NULL DEFAULT '',
        sent_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX ix_outbox_sent_sent_at ON outbox_sent (sent_at)",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE outbox_sent")
