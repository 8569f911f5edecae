"""The offline store: SQLite (WAL) behind the ``app.ports`` protocols.

Repositories return ``app.domain`` dataclasses; no SQLAlchemy object leaves
this package.
"""

from offline_cache.paths import resolve_data_dir, store_path
from offline_cache.store import SqliteStore, SqliteUnitOfWork, open_store

__all__ = ["SqliteStore", "SqliteUnitOfWork", "open_store", "resolve_data_dir", "store_path"]
