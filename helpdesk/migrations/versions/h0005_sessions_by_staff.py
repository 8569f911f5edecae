"""An index of staff sessions by staff member and sign-out time: each sign-in reads when
that person last signed out, on any device (issue 14's alerts since the last sign-out),
and a group's session table grows by thousands of rows a day.

Revision ID: h0005_sessions_by_staff
Revises: h0004_properties
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "h0005_sessions_by_staff"
down_revision: str | None = "h0004_properties"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_staff_sessions_staff_revoked"


def upgrade() -> None:
    # A database made by create_all at this revision has it already.
    have = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("staff_sessions")}
    if INDEX not in have:
        op.create_index(INDEX, "staff_sessions", ["staff_id", "revoked_at"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="staff_sessions")
