"""The helpdesk's schema under Alembic, on SQLite and PostgreSQL alike.

A new database is built by the migrations; one made by an older helpdesk with
``create_all`` (no ``alembic_version`` table) is checked against the first migration's
tables, gains the nullable columns added since, and is stamped, then upgraded.
"""

import logging
from pathlib import Path

from sqlalchemy import Connection, MetaData, inspect

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BASELINE = "h0001_initial"


def all_tables() -> MetaData:
    """Every table of the helpdesk, those of optional modules included."""
    import helpdesk.audit_continuity
    import helpdesk.cross_property_audit
    import helpdesk.pki_devices
    import helpdesk.routes_audit  # noqa: F401  (each registers its tables)
    from helpdesk.models import Base

    return Base.metadata


def upgrade_to_head(
    connection: Connection,
    default_property: dict[str, str] | None = None,
    revision: str = "head",
) -> None:
    """``default_property`` (code, name, timezone): what the records of a helpdesk made
    before properties belong to (migration h0004). ``revision``: an older one (tests
    building a database as an older helpdesk left it)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    config.attributes["default_property"] = default_property or {}
    found = inspect(connection)
    if not found.has_table("alembic_version") and found.has_table("changes"):
        log.info("a database made before migrations: stamped at %s", BASELINE)
        all_tables().create_all(connection)  # the tables it did not have yet
        _add_new_nullable_columns(connection)
        command.stamp(config, BASELINE)
    command.upgrade(config, revision)


def _add_new_nullable_columns(connection: Connection) -> None:
    """A database made by an older helpdesk gains the nullable columns added since
    (``create_all`` made missing tables, never missing columns)."""
    found = inspect(connection)
    for table in all_tables().sorted_tables:
        if not found.has_table(table.name):
            continue
        have = {column["name"] for column in found.get_columns(table.name)}
        for column in table.columns:
            if column.name not in have and column.nullable:
                kind = column.type.compile(dialect=connection.dialect)
                log.info("adding column %s.%s", table.name, column.name)
                connection.exec_driver_sql(
                    f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}'
                )
