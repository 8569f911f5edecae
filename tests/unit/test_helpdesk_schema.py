"""The helpdesk's database made by an older version (before migrations: no version
table) gains the columns added since."""

from pathlib import Path

from sqlalchemy import inspect

from helpdesk.db import Database


def test_an_older_database_gains_the_new_nullable_columns(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'helpdesk.db'}"
    db = Database(url)
    try:
        db.create_schema(first_ticket_number=20001)
        with db.write_engine.begin() as connection:
            connection.exec_driver_sql("ALTER TABLE guests DROP COLUMN create_sha256")
            connection.exec_driver_sql("DROP TABLE alembic_version")
        db.create_schema(first_ticket_number=20001)
        with db.write_engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("guests")}
        assert "create_sha256" in columns
    finally:
        db.dispose()
