"""The offline store: ``open_store`` and the unit of work over ``store.db``."""

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine

from app.clock import Clock
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
from offline_cache import search_index
from offline_cache.engine import READ_ONLY, create_store_engine
from offline_cache.migrate import upgrade_to_head
from offline_cache.opening import (
    CheckedStore,
    check_store,
    checkpoint_secret,
    moved_aside_notice,
)
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
        return moved_aside_notice(self.recovered_from)

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
    return finish_open(check_store(data_dir, clock=clock, key=key))


def finish_open(checked: CheckedStore) -> SqliteStore:
    """The store on a file ``check_store`` passed: its engine, migrated to the newest
    schema, its guests' name index whole again."""
    started = time.perf_counter()
    path, key = checked.path, checked.key
    engine = create_store_engine(path, key)
    try:
        secret = checked.checkpoint_secret
        if not checked.up_to_date:
            with engine.connect() as connection:
                upgrade_to_head(connection)
        if key is not None and secret is None:  # the schema was made just now
            secret = _checkpoint_secret(engine, key, checked.kept_secret)
        if search_index.resume_after_crash(engine):
            logger.warning("the guests' name index was rebuilt: a pull had not finished")
    except BaseException:
        engine.dispose()
        raise
    logger.debug("Opened %s in %.1f ms", path, (time.perf_counter() - started) * 1000)
    signer = CheckpointSigner(secret) if secret is not None else None
    return SqliteStore(engine, path, checked.recovered_from, signer)


def _checkpoint_secret(engine: Engine, key: bytes, kept: bytes | None) -> bytes:
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            return checkpoint_secret(cursor, key, kept)
        finally:
            cursor.close()
    finally:
        connection.close()
