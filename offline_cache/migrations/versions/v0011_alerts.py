"""The alert inbox (issue 14): each person's alerts on this console, read or not, and
where each person's alerts were last checked (sign-in replays from there).

Revision ID: 0011_alerts
Revises: 0010_outbox_sent
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_alerts"
down_revision: str | None = "0010_outbox_sent"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain DDL, frozen here. An alert's id names its event and its recipient, so the same
# event noticed twice (two checks, two sign-ins) is kept once.
UPGRADE = [
    """
    CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        recipient_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        incident_id TEXT NOT NULL,
        at TEXT NOT NULL,
        ticket TEXT NOT NULL,
        priority TEXT NOT NULL,
        category TEXT NOT NULL,
        level INTEGER NOT NULL,
        guest_name TEXT NOT NULL DEFAULT '',
        read_at TEXT
    )
    """,
    "CREATE INDEX alerts_by_recipient ON alerts (recipient_id, at)",
    """
    CREATE TABLE alert_marks (
        staff_id TEXT PRIMARY KEY,
        checked_until TEXT NOT NULL
    )
    """,
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE alert_marks")
    op.execute("DROP TABLE alerts")
