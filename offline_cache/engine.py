"""The SQLAlchemy engine over ``store.db``: pragmas and explicit transactions."""

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 16_384


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
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


def _on_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front: a read-then-write transaction
    # cannot fail half-way with SQLITE_BUSY when another connection wrote.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_store_engine(path: Path) -> Engine:
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        # Unit-of-work connections may be used from a worker thread (bulk sync);
        # the pool hands each connection to one thread at a time.
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
