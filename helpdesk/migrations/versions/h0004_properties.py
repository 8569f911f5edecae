"""Properties (issue 16): a ``properties`` table and ``property_id`` on every
property-owned table. A single-property helpdesk's records all go to the default
property (id 1), named from its configuration (helpdesk/migrate.py hands it over);
its change log keeps its seqs, so the cursors its consoles hold stay valid. The
ticket and change-lock counters become the default property's; the KPI day sums gain
the property in their key.

Revision ID: h0004_properties
Revises: h0003_incident_kpis
Create Date: 2026-12-04
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import context, op

from helpdesk.models import UtcDateTime

revision: str = "h0004_properties"
down_revision: str | None = "h0003_incident_kpis"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWNED = (
    "changes",
    "devices",
    "enrolment_codes",
    "staff",
    "guests",
    "gaming_tables",
    "incidents",
    "incident_events",
    "incident_kpis",
    "incident_attachments",
)
DEFAULT = {"code": "MAIN", "name": "Main property", "timezone": "UTC"}


def upgrade() -> None:
    bind = op.get_bind()
    found = sa.inspect(bind)
    if not found.has_table("properties"):
        op.create_table(
            "properties",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("code", sa.String(length=16), nullable=False),
            sa.Column("name", sa.String(length=120), nullable=False),
            sa.Column("timezone", sa.String(length=64), nullable=False),
            sa.Column("ticket_prefix", sa.String(length=12), nullable=True),
            sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("code"),
            sa.UniqueConstraint("ticket_prefix"),
        )
    default = {**DEFAULT, **context.config.attributes.get("default_property", {})}
    properties = sa.table(
        "properties",
        sa.column("id", sa.Integer()),
        sa.column("code", sa.String()),
        sa.column("name", sa.String()),
        sa.column("timezone", sa.String()),
        sa.column("created_at", UtcDateTime(timezone=True)),
    )
    if bind.execute(sa.select(properties.c.id).where(properties.c.id == 1)).first() is None:
        op.execute(properties.insert().values(id=1, created_at=datetime.now(UTC), **default))
    for table in OWNED:
        have = {column["name"] for column in sa.inspect(bind).get_columns(table)}
        if "property_id" not in have:  # a database made before migrations may have it
            with op.batch_alter_table(table, schema=None) as batch_op:
                batch_op.add_column(
                    sa.Column("property_id", sa.Integer(), nullable=False, server_default="1")
                )
    _index("changes", "ix_changes_property_seq", ["property_id", "seq"])
    _index("incident_kpis", "ix_incident_kpis_property_opened", ["property_id", "opened_s"])
    have = {column["name"] for column in sa.inspect(bind).get_columns("staff")}
    if "scope" not in have:
        with op.batch_alter_table("staff", schema=None) as batch_op:
            batch_op.add_column(sa.Column("scope", sa.String(length=10), nullable=True))
    _day_sums_by_property(bind)
    for name in ("ticket", "changes"):
        op.execute(
            sa.text("UPDATE counters SET name = :new WHERE name = :old").bindparams(
                new=f"{name}:1", old=name
            )
        )


def _index(table: str, name: str, columns: list[str]) -> None:
    if name not in {index["name"] for index in sa.inspect(op.get_bind()).get_indexes(table)}:
        op.create_index(name, table, columns, unique=False)


def _day_sums_by_property(bind: sa.Connection) -> None:
    """``incident_kpi_days`` with the property first in its key: a new table, the sums
    copied over as the default property's (a primary key is not altered in place)."""
    have = [column["name"] for column in sa.inspect(bind).get_columns("incident_kpi_days")]
    if "property_id" in have:
        return
    sums = [name for name in have if name not in ("day_s", "priority", "tier", "category")]
    op.create_table(
        "incident_kpi_days_new",
        sa.Column("property_id", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("day_s", sa.BigInteger(), nullable=False),
        sa.Column("priority", sa.String(length=4), nullable=False),
        sa.Column("tier", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in sums),
        sa.PrimaryKeyConstraint("property_id", "day_s", "priority", "tier", "category"),
    )
    columns = ", ".join(["day_s", "priority", "tier", "category", *sums])
    op.execute(
        f"INSERT INTO incident_kpi_days_new (property_id, {columns}) "
        f"SELECT 1, {columns} FROM incident_kpi_days"
    )
    op.drop_table("incident_kpi_days")
    op.rename_table("incident_kpi_days_new", "incident_kpi_days")


def downgrade() -> None:
    raise NotImplementedError("properties are not taken out of a helpdesk's database")
