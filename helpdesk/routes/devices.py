"""Enrolment of a tablet (device token, helpdesk/enrolment.py). Staff sign-in:
helpdesk.routes.staff."""

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import Response

from helpdesk.auth import AuthDevice
from helpdesk.changes import dumps
from helpdesk.context import Context, get_context
from helpdesk.edge import EdgeRoute
from helpdesk.enrolment import EnrolmentRefused, redeem
from helpdesk.idempotency import json_response
from helpdesk.schemas import Enrolled, Enrolment, ErrorOut

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1", tags=["authentication"], route_class=EdgeRoute)

Ctx = Annotated[Context, Depends(get_context)]


@router.post(
    "/devices/enrol",
    status_code=status.HTTP_201_CREATED,
    responses={
        201: {"model": Enrolled},
        403: {"model": ErrorOut, "description": "code unknown, for another id, used or expired"},
        409: {"model": ErrorOut, "description": "the device id is enrolled and live"},
    },
)
def enrol(body: Enrolment, context: Ctx) -> Response:
    """Enrol a tablet with the code IT issued for its id (``vip-console helpdesk device
    add``); returns its device token (shown once) and binds its checkpoint key.

    A code is good once and until it expires; a live device id cannot be enrolled
    again until it is revoked (``device revoke``), but the same request sent again
    (same code, nonce and key, the code not expired) after a lost answer gets a new
    token. A refusal writes nothing."""
    try:
        enrolled = redeem(
            context.db,
            body.device_id,
            body.enrolment_code,
            body.checkpoint_public_key,
            body.enrolment_nonce,
            demo_code=context.settings.demo_enrolment_code,
        )
    except EnrolmentRefused as refusal:
        log.warning("refused enrolment of device %s: %s", body.device_id, refusal.detail)
        raise HTTPException(refusal.status, refusal.detail) from None
    log.info("device %s enrolled (roles %s)", body.device_id, ",".join(enrolled.role_scope))
    answer = {
        "device_id": enrolled.device_id,
        "device_token": enrolled.token,
        "role_scope": enrolled.role_scope,
        "checkpoint_public_key": body.checkpoint_public_key,
    }
    return json_response(201, dumps(answer))


@router.post("/devices/report", status_code=status.HTTP_204_NO_CONTENT)
def report(device: AuthDevice) -> Response:
    """A console tells what waits in its outbox (``X-Outbox-Pending``,
    ``X-Outbox-Oldest-Seconds``, read with its token) when no other request has: the
    metrics' outbox lag (``GET /metrics``). Nothing is written to the database."""
    return Response(status_code=status.HTTP_204_NO_CONTENT)
