"""SQLCipher under ``store.db``: keyed connections, and plain stores encrypted in place.

The store is opened with a raw 32-byte key (``PRAGMA key = "x'<hex>'"``): no passphrase
derivation at start-up. docs/security.md says where the key comes from.
"""

import logging
import os
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as dbapi2  # re-exported: engine and integrity use it

logger = logging.getLogger(__name__)


def _null(value: None) -> None:
    return value


# The driver binds str, int, float and bytearray straight away, but looks every other
# value up among its adapters, None included: a miss costs two failed attribute
# lookups, 3.5 us a NULL, with the GIL held (450,000 NULLs in an initial sync of
# 100,000 guests: 1.6 s). Registered, None is found at once and bound as NULL.
dbapi2.register_adapter(type(None), _null)

KEY_BYTES = 32
PLAIN_HEADER = b"SQLite format 3\x00"
ENCRYPTING_SUFFIX = ".encrypting"
_MIN_PAGE = 512  # the smallest SQLite page: an encrypted file is whole pages


class StoreKeyError(ValueError):
    """The store cannot be decrypted: wrong key, or no key for an encrypted store.

    Never a reason to move the file aside: with the right key it is intact.
    """


def key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError(f"the store key is {KEY_BYTES} bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path, key: bytes | None, *, read_only: bool = False) -> Any:
    """A DB-API connection to ``path``, keyed first thing when ``key`` is given."""
    if read_only:
        connection = dbapi2.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
    else:
        connection = dbapi2.connect(str(path), check_same_thread=False)
    if key is not None:
        try:
            connection.execute(key_pragma(key))
        except BaseException:
            connection.close()
            raise
    return connection


def is_plain(path: Path) -> bool:
    """The file starts with SQLite's plain header (an unencrypted database)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def looks_encrypted(path: Path) -> bool:
    """Whole pages without the plain header: SQLCipher's random salt comes first.

    Any other file that is not a database (odd size) is garbage, moved aside as corrupt.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    return size >= _MIN_PAGE and size % _MIN_PAGE == 0 and not is_plain(path)


def encrypting_path(path: Path) -> Path:
    return path.with_name(path.name + ENCRYPTING_SUFFIX)


def remove_leftover(path: Path) -> None:
    """Delete a half-written encrypted copy from a crash: the plain file is still intact."""
    leftover = encrypting_path(path)
    if leftover.exists():
        logger.warning("Removing %s left by an interrupted encryption", leftover)
        leftover.unlink()


def encrypt_plain_store(path: Path, key: bytes) -> None:
    """Replace the plain ``path`` by an encrypted copy, verified before the swap.

    WAL is checkpointed and the plain file switched to journal_mode=DELETE, the whole
    database exported with ``sqlcipher_export`` into ``<path>.encrypting``, checked
    (quick_check, rows per table), synced, then renamed over ``path``. A crash before
    the rename leaves the plain file intact and the copy is deleted at the next open.
    """
    target = encrypting_path(path)
    if target.exists():
        target.unlink()
    plain = dbapi2.connect(str(path), isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("PRAGMA journal_mode = DELETE")
        counts = _row_counts(plain)
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{_hex(key)}'\"", (str(target),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    copy = connect(target, key)
    try:
        problems = [str(row[0]) for row in copy.execute("PRAGMA quick_check")]
        copied = _row_counts(copy)
    finally:
        copy.close()
    if problems != ["ok"] or copied != counts:
        target.unlink()
        raise RuntimeError(
            f"encrypting {path} failed its check ({'; '.join(problems[:3])}); "
            "the plain store was left as it was"
        )
    _fsync(target)
    os.replace(target, path)
    _fsync(path.parent)
    logger.info("Encrypted the local store %s (%d tables)", path, len(counts))


def _hex(key: bytes) -> str:
    key_pragma(key)  # length check
    return key.hex()


def _row_counts(connection: Any) -> dict[str, int]:
    names = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    counts: dict[str, int] = {}
    for name in names:
        quoted = name.replace('"', '""')
        counts[name] = int(connection.execute(f'SELECT count(*) FROM "{quoted}"').fetchone()[0])
    return counts


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        descriptor = os.open(path, flags)
    except OSError:  # directories cannot be opened on Windows
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
