"""Staff sessions: each sign-in the device vouches for, its staff token, and the
session each outbox row was written in (app/sync/sessions.py).

Revision ID: 0009_staff_sessions
Revises: 0008_staff_languages
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009_staff_sessions"
down_revision: str | None = "0008_staff_languages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UPGRADE = [
    """
    CREATE TABLE staff_sessions (
        session_id TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        signed_in_at TEXT NOT NULL,
        public_key TEXT NOT NULL DEFAULT '',
        signature TEXT NOT NULL DEFAULT '',
        token TEXT,
        token_expires_at TEXT,
        ended_at TEXT,
        refused TEXT NOT NULL DEFAULT ''
    )
    """,
    # Rows written before: no session (they are sent once their staff member signs in).
    "ALTER TABLE outbox ADD COLUMN session_id TEXT NOT NULL DEFAULT ''",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("ALTER TABLE outbox DROP COLUMN session_id")
    op.execute("DROP TABLE staff_sessions")
