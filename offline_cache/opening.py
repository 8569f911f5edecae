"""The first half of opening ``store.db``, on the driver alone (no SQLAlchemy).

Everything that decides whether the store can be used at all happens here: the key
(a wrong one raises before any window), the integrity check (a damaged file is moved
aside), WAL mode, the schema revision and the audit checkpoints' secret. What is left
(the SQLAlchemy engine and repositories, ``offline_cache.store.finish_open``) may then
load off the GUI thread while the sign-in screen is already up
(``offline_cache.pending``). Importing SQLAlchemy is a third of the console's start.

The integrity check reads the whole file: some 15 ms for a demo property, over a
second for a property of 100,000 guests. With ``defer_integrity`` a store that
opened before (its key, schema, WAL mode and checkpoint secret all read back, on a
read-only connection) leaves the check to ``finish_check`` on the store-open thread,
before anything writes to it; any other store is checked at once, as before.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.clock import Clock, SystemClock
from offline_cache import encryption
from offline_cache.integrity import StoreCorrupt, check_integrity, move_aside, raise_for_open_error
from offline_cache.migrate import current_revision, is_up_to_date
from offline_cache.paths import store_path

logger = logging.getLogger(__name__)

CHECKPOINT_SECRET_KEY = "audit_checkpoint_secret"


@dataclass(frozen=True)
class CheckedStore:
    """A store file that opens with its key and passed its integrity check."""

    path: Path
    key: bytes | None
    revision: str | None
    recovered_from: Path | None = None  # where a damaged file was moved
    # The audit checkpoints' secret (None without a store key, or before the schema).
    checkpoint_secret: bytes | None = None
    # Sync-state values read for the start (``state_keys``), when the schema is there.
    state: dict[str, str] = field(default_factory=dict)
    integrity_checked: bool = True  # else ``finish_check`` runs it, before any write
    # A new store that replaced a damaged one after the start: the secret to keep.
    kept_secret: bytes | None = None

    @property
    def up_to_date(self) -> bool:
        return is_up_to_date(self.revision)


def check_store(
    data_dir: Path,
    *,
    clock: Clock | None = None,
    key: bytes | None = None,
    state_keys: Iterable[str] = (),
    defer_integrity: bool = False,
) -> CheckedStore:
    """Check ``<data_dir>/store.db`` (see ``offline_cache.store.open_store``): raises
    StoreKeyError for a file the key does not open; a damaged file is moved aside and a
    new one takes its place. ``defer_integrity``: see the module's docstring."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = store_path(data_dir)
    encryption.remove_leftover(path)
    keys = tuple(state_keys)
    if defer_integrity:
        ready = _opened_before(path, key, keys)
        if ready is not None:
            return ready
    try:
        if key is not None and encryption.is_plain(path):
            check_integrity(path)  # a damaged plain store is moved aside, not exported
            encryption.encrypt_plain_store(path, key)
        check_integrity(path, key)
        return _prepare(path, key, keys)
    except StoreCorrupt as problem:
        recovered_from = _moved_aside(path, problem, clock)
        return replace(_prepare(path, key, keys), recovered_from=recovered_from)


def finish_check(checked: CheckedStore, clock: Clock | None = None) -> CheckedStore:
    """The integrity check ``check_store`` left for later, on the store-open thread
    before anything writes. A damaged file is moved aside as at the start; the new
    store keeps the device's checkpoint secret, whose key the console already uses."""
    if checked.integrity_checked:
        return checked
    try:
        check_integrity(checked.path, checked.key)
    except StoreCorrupt as problem:
        recovered_from = _moved_aside(checked.path, problem, clock)
        fresh = _prepare(checked.path, checked.key, ())
        return replace(fresh, recovered_from=recovered_from, kept_secret=checked.checkpoint_secret)
    return replace(checked, integrity_checked=True)


def _opened_before(path: Path, key: bytes | None, keys: tuple[str, ...]) -> CheckedStore | None:
    """What the start needs of a store that opened before, read without writing: None
    for any other store (or any doubt about it), which is then checked at once."""
    if not path.exists() or (key is not None and encryption.is_plain(path)):
        return None
    try:
        connection = encryption.connect(path, key, read_only=True)
    except (sqlite3.DatabaseError, encryption.dbapi2.DatabaseError):
        return None  # the check at once says why
    try:
        cursor = connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode")
            wal = str(cursor.fetchone()[0]).lower() == "wal"
            revision = current_revision(cursor)
            if not (wal and is_up_to_date(revision)):
                return None
            secret = _state_value(cursor, CHECKPOINT_SECRET_KEY) if key is not None else None
            if key is not None and secret is None:
                return None
            state = read_state(cursor, keys)
        finally:
            cursor.close()
    except (sqlite3.DatabaseError, encryption.dbapi2.DatabaseError) as error:
        try:
            raise_for_open_error(path, error, key)  # a wrong key: refused now
        except StoreCorrupt:
            pass
        return None
    finally:
        connection.close()
    held = bytes.fromhex(secret) if secret is not None else None
    return CheckedStore(path, key, revision, None, held, state, integrity_checked=False)


def _moved_aside(path: Path, problem: StoreCorrupt, clock: Clock | None) -> Path:
    recovered_from = move_aside(path, (clock or SystemClock()).now())
    logger.warning(
        "Local store %s failed its integrity check (%s); moved aside to %s, "
        "starting with a new empty store",
        path,
        problem,
        recovered_from,
    )
    return recovered_from


def _prepare(path: Path, key: bytes | None, state_keys: tuple[str, ...]) -> CheckedStore:
    """WAL mode, the revision found and, on a current schema, the start's reads.

    Outside any transaction: SQLite refuses to change the journal mode inside one."""
    try:
        connection = encryption.connect(path, key)
    except (sqlite3.DatabaseError, encryption.dbapi2.DatabaseError) as error:
        raise_for_open_error(path, error, key)
        raise
    try:
        connection.isolation_level = None  # each statement its own transaction
        cursor = connection.cursor()
        try:
            # Persistent in the file; readers and the writer no longer block each other.
            cursor.execute("PRAGMA journal_mode = WAL")
            revision = current_revision(cursor)
            if not is_up_to_date(revision):
                return CheckedStore(path, key, revision)  # migrated by finish_open
            secret = checkpoint_secret(cursor, key) if key is not None else None
            state = read_state(cursor, state_keys)
        finally:
            cursor.close()
    except (sqlite3.DatabaseError, encryption.dbapi2.DatabaseError) as error:
        raise_for_open_error(path, error, key)
        raise
    finally:
        connection.close()
    return CheckedStore(path, key, revision, checkpoint_secret=secret, state=state)


def checkpoint_secret(cursor: Any, key: bytes, kept: bytes | None = None) -> bytes:
    """The device's checkpoint secret: its own random one, kept in the (encrypted) store;
    a store that already signed checkpoints keeps the key it signed them with (derived
    from the store key, as before: the helpdesk bound that one). Made on first use, or
    ``kept`` (a damaged store's, found after the start: the console signs with it)."""
    held = _state_value(cursor, CHECKPOINT_SECRET_KEY)
    if held is None:
        cursor.execute("SELECT entry_id FROM audit_checkpoints LIMIT 1")
        signed_before = cursor.fetchone() is not None
        secret = key if signed_before else kept or secrets.token_bytes(32)
        # OR IGNORE, then read back: whoever wrote first, every opener signs with one key.
        cursor.execute(
            "INSERT OR IGNORE INTO sync_state (key, value) VALUES (?, ?)",
            (CHECKPOINT_SECRET_KEY, secret.hex()),
        )
        held = _state_value(cursor, CHECKPOINT_SECRET_KEY)
        assert held is not None
    return bytes.fromhex(held)


def read_state(cursor: Any, keys: Iterable[str]) -> dict[str, str]:
    values = {name: _state_value(cursor, name) for name in keys}
    return {name: value for name, value in values.items() if value is not None}


def _state_value(cursor: Any, name: str) -> str | None:
    cursor.execute("SELECT value FROM sync_state WHERE key = ?", (name,))
    row = cursor.fetchone()
    return None if row is None else str(row[0])


def moved_aside_notice(recovered_from: Path | None) -> str | None:
    """A message for the user when the store had to be replaced at open."""
    if recovered_from is None:
        return None
    return (
        "The local store failed its integrity check and was moved aside to "
        f"{recovered_from}; a new empty store was created."
    )
