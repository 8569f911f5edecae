"""The SQLAlchemy engine over ``store.db``: SQLCipher, pragmas and explicit transactions."""

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection

from offline_cache import encryption

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 16_384


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself instead of the sqlite3
    # module's implicit, DML-only transactions.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL + NORMAL: a power cut may lose the last commits but never corrupts.
        cursor.execute("PRAGMA synchronous = NORMAL")
        # 16 MB page cache (default 2 MB): bulk saves into 100k guests touch
        # index pages all over the file.
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    finally:
        cursor.close()


READ_ONLY = "vip_read_only"  # a connection's execution option: a reading transaction


def _on_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(READ_ONLY):
        # A reader (WAL): it neither waits for the writer nor makes it wait, however
        # long it reads (a host's thousands of guests, the KPIs).
        connection.exec_driver_sql("BEGIN")
        return
    # IMMEDIATE takes the write lock up front: a read-then-write transaction
    # cannot fail half-way with SQLITE_BUSY when another connection wrote.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_store_engine(path: Path, key: bytes | None = None) -> Engine:
    """The engine over ``path``; every connection keys itself first with ``key`` (SQLCipher).

    Without a key the file is a plain SQLite database (tools, tests, the helpdesk).
    """

    def connect() -> Any:
        # Unit-of-work connections may be used from a worker thread (bulk sync);
        # the pool hands each connection to one thread at a time (check_same_thread off).
        return encryption.connect(path, key)

    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        # SQLCipher's DB-API module, so SQLAlchemy wraps its exceptions as usual.
        module=encryption.dbapi2,
        creator=connect,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
