"""Group reads (issue 16): the audit of reads across properties
(``audit_cross_property_reads``, helpdesk/cross_property_audit.py), and the indexes the
incident list pages by, newest first: one property's (``property_id, opened_at``) and
the whole group's (``opened_at``).

Revision ID: h0007_group_reads
Revises: h0006_recovery_delivered
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from helpdesk.models import UtcDateTime

revision: str = "h0007_group_reads"
down_revision: str | None = "h0006_recovery_delivered"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUDIT = "audit_cross_property_reads"
INCIDENT_INDEXES = {
    "ix_incidents_property_opened": ["property_id", "opened_at"],
    "ix_incidents_opened": ["opened_at"],
}


def upgrade() -> None:
    found = sa.inspect(op.get_bind())
    # A database made by create_all at this revision has them already.
    if not found.has_table(AUDIT):
        op.create_table(
            AUDIT,
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("at", UtcDateTime(timezone=True), nullable=False),
            sa.Column("staff_id", sa.String(length=32), nullable=False),
            sa.Column("device_id", sa.String(length=64), nullable=False),
            sa.Column("device_property_id", sa.Integer(), nullable=False),
            sa.Column("asked", sa.String(length=16), nullable=False),
            sa.Column("what", sa.String(length=10), nullable=False),
            sa.Column("record_id", sa.String(length=36), nullable=True),
            sa.Column("status", sa.Integer(), nullable=False),
            sa.Column("records", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(f"ix_{AUDIT}_at", AUDIT, ["at"], unique=False)
        op.create_index(f"ix_{AUDIT}_staff_id", AUDIT, ["staff_id"], unique=False)
    have = {index["name"] for index in found.get_indexes("incidents")}
    for name, columns in INCIDENT_INDEXES.items():
        if name not in have:
            op.create_index(name, "incidents", columns, unique=False)


def downgrade() -> None:
    for name in INCIDENT_INDEXES:
        op.drop_index(name, table_name="incidents")
    op.drop_index(f"ix_{AUDIT}_staff_id", table_name=AUDIT)
    op.drop_index(f"ix_{AUDIT}_at", table_name=AUDIT)
    op.drop_table(AUDIT)
