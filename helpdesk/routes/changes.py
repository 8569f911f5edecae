"""``GET /v1/changes`` (cursor pull) and ``GET /v1/feed`` (Server-Sent Events).

Both need the staff token of whoever is signed in on the device, and carry only the
device's property's changes (helpdesk.properties), as that staff member's role may
see them (helpdesk.views)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, status
from fastapi.responses import Response, StreamingResponse

from helpdesk import changes, feed, views
from helpdesk.auth import AuthDevice, AuthProperty, AuthStaff
from helpdesk.context import Context, get_context
from helpdesk.schemas import ChangesPage, ErrorOut

router = APIRouter(prefix="/v1", tags=["changes"])

Ctx = Annotated[Context, Depends(get_context)]


@router.get(
    "/changes",
    responses={
        200: {"model": ChangesPage},
        400: {"model": ErrorOut, "description": "a cursor this service did not issue"},
    },
)
def get_changes(
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    actor: AuthStaff,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=changes.MAX_LIMIT)] = changes.DEFAULT_LIMIT,
) -> Response:
    """Up to ``limit`` changes after ``cursor`` (none: from the beginning), in seq order,
    as the signed-in staff member's role may see them."""
    try:
        after = views.decode_cursor(actor, cursor, property_id)
    except changes.CursorError as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(error)) from error
    with context.db.read() as session:
        rows, end = changes.read_after(session, after, limit, property_id)
        if not rows:
            try:
                changes.check_not_ahead(session, after, "cursor", property_id)
            except changes.CursorError as error:
                raise HTTPException(status.HTTP_400_BAD_REQUEST, str(error)) from error
    page = views.page_json(actor, rows, after, end, views.renderer(actor), property_id)
    return Response(page, media_type="application/json")


@router.get(
    "/feed",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "the live change stream"},
        400: {"model": ErrorOut, "description": "a Last-Event-ID or cursor not issued here"},
    },
)
def get_feed(
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    actor: AuthStaff,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    x_staff_token: Annotated[str | None, Header(alias="X-Staff-Token")] = None,
) -> StreamingResponse:
    """Live changes as SSE. ``Last-Event-ID: <seq>`` (or a ``/changes`` cursor) resumes
    after that sequence; without either the stream starts at the current head."""
    try:
        if last_event_id is not None:
            text = last_event_id.strip()
            if not (text.isascii() and text.isdigit()) or len(text) > 18:
                raise changes.CursorError("Last-Event-ID: must be a seq this feed sent")
            after = int(text)
            with context.db.read() as session:
                changes.check_not_ahead(session, after, "Last-Event-ID", property_id)
        elif cursor is not None:
            after = views.decode_cursor(actor, cursor, property_id)
            with context.db.read() as session:
                changes.check_not_ahead(session, after, "cursor", property_id)
        else:
            with context.db.read() as session:
                after = changes.head(session, property_id)
    except changes.CursorError as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(error)) from error

    def read(after_seq: int, limit: int) -> list[changes.ChangeRow]:
        with context.db.read() as session:
            return changes.read_after(session, after_seq, limit, property_id)[0]

    token = x_staff_token or ""
    settings = context.settings

    body = feed.stream(
        context.feed,
        read,
        after,
        settings.heartbeat_seconds,
        settings.feed_batch,
        views.renderer(actor),
        context.stream_tokens.watch(device, token),
        property_id,
        views.feed_view(actor),
    )
    return StreamingResponse(
        body,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
