"""Bring a store's schema to the newest migration, cheaply when it already is."""

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from offline_cache.migrations import HEAD_REVISION

if TYPE_CHECKING:  # the revision is read before SQLAlchemy loads (offline_cache.opening)
    from sqlalchemy import Connection
    from sqlalchemy.engine.interfaces import DBAPICursor

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def current_revision(cursor: "DBAPICursor") -> str | None:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
    if cursor.fetchone() is None:
        return None
    cursor.execute("SELECT version_num FROM alembic_version")
    row = cursor.fetchone()
    return None if row is None else str(row[0])


def is_up_to_date(revision: str | None) -> bool:
    return revision == HEAD_REVISION


def upgrade_to_head(connection: "Connection") -> None:
    """Apply pending migrations on ``connection``.

    Callers check ``is_up_to_date`` first: alembic is slow to import and is
    loaded only when there is something to apply.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    logger.info("Upgrading the local store to revision %s", HEAD_REVISION)
    command.upgrade(config, "head")
    if connection.in_transaction():
        connection.commit()
