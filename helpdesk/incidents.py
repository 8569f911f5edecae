"""Tickets: create, change under ``If-Match``, append events, link attachments.

Each function runs inside the caller's writing transaction and appends the
matching change-log rows there. They return ``(status, JSON text)`` so the
idempotency layer can store exactly what was sent.
"""

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from types import SimpleNamespace
from typing import Any, cast

from fastapi import HTTPException, status
from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.orm import Session

from app.domain import (
    Category,
    Channel,
    EventKind,
    Incident,
    IncidentEvent,
    IncidentStatus,
    Priority,
    Satisfaction,
    Tier,
)
from app.kpis import incident_facts
from app.policy import SlaPolicy
from app.sla import DeadlineKind, sla_clocks
from helpdesk import (
    batch_reads,
    batch_writes,
    changes,
    incident_rows,
    kpis,
    orm_state,
    properties,
)
from helpdesk.db import next_ticket_number, writing_property
from helpdesk.idempotency import fingerprint
from helpdesk.incident_json import event_dict, incident_dict
from helpdesk.models import AttachmentLink, EventRow, GuestRow, IncidentKpiRow, IncidentRow
from helpdesk.schemas import EventCreate, IncidentCreate, IncidentPatch, canonical

log = logging.getLogger(__name__)

Answer = tuple[int, str]

_CREATE_FIELDS = tuple(IncidentCreate.model_fields)
_EVENT_FIELDS = tuple(EventCreate.model_fields)


_EVENTS = cast(Table, EventRow.__table__)
_EVENTS_OF = (
    select(_EVENTS).where(_EVENTS.c.incident_id == bindparam("incident")).order_by(_EVENTS.c.seq)
)


_INSERT_EVENT = insert(_EVENTS)
_LINKS = cast(Table, AttachmentLink.__table__)
_ATTACHMENTS_OF = select(_LINKS.c.sha256).where(_LINKS.c.incident_id == bindparam("incident"))


def events_of(session: Session, incident_id: str) -> list[Any]:
    """The incident's events as rows with the columns as attributes (no ORM objects).

    A plain Core query: events are written by plain inserts too, so no pending ORM
    object could be missed by skipping the autoflush. A batch's are read ahead."""
    read_ahead = batch_reads.events_of(session, incident_id)
    if read_ahead is not None:
        return read_ahead
    return list(session.execute(_EVENTS_OF, {"incident": incident_id}).all())


def full_dict(
    session: Session,
    row: IncidentRow,
    events: list[Any] | None = None,
    attachments: list[str] | None = None,
) -> dict[str, Any]:
    """The incident with its events (by server sequence) and attachment hashes.

    ``events`` and ``attachments`` already read in this transaction are not read again."""
    data = incident_dict(row)
    if events is None:
        events = events_of(session, row.id)
    data["events"] = [event_dict(event) for event in events]
    if attachments is None:
        attachments = list(session.execute(_ATTACHMENTS_OF, {"incident": row.id}).scalars())
    data["attachments"] = sorted(attachments)
    return data


def tier_of(session: Session, row: IncidentRow) -> Tier:
    """The tier of the incident's guest (VIP without a known guest)."""
    tier = batch_reads.guest_tier(session, row.guest_id) if row.guest_id else None
    return Tier.VIP if tier is None else tier


def domain_incident(row: IncidentRow, rows: list[Any]) -> Incident:
    """What the SLA engine and the KPI facts read of a stored incident and its events."""
    events = tuple(
        IncidentEvent(
            id=e.id,
            incident_id=e.incident_id,
            at=e.at,
            kind=EventKind(e.kind),
            actor_id=e.actor_id,
            detail=e.detail,
            from_value=e.from_value,
            to_value=e.to_value,
        )
        for e in rows
    )
    held = orm_state.columns(row)
    satisfaction = held["satisfaction"]
    return Incident(
        id=held["id"],
        provisional_number=held["provisional_number"],
        opened_at=held["opened_at"],
        opened_by=held["opened_by"],
        priority=Priority(held["priority"]),
        category=Category(held["category"]),
        channel=Channel(held["channel"]),
        summary=held["summary"],
        status=IncidentStatus(held["status"]),
        table_id=held["table_id"],
        machine=held["machine"],
        manual_escalation_level=held["manual_escalation_level"],
        satisfaction=None if satisfaction is None else Satisfaction(satisfaction),
        events=events,
    )


def _refresh_sla(
    session: Session,
    row: IncidentRow,
    policy: SlaPolicy,
    now: datetime,
    rows: list[Any] | None = None,
    *,
    new: bool = False,
    touch: bool = False,
    changes: Mapping[str, Any] | None = None,
) -> list[Any]:
    """Resolve deadline and next guest update, per the property's policy, as of ``now``;
    what the incident counts for in the KPIs, in the same transaction.

    ``new``: created here, inserted now (``row`` is not in the session); ``touch``:
    ``updated_at`` becomes ``now`` if the deadlines moved; ``changes``: the columns a
    patch changes. All written in one statement. Returns the incident's events (read
    here unless given)."""
    written = dict(changes or {})
    incident_rows.assume(row, written)
    tier = tier_of(session, row)
    if rows is None:
        rows = events_of(session, row.id)
    incident = domain_incident(row, rows)
    as_of = max([now, row.opened_at, *(e.at for e in incident.events)])
    sla = sla_clocks(incident, tier, policy, as_of)  # the escalation is not stored
    resolve = sla.deadline(DeadlineKind.RESOLVE)
    deadlines = {
        "sla_due_at": resolve.due_at if resolve is not None else None,
        "next_update_at": sla.next_update_due,
    }
    moved = {name: value for name, value in deadlines.items() if getattr(row, name) != value}
    if touch and moved:
        moved["updated_at"] = now
    incident_rows.assume(row, moved)
    written.update(moved)
    if new:  # the row first: its facts refer to it
        incident_rows.insert_row(session, row)
    elif written:
        incident_rows.update_row(session, row, written)
    facts = incident_facts(incident, tier, policy, as_of, sla)
    kpis.store_facts(session, facts, row.property_id, new=new)
    return rows


def _publish(session: Session, row: IncidentRow, now: datetime) -> str:
    """Append the incident to the change log; its JSON text."""
    session.flush()
    text = changes.dumps(incident_dict(row))
    changes.append_json(session, "incident", row.id, text, now)
    return text


def _answer(session: Session, row: IncidentRow, text: str, events: list[Any]) -> str:
    """``dumps(full_dict(...))`` around the incident's text already made (``_publish``)."""
    timeline = ",".join(changes.dumps(event_dict(event)) for event in events)
    attachments = batch_reads.attachments_of(session, row.id)
    if attachments is None:
        attachments = list(session.execute(_ATTACHMENTS_OF, {"incident": row.id}).scalars())
    return f'{text[:-1]},"events":[{timeline}],"attachments":{changes.dumps(sorted(attachments))}}}'


def create(
    session: Session,
    body: IncidentCreate,
    now: datetime,
    policy: SlaPolicy,
    ticket_prefix: str,
    *,
    create_sha: str | None = None,
) -> Answer:
    """``create_sha``: the body's fingerprint, if the caller has it already."""
    if create_sha is None:
        create_sha = fingerprint(canonical(body))
    property_id = writing_property(session)
    existing = batch_reads.get(session, IncidentRow, body.id)
    if existing is not None and existing.property_id != property_id:
        properties.refused(
            "IncidentRow", body.id, property_id, existing.property_id, body.device_id
        )
        raise HTTPException(status.HTTP_403_FORBIDDEN, "id: not an incident of this property")
    if body.guest_id is not None:
        guest = batch_reads.get(session, GuestRow, body.guest_id)
        if guest is not None and guest.property_id != property_id:
            properties.refused(
                "GuestRow", body.guest_id, property_id, guest.property_id, body.device_id
            )
            raise HTTPException(status.HTTP_403_FORBIDDEN, "guest_id: not a guest of this property")
    if existing is not None:
        if existing.create_sha256 == create_sha:
            return status.HTTP_200_OK, changes.dumps(full_dict(session, existing))
        detail = f"id: incident {body.id} already exists with a different body"
        return status.HTTP_409_CONFLICT, changes.dumps({"detail": detail})
    values = {name: getattr(body, name) for name in _CREATE_FIELDS}
    values.update(
        priority=body.priority.value,
        category=body.category.value,
        channel=body.channel.value,
        status=body.status.value,
        amount=None if body.amount is None else str(body.amount),
        satisfaction=None if body.satisfaction is None else body.satisfaction.value,
    )
    prefix = properties.ticket_prefix(session, property_id, ticket_prefix)
    row = orm_state.transient(  # never added to the session: insert_row writes it
        IncidentRow,
        values,
        property_id=property_id,
        number=next_ticket_number(session, prefix),
        version=1,
        create_sha256=create_sha,
        created_at=now,
        updated_at=now,
    )
    batch_reads.incident_created(session, row)
    _refresh_sla(session, row, policy, now, rows=[], new=True)  # no events yet
    text = _publish(session, row, now)
    log.info("incident %s created as %s by %s", row.id, row.number, body.device_id)
    return status.HTTP_201_CREATED, _answer(session, row, text, [])


def refresh_and_publish(
    session: Session, row: IncidentRow, policy: SlaPolicy, now: datetime
) -> None:
    """After a new event: recompute the SLA fields; publish the incident if they moved."""
    before = (row.sla_due_at, row.next_update_at)
    _refresh_sla(session, row, policy, now, touch=True)
    if (row.sla_due_at, row.next_update_at) != before:
        _publish(session, row, now)


def parse_if_match(value: str | None) -> int:
    if value is None:
        raise HTTPException(
            status.HTTP_428_PRECONDITION_REQUIRED, "If-Match: the incident version is required"
        )
    text = value.strip().removeprefix("W/").strip('"')
    if not (text.isascii() and text.isdigit()) or len(text) > 9:  # "²".isdigit() is True
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "If-Match: must be the incident's version"
        )
    return int(text)


def patch(
    session: Session,
    incident_id: str,
    body: IncidentPatch,
    expected_version: int,
    now: datetime,
    policy: SlaPolicy,
    guard: Callable[[IncidentRow], None] | None = None,
) -> Answer:
    """``guard`` sees the incident before it changes (the role's checks) and may raise."""
    row = properties.owned(session, IncidentRow, incident_id, writing_property(session))
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident {incident_id}")
    if guard is not None:
        guard(row)
    if row.version != expected_version:
        current = full_dict(session, row)
        detail = f"If-Match: version {expected_version} is not the current {row.version}"
        return status.HTTP_412_PRECONDITION_FAILED, changes.dumps(
            {"detail": detail, "current": current}
        )
    changed = {**canonical(body, only_set=True), "version": row.version + 1, "updated_at": now}
    events = _refresh_sla(session, row, policy, now, changes=changed)
    return status.HTTP_200_OK, _answer(session, row, _publish(session, row, now), events)


def add_event(
    session: Session,
    incident_id: str,
    body: EventCreate,
    now: datetime,
    policy: SlaPolicy,
    *,
    refresh_sla: bool = True,
) -> Answer:
    property_id = writing_property(session)
    existing = batch_reads.get(session, EventRow, body.id)
    if existing is not None and existing.property_id != property_id:
        properties.refused("EventRow", body.id, property_id, existing.property_id, body.actor_id)
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident {incident_id}")
    if existing is not None:
        same = existing.incident_id == incident_id and all(
            getattr(existing, name) == getattr(body, name)
            for name in _EVENT_FIELDS
            if name != "kind"
        )
        if same and existing.kind == body.kind.value:
            return status.HTTP_200_OK, changes.dumps(event_dict(existing))
        detail = f"id: event {body.id} already exists with a different body"
        return status.HTTP_409_CONFLICT, changes.dumps({"detail": detail})
    incident = properties.owned(session, IncidentRow, incident_id, property_id, body.actor_id)
    if incident is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident {incident_id}")
    row = SimpleNamespace(
        id=body.id,
        property_id=property_id,
        incident_id=incident_id,
        seq=0,
        at=body.at,
        kind=body.kind.value,
        actor_id=body.actor_id,
        detail=body.detail,
        from_value=body.from_value,
        to_value=body.to_value,
        created_at=now,
    )
    numbered = partial(event_dict, row)  # its seq: the change-log seq of its own row
    row.seq, text = changes.append_with_seq(session, "incident_event", body.id, numbered, now)
    batch_writes.later(session, _INSERT_EVENT, dict(vars(row)))
    batch_reads.event_added(session, row)
    if refresh_sla:
        refresh_and_publish(session, incident, policy, now)
    return status.HTTP_201_CREATED, text


def backfill_kpis(session: Session, policy: SlaPolicy, now: datetime) -> int:
    """KPI facts for the incidents without (a database from before ``incident_kpis``)."""
    missing = (
        select(IncidentRow)
        .outerjoin(IncidentKpiRow, IncidentKpiRow.incident_id == IncidentRow.id)
        .where(IncidentKpiRow.incident_id.is_(None))
    )
    count = 0
    for row in session.scalars(missing).all():
        incident = domain_incident(row, events_of(session, row.id))
        as_of = max([now, row.opened_at, *(e.at for e in incident.events)])
        facts = incident_facts(incident, tier_of(session, row), policy, as_of)
        kpis.store_facts(session, facts, row.property_id)
        count += 1
    if count:
        log.info("KPI facts written for %d incidents that had none", count)
    return count
