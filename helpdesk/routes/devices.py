"""Enrolment of a tablet (device token, helpdesk/enrolment.py) and online staff sign-in checks."""

import functools
import logging
import secrets
import threading
import time
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import Response

from app.security.secrets import InvalidSecretHash, hash_pin, verify_pin
from helpdesk.auth import AuthDevice, new_token, token_hash
from helpdesk.changes import dumps
from helpdesk.context import Context, get_context
from helpdesk.db import iso, utcnow
from helpdesk.edge import EdgeRoute
from helpdesk.enrolment import EnrolmentRefused, redeem
from helpdesk.idempotency import json_response
from helpdesk.models import StaffRow, StaffSession
from helpdesk.schemas import Enrolled, Enrolment, ErrorOut, StaffSessionCreate, StaffSessionOut

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1", tags=["authentication"], route_class=EdgeRoute)

Ctx = Annotated[Context, Depends(get_context)]

MAX_FAILED_PINS = 5
LOCKOUT_SECONDS = 300.0


class _PinAttempts:
    """Failed online PIN checks per staff member, in memory: 5 misses lock for 5 min."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}

    def locked_for(self, staff_id: str) -> float:
        with self._lock:
            count, since = self._failures.get(staff_id, (0, 0.0))
        remaining = since + LOCKOUT_SECONDS - time.monotonic()
        return remaining if count >= MAX_FAILED_PINS and remaining > 0 else 0.0

    def failed(self, staff_id: str) -> None:
        with self._lock:
            count, since = self._failures.get(staff_id, (0, 0.0))
            if time.monotonic() - since > LOCKOUT_SECONDS:
                count = 0
            self._failures[staff_id] = (count + 1, time.monotonic())

    def succeeded(self, staff_id: str) -> None:
        with self._lock:
            self._failures.pop(staff_id, None)


_attempts = _PinAttempts()


@functools.cache
def _unknown_staff_hash() -> str:
    return hash_pin(f"{secrets.randbelow(10**8):08d}")  # a PIN nobody knows


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


@router.post(
    "/staff/sessions",
    responses={
        200: {"model": StaffSessionOut},
        401: {"model": ErrorOut, "description": "wrong staff id or PIN"},
        429: {"model": ErrorOut, "description": "too many wrong PINs; see Retry-After"},
    },
)
def staff_session(body: StaffSessionCreate, context: Ctx, device: AuthDevice) -> Response:
    """Check a staff member's PIN online; returns a staff token (optional for writes)."""
    wait = _attempts.locked_for(body.staff_id)
    if wait:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "pin: too many wrong PINs, try again later",
            headers={"Retry-After": str(int(wait) + 1)},
        )
    with context.db.read() as session:
        staff = session.get(StaffRow, body.staff_id)
    try:
        if staff is None:
            verify_pin(body.pin, _unknown_staff_hash())  # same time as a wrong PIN
        ok = staff is not None and staff.active and verify_pin(body.pin, staff.pin_hash)
    except InvalidSecretHash:
        log.error("staff %s has a malformed PIN hash", body.staff_id)
        ok = False
    if not ok:
        log.warning("online PIN check failed for staff %s on device %s", body.staff_id, device)
        _attempts.failed(body.staff_id)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "staff_id or pin: not recognised")
    _attempts.succeeded(body.staff_id)
    token = new_token()
    expires = utcnow() + context.settings.staff_session_ttl
    with context.db.write(lock_changes=False) as session:
        session.add(
            StaffSession(
                token_sha256=token_hash(token),
                staff_id=body.staff_id,
                device_id=device,
                expires_at=expires,
            )
        )
    return json_response(200, dumps({"staff_token": token, "expires_at": iso(expires)}))
