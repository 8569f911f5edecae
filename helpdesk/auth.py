"""Device tokens (every request) and the staff member signed in on it (``X-Staff-Token``).

Tokens are random, shown once, and stored only as their SHA-256; a presented
token is hashed, looked up, and compared in constant time. ``X-Staff-Id`` means
nothing any more: who acts is the staff token's (helpdesk.staff).
"""

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from helpdesk.context import Context, get_context
from helpdesk.models import Device
from helpdesk.staff import resolve
from helpdesk.tokens import new_token, token_hash

__all__ = [
    "AuthDevice",
    "AuthProperty",
    "AuthStaff",
    "device_id",
    "device_in",
    "device_property",
    "new_token",
    "signed_in_staff",
    "token_hash",
]

DEVICE_CHALLENGE = 'Bearer realm="device"'  # app/sync/enrolment.py DEVICE_REALM


def _unauthorised(detail: str) -> HTTPException:
    """A 401 about the device token: the console must be provisioned (again)."""
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": DEVICE_CHALLENGE}
    )


def device_id(
    request: Request,
    context: Annotated[Context, Depends(get_context)],
    authorization: Annotated[str | None, Header()] = None,
) -> str:
    """The enrolled device presenting ``Authorization: Bearer <device token>``.

    Its console's outbox report (``X-Outbox-Pending``, ``X-Outbox-Oldest-Seconds``)
    goes to the metrics under the id the token proves; the access log names it too."""
    with context.db.read() as session:
        return device_in(session, request, context, authorization)


def _presented(authorization: str | None) -> str:
    """The SHA-256 of the device token in ``Authorization`` (401 if there is none)."""
    if not authorization:
        raise _unauthorised("Authorization: a device token is required")
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 200:
        raise _unauthorised("Authorization: expected 'Bearer <device token>'")
    return token_hash(token)


def device_in(
    session: Session, request: Request, context: Context, authorization: str | None
) -> str:
    """``device_id`` in a read transaction of the caller's (the live feed's opening reads
    the device, the staff token and its position in one: helpdesk.routes.changes)."""
    presented = _presented(authorization)
    device = session.execute(
        select(Device).where(Device.token_sha256 == presented)
    ).scalar_one_or_none()
    if device is None or not hmac.compare_digest(device.token_sha256, presented):
        raise _unauthorised("Authorization: unknown device token")
    if device.revoked:
        raise _unauthorised("Authorization: this device was revoked; provision it again")
    request.state.device = device.id
    request.state.property_id = device.property_id  # set at enrolment, never by the client
    headers = request.headers
    context.metrics.device_seen(
        device.id, headers.get("x-outbox-pending"), headers.get("x-outbox-oldest-seconds")
    )
    return device.id


def signed_in_staff(
    context: Annotated[Context, Depends(get_context)],
    device: Annotated[str, Depends(device_id)],
    x_staff_token: Annotated[str | None, Header(alias="X-Staff-Token")] = None,
) -> Actor:
    """Who acts: the staff member whose token, issued to this device, the request
    carries (401 ``"error": "staff_token"`` otherwise; helpdesk.staff.resolve)."""
    return resolve(context, device, x_staff_token)


async def device_property(request: Request, device: Annotated[str, Depends(device_id)]) -> int:
    """The property the authenticated device was enrolled for: every read and write of
    the request is that property's (helpdesk.properties). Async: no thread for it
    (helpdesk.context ``get_context``)."""
    property_id: int = request.state.property_id
    return property_id


AuthDevice = Annotated[str, Depends(device_id)]
AuthProperty = Annotated[int, Depends(device_property)]
AuthStaff = Annotated[Actor, Depends(signed_in_staff)]
