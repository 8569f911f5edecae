"""Second factor: each staff member's TOTP secret and last used time step.

Revision ID: 0005_totp
Revises: 0004_audit_chain
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_totp"
down_revision: str | None = "0004_audit_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The secret lives in the encrypted store only; last_step refuses a replayed code,
# across restarts too.
UPGRADE = [
    """
    CREATE TABLE staff_totp (
        staff_id TEXT PRIMARY KEY,
        secret TEXT NOT NULL,
        last_step INTEGER
    )
    """,
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE staff_totp")
