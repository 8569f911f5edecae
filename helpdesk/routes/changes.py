"""``GET /v1/changes`` (cursor pull) and ``GET /v1/feed`` (Server-Sent Events).

Both need the staff token of whoever is signed in on the device, and carry only the
device's property's changes (helpdesk.properties), as that staff member's role may
see them (helpdesk.views)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, status
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from app.actor import Actor
from helpdesk import changes, feed, views
from helpdesk.auth import AuthDevice, AuthProperty, AuthStaff, device_in
from helpdesk.context import Context, get_context
from helpdesk.schemas import ChangesPage, ErrorOut
from helpdesk.staff import resolve_in

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
async def get_feed(
    request: Request,
    context: Ctx,
    authorization: Annotated[str | None, Header()] = None,
    x_staff_token: Annotated[str | None, Header(alias="X-Staff-Token")] = None,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> StreamingResponse:
    """Live changes as SSE. ``Last-Event-ID: <seq>`` (or a ``/changes`` cursor) resumes
    after that sequence; without either the stream starts at the current head.

    Who asks and where their stream starts are read in one transaction on one thread
    (the other routes take the device and the staff token as dependencies, a thread
    and a transaction each): when a worker dies, a quarter of the floor's consoles
    reconnect to the others at once (bench.helpdesk_load)."""
    device, property_id, actor, after = await run_in_threadpool(
        _opening, request, context, authorization, x_staff_token, last_event_id, cursor
    )

    def read(after_seq: int, limit: int) -> list[changes.ChangeRow]:
        with context.db.read() as session:
            return changes.read_after(session, after_seq, limit, property_id)[0]

    settings = context.settings
    body = feed.stream(
        context.feed,
        read,
        after,
        settings.heartbeat_seconds,
        settings.feed_batch,
        views.renderer(actor),
        context.stream_tokens.watch(device, x_staff_token or ""),
        property_id,
        views.feed_view(actor),
    )
    return StreamingResponse(
        body,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


def _opening(
    request: Request,
    context: Context,
    authorization: str | None,
    staff_token: str | None,
    last_event_id: str | None,
    cursor: str | None,
) -> tuple[str, int, Actor, int]:
    """The device, its property, the staff member and the seq the stream starts after,
    refused as the dependencies refuse (401 device, 401 staff token), then 400 for a
    position not issued here."""
    with context.db.read() as session:
        device = device_in(session, request, context, authorization)
        property_id: int = request.state.property_id
        actor = resolve_in(session, device, staff_token)
        try:
            if last_event_id is not None:
                text = last_event_id.strip()
                if not (text.isascii() and text.isdigit()) or len(text) > 18:
                    raise changes.CursorError("Last-Event-ID: must be a seq this feed sent")
                after = int(text)
                changes.check_not_ahead(session, after, "Last-Event-ID", property_id)
            elif cursor is not None:
                after = views.decode_cursor(actor, cursor, property_id)
                changes.check_not_ahead(session, after, "cursor", property_id)
            else:
                after = changes.head(session, property_id)
        except changes.CursorError as error:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(error)) from error
    return device, property_id, actor, after
