"""Tamper-evident audit log: a hash chain over the rows and signed checkpoints.

Revision ID: 0004_audit_chain
Revises: 0003_acts
Create Date: 2026-12-04

Existing rows are hashed in ``id`` order (app/security/audit_chain.py, DOMAIN
``vip-console/audit/1``). The append-only triggers are dropped for that one pass and
put back in the same transaction.
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

from app.security.audit_chain import GENESIS, row_hash

revision: str = "0004_audit_chain"
down_revision: str | None = "0003_acts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NO_UPDATE = """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
    END
"""

UPGRADE = [
    "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT",
    "ALTER TABLE audit_log ADD COLUMN hash TEXT",
    # One row per signed chain head; as append-only as the log itself.
    """
    CREATE TABLE audit_checkpoints (
        entry_id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        at TEXT NOT NULL,
        device_id TEXT NOT NULL,
        public_key TEXT NOT NULL,
        signature TEXT NOT NULL
    )
    """,
    """
    CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN
        SELECT RAISE(ABORT, 'audit checkpoints are append-only');
    END
    """,
    """
    CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints BEGIN
        SELECT RAISE(ABORT, 'audit checkpoints are append-only');
    END
    """,
]

DOWNGRADE = [
    "DROP TRIGGER audit_checkpoints_no_delete",
    "DROP TRIGGER audit_checkpoints_no_update",
    "DROP TABLE audit_checkpoints",
    "DROP TRIGGER audit_log_no_update",
    "ALTER TABLE audit_log DROP COLUMN hash",
    "ALTER TABLE audit_log DROP COLUMN prev_hash",
    NO_UPDATE,
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)
    connection = op.get_bind()
    op.execute("DROP TRIGGER audit_log_no_update")
    rows = connection.execute(
        text(
            "SELECT id, at, staff_id, role, device_id, action, target, detail "
            "FROM audit_log ORDER BY id"
        )
    ).all()
    prev = GENESIS
    for row in rows:
        entry_id, at, staff_id, role, device_id, action, target, detail = row
        digest = row_hash(entry_id, at, staff_id, role, device_id, action, target, detail, prev)
        connection.execute(
            text("UPDATE audit_log SET prev_hash = :prev, hash = :hash WHERE id = :id"),
            {"prev": prev, "hash": digest, "id": row[0]},
        )
        prev = digest
    op.execute(NO_UPDATE)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
