"""Integrity check at open; a store that fails it is moved aside, never deleted."""

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from offline_cache import encryption
from offline_cache.encryption import StoreKeyError

logger = logging.getLogger(__name__)

# Primary result codes meaning "this file is damaged or not a database".
# Other errors (locked, read-only, disk full) say nothing about the file's health.
_CORRUPTION_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_COMPANION_SUFFIXES = ("", "-wal", "-shm", "-journal")
_MAX_REPORTED_PROBLEMS = 5


class StoreCorrupt(Exception):
    """The store file failed its integrity check."""


def check_integrity(path: Path, key: bytes | None = None) -> None:
    """Raise StoreCorrupt unless ``PRAGMA quick_check`` passes (or there is no file yet).

    A file that cannot be decrypted (not a database, and no plain SQLite header)
    raises StoreKeyError instead: the key is wrong or missing, the file is not damaged.

    The check runs on a read-only connection: closing a read-write one would
    checkpoint the write-ahead log into the damaged file and delete the log,
    destroying what a post-mortem needs before the files are moved aside.
    """
    if not path.exists():
        return
    connection = encryption.connect(path, key, read_only=True)
    try:
        problems = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
    except (sqlite3.DatabaseError, encryption.dbapi2.DatabaseError) as error:
        raise_for_open_error(path, error, key)
        raise
    finally:
        connection.close()
    if problems != ["ok"]:
        raise StoreCorrupt("; ".join(problems[:_MAX_REPORTED_PROBLEMS]))


def raise_for_open_error(path: Path, error: BaseException, key: bytes | None) -> None:
    """StoreKeyError for a file that does not decrypt, StoreCorrupt for a damaged one."""
    if not is_corruption_error(error):
        return
    if _is_not_a_database(error) and encryption.looks_encrypted(path):
        if key is None:
            raise StoreKeyError(
                f"{path} is encrypted and no store key was given (docs/security.md)"
            ) from error
        raise StoreKeyError(
            f"{path} cannot be decrypted with this store key: wrong key "
            "(the file was left untouched; docs/security.md)"
        ) from error
    raise StoreCorrupt(str(error)) from error


def _driver_error(error: BaseException) -> BaseException:
    """The driver's own error under SQLAlchemy's wrapper (its ``orig``), or ``error``.
    Read without importing SQLAlchemy: the store's first checks run before it loads."""
    original = getattr(error, "orig", None)
    return original if isinstance(original, BaseException) else error


def _is_not_a_database(error: BaseException) -> bool:
    original = _driver_error(error)
    code = getattr(original, "sqlite_errorcode", None)
    return isinstance(code, int) and (code & 0xFF) == sqlite3.SQLITE_NOTADB


def is_corruption_error(error: BaseException) -> bool:
    original = _driver_error(error)
    if not isinstance(original, (sqlite3.DatabaseError, encryption.dbapi2.DatabaseError)):
        return False
    code = getattr(original, "sqlite_errorcode", None)
    return isinstance(code, int) and (code & 0xFF) in _CORRUPTION_CODES


def move_aside(path: Path, now: datetime) -> Path:
    """Rename the store and its -wal/-shm files to ``store.db.corrupt-<UTC time>``.

    The companions keep their suffix after the new name, so the moved copy can
    still be opened with its write-ahead log for a post-mortem.
    """
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    attempt = 1
    while any(_with_suffix(target, s).exists() for s in _COMPANION_SUFFIXES):
        attempt += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{attempt}")
    for suffix in _COMPANION_SUFFIXES:
        source = _with_suffix(path, suffix)
        if source.exists():
            source.rename(_with_suffix(target, suffix))
    return target


def _with_suffix(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
