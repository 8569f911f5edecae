"""An alert is announced (banner, sound, screen reader) once it was shown to its person:
one nullable column on alerts. A check whose result nobody saw (its page went at a
sign-out) no longer counts as an announcement; the next check announces it.

Revision ID: 0014_alerts_announced
Revises: 0013_satisfaction
Create Date: 2026-12-05
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014_alerts_announced"
down_revision: str | None = "0013_satisfaction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain DDL, frozen here. The alerts kept before were announced when they were found.
UPGRADE = [
    "ALTER TABLE alerts ADD COLUMN announced_at TEXT",
    "UPDATE alerts SET announced_at = at",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("ALTER TABLE alerts DROP COLUMN announced_at")
