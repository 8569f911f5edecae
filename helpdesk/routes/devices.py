"""Enrolment of a tablet (device token). Staff sign-in: helpdesk.routes.staff."""

import hmac
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import Response

from helpdesk.auth import new_token, token_hash
from helpdesk.changes import dumps
from helpdesk.context import Context, get_context
from helpdesk.db import utcnow
from helpdesk.edge import EdgeRoute
from helpdesk.idempotency import json_response
from helpdesk.models import Device
from helpdesk.schemas import Enrolled, Enrolment, ErrorOut

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1", tags=["authentication"], route_class=EdgeRoute)

Ctx = Annotated[Context, Depends(get_context)]


@router.post(
    "/devices/enrol",
    status_code=status.HTTP_201_CREATED,
    responses={
        201: {"model": Enrolled},
        403: {"model": ErrorOut, "description": "wrong enrolment code"},
    },
)
def enrol(body: Enrolment, context: Ctx) -> Response:
    """Enrol a tablet with the property's code; returns its device token (shown once).

    Enrolling a device id again (a reinstalled tablet) issues a new token and
    revokes the previous one."""
    expected = context.settings.enrolment_code.encode("utf-8")
    if not hmac.compare_digest(body.enrolment_code.encode("utf-8"), expected):
        log.warning("refused enrolment of device %s: wrong code", body.device_id)
        raise HTTPException(status.HTTP_403_FORBIDDEN, "enrolment_code: not this property's code")
    token = new_token()
    with context.db.write(lock_changes=False) as session:
        device = session.get(Device, body.device_id)
        if device is None:
            session.add(
                Device(
                    id=body.device_id,
                    token_sha256=token_hash(token),
                    enrolled_at=utcnow(),
                    revoked=False,
                )
            )
        else:
            device.token_sha256 = token_hash(token)
            device.enrolled_at = utcnow()
            device.revoked = False
    log.info("device %s enrolled", body.device_id)
    return json_response(201, dumps({"device_id": body.device_id, "device_token": token}))
