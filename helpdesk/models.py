"""The service's own schema (SQLAlchemy 2). A server database is its own world:
``Base.metadata.create_all`` builds it; nothing here is shared with the console's store.

Portable across SQLite and PostgreSQL: no dialect-only types. JSON documents (a
guest's card, a change's snapshot) are kept as text so they can be sent as they are.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from app.kpis.totals import GROUP_FIELDS

# SQLite only assigns rowids to ``INTEGER PRIMARY KEY``; PostgreSQL gets a BIGINT identity.
SeqType = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: the service stores UTC only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def bind_processor(self, dialect: Dialect) -> Callable[[datetime | None], Any] | None:
        if dialect.name == "sqlite":
            return sqlite_text  # SQLAlchemy's two steps in one: 5% of a replayed write
        return super().bind_processor(dialect)


def sqlite_text(value: datetime | None) -> str | None:
    """The text SQLAlchemy's SQLite DATETIME stores for ``value`` in UTC:
    ``YYYY-MM-DD HH:MM:SS.ffffff``, the offset left out (the column holds UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime refused: the service stores UTC only")
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


class Base(DeclarativeBase):
    pass


DEFAULT_PROPERTY = 1  # the property a single-property helpdesk's records belong to
ALL_DEVICES = "*"  # a staff member's device in ``staff_devices``: every device (the demo)


def property_column() -> Mapped[int]:
    """The property a record belongs to (helpdesk/properties.py). The server default
    places rows written before properties, and the demo's, in the default property."""
    return mapped_column(
        Integer, nullable=False, default=DEFAULT_PROPERTY, server_default=str(DEFAULT_PROPERTY)
    )


class PropertyRow(Base):
    """One casino of the group. Every device, staff member, guest, table, incident and
    change belongs to one; ``ticket_prefix`` None: the helpdesk's configured prefix."""

    __tablename__ = "properties"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False)
    ticket_prefix: Mapped[str | None] = mapped_column(String(12), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)


class Counter(Base):
    """Named counters bumped inside the writing transaction (ticket numbers, one per
    property; the row each property's writers lock: helpdesk/db.py)."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False)


class Change(Base):
    """The change log: one row per upsert, in commit order. ``seq`` is the cursor."""

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_property_seq", "property_id", "seq"),  # a property's pages
        {"sqlite_autoincrement": True},
    )
    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    property_id: Mapped[int] = property_column()
    type: Mapped[str] = mapped_column(String(20), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(160), nullable=False)
    op: Mapped[str] = mapped_column(String(10), nullable=False)
    data: Mapped[str] = mapped_column(Text, nullable=False)  # JSON snapshot at that seq
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    property_id: Mapped[int] = property_column()
    token_sha256: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # Bound at enrolment (helpdesk/enrolment.py); nullable: older databases gain them.
    role_scope: Mapped[str | None] = mapped_column(String(200))  # roles, comma-separated
    checkpoint_public_key: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The console's secret for its enrolment: the same request sent again after a lost
    # answer gets a token instead of "already used".
    enrolment_nonce_sha256: Mapped[str | None] = mapped_column(String(64))


class EnrolmentCode(Base):
    """The one outstanding enrolment code of a device, issued by the property's IT.

    Kept only as its SHA-256; single use (``used_at``) and expiring."""

    __tablename__ = "enrolment_codes"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    property_id: Mapped[int] = property_column()
    code_sha256: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    role_scope: Mapped[str] = mapped_column(String(200), nullable=False)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class StaffRow(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    property_id: Mapped[int] = property_column()
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    pin_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    data: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    # "group": may read every property's KPIs, incidents and guests (a group duty
    # manager, helpdesk/property_scope.py); None: their own property's only. Writes
    # are always the device's property's.
    scope: Mapped[str | None] = mapped_column(String(10))


class StaffSession(Base):
    """A staff token (its SHA-256): who, on which device, until when (helpdesk.staff)."""

    __tablename__ = "staff_sessions"
    # When a person last signed out, read at each sign-in (migration h0005).
    __table_args__ = (Index("ix_staff_sessions_staff_revoked", "staff_id", "revoked_at"),)
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), nullable=False)
    device_id: Mapped[str] = mapped_column(String(64), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    # Nullable: added to databases made before (helpdesk.db adds new nullable columns).
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    session_id: Mapped[str | None] = mapped_column(String(64))  # the console's session
    how: Mapped[str | None] = mapped_column(String(10))  # "pin" or "assertion"


class StaffDevice(Base):
    """Which devices a staff member works on: only there may they sign in, and only
    those devices receive their PIN verifier. ``device_id`` "*": every device (the
    demo property only)."""

    __tablename__ = "staff_devices"
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class StaffLockout(Base):
    """Wrong online sign-ins per staff id (unknown ids by pseudonym), whatever the
    device: the back-off survives a restart and spans devices."""

    __tablename__ = "staff_lockouts"
    staff_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    failed: Mapped[int] = mapped_column(Integer, nullable=False)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class StaffTotp(Base):
    """A staff member's authenticator secret and the last time step used (replays)."""

    __tablename__ = "staff_totp"
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    secret: Mapped[str] = mapped_column(String(120), nullable=False)
    last_step: Mapped[int | None] = mapped_column(BigInteger)


class GuestRow(Base):
    __tablename__ = "guests"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    property_id: Mapped[int] = property_column()
    card_number: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    data: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    # The body it was created with (a walk-in), as for incidents: a create sent again
    # is judged on it, not on the guest as later edits left it. None: seeded.
    create_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)


class TableRow(Base):
    __tablename__ = "gaming_tables"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    property_id: Mapped[int] = property_column()
    data: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)


class IncidentRow(Base):
    """A ticket. ``id`` is the client's UUID: rows are never deleted, so it stays unique."""

    __tablename__ = "incidents"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    property_id: Mapped[int] = property_column()
    number: Mapped[str] = mapped_column(String(20), nullable=False, unique=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    create_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    provisional_number: Mapped[str] = mapped_column(String(80), nullable=False)
    device_id: Mapped[str] = mapped_column(String(64), nullable=False)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    opened_by: Mapped[str] = mapped_column(String(32), nullable=False)
    priority: Mapped[str] = mapped_column(String(4), nullable=False)
    category: Mapped[str] = mapped_column(String(40), nullable=False)
    channel: Mapped[str] = mapped_column(String(20), nullable=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    guest_id: Mapped[str | None] = mapped_column(String(36), index=True)
    owner_id: Mapped[str | None] = mapped_column(String(32))
    location: Mapped[str] = mapped_column(Text, nullable=False)
    table_id: Mapped[str | None] = mapped_column(String(32))
    game: Mapped[str] = mapped_column(String(80), nullable=False)
    machine: Mapped[str] = mapped_column(String(80), nullable=False)
    amount: Mapped[str | None] = mapped_column(String(40))  # exact decimal text
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    transaction_ref: Mapped[str] = mapped_column(String(200), nullable=False)
    desired_outcome: Mapped[str] = mapped_column(Text, nullable=False)
    manual_escalation_level: Mapped[int] = mapped_column(Integer, nullable=False)
    sla_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_update_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    satisfaction: Mapped[str | None] = mapped_column(String(20))  # migration h0002

    # The incident list pages newest first: a property's, the group's (migration h0007).
    __table_args__ = (
        Index("ix_incidents_property_opened", "property_id", "opened_at"),
        Index("ix_incidents_opened", "opened_at"),
    )


class EventRow(Base):
    """Append-only timeline entries; ``seq`` is the change seq of their insert."""

    __tablename__ = "incident_events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    property_id: Mapped[int] = property_column()
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), nullable=False)
    seq: Mapped[int] = mapped_column(SeqType, nullable=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    actor_id: Mapped[str] = mapped_column(String(32), nullable=False)
    detail: Mapped[str] = mapped_column(Text, nullable=False)
    from_value: Mapped[str] = mapped_column(String(200), nullable=False)
    to_value: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)

    __table_args__ = (Index("ix_incident_events_incident_seq", "incident_id", "seq"),)


class IncidentKpiRow(Base):
    """What one incident counts for in the KPIs (``app.kpis.facts``), written each time
    the incident changes; ``GET /v1/kpis`` sums these rows in SQL (helpdesk/kpis.py).
    Times are whole seconds: since the epoch for instants, from T0 for durations;
    flags are 0/1, NULL where the incident does not count."""

    __tablename__ = "incident_kpis"
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    property_id: Mapped[int] = property_column()
    opened_s: Mapped[int] = mapped_column(BigInteger, nullable=False)
    priority: Mapped[str] = mapped_column(String(4), nullable=False)
    tier: Mapped[str] = mapped_column(String(8), nullable=False)
    category: Mapped[str] = mapped_column(String(40), nullable=False)
    is_open: Mapped[int] = mapped_column(Integer, nullable=False)
    paused: Mapped[int] = mapped_column(Integer, nullable=False)
    sla_state: Mapped[str] = mapped_column(String(8), nullable=False)
    sla_due_s: Mapped[int] = mapped_column(BigInteger, nullable=False)
    ack_s: Mapped[int | None] = mapped_column(BigInteger)
    reach_s: Mapped[int | None] = mapped_column(BigInteger)
    reach_met: Mapped[int | None] = mapped_column(Integer)
    decide_s: Mapped[int | None] = mapped_column(BigInteger)
    decide_met: Mapped[int | None] = mapped_column(Integer)
    response_s: Mapped[int | None] = mapped_column(BigInteger)
    response_met: Mapped[int | None] = mapped_column(Integer)
    resolved: Mapped[int] = mapped_column(Integer, nullable=False)
    first_contact: Mapped[int | None] = mapped_column(Integer)
    reopened_7d: Mapped[int | None] = mapped_column(Integer)
    recovery_ok: Mapped[int | None] = mapped_column(Integer)
    satisfaction: Mapped[str | None] = mapped_column(String(20))

    __table_args__ = (
        Index("ix_incident_kpis_opened", "opened_s"),
        Index("ix_incident_kpis_open", "is_open", "opened_s"),  # the backlog
        Index("ix_incident_kpis_property_opened", "property_id", "opened_s"),
    )


# The sums of ``incident_kpis`` by UTC day of opening, priority, tier and category, kept
# with every change to a row (helpdesk/kpis.py): a year's KPIs read a few thousand rows,
# not half a million. Columns: ``app.kpis.totals.GROUP_FIELDS``, the SLA part without
# clocks still running on time (those are read at query time from the open incidents).
incident_kpi_days = Table(
    "incident_kpi_days",
    Base.metadata,
    Column("property_id", Integer, primary_key=True, server_default=str(DEFAULT_PROPERTY)),
    Column("day_s", BigInteger, primary_key=True),
    Column("priority", String(4), primary_key=True),
    Column("tier", String(8), primary_key=True),
    Column("category", String(40), primary_key=True),
    *(Column(name, BigInteger, nullable=False) for name in GROUP_FIELDS),
)


class AttachmentBlob(Base):
    """Content-addressed bytes: one row per SHA-256 however many incidents link it."""

    __tablename__ = "attachments"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    content_type: Mapped[str] = mapped_column(String(80), nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)


class AttachmentLink(Base):
    __tablename__ = "incident_attachments"
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), primary_key=True)
    property_id: Mapped[int] = property_column()
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)


class IdempotencyRecord(Base):
    """The first answer to an ``Idempotency-Key``, replayed for the retention period."""

    __tablename__ = "idempotency_keys"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)  # unique: one winner
    request: Mapped[str] = mapped_column(String(300), nullable=False)  # "POST /v1/incidents"
    body_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[int] = mapped_column(Integer, nullable=False)
    response_body: Mapped[str] = mapped_column(Text, nullable=False)
    device_id: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, index=True)
