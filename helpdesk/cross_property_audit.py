"""The audit of reads across properties: every read a group duty manager makes beyond
their device's property (helpdesk/property_scope.py) is a row here, kept as the audit
alerts are (``helpdesk.audit_continuity``), served by ``GET /v1/audit/cross-property-reads``
and logged at INFO on ``helpdesk.properties``.

A row says who (staff and device by id), from which property, what was read (the KPIs,
the incident list, an incident or a guest, by record id), of which property or ALL, the
answer's status and how many records it held: never a record's content, a guest's name
or a card number. The row is written before the answer leaves: a read whose audit could
not be kept is not served.
"""

import logging
from datetime import datetime
from typing import Any

from fastapi import HTTPException
from fastapi.responses import Response
from sqlalchemy import Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.actor import Actor
from helpdesk import idempotency
from helpdesk.changes import dumps
from helpdesk.db import Database, iso, utcnow
from helpdesk.models import Base, UtcDateTime
from helpdesk.properties import ALL
from helpdesk.property_scope import ReadScope

log = logging.getLogger("helpdesk.properties")

KPIS, INCIDENT_LIST, INCIDENT, GUEST = "kpis", "incidents", "incident", "guest"


class CrossPropertyRead(Base):
    __tablename__ = "audit_cross_property_reads"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False, index=True)
    staff_id: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    device_id: Mapped[str] = mapped_column(String(64), nullable=False)
    device_property_id: Mapped[int] = mapped_column(Integer, nullable=False)
    asked: Mapped[str] = mapped_column(String(16), nullable=False)  # a code, or ALL
    what: Mapped[str] = mapped_column(String(10), nullable=False)  # KPIS, INCIDENT_LIST, …
    record_id: Mapped[str | None] = mapped_column(String(36))  # an incident's or guest's id
    status: Mapped[int] = mapped_column(Integer, nullable=False)  # the answer's
    records: Mapped[int] = mapped_column(Integer, nullable=False)  # how many it held


def record_read(
    db: Database,
    actor: Actor,
    scope: ReadScope,
    what: str,
    *,
    record_id: str | None = None,
    status: int = 200,
    records: int = 1,
) -> None:
    """Keep the audit of one read if it crossed properties (a read of one's own
    property is no group read: nothing to keep)."""
    if not scope.crosses:
        return
    with db.write(lock_changes=False) as session:
        session.add(
            CrossPropertyRead(
                at=utcnow(),
                staff_id=actor.staff_id,
                device_id=actor.device_id,
                device_property_id=scope.own_property,
                asked=scope.label,
                what=what,
                record_id=record_id,
                status=status,
                records=records,
            )
        )
    log.info(
        "group read: staff %s on device %s of property %d read %s %s of %s: %d, %d record(s)",
        actor.staff_id,
        actor.device_id,
        scope.own_property,
        what,
        record_id or "-",
        scope.label,
        status,
        records,
    )


def one_record_answer(
    db: Database,
    actor: Actor,
    scope: ReadScope,
    what: str,
    record_id: str,
    found: tuple[int, dict[str, Any]] | None,
) -> Response:
    """The answer to a read of one record: ``found`` (its property id and what the role
    may see of it), or 404. Across properties, the read is audited first, found or
    not, and the answer carries the record's ``property`` code."""
    answered = 404 if found is None else 200
    record_read(
        db, actor, scope, what, record_id=record_id, status=answered, records=answered // 200
    )
    if found is None:
        raise HTTPException(404, f"no {what} {record_id}")
    property_id, data = found
    if not scope.crosses:
        return idempotency.json_response(200, dumps(data))
    code = scope.codes[property_id]
    answer = idempotency.json_response(200, dumps({**data, "property": code}))
    answer.headers["X-Property"] = code
    return answer


def recent(
    session: Session, limit: int, staff_id: str | None = None, about: str | None = None
) -> list[dict[str, object]]:
    """The newest audited reads, newest first (of one staff member if named; with
    ``about``, only those of that property's records or of the whole group)."""
    query = select(CrossPropertyRead).order_by(CrossPropertyRead.id.desc()).limit(limit)
    if staff_id is not None:
        query = query.where(CrossPropertyRead.staff_id == staff_id)
    if about is not None:
        query = query.where(CrossPropertyRead.asked.in_((about, ALL)))
    return [
        {
            "at": iso(row.at),
            "staff_id": row.staff_id,
            "device_id": row.device_id,
            "device_property_id": row.device_property_id,
            "asked": row.asked,
            "what": row.what,
            "record_id": row.record_id,
            "status": row.status,
            "records": row.records,
        }
        for row in session.scalars(query)
    ]
