"""Each staff member's language on this console (the sign-in screen's choice).

Revision ID: 0008_staff_languages
Revises: 0007_attachments
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_staff_languages"
down_revision: str | None = "0007_attachments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain DDL, frozen here. One row per staff member who chose a language; none: the
# console's own language.
UPGRADE = [
    """
    CREATE TABLE staff_languages (
        staff_id TEXT PRIMARY KEY,
        language TEXT NOT NULL
    )
    """,
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE staff_languages")
