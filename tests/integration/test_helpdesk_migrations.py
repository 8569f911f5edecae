"""The helpdesk's schema under Alembic, on SQLite and on a real PostgreSQL server: a
new database is built by the migrations and matches the models; one made before
migrations (``create_all``, no version table) is completed, stamped, and keeps its rows."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, select, text

from helpdesk.db import Database, ticket_counter
from helpdesk.migrate import all_tables
from helpdesk.migrations import HEAD_REVISION
from helpdesk.models import Counter
from tests.integration.conftest import fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'helpdesk.db'}"
    else:
        yield fresh_postgres_database(request.getfixturevalue("postgres_admin_url"))


def _state(url: str) -> tuple[str | None, list[object]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            drift = compare_metadata(MigrationContext.configure(connection), all_tables())
    finally:
        engine.dispose()
    return version, drift


def test_a_new_database_is_built_by_the_migrations_and_matches_the_models(db_url: str) -> None:
    database = Database(db_url)
    try:
        database.create_schema(20001)
        database.create_schema(20001)  # at every start: nothing more to do
    finally:
        database.dispose()
    version, drift = _state(db_url)
    assert version == HEAD_REVISION
    assert drift == []


def test_a_database_made_before_migrations_is_completed_stamped_and_kept(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        all_tables().create_all(engine)  # as an older helpdesk did
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE audit_alerts"))  # added since
            connection.execute(text("ALTER TABLE devices DROP COLUMN revoked_at"))
            # The counter's name before properties: the default property's since.
            connection.execute(Counter.__table__.insert().values(name="ticket", value=20456))
    finally:
        engine.dispose()
    database = Database(db_url)
    try:
        database.create_schema(20001)
        with database.read() as session:
            kept = session.execute(
                select(Counter.value).where(Counter.name == ticket_counter(1))
            ).scalar()
    finally:
        database.dispose()
    assert kept == 20456
    version, drift = _state(db_url)
    assert version == HEAD_REVISION
    assert drift == []
