"""``/v1/incidents``: create (idempotent), read by UUID, change under If-Match, events."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, status
from fastapi.responses import Response

from app.permissions import Action
from helpdesk import idempotency, incidents, roles, views, writes
from helpdesk.auth import AuthDevice, AuthProperty, AuthStaff
from helpdesk.changes import dumps
from helpdesk.context import Context, get_context
from helpdesk.edge import EdgeRoute
from helpdesk.models import IncidentRow
from helpdesk.properties import owned
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
    "/{incident_id}",
    responses={
        200: {"model": IncidentWithEvents},
        404: {"model": ErrorOut, "description": "unknown incident"},
    },
)
def get_incident(
    incident_id: UuidStr,
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
) -> Response:
    """The incident with its ``events`` (by server sequence) and attachment hashes, as
    the staff token's role may see it (amounts only to roles that may see amounts)."""
    roles.require(staff, Action.INCIDENT_VIEW)
    with context.db.read() as session:
        row = owned(session, IncidentRow, incident_id, property_id, device)
        if row is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident {incident_id}")
        data = views.incident_for(staff, incidents.full_dict(session, row))
    data["events"] = [views.event_for(staff, event) for event in data["events"]]
    return idempotency.json_response(200, dumps(data))


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
