"""``/v1/incidents``: create (idempotent), list, read by UUID, change under If-Match,
events.

Reads take ``?property=CODE|ALL``: a group duty manager's reach beyond the device's
property (helpdesk/property_scope.py), audited (helpdesk/cross_property_audit.py).
Writes never do: they are the device's property's, whoever writes."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, status
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.actor import Actor
from app.domain import Priority
from app.permissions import Action
from helpdesk import idempotency, incident_list, incidents, roles, views, writes
from helpdesk.auth import AuthDevice, AuthProperty, AuthStaff
from helpdesk.changes import dumps
from helpdesk.context import Context, get_context
from helpdesk.cross_property_audit import (
    INCIDENT,
    INCIDENT_LIST,
    one_record_answer,
    record_read,
)
from helpdesk.edge import EdgeRoute
from helpdesk.models import IncidentRow
from helpdesk.property_scope import AskedProperty, read_scope, scoped_row
from helpdesk.schemas import (
    ConflictOut,
    ErrorOut,
    EventCreate,
    EventOut,
    IncidentCreate,
    IncidentPatch,
    IncidentWithEvents,
    UuidStr,
)

router = APIRouter(prefix="/v1/incidents", tags=["incidents"], route_class=EdgeRoute)

Ctx = Annotated[Context, Depends(get_context)]
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", description="the outbox row's key (a UUID)")
]

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "missing or bad device or staff token"},
    403: {"model": ErrorOut, "description": "the staff token's role may not; `detail` says why"},
    413: {"model": ErrorOut, "description": "body too large"},
    422: {"model": ErrorOut, "description": "invalid body; `detail` names the field"},
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={
        201: {"model": IncidentWithEvents, "description": "created"},
        200: {
            "model": IncidentWithEvents,
            "description": "the id exists and the body matches the first create",
        },
        409: {"model": ErrorOut, "description": "the id exists with a different body"},
        **_ERRORS,
    },
)
def create_incident(
    body: IncidentCreate,
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Create an incident; the service assigns its ticket ``number`` in the same transaction."""
    write = writes.create_incident(context, body, staff)
    return idempotency.run(
        context,
        idempotency_key,
        write.request,
        write.plain,
        device,
        staff.staff_id,
        write.work,
        property_id=property_id,
    )


@router.get(
    "",
    responses={
        400: {"model": ErrorOut, "description": "`after` is no cursor this service issued"},
        403: {"model": ErrorOut, "description": "the role may not, or not beyond its property"},
        404: {"model": ErrorOut, "description": "no property by that code"},
    },
)
def list_incidents(
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    property_code: AskedProperty = None,
    open_only: Annotated[
        bool, Query(alias="open", description="only new, in progress or waiting")
    ] = False,
    priority: Annotated[Priority | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    after: Annotated[
        str | None, Query(max_length=200, description="the page before's `next_cursor`")
    ] = None,
) -> Response:
    """The incidents of the device's property, or (a group duty manager) of another
    property or the whole group, newest opened first, each with its ``property`` code;
    without events (``GET /v1/incidents/{id}`` has them)."""
    roles.require(staff, Action.INCIDENT_VIEW)
    scope = read_scope(context.db, staff, property_id, property_code, "incidents")
    wanted = incident_list.IncidentFilter(
        open_only, None if priority is None else priority.value, limit, after
    )
    with context.db.read() as session:
        items, next_cursor = incident_list.page(session, scope, staff, wanted)
    record_read(context.db, staff, scope, INCIDENT_LIST, records=len(items))
    body = {"property": scope.label, "items": items, "next_cursor": next_cursor}
    answer = idempotency.json_response(200, dumps(body))
    answer.headers["X-Property"] = scope.label
    return answer


@router.get(
    "/{incident_id}",
    responses={
        200: {"model": IncidentWithEvents},
        403: {"model": ErrorOut, "description": "the role may not, or not beyond its property"},
        404: {"model": ErrorOut, "description": "unknown incident (in the properties asked)"},
    },
)
def get_incident(
    incident_id: UuidStr,
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    property_code: AskedProperty = None,
) -> Response:
    """The incident with its ``events`` (by server sequence) and attachment hashes, as
    the staff token's role may see it (amounts only to roles that may see amounts).
    Of another property (``?property=CODE|ALL``, a group duty manager): with its
    ``property`` code, and audited, found or not."""
    roles.require(staff, Action.INCIDENT_VIEW)
    scope = read_scope(context.db, staff, property_id, property_code, "an incident")
    with context.db.read() as session:
        row = scoped_row(session, IncidentRow, incident_id, scope, device)
        shown = None if row is None else (row.property_id, _incident_for(session, staff, row))
    return one_record_answer(context.db, staff, scope, INCIDENT, incident_id, shown)


def _incident_for(session: Session, staff: Actor, row: IncidentRow) -> dict[str, Any]:
    data = views.incident_for(staff, incidents.full_dict(session, row))
    data["events"] = [views.event_for(staff, event) for event in data["events"]]
    return data


@router.patch(
    "/{incident_id}",
    responses={
        200: {"model": IncidentWithEvents, "description": "changed; version + 1"},
        404: {"model": ErrorOut, "description": "unknown incident"},
        412: {
            "model": ConflictOut,
            "description": "If-Match is not the current version; `current` is the record",
        },
        428: {"model": ErrorOut, "description": "If-Match missing"},
        **_ERRORS,
    },
)
def patch_incident(
    incident_id: UuidStr,
    body: IncidentPatch,
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    if_match: Annotated[str | None, Header(alias="If-Match")] = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Change mutable fields; ``If-Match: <version>`` is required."""
    write = writes.patch_incident(context, incident_id, body, if_match, staff)
    return idempotency.run(
        context,
        idempotency_key,
        write.request,
        write.plain,
        device,
        staff.staff_id,
        write.work,
        property_id=property_id,
    )


@router.post(
    "/{incident_id}/events",
    status_code=status.HTTP_201_CREATED,
    responses={
        201: {"model": EventOut, "description": "appended"},
        200: {"model": EventOut, "description": "the event id exists with the same body"},
        404: {"model": ErrorOut, "description": "unknown incident"},
        409: {"model": ErrorOut, "description": "the event id exists with a different body"},
        **_ERRORS,
    },
)
def add_event(
    incident_id: UuidStr,
    body: EventCreate,
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Append a timeline event (append-only: events are never edited or deleted)."""
    write = writes.add_event(context, incident_id, body, staff)
    return idempotency.run(
        context,
        idempotency_key,
        write.request,
        write.plain,
        device,
        staff.staff_id,
        write.work,
        property_id=property_id,
    )
