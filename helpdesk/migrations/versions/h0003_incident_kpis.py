"""What each incident counts for in the KPIs (issue 14): ``incident_kpis``, one row per
incident, written with each change to it, and ``incident_kpi_days``, their sums by day
of opening, kept with them; ``GET /v1/kpis`` reads both. Rows for the
incidents already there are written when the helpdesk opens the database
(``helpdesk.incidents.backfill_kpis``: the property's policy decides the clocks).

Revision ID: h0003_incident_kpis
Revises: h0002_satisfaction
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "h0003_incident_kpis"
down_revision: str | None = "h0002_satisfaction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Frozen here: app.kpis.totals.GROUP_FIELDS as they stood.
DAY_SUMS = (
    "opened",
    "sla_met",
    "sla_missed",
    "ack_sum",
    "ack_n",
    "reach_sum",
    "reach_n",
    "reach_met",
    "reach_missed",
    "decide_sum",
    "decide_n",
    "decide_met",
    "decide_missed",
    "response_sum",
    "response_n",
    "response_met",
    "response_missed",
    "resolved",
    "first_contact",
    "reopened_7d",
    "recovery_needed",
    "recovery_ok",
    "csat_answered",
    "csat_satisfied",
    "csat_not_asked",
)


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("incident_kpis"):
        return  # a database made before migrations gained it (helpdesk/migrate.py)
    op.create_table(
        "incident_kpi_days",
        sa.Column("day_s", sa.BigInteger(), nullable=False),
        sa.Column("priority", sa.String(length=4), nullable=False),
        sa.Column("tier", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in DAY_SUMS),
        sa.PrimaryKeyConstraint("day_s", "priority", "tier", "category"),
    )
    op.create_table(
        "incident_kpis",
        sa.Column("incident_id", sa.String(length=36), nullable=False),
        sa.Column("opened_s", sa.BigInteger(), nullable=False),
        sa.Column("priority", sa.String(length=4), nullable=False),
        sa.Column("tier", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("is_open", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Integer(), nullable=False),
        sa.Column("sla_state", sa.String(length=8), nullable=False),
        sa.Column("sla_due_s", sa.BigInteger(), nullable=False),
        sa.Column("ack_s", sa.BigInteger(), nullable=True),
        sa.Column("reach_s", sa.BigInteger(), nullable=True),
        sa.Column("reach_met", sa.Integer(), nullable=True),
        sa.Column("decide_s", sa.BigInteger(), nullable=True),
        sa.Column("decide_met", sa.Integer(), nullable=True),
        sa.Column("response_s", sa.BigInteger(), nullable=True),
        sa.Column("response_met", sa.Integer(), nullable=True),
        sa.Column("resolved", sa.Integer(), nullable=False),
        sa.Column("first_contact", sa.Integer(), nullable=True),
        sa.Column("reopened_7d", sa.Integer(), nullable=True),
        sa.Column("recovery_ok", sa.Integer(), nullable=True),
        sa.Column("satisfaction", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"]),
        sa.PrimaryKeyConstraint("incident_id"),
    )
    with op.batch_alter_table("incident_kpis", schema=None) as batch_op:
        batch_op.create_index("ix_incident_kpis_opened", ["opened_s"], unique=False)
        batch_op.create_index("ix_incident_kpis_open", ["is_open", "opened_s"], unique=False)


def downgrade() -> None:
    op.drop_table("incident_kpis")
    op.drop_table("incident_kpi_days")
