"""Engines and transactions.

Writes go through ``Database.write()``: one transaction that appends to the change
log, so concurrent writers of one property are serialised there. On SQLite that is
an in-process lock plus ``BEGIN IMMEDIATE`` (WAL, busy_timeout), so eight concurrent
replays never meet "database is locked" (SQLite has one writer: every property waits
for it); readers use a separate engine and plain ``BEGIN`` and never wait for writers.
On other backends the transaction locks its property's ``changes:<id>`` counter row
first, which makes commit order equal ``seq`` order within the property, so a reader
paging a property's log by ``seq`` can never skip a row that commits late; another
property's writers lock another row and proceed at the same time (their seqs
interleave in the shared identity, which no reader of one property can see).
"""

import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Engine, Table, bindparam, create_engine, event, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from helpdesk import batch_writes
from helpdesk.models import DEFAULT_PROPERTY, Counter, PropertyRow
from helpdesk.pg_wake import NOTIFY_SQL

log = logging.getLogger(__name__)

GENERATION = "generation"  # a random number, new at each restore (helpdesk/backup.py)


def ticket_counter(property_id: int) -> str:
    """The counter of a property's ticket numbers."""
    return f"ticket:{property_id}"


def changes_lock(property_id: int) -> str:
    """The row every writing transaction of a property locks (non-SQLite)."""
    return f"changes:{property_id}"


def utcnow() -> datetime:
    return datetime.now(UTC)


@lru_cache(maxsize=8192)
def iso(value: datetime) -> str:
    """ISO 8601 UTC with microseconds and a ``Z``: how the service writes datetimes.

    Kept for the times written again and again (an incident's opening, deadlines and
    events in each of its answers and change rows): the formatting costs 2-4 us, a
    look-up a tenth of it. Equal instants have the one text, whatever their zone."""
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def iso_ms(value: datetime) -> str:
    """ISO 8601 UTC with milliseconds (``X-Server-Time``)."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _sqlite_engine(url: str, begin: str) -> Engine:
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_size=16,
        max_overflow=48,
        pool_timeout=60,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN, not pysqlite.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


class Database:
    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.backend = parsed.get_backend_name()
        self.is_sqlite = self.backend == "sqlite"
        if self.is_sqlite:
            if parsed.database in (None, "", ":memory:"):
                raise ValueError("the helpdesk needs a SQLite file, not an in-memory database")
            self.write_engine = _sqlite_engine(url, "BEGIN IMMEDIATE")
            self.read_engine = _sqlite_engine(url, "BEGIN")
        else:
            # At most 20 connections per worker: four workers and their listeners stay
            # within PostgreSQL's default max_connections (100); a request beyond waits
            # for a connection instead of failing with "too many clients" (a 500).
            self.write_engine = create_engine(
                url, pool_size=10, max_overflow=10, pool_timeout=30, pool_pre_ping=True
            )
            self.read_engine = self.write_engine
        self._write_lock: AbstractContextManager[Any] = (
            threading.Lock() if self.is_sqlite else nullcontext()
        )
        self._writer = sessionmaker(self.write_engine, expire_on_commit=False)
        self._reader = sessionmaker(self.read_engine, expire_on_commit=False)
        self.after_commit: list[Callable[[], None]] = []
        """Called after a write that appended changes committed (the live feed)."""
        self._chores: dict[str, float] = {}
        self._chores_lock = threading.Lock()

    def due(self, chore: str, every_seconds: float) -> bool:
        """True at most once per ``every_seconds`` for ``chore`` (lazy housekeeping)."""
        with self._chores_lock:
            now = time.monotonic()
            last = self._chores.get(chore)
            if last is not None and now - last < every_seconds:
                return False
            self._chores[chore] = now
            return True

    def create_schema(
        self, first_ticket_number: int, default_property: dict[str, str] | None = None
    ) -> None:
        """Bring the schema to the newest migration (helpdesk/migrate.py); set the counters.

        ``default_property`` (code, name, timezone) names the property a helpdesk made
        before properties keeps its records in."""
        from helpdesk.migrate import upgrade_to_head

        with self._write_lock, self.write_engine.begin() as connection:
            upgrade_to_head(connection, default_property)
        with self.write(lock_changes=False) as session:
            for property_id in session.scalars(select(PropertyRow.id)):
                add_property_counters(session, property_id, first_ticket_number)
            if session.get(Counter, GENERATION) is None:
                session.add(Counter(name=GENERATION, value=new_generation()))

    def generation(self) -> int:
        """This database's generation: consoles that saw another re-send what they sent."""
        with self.read() as session:
            counter = session.get(Counter, GENERATION)
            return counter.value if counter is not None else 0

    @contextmanager
    def write(
        self, property_id: int = DEFAULT_PROPERTY, *, lock_changes: bool = True
    ) -> Iterator[Session]:
        """One writing transaction of ``property_id`` (the changes it appends are that
        property's): committed when the block ends, rolled back if it raises."""
        with self._write_lock, self._writer() as session, session.begin():
            session.info["property_id"] = property_id
            if lock_changes and not self.is_sqlite:
                lock = changes_lock(property_id)
                session.execute(select(Counter.value).where(Counter.name == lock).with_for_update())
            yield session
            changed = bool(session.info.get("changed"))
            if changed and not self.is_sqlite:
                # Delivered at commit to every worker's listener (helpdesk/pg_wake.py).
                session.execute(text(NOTIFY_SQL))
        if changed:
            for callback in self.after_commit:
                callback()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()


def new_generation() -> int:
    return secrets.randbelow(2**62) + 1


def add_property_counters(session: Session, property_id: int, first_ticket_number: int) -> None:
    """A property's ticket counter and change-lock row, if it has none yet."""
    starts = (
        (ticket_counter(property_id), first_ticket_number - 1),
        (changes_lock(property_id), 0),
    )
    for name, start in starts:
        if session.get(Counter, name) is None:
            session.add(Counter(name=name, value=start))


def writing_property(session: Session) -> int:
    """The property of the transaction ``session`` writes in (``Database.write``)."""
    return int(session.info.get("property_id", DEFAULT_PROPERTY))


def next_ticket_number(session: Session, prefix: str) -> str:
    """Bump the ticket counter of the transaction's property inside it (no MAX()+1 race).

    ``prefix``: the property's (helpdesk.properties.ticket_prefix)."""
    name = ticket_counter(writing_property(session))
    number = batch_writes.next_ticket(session, name)  # a batch's: one read, one write
    if number is None:
        number = session.execute(_BUMP_TICKET, {"counter": name}).scalar_one()
    return f"{prefix}{number}"


_COUNTERS = cast(Table, Counter.__table__)
_BUMP_TICKET = (
    update(_COUNTERS)
    .where(_COUNTERS.c.name == bindparam("counter"))
    .values(value=_COUNTERS.c.value + 1)
    .returning(_COUNTERS.c.value)
)


def dialect_insert(session: Session) -> Any:
    """``insert`` of the session's backend: its ``on_conflict_do_*`` (an upsert, an
    insert-or-nothing) is written the same on SQLite and PostgreSQL."""
    return (sqlite if session.get_bind().dialect.name == "sqlite" else postgresql).insert
