"""A store left by an earlier release upgrades at open: the migrations stay one line
(0007_attachments, then 0008_staff_languages and 0009_staff_sessions) and what it held is kept."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, text

from app.sync.sessions import open_session
from offline_cache import open_store
from offline_cache.migrate import MIGRATIONS_DIR
from offline_cache.migrations import HEAD_REVISION

PHOTO_SHA = "ab" * 32


def migrate_to(connection: Connection, revision: str) -> None:
    """The store on ``connection`` migrated up to ``revision`` only (an older release's)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _store_at(path: Path, revision: str) -> None:
    """A plain store migrated up to ``revision`` only, with a row waiting in its outbox
    and a photo, as that release wrote them."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            migrate_to(connection, revision)
            connection.execute(
                text(
                    "INSERT INTO outbox (idempotency_key, kind, entity_id, actor_id, payload,"
                    " created_at) VALUES ('k-1', 'incident.create', 'i-1', 'P001', '{}',"
                    " '2026-12-03T10:00:00.000Z')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO attachments (incident_id, sha256, kind, content_type, size,"
                    " created_at, created_by, data) VALUES ('i-1', :sha, 'photo', 'image/png',"
                    " 3, '2026-12-03T10:00:00.000Z', 'P001', x'010203')"
                ),
                {"sha": PHOTO_SHA},
            )
            connection.commit()
    finally:
        engine.dispose()


def test_a_store_with_attachments_upgrades_to_staff_sessions_keeping_its_rows(
    tmp_path: Path,
) -> None:
    _store_at(tmp_path / "store.db", "0007_attachments")
    store = open_store(tmp_path)
    try:
        with store.unit_of_work() as uow:
            [row] = uow.outbox.pending_for("i-1")
            assert (row.actor_id, row.session_id) == ("P001", "")  # written before sessions
            assert [a.sha256 for a in uow.attachments.for_incident("i-1")] == [PHOTO_SHA]
            # Its author's next sign-in takes the row: it is sent under their session.
            session = open_session(uow, "P001", "TAB-1", datetime.now(UTC))
        with store.unit_of_work() as uow:
            [row] = uow.outbox.pending_for("i-1")
            assert row.session_id == session.session_id
    finally:
        store.close()
    raw = sqlite3.connect(tmp_path / "store.db")
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
    finally:
        raw.close()
