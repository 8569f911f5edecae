"""The guest's satisfaction on resolve (issue 14): a nullable column on incidents.

Revision ID: h0002_satisfaction
Revises: h0001_initial
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "h0002_satisfaction"
down_revision: str | None = "h0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A database made before migrations gained it already (helpdesk/migrate.py).
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("incidents")}
    if "satisfaction" in have:
        return
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("satisfaction", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_column("satisfaction")
