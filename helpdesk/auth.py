"""Device tokens (every request) and the staff member behind a write (``X-Staff-Id``).

Tokens are random, shown once, and stored only as their SHA-256; a presented
token is hashed, looked up, and compared in constant time.
"""

import hashlib
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy import select

from helpdesk.context import Context, get_context
from helpdesk.models import Device, StaffRow

TOKEN_BYTES = 32
DEVICE_CHALLENGE = 'Bearer realm="device"'  # app/sync/enrolment.py DEVICE_REALM


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _unauthorised(detail: str) -> HTTPException:
    """A 401 about the device token: the console must be provisioned (again)."""
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": DEVICE_CHALLENGE}
    )


def device_id(
    context: Annotated[Context, Depends(get_context)],
    authorization: Annotated[str | None, Header()] = None,
) -> str:
    """The enrolled device presenting ``Authorization: Bearer <device token>``."""
    if not authorization:
        raise _unauthorised("Authorization: a device token is required")
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 200:
        raise _unauthorised("Authorization: expected 'Bearer <device token>'")
    presented = token_hash(token)
    with context.db.read() as session:
        device = session.execute(
            select(Device).where(Device.token_sha256 == presented)
        ).scalar_one_or_none()
    if device is None or not hmac.compare_digest(device.token_sha256, presented):
        raise _unauthorised("Authorization: unknown device token")
    if device.revoked:
        raise _unauthorised("Authorization: this device was revoked; provision it again")
    return device.id


def staff_id(
    context: Annotated[Context, Depends(get_context)],
    device: Annotated[str, Depends(device_id)],
    x_staff_id: Annotated[str | None, Header()] = None,
) -> str:
    """Who did a write: must be a known, active staff member (403 otherwise)."""
    if not x_staff_id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "X-Staff-Id: required on every write")
    with context.db.read() as session:
        staff = session.get(StaffRow, x_staff_id)
    if staff is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "X-Staff-Id: unknown staff member")
    if not staff.active:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "X-Staff-Id: staff member is inactive")
    return staff.id


AuthDevice = Annotated[str, Depends(device_id)]
AuthStaff = Annotated[str, Depends(staff_id)]
