"""Pausing the guests' name index (FTS5) during a bulk pull, and rebuilding it after.

Triggers keep ``guest_search`` in step with ``guests`` row by row; on a pull of the
whole feed that costs more than the rows themselves (FTS5 flushes at every savepoint
of a statement). A pull from the start drops the triggers in its first transaction
and marks the index stale in ``sync_state``; its last transaction rebuilds the index
from ``guests`` in one pass, puts the triggers back and clears the mark. The mark is
committed with the first page: a console that dies mid-pull rebuilds at the next
open (``open_store``), so search never stays wrong. Writers that run meanwhile
(the GUI's own guest edits) are covered by the rebuild, which reads every row.
"""

from sqlalchemy import Connection, Engine

from offline_cache.engine import READ_ONLY

STALE_KEY = "guest_search_stale"  # in sync_state: the triggers are off, rebuild due

# The triggers as migration 0001 created them (dropped and created again as they are).
_TRIGGERS = {
    "guests_search_insert": """
    CREATE TRIGGER IF NOT EXISTS guests_search_insert AFTER INSERT ON guests BEGIN
        INSERT INTO guest_search (rowid, search_text) VALUES (new.pk, new.search_text);
    END
    """,
    "guests_search_delete": """
    CREATE TRIGGER IF NOT EXISTS guests_search_delete AFTER DELETE ON guests BEGIN
        INSERT INTO guest_search (guest_search, rowid, search_text)
        VALUES ('delete', old.pk, old.search_text);
    END
    """,
    "guests_search_update": """
    CREATE TRIGGER IF NOT EXISTS guests_search_update AFTER UPDATE OF search_text ON guests BEGIN
        INSERT INTO guest_search (guest_search, rowid, search_text)
        VALUES ('delete', old.pk, old.search_text);
        INSERT INTO guest_search (rowid, search_text) VALUES (new.pk, new.search_text);
    END
    """,
}


def is_paused(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sync_state WHERE key = ?", (STALE_KEY,)
    ).first()
    return found is not None


def pause(connection: Connection) -> None:
    """Stop maintaining the index row by row, in the caller's transaction."""
    if is_paused(connection):
        return
    connection.exec_driver_sql("INSERT INTO sync_state (key, value) VALUES (?, '1')", (STALE_KEY,))
    for name in _TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def resume(connection: Connection) -> bool:
    """If paused: rebuild the index from every guest, maintain it again; in the
    caller's transaction. Returns whether it was paused."""
    if not is_paused(connection):
        return False
    connection.exec_driver_sql("INSERT INTO guest_search (guest_search) VALUES ('rebuild')")
    for ddl in _TRIGGERS.values():
        connection.exec_driver_sql(ddl)
    connection.exec_driver_sql("DELETE FROM sync_state WHERE key = ?", (STALE_KEY,))
    return True


def resume_after_crash(engine: Engine) -> bool:
    """At open: a pull that never finished left the index paused; rebuild it now.
    Checked in a reading transaction: an open takes no write lock for nothing."""
    with engine.connect() as connection:
        connection.execution_options(**{READ_ONLY: True})
        with connection.begin():
            paused = is_paused(connection)
    if not paused:
        return False
    with engine.begin() as connection:
        return resume(connection)
