"""The guest's satisfaction on resolve (issue 14): one nullable column on incidents,
and an index for the KPIs the console computes from its own store when offline.

Revision ID: 0013_satisfaction
Revises: 0012_report_sign_off
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013_satisfaction"
down_revision: str | None = "0012_report_sign_off"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain DDL, frozen here. NULL: nobody recorded an answer (or "not asked") yet.
UPGRADE = [
    "ALTER TABLE incidents ADD COLUMN satisfaction TEXT",
    "CREATE INDEX IF NOT EXISTS incidents_by_opened_at ON incidents (opened_at)",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS incidents_by_opened_at")
    op.execute("ALTER TABLE incidents DROP COLUMN satisfaction")
