"""Alembic environment: always runs on the connection handed over by ``offline_cache``."""

from alembic import context
from sqlalchemy.engine import Connection

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("offline_cache migrations run only through offline_cache.migrate")

# render_as_batch: SQLite alters most tables by copying them; batch mode does that.
# transactional_ddl: SQLite can roll DDL back, so a failed upgrade leaves no half schema.
context.configure(connection=connection, render_as_batch=True, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
