"""Staff sessions on a console: who signed in when, vouched for by the device.

Every sign-in, online or offline, opens a session in the store (``open_session``):
its id, the staff member, the time, and an assertion of the three signed with the
device's key (``app.security.session_assertion``). A sign-in made online also holds
the helpdesk's staff token; one made offline gets its token when the link returns,
by exchanging the assertion (``app.sync.staff_tokens``).

Each outbox row remembers the session it was written in, so a row written by a
staff member who has since signed out is still sent under that staff member's
session, never under whoever is signed in now. A session the helpdesk refuses
makes its rows dead letters (``SESSION_REFUSED``); they are sent again under the
staff member's next session (``adopt_rows`` at their next sign-in).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from app.ports import UnitOfWork
from app.security.session_assertion import SessionAssertion, assertion_message

SESSION_REFUSED = "session refused by the helpdesk"


@dataclass(frozen=True, slots=True)
class StaffSession:
    session_id: str
    staff_id: str
    device_id: str
    signed_in_at: str  # ISO 8601, as signed
    public_key: str = ""  # "" when the store has no key (nothing to vouch with)
    signature: str = ""
    token: str | None = None
    token_expires_at: datetime | None = None
    ended_at: datetime | None = None
    refused: str = ""  # why the helpdesk refused it, once it did

    @property
    def vouched(self) -> bool:
        return bool(self.signature)

    def assertion(self) -> SessionAssertion:
        return SessionAssertion(
            session_id=self.session_id,
            staff_id=self.staff_id,
            device_id=self.device_id,
            signed_in_at=self.signed_in_at,
            public_key=self.public_key,
            signature=self.signature,
        )

    def token_valid_at(self, now: datetime) -> bool:
        expires = self.token_expires_at
        return self.token is not None and (expires is None or now < expires)


def open_session(
    uow: UnitOfWork,
    staff_id: str,
    device_id: str,
    now: datetime,
    *,
    session_id: str | None = None,
    token: str | None = None,
    token_expires_at: datetime | None = None,
) -> StaffSession:
    """Record a sign-in, signed by the device, in the caller's unit of work; the
    staff member's rows that wait for a session of theirs are sent under this one."""
    session_id = session_id or str(uuid.uuid4())
    signed_in_at = now.isoformat(timespec="milliseconds")
    signed = uow.audit.vouch(assertion_message(session_id, staff_id, device_id, signed_in_at))
    public_key, signature = signed if signed is not None else ("", "")
    session = StaffSession(
        session_id=session_id,
        staff_id=staff_id,
        device_id=device_id,
        signed_in_at=signed_in_at,
        public_key=public_key,
        signature=signature,
        token=token,
        token_expires_at=token_expires_at,
    )
    uow.staff_sessions.add(session)
    uow.outbox.adopt(staff_id, session_id)
    return session
