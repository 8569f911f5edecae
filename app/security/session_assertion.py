"""A sign-in the device vouches for: who signed in, on which device, when.

A console records one at every sign-in, online or not, signed with the device's
Ed25519 key (the audit-checkpoint key, derived from the store key). A sign-in made
offline has no staff token; when the link returns the console exchanges the
assertion for one (``POST /v1/staff/sessions/assertion``), and the helpdesk grants
it only for a staff member assigned to that device, active and not locked, while the
assertion is young enough (helpdesk.staff). The console and the helpdesk build the
signed message with this one function.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

DOMAIN = b"vip-console/staff-session/1\n"


def assertion_message(session_id: str, staff_id: str, device_id: str, signed_in_at: str) -> bytes:
    text = json.dumps(
        [session_id, staff_id, device_id, signed_in_at], ensure_ascii=False, separators=(",", ":")
    )
    return DOMAIN + text.encode("utf-8")


@dataclass(frozen=True, slots=True)
class SessionAssertion:
    session_id: str  # the console's id for the session (a UUID)
    staff_id: str
    device_id: str
    signed_in_at: str  # ISO 8601 with its offset, kept as signed
    public_key: str  # base64, raw Ed25519
    signature: str  # base64

    def message(self) -> bytes:
        return assertion_message(self.session_id, self.staff_id, self.device_id, self.signed_in_at)

    def to_json(self) -> dict[str, str]:
        return {
            "session_id": self.session_id,
            "staff_id": self.staff_id,
            "device_id": self.device_id,
            "signed_in_at": self.signed_in_at,
            "public_key": self.public_key,
            "signature": self.signature,
        }


def assertion_valid(assertion: SessionAssertion, public_key: str) -> bool:
    """The assertion's signature checks with ``public_key`` (the device's pinned key)."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(assertion.signature, validate=True), assertion.message())
    except (InvalidSignature, ValueError):
        return False
    return True
