"""Device provisioning: one enrolment code per device, issued by IT, redeemed once.

IT runs ``vip-console helpdesk device add TAB-…``: a random code (80 bits: 16
characters of Crockford base32, shown in groups of four) is issued for that device id
only, kept as its SHA-256, good once and until it expires
(``Settings.enrolment_code_ttl``). The tablet presents it with its device id and its
audit-checkpoint public key; the helpdesk answers a device token and binds the key
and the role scope to the device (docs/helpdesk-api.md, "Enrolment").

A device id that is enrolled and not revoked cannot be enrolled again: a second
tablet claiming it is refused and the real tablet keeps its token. ``device revoke``
ends the token, any outstanding code and the device's act-signing certificates (from
that moment: helpdesk/pki_devices.py); only then may the id be provisioned again.

A demo helpdesk (``Settings.demo_enrolment_code``) also takes its published code, for
any device id that is not live; a real helpdesk has no such code.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.domain import Role
from helpdesk.config import ENROLMENT_CODE_TTL
from helpdesk.db import Database, utcnow
from helpdesk.models import DEFAULT_PROPERTY, Device, EnrolmentCode, StaffSession
from helpdesk.pki_devices import revoke_device_certificates
from helpdesk.tokens import new_token, token_hash

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O, U
CODE_LENGTH = 16  # 80 bits: no guessing it within its lifetime
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
DEVICE_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")  # as the API's device ids
ALL_ROLES: tuple[str, ...] = tuple(role.value for role in Role)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """``K7QM-4XPA-9RTE-2WDN``: read aloud and typed in groups of four."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(text: str) -> str:
    """What IT typed or scanned, as issued: case, spaces, dashes and look-alikes ignored."""
    return re.sub(r"[\s-]", "", text).upper().translate(_LOOKALIKES)


def code_hash(text: str) -> str:
    return hashlib.sha256(normalise_code(text).encode("utf-8")).hexdigest()


def parse_role_scope(text: str | None) -> tuple[str, ...]:
    """``host,pit_boss`` as roles (every role when empty); ValueError names a wrong one."""
    if not text or not text.strip():
        return ALL_ROLES
    roles = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [role for role in roles if role not in ALL_ROLES]
    if unknown:
        raise ValueError(f"unknown role {unknown[0]!r}; roles: {', '.join(ALL_ROLES)}")
    return tuple(role for role in ALL_ROLES if role in roles)


def scope_text(roles: tuple[str, ...]) -> str:
    return ",".join(roles)


def scope_roles(text: str | None) -> list[str]:
    """The roles a stored scope names (a device enrolled before scopes: every role)."""
    return list(parse_role_scope(text))


class DeviceLive(Exception):
    """The id is enrolled and not revoked: it must be revoked before a new code."""


@dataclass(frozen=True, slots=True)
class IssuedCode:
    device_id: str
    code: str
    expires_at: datetime
    role_scope: tuple[str, ...]
    replaced: bool  # an earlier unused code for this id no longer works


def issue_code(
    db: Database,
    device_id: str,
    *,
    ttl: timedelta = ENROLMENT_CODE_TTL,
    role_scope: tuple[str, ...] = ALL_ROLES,
    now: datetime | None = None,
    property_id: int = DEFAULT_PROPERTY,
) -> IssuedCode:
    """A new code for ``device_id`` (replacing an unused one); DeviceLive if it is live.

    The device enrolled with it belongs to ``property_id``: every request it makes is
    that property's (helpdesk.properties)."""
    if not DEVICE_ID.match(device_id):
        raise ValueError("a device id is 1 to 64 letters, digits, '_', '.', ':' or '-'")
    if ttl <= timedelta(0):
        raise ValueError("an enrolment code must be valid for some time")
    now = now or utcnow()
    code = new_code()
    with db.write(lock_changes=False) as session:
        device = session.get(Device, device_id)
        if device is not None and not device.revoked:
            raise DeviceLive(device_id)
        existing = session.get(EnrolmentCode, device_id)
        replaced = existing is not None and existing.used_at is None and existing.expires_at > now
        if existing is not None:
            session.delete(existing)
            session.flush()
        session.add(
            EnrolmentCode(
                device_id=device_id,
                code_sha256=code_hash(code),
                property_id=property_id,
                role_scope=scope_text(role_scope),
                issued_at=now,
                expires_at=now + ttl,
            )
        )
    return IssuedCode(device_id, code, now + ttl, role_scope, replaced)


@dataclass(frozen=True, slots=True)
class Revoked:
    device_id: str
    token: bool  # a live token was revoked
    code: bool  # an unused code was withdrawn
    certificates: int = 0  # act-signing certificates revoked from now


def revoke_device(db: Database, device_id: str, now: datetime | None = None) -> Revoked:
    """End the device's token, the staff tokens issued to it, and withdraw any unused
    code; says what there was."""
    now = now or utcnow()
    with db.write(lock_changes=False) as session:
        device = session.get(Device, device_id)
        live = device is not None and not device.revoked
        if device is not None and live:
            device.revoked, device.revoked_at = True, now
        session.execute(
            update(StaffSession)
            .where(StaffSession.device_id == device_id, StaffSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        issued = session.get(EnrolmentCode, device_id)
        unused = issued is not None and issued.used_at is None and issued.expires_at > now
        if issued is not None:
            session.delete(issued)
        certificates = revoke_device_certificates(session, device_id, now)
    return Revoked(device_id, live, unused, certificates)


@dataclass(frozen=True, slots=True)
class DeviceState:
    """One line of ``device list``."""

    device_id: str
    state: str  # live, revoked, code issued, code expired
    role_scope: list[str]
    enrolled_at: datetime | None
    revoked_at: datetime | None
    code_expires_at: datetime | None
    checkpoint_key: bool
    property_id: int = DEFAULT_PROPERTY


def list_devices(db: Database, now: datetime | None = None) -> list[DeviceState]:
    now = now or utcnow()
    with db.read() as session:
        devices = {d.id: d for d in session.scalars(select(Device))}
        codes = {c.device_id: c for c in session.scalars(select(EnrolmentCode))}
    rows = []
    for device_id in sorted(devices.keys() | codes.keys()):
        device, issued = devices.get(device_id), codes.get(device_id)
        pending = issued if issued is not None and issued.used_at is None else None
        if device is not None and not device.revoked:
            state = "live"
        elif pending is not None:
            state = "code issued" if pending.expires_at > now else "code expired"
        elif device is not None:
            state = "revoked"
        else:
            continue  # a used code whose device row is gone: nothing to show
        scope = pending.role_scope if pending is not None else device and device.role_scope
        rows.append(
            DeviceState(
                device_id=device_id,
                state=state,
                role_scope=scope_roles(scope or None),
                enrolled_at=device.enrolled_at if device is not None else None,
                revoked_at=device.revoked_at if device is not None else None,
                code_expires_at=pending.expires_at if pending is not None else None,
                checkpoint_key=bool(device is not None and device.checkpoint_public_key),
                property_id=_property_of(pending, device),
            )
        )
    return rows


def _property_of(code: EnrolmentCode | None, device: Device | None) -> int:
    """The property a waiting code is for, else the enrolled device's."""
    if code is not None:
        return code.property_id
    return device.property_id if device is not None else DEFAULT_PROPERTY


class EnrolmentRefused(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


@dataclass(frozen=True, slots=True)
class Enrolled:
    device_id: str
    token: str
    role_scope: list[str]


def redeem(
    db: Database,
    device_id: str,
    presented: str,
    checkpoint_public_key: str | None,
    nonce: str,
    *,
    demo_code: str | None,
) -> Enrolled:
    """Enrol ``device_id`` with the code it presents; EnrolmentRefused writes nothing.

    The same request again (same code, ``nonce`` and key; the code not expired) is a
    console whose answer was lost: it gets a new token, and the one it never saw ends."""
    now = utcnow()
    token = new_token()
    nonce_sha256 = hashlib.sha256(nonce.encode("utf-8")).hexdigest()
    with db.write(lock_changes=False) as session:
        is_demo = demo_code is not None and hmac.compare_digest(
            presented.encode("utf-8"), demo_code.encode("utf-8")
        )
        issued = None if is_demo else _issued_for(session, device_id, presented)
        if issued is not None and issued.expires_at <= now:
            raise EnrolmentRefused(403, "enrolment_code: expired; ask IT for a new one")
        # Locked (PostgreSQL): two tablets racing with one code, one wins, one is refused.
        device = session.get(Device, device_id, with_for_update=True)
        live = device is not None and not device.revoked
        redeemed = is_demo or (issued is not None and issued.used_at is not None)
        if device is not None and live and redeemed:
            if _same_request(device, nonce_sha256, checkpoint_public_key):
                device.token_sha256 = token_hash(token)
                return Enrolled(device_id, token, scope_roles(device.role_scope))
        if issued is not None and issued.used_at is not None:
            raise EnrolmentRefused(403, "enrolment_code: already used; ask IT for a new one")
        if live:
            raise EnrolmentRefused(
                409, "device_id: enrolled and live on another tablet; IT must revoke it first"
            )
        scope = issued.role_scope if issued is not None else scope_text(ALL_ROLES)
        if device is None:
            device = Device(id=device_id, token_sha256=token_hash(token), enrolled_at=now)
            session.add(device)
        device.token_sha256, device.enrolled_at = token_hash(token), now
        device.revoked, device.revoked_at = False, None
        device.role_scope, device.checkpoint_public_key = scope, checkpoint_public_key
        # The property the code was issued for; the demo code's: the default property.
        device.property_id = issued.property_id if issued is not None else DEFAULT_PROPERTY
        device.enrolment_nonce_sha256 = nonce_sha256
        if issued is not None:
            issued.used_at = now
    return Enrolled(device_id, token, scope_roles(scope))


def _issued_for(session: Session, device_id: str, presented: str) -> EnrolmentCode:
    """The code issued for ``device_id``, if ``presented`` is it (locked); else 403."""
    digest = code_hash(presented)
    issued = session.get(EnrolmentCode, device_id, with_for_update=True)
    if issued is not None and hmac.compare_digest(issued.code_sha256, digest):
        return issued
    other = session.scalar(
        select(EnrolmentCode.device_id).where(EnrolmentCode.code_sha256 == digest)
    )
    if other is not None:
        raise EnrolmentRefused(403, "enrolment_code: issued for another device id")
    raise EnrolmentRefused(403, "enrolment_code: not a code this helpdesk issued for this device")


def _same_request(device: Device, nonce_sha256: str, checkpoint_public_key: str | None) -> bool:
    held = device.enrolment_nonce_sha256
    return (
        held is not None
        and hmac.compare_digest(held, nonce_sha256)
        and device.checkpoint_public_key == checkpoint_public_key
    )
