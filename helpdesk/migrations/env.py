"""Alembic environment of the helpdesk's database: runs on the connection handed over
by ``helpdesk.migrate`` (SQLite or PostgreSQL)."""

from alembic import context
from sqlalchemy.engine import Connection

from helpdesk.migrate import all_tables

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("helpdesk migrations run only through helpdesk.migrate")

context.configure(
    connection=connection,
    target_metadata=all_tables(),
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying
    transactional_ddl=True,  # both engines roll DDL back: no half schema
)
with context.begin_transaction():
    context.run_migrations()
