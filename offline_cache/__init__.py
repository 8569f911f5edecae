"""The offline store: SQLite (WAL) behind the ``app.ports`` protocols.

Repositories return ``app.domain`` dataclasses; no SQLAlchemy object leaves
this package. The store's classes load on first use: the console's start checks its
store without SQLAlchemy (``offline_cache.opening``).
"""

from typing import TYPE_CHECKING, Any

from offline_cache.paths import resolve_data_dir, store_path

if TYPE_CHECKING:
    from offline_cache.store import SqliteStore, SqliteUnitOfWork, open_store

__all__ = ["SqliteStore", "SqliteUnitOfWork", "open_store", "resolve_data_dir", "store_path"]
_FROM_STORE = frozenset({"SqliteStore", "SqliteUnitOfWork", "open_store"})


def __getattr__(name: str) -> Any:
    if name in _FROM_STORE:
        from offline_cache import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
