"""Staff identity on the helpdesk: sign-in, staff tokens, lockout, assertions.

- ``sign_in``: a PIN (and an authenticator code when the property asks) checked
  here, for a staff member assigned to the device asking; answers a staff token
  bound to that device, valid ``staff_session_ttl``.
- ``exchange``: a sign-in the device made offline, vouched by its signed
  assertion (``app.security.session_assertion``), becomes a staff token when the
  staff member is assigned to the device, active and not locked, and the assertion
  is at most ``assertion_max_age`` old.
- ``resolve``: the ``X-Staff-Token`` of a request as the ``Actor`` every route
  checks the permission table against (``app.permissions``).

Wrong attempts count in the database (``StaffLockout``): the back-off survives a
restart and spans devices. No answer says that a PIN was right before the second
factor: a missing code is asked for before the PIN is looked at, and a wrong PIN and
a wrong code are the same 401.
"""

import json
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import HTTPException, status
from sqlalchemy import bindparam, exists, func, or_, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.domain import Role, Staff
from app.security.lockout import after_failure, decoy_pin_hash, pseudonym
from app.security.secrets import InvalidSecretHash, verify_pin
from app.security.session_assertion import SessionAssertion, assertion_valid
from app.security.totp import InvalidTotpSecret, TotpVerifier
from app.wire import codec
from helpdesk.context import Context
from helpdesk.db import dialect_insert, iso, utcnow
from helpdesk.enrolment import scope_roles
from helpdesk.models import (
    ALL_DEVICES,
    Device,
    StaffDevice,
    StaffLockout,
    StaffRow,
    StaffSession,
    StaffTotp,
)
from helpdesk.tokens import new_token, token_hash

log = logging.getLogger(__name__)

NOT_RECOGNISED = "staff_id, pin or code: not recognised"
FUTURE_SLACK = timedelta(minutes=5)  # a tablet's clock a little ahead


class StaffTokenRefused(Exception):
    """The request's staff token is missing, unknown, expired or not this device's:
    a 401 whose body says ``"error": "staff_token"`` (the console then exchanges its
    session's assertion again, or gives that session's changes up)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    def body(self) -> dict[str, str]:
        return {"detail": self.detail, "error": "staff_token"}


@dataclass(frozen=True, slots=True)
class Granted:
    token: str
    expires_at: datetime
    actor: Actor
    # When this person last signed out, on any device (None: never): what happened since
    # is what their alerts tell them at this sign-in (app/services/alerts.py).
    last_signed_out_at: datetime | None = None

    def to_json(self) -> dict[str, object]:
        last = self.last_signed_out_at
        return {
            "staff_token": self.token,
            "expires_at": iso(self.expires_at),
            "staff_id": self.actor.staff_id,
            "role": self.actor.role.value,
            "last_signed_out_at": None if last is None else iso(last),
        }


def _staff(row: StaffRow) -> Staff:
    decoded = codec.decode(json.loads(row.data), Staff)
    assert isinstance(decoded, Staff)
    return decoded


def actor_for(row: StaffRow, device_id: str, session_id: str = "") -> Actor:
    staff = _staff(row)
    return Actor(
        staff_id=staff.id,
        role=staff.role,
        device_id=device_id,
        name=staff.name,
        covering_for=staff.covering_for,
        tables=staff.tables,
        session_id=session_id,
    )


def assigned(session: Session, staff_id: str, device_id: str) -> bool:
    """Whether ``staff_id`` works on ``device_id`` (or on every device: the demo), a
    device of their own property (a staff member of another is never signed in)."""
    if _property_of(session, StaffRow, staff_id) != _property_of(session, Device, device_id):
        return False
    found = session.scalar(
        select(StaffDevice.staff_id).where(
            StaffDevice.staff_id == staff_id,
            or_(StaffDevice.device_id == device_id, StaffDevice.device_id == ALL_DEVICES),
        )
    )
    return found is not None


def _property_of(session: Session, model: type[StaffRow] | type[Device], key: str) -> int | None:
    found = session.scalar(select(model.property_id).where(model.id == key))
    return None if found is None else int(found)


def role_in_scope(session: Session, device_id: str, role: Role) -> bool:
    """A device provisioned for some roles only (``device add --role-scope``) takes
    those roles' sign-ins only; a device enrolled before scopes takes every role."""
    device = session.get(Device, device_id)
    if device is None or not device.role_scope:
        return True
    return role.value in scope_roles(device.role_scope)


def _lock_row(session: Session, key: str) -> StaffLockout:
    """``key``'s count, locked for this transaction: two sign-ins of one staff member at
    once (two tablets, a retried request) neither collide on creating the row nor lose
    each other's failure."""
    session.execute(
        dialect_insert(session)(StaffLockout)
        .values(staff_key=key, failed=0, locked_until=None)
        .on_conflict_do_nothing(index_elements=[StaffLockout.staff_key])
    )
    query = select(StaffLockout).where(StaffLockout.staff_key == key).with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).one()


def _locked(row: StaffLockout, now: datetime) -> HTTPException | None:
    if row.locked_until is None or now >= row.locked_until:
        return None
    wait = int((row.locked_until - now).total_seconds()) + 1
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS,
        "staff_id: too many wrong attempts, locked for now",
        headers={"Retry-After": str(wait)},
    )


class _TotpLedger:
    """The helpdesk's used-step ledger, in the sign-in's own transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def last_used_step(self, staff_id: str) -> int | None:
        row = self._session.get(StaffTotp, staff_id)
        return None if row is None else row.last_step

    def record_used_step(self, staff_id: str, step: int) -> None:
        row = self._session.get(StaffTotp, staff_id)
        if row is not None:
            row.last_step = step


def _second_factor_ok(session: Session, staff_id: str, code: str, now: datetime) -> bool:
    row = session.get(StaffTotp, staff_id)
    if row is None:
        log.warning("staff %s has no authenticator enrolled at the helpdesk", staff_id)
        return False
    try:
        return TotpVerifier(_TotpLedger(session)).verify(staff_id, row.secret, code, now)
    except InvalidTotpSecret:
        log.error("staff %s has a corrupt TOTP secret", staff_id)
        return False


def sign_in(
    context: Context, device: str, staff_id: str, pin: str, code: str | None, session_id: str
) -> Granted:
    """A staff token for ``staff_id`` on ``device``, or the HTTPException to answer.

    The PIN is hashed outside any transaction (Argon2id takes ~100 ms: writers must not
    wait for it); the count is then updated under the write lock from its current value."""
    if context.settings.require_totp and not (code and code.strip()):
        # Asked before the PIN is looked at: this answer says nothing about the PIN.
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "totp: an authenticator code is required")
    now = utcnow()
    with context.db.read() as session:
        row = session.get(StaffRow, staff_id)
        key = row.id if row is not None else pseudonym(staff_id)
        lock = session.get(StaffLockout, key)
        refusal = None if lock is None else _locked(lock, now)
        allowed_here = row is not None and (
            row.active
            and assigned(session, row.id, device)
            and role_in_scope(session, device, _staff(row).role)
        )
    if refusal is not None:
        raise refusal  # refused without looking at the PIN, and not counted
    ok = _pin_ok(row, pin) and allowed_here
    with context.db.write(lock_changes=False) as session:
        if ok and context.settings.require_totp:
            assert code is not None
            ok = _second_factor_ok(session, key, code, now)
        lock = _lock_row(session, key)
        if ok and row is not None:
            lock.failed, lock.locked_until = 0, None
            granted = _grant(context, session, row, device, session_id, "pin", now)
        else:
            failure = after_failure(lock.failed, lock.locked_until, now)
            lock.failed, lock.locked_until = failure.failed, failure.locked_until
    if not ok:  # after the commit: the count stands
        log.warning("online sign-in refused for %s on device %s", key, device)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, NOT_RECOGNISED)
    log.info("staff %s signed in on device %s", key, device)
    return granted


def _pin_ok(row: StaffRow | None, pin: str) -> bool:
    try:
        if row is None:
            verify_pin(pin, decoy_pin_hash())  # the same time as a wrong PIN
            return False
        return verify_pin(pin, row.pin_hash)
    except InvalidSecretHash:
        log.error("staff %s has a malformed PIN verifier", row.id if row else "?")
        return False


def _grant(
    context: Context,
    session: Session,
    row: StaffRow,
    device: str,
    session_id: str,
    how: str,
    now: datetime,
) -> Granted:
    token = new_token()
    expires = now + context.settings.staff_session_ttl
    last_out = session.scalar(
        select(func.max(StaffSession.revoked_at)).where(StaffSession.staff_id == row.id)
    )
    session.add(
        StaffSession(
            token_sha256=token_hash(token),
            staff_id=row.id,
            device_id=device,
            expires_at=expires,
            created_at=now,
            session_id=session_id or None,
            how=how,
        )
    )
    return Granted(token, expires, actor_for(row, device, session_id), last_out)


def bound_device_key(session: Session, device_id: str) -> str | None:
    """The key ``device_id`` signs with, bound at its enrolment (helpdesk/enrolment.py);
    None for a device enrolled without one: nothing it vouches for is taken."""
    device = session.get(Device, device_id)
    return None if device is None else device.checkpoint_public_key


def exchange(context: Context, device: str, assertion: SessionAssertion) -> Granted:
    """A staff token for a sign-in the device vouches for, or the HTTPException."""
    now = utcnow()
    if assertion.device_id != device:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "device_id: not the authenticated device")
    signed_at = datetime.fromisoformat(assertion.signed_in_at)
    if signed_at > now + FUTURE_SLACK:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "signed_in_at: in the future")
    if now - signed_at > context.settings.assertion_max_age:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "signed_in_at: this sign-in is too old")
    with context.db.write(lock_changes=False) as session:
        key = bound_device_key(session, device)
        if key is None:
            detail = "public_key: no key was bound to this device at enrolment"
            raise HTTPException(status.HTTP_403_FORBIDDEN, detail)
        if not assertion_valid(assertion, key):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, "signature: does not verify with the device's key"
            )
        row = session.get(StaffRow, assertion.staff_id)
        lock = session.get(StaffLockout, assertion.staff_id)
        refused = (
            row is None
            or not row.active
            or not assigned(session, row.id, device)
            or not role_in_scope(session, device, _staff(row).role)
            or (lock is not None and _locked(lock, now) is not None)
            or _ended(session, assertion.session_id, device)
        )
        if refused or row is None:
            detail = "staff_id: not signed in on this device (unknown, inactive, locked or ended)"
            raise HTTPException(status.HTTP_403_FORBIDDEN, detail)
        granted = _grant(context, session, row, device, assertion.session_id, "assertion", now)
    log.info("staff %s on device %s: offline sign-in vouched", assertion.staff_id, device)
    return granted


def _ended(session: Session, session_id: str, device: str) -> bool:
    """A session ended at the helpdesk (signed out) is never vouched for again."""
    found = session.scalar(
        select(StaffSession.token_sha256).where(
            StaffSession.session_id == session_id,
            StaffSession.device_id == device,
            StaffSession.revoked_at.is_not(None),
        )
    )
    return found is not None


def resolve(context: Context, device: str, token: str | None) -> Actor:
    """The staff member behind ``X-Staff-Token``; ``StaffTokenRefused`` otherwise."""
    with context.db.read() as session:
        return resolve_in(session, device, token)


def resolve_in(session: Session, device: str, token: str | None) -> Actor:
    """``resolve`` in a read transaction of the caller's (the live feed's opening)."""
    if not token:
        raise StaffTokenRefused("X-Staff-Token: a staff token is required (sign in first)")
    if len(token) > 200:
        raise StaffTokenRefused("X-Staff-Token: not a staff token")
    now = utcnow()
    # The session, its staff member and what ``assigned`` checks, in one query.
    found, row, on_device, device_property = session.execute(
        _RESOLVE, {"token": token_hash(token), "device": device}
    ).one_or_none() or (None, None, False, None)
    if found is None or found.revoked_at is not None or found.expires_at <= now:
        raise StaffTokenRefused("X-Staff-Token: unknown, ended or expired staff token")
    if not secrets.compare_digest(found.token_sha256, token_hash(token)):
        raise StaffTokenRefused("X-Staff-Token: unknown staff token")
    if found.device_id != device:
        raise StaffTokenRefused("X-Staff-Token: issued to another device")
    if row is None or not row.active or not on_device or row.property_id != device_property:
        raise StaffTokenRefused("X-Staff-Token: the staff member may no longer sign in here")
    return actor_for(row, device, found.session_id or "")


_ON_DEVICE = (
    exists()
    .where(
        StaffDevice.staff_id == StaffSession.staff_id,
        or_(StaffDevice.device_id == bindparam("device"), StaffDevice.device_id == ALL_DEVICES),
    )
    .label("on_device")
)
_DEVICE_PROPERTY = (
    select(Device.property_id).where(Device.id == bindparam("device")).scalar_subquery()
)
_RESOLVE = (
    select(StaffSession, StaffRow, _ON_DEVICE, _DEVICE_PROPERTY.label("device_property"))
    .outerjoin(StaffRow, StaffRow.id == StaffSession.staff_id)
    .where(StaffSession.token_sha256 == bindparam("token"))
)


def revoke(context: Context, device: str, token: str) -> bool:
    """End a staff token (sign-out): it and its session's assertion are refused after."""
    with context.db.write(lock_changes=False) as session:
        found = session.get(StaffSession, token_hash(token))
        if found is None or found.device_id != device or found.revoked_at is not None:
            return False
        found.revoked_at = utcnow()
        return True


def verifiers_for(context: Context, device: str) -> list[dict[str, object]]:
    """The staff assigned to ``device`` with what an offline sign-in checks: their PIN
    verifier and, when enrolled here, their authenticator secret. Nobody else's."""
    with context.db.read() as session:
        ids = select(StaffDevice.staff_id).where(
            or_(StaffDevice.device_id == device, StaffDevice.device_id == ALL_DEVICES)
        )
        own = select(Device.property_id).where(Device.id == device).scalar_subquery()
        query = select(StaffRow).where(StaffRow.id.in_(ids), StaffRow.property_id == own)
        rows = session.scalars(query.order_by(StaffRow.id))
        answer: list[dict[str, object]] = []
        for row in rows:
            staff = _staff(row)
            if not role_in_scope(session, device, staff.role):
                continue
            totp = session.get(StaffTotp, row.id)
            data = codec.encode(staff)
            data["pin_hash"] = row.pin_hash
            answer.append({"staff": data, "totp_secret": totp.secret if totp else None})
        return answer
