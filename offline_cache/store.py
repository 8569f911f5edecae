"""The offline store: ``open_store`` and the unit of work over ``store.db``."""

import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import DBAPIError

from app.clock import Clock, SystemClock
from app.domain import Guest
from app.ports import (
    ActRepository,
    AlertInbox,
    AttachmentRepository,
    AuditLog,
    ConflictRepository,
    GuestRepository,
    IncidentRepository,
    Outbox,
    SetAsideRepository,
    StaffLanguageRepository,
    StaffRepository,
    StaffSessionRepository,
    SyncStateRepository,
    TableRepository,
)
from app.security.audit_chain import CheckpointSigner
from app.sync.outbox import OutboxKind, OutboxListener
from offline_cache import encryption, schema, search_index
from offline_cache.encryption import StoreKeyError
from offline_cache.engine import READ_ONLY, create_store_engine
from offline_cache.integrity import (
    StoreCorrupt,
    check_integrity,
    move_aside,
    raise_for_open_error,
)
from offline_cache.migrate import current_revision, is_up_to_date, upgrade_to_head
from offline_cache.paths import store_path
from offline_cache.repositories.acts import SqliteActRepository
from offline_cache.repositories.alerts import SqliteAlerts
from offline_cache.repositories.attachments import SqliteAttachmentRepository
from offline_cache.repositories.audit import SqliteAuditLog
from offline_cache.repositories.guests import GuestRows, SqliteGuestRepository, prepare_guests
from offline_cache.repositories.incidents import SqliteIncidentRepository
from offline_cache.repositories.outbox import SqliteOutbox
from offline_cache.repositories.set_aside import SqliteSetAside
from offline_cache.repositories.staff import SqliteStaffRepository, SqliteTableRepository
from offline_cache.repositories.staff_languages import SqliteStaffLanguages
from offline_cache.repositories.staff_sessions import SqliteStaffSessions
from offline_cache.repositories.sync_state import SqliteConflicts, SqliteSyncState

logger = logging.getLogger(__name__)


class SqliteUnitOfWork:
    """One connection, one transaction: committed on normal exit, rolled back on error.

    Not re-entrant; open a new one per action.
    """

    guests: GuestRepository
    staff: StaffRepository
    tables: TableRepository
    incidents: IncidentRepository
    audit: AuditLog
    outbox: Outbox
    staff_sessions: StaffSessionRepository
    sync_state: SyncStateRepository
    conflicts: ConflictRepository
    set_aside: SetAsideRepository
    acts: ActRepository
    attachments: AttachmentRepository
    staff_languages: StaffLanguageRepository
    alerts: AlertInbox

    def __init__(
        self,
        engine: Engine,
        on_outbox_commit: Callable[[frozenset[OutboxKind]], None] | None = None,
        signer: CheckpointSigner | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        """``read_only``: a reading transaction, beside the writer (``Store.reading``)."""
        self._engine = engine
        self._signer = signer
        self._read_only = read_only
        self._connection: Connection | None = None
        self._on_outbox_commit = on_outbox_commit

    def __enter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already in use")
        connection = self._engine.connect()
        if self._read_only:
            connection.execution_options(**{READ_ONLY: True})
        try:
            connection.begin()
        except BaseException:
            connection.close()
            raise
        self._connection = connection
        self.guests = SqliteGuestRepository(connection)
        self.staff = SqliteStaffRepository(connection)
        self.tables = SqliteTableRepository(connection)
        self.incidents = SqliteIncidentRepository(connection)
        self._outbox = SqliteOutbox(connection)
        self.outbox = self._outbox
        self.audit = SqliteAuditLog(connection, self._signer, self._outbox)
        self.sync_state = SqliteSyncState(connection)
        self.staff_sessions = SqliteStaffSessions(connection)
        self.conflicts = SqliteConflicts(connection)
        self.set_aside = SqliteSetAside(connection)
        self.acts = SqliteActRepository(connection)
        self.attachments = SqliteAttachmentRepository(connection)
        self.staff_languages = SqliteStaffLanguages(connection)
        self.alerts = SqliteAlerts(connection)
        return self

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        if self._connection is None:
            raise RuntimeError("no unit of work in progress")
        with self._connection.begin_nested():
            yield

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection = self._connection
        if connection is None:
            return
        self._connection = None
        committed = False
        try:
            if exc_type is None:
                connection.commit()
                committed = True
            else:
                connection.rollback()
        finally:
            connection.close()
        if committed and self._outbox.enqueued and self._on_outbox_commit is not None:
            self._on_outbox_commit(frozenset(self._outbox.enqueued))


class SqliteStore:
    """The Store port over a SQLite file. Create it with ``open_store``."""

    def __init__(
        self,
        engine: Engine,
        path: Path,
        recovered_from: Path | None,
        signer: CheckpointSigner | None = None,
    ) -> None:
        self._engine = engine
        self._signer = signer
        self.path = path
        # Where a store that failed its integrity check was moved, if one did.
        self.recovered_from = recovered_from
        self._listeners: list[OutboxListener] = []
        self._listeners_lock = threading.Lock()

    @property
    def checkpoint_public_key(self) -> str | None:
        """The public key of the device's audit checkpoints (None without a store key):
        what the helpdesk binds at enrolment."""
        return self._signer.public_key if self._signer is not None else None

    @property
    def recovery_notice(self) -> str | None:
        """A message for the user when the store had to be replaced at open."""
        if self.recovered_from is None:
            return None
        return (
            "The local store failed its integrity check and was moved aside to "
            f"{self.recovered_from}; a new empty store was created."
        )

    def prepare_guests(self, guests: Sequence[Guest]) -> GuestRows:
        return prepare_guests(guests)

    def unit_of_work(self) -> SqliteUnitOfWork:
        return SqliteUnitOfWork(self._engine, self._outbox_committed, self._signer)

    def reading(self) -> SqliteUnitOfWork:
        return SqliteUnitOfWork(self._engine, self._outbox_committed, self._signer, read_only=True)

    def add_outbox_listener(self, listener: OutboxListener) -> None:
        with self._listeners_lock:
            self._listeners.append(listener)

    def remove_outbox_listener(self, listener: OutboxListener) -> None:
        with self._listeners_lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _outbox_committed(self, kinds: frozenset[OutboxKind]) -> None:
        # Called from whichever thread committed; listeners hop to their own loop.
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(kinds)
            except Exception:
                logger.exception("outbox listener failed")

    def checkpoint_audit(self) -> None:
        """Sign the audit chain's head (sign-out, close); no-op without a store key."""
        if self._signer is None:
            return
        with self.unit_of_work() as uow:
            audit = uow.audit
            assert isinstance(audit, SqliteAuditLog)
            audit.checkpoint()

    def dispose(self) -> None:
        """Close without signing the audit head (read-only uses: verify)."""
        self._engine.dispose()

    def close(self) -> None:
        try:
            self.checkpoint_audit()
        except Exception:
            logger.exception("could not sign the audit log's head at close")
        self._engine.dispose()


def open_store(
    data_dir: Path, *, clock: Clock | None = None, key: bytes | None = None
) -> SqliteStore:
    """Open (creating, checking and migrating as needed) ``<data_dir>/store.db``.

    A file that fails ``PRAGMA quick_check`` or is not a database is renamed to
    ``store.db.corrupt-<UTC time>`` and a fresh store takes its place; the result
    says so in ``recovered_from`` and ``recovery_notice``.

    ``key`` (32 raw bytes, app/security/store_key.py) encrypts the file (SQLCipher) and
    signs the audit chain's checkpoints. A plain store opened with a key is encrypted
    in place first. A file that does not decrypt (wrong or missing key) raises
    StoreKeyError and is never moved aside. Without a key the store is plain SQLite.
    """
    started = time.perf_counter()
    data_dir.mkdir(parents=True, exist_ok=True)
    path = store_path(data_dir)
    recovered_from: Path | None = None
    encryption.remove_leftover(path)
    engine = create_store_engine(path, key)
    try:
        if key is not None and encryption.is_plain(path):
            check_integrity(path)  # a damaged plain store is moved aside, not exported
            encryption.encrypt_plain_store(path, key)
        check_integrity(path, key)
        revision = _check_and_prepare(engine, path, key)
    except StoreKeyError:
        engine.dispose()
        raise
    except StoreCorrupt as problem:
        engine.dispose()  # every handle closed before the files are renamed
        recovered_from = move_aside(path, (clock or SystemClock()).now())
        logger.warning(
            "Local store %s failed its integrity check (%s); moved aside to %s, "
            "starting with a new empty store",
            path,
            problem,
            recovered_from,
        )
        engine = create_store_engine(path, key)
        revision = _check_and_prepare(engine, path, key)
    if not is_up_to_date(revision):
        try:
            with engine.connect() as connection:
                upgrade_to_head(connection)
        except BaseException:
            engine.dispose()
            raise
    if search_index.resume_after_crash(engine):
        logger.warning("the guests' name index was rebuilt: a pull had not finished")
    logger.debug("Opened %s in %.1f ms", path, (time.perf_counter() - started) * 1000)
    signer = _checkpoint_signer(engine, key) if key is not None else None
    return SqliteStore(engine, path, recovered_from, signer)


CHECKPOINT_SECRET_KEY = "audit_checkpoint_secret"


def _checkpoint_signer(engine: Engine, key: bytes) -> CheckpointSigner:
    """The device's checkpoint key: from its own random secret, kept in the (encrypted)
    store; a store that already signed checkpoints keeps the key it signed them with
    (derived from the store key, as before: the helpdesk bound that one)."""
    state, checkpoints = schema.sync_state, schema.audit_checkpoints
    with engine.begin() as connection:
        held = connection.execute(
            select(state.c.value).where(state.c.key == CHECKPOINT_SECRET_KEY)
        ).scalar()
        if held is None:
            signed_before = connection.execute(select(checkpoints.c.entry_id).limit(1)).first()
            secret = key if signed_before is not None else secrets.token_bytes(32)
            held = secret.hex()
            connection.execute(insert(state), {"key": CHECKPOINT_SECRET_KEY, "value": held})
    return CheckpointSigner(bytes.fromhex(str(held)))


def _check_and_prepare(engine: Engine, path: Path, key: bytes | None) -> str | None:
    """WAL mode; returns the schema revision found.

    Runs on the raw driver connection, outside any transaction: SQLite refuses
    to change the journal mode inside one.
    """
    try:
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                # Persistent in the file; readers and the writer no longer block each other.
                cursor.execute("PRAGMA journal_mode = WAL")
                return current_revision(cursor)
            finally:
                cursor.close()
        finally:
            connection.close()
    except (DBAPIError, sqlite3.DatabaseError, encryption.dbapi2.DatabaseError) as error:
        raise_for_open_error(path, error, key)
        raise
