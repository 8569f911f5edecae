"""A third kind of act: a duty manager's sign-off of a post-incident report (issue 14).

SQLite cannot change a CHECK constraint in place: both act tables are copied into new
ones and swapped, inside the migration's transaction. ``act_revisions`` goes with
``acts`` because it references it (dropping the parent alone would break that
reference at commit); dropping a table fires no trigger, so the immutability
triggers let the copy through and are made again on the new tables.

Revision ID: 0012_report_sign_off
Revises: 0011_alerts
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012_report_sign_off"
down_revision: str | None = "0011_alerts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS_BEFORE = ("incident_act", "post_incident_report")
KINDS_AFTER = (*KINDS_BEFORE, "report_sign_off")


def _rebuild(kinds: tuple[str, ...]) -> list[str]:
    """Plain DDL, frozen here: the two tables as 0003_acts made them but for ``kinds``."""
    allowed = ", ".join(f"'{kind}'" for kind in kinds)
    return [
        f"""
        CREATE TABLE acts_new (
            id TEXT PRIMARY KEY,
            incident_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ({allowed})),
            number TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            device_id TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            guest_status TEXT
        )
        """,
        "INSERT INTO acts_new SELECT * FROM acts",
        """
        CREATE TABLE act_revisions_new (
            sha256 TEXT PRIMARY KEY,
            act_id TEXT NOT NULL REFERENCES acts_new (id),
            incident_id TEXT NOT NULL,
            seq INTEGER NOT NULL CHECK (seq >= 0),
            level TEXT NOT NULL CHECK (level IN ('B-B', 'B-T', 'B-LT')),
            size INTEGER NOT NULL CHECK (size > 0),
            created_at TEXT NOT NULL,
            previous_sha256 TEXT REFERENCES act_revisions_new (sha256),
            UNIQUE (act_id, seq),
            CHECK ((seq = 0) = (previous_sha256 IS NULL))
        )
        """,
        # Each revision after the one it appends to (seq), so every reference holds.
        "INSERT INTO act_revisions_new SELECT * FROM act_revisions ORDER BY act_id, seq",
        "DROP TABLE act_revisions",
        "DROP TABLE acts",
        "ALTER TABLE acts_new RENAME TO acts",
        "ALTER TABLE act_revisions_new RENAME TO act_revisions",
        "CREATE INDEX ix_acts_incident ON acts (incident_id, created_at)",
        "CREATE INDEX ix_act_revisions_incident ON act_revisions (incident_id, created_at)",
        "CREATE INDEX ix_act_revisions_level ON act_revisions (level, act_id)",
        *(
            f"""
            CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table} BEGIN
                SELECT RAISE(ABORT, '{what} are immutable');
            END
            """
            for table, what in (("acts", "acts"), ("act_revisions", "act revisions"))
            for verb in ("update", "delete")
        ),
    ]


def upgrade() -> None:
    for statement in _rebuild(KINDS_AFTER):
        op.execute(statement)


def downgrade() -> None:
    # Refused by the CHECK constraint while a sign-off is stored: evidence is not dropped.
    for statement in _rebuild(KINDS_BEFORE):
        op.execute(statement)
