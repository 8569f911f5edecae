"""What ``vip-console helpdesk staff`` does to the helpdesk's database.

A new staff member's PIN has 6 to 8 digits (``app.security.secrets.hash_pin``) and is
kept only as its Argon2id verifier; the change feed gets the staff member without it.
"""

import json

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.domain import Role, Staff
from app.security.secrets import hash_pin
from app.security.totp import generate_secret, provisioning_uri
from app.wire import codec
from helpdesk import changes
from helpdesk.config import Settings
from helpdesk.context import open_context
from helpdesk.db import utcnow
from helpdesk.models import DEFAULT_PROPERTY, StaffDevice, StaffLockout, StaffRow, StaffTotp
from helpdesk.properties import GROUP_SCOPE, by_code

ISSUER = "VIP Host Console"


class StaffAdminError(Exception):
    """Refused, with a message for the operator."""


class StaffAdmin:
    def __init__(self, db_url: str) -> None:
        self._context = open_context(Settings(db_url=db_url))

    def close(self) -> None:
        self._context.db.dispose()

    def add(
        self,
        staff_id: str,
        name: str,
        role: str,
        pin: str,
        devices: list[str],
        *,
        property_code: str | None = None,
        group_scope: bool = False,
    ) -> None:
        """A staff member of ``property_code`` (None: the default property); with
        ``group_scope`` (a group duty manager) they may read every property's KPIs,
        incidents and guests."""
        try:
            verifier = hash_pin(pin)
        except ValueError as error:
            raise StaffAdminError(str(error)) from None
        if group_scope and role != Role.DUTY_MANAGER.value:
            raise StaffAdminError("only a duty manager may have the group scope")
        property_id = self._property_id(property_code)
        staff = Staff(id=staff_id, name=name, role=Role(role), pin_hash="")
        data = codec.encode(staff)  # no verifier in the record the feed carries
        now = utcnow()
        with self._context.db.write(property_id) as session:
            if session.get(StaffRow, staff_id) is not None:
                raise StaffAdminError(f"staff {staff_id} exists already")
            session.add(
                StaffRow(
                    id=staff_id,
                    property_id=property_id,
                    scope=GROUP_SCOPE if group_scope else None,
                    active=True,
                    pin_hash=verifier,
                    data=json.dumps(data),
                    updated_at=now,
                )
            )
            session.flush()
            for device in devices:
                session.add(StaffDevice(staff_id=staff_id, device_id=device))
            changes.append(session, "staff", staff_id, data, now)

    def assign(self, staff_id: str, device_id: str) -> None:
        with self._context.db.write(lock_changes=False) as session:
            self._known(session, staff_id)
            if session.get(StaffDevice, (staff_id, device_id)) is None:
                session.add(StaffDevice(staff_id=staff_id, device_id=device_id))

    def unassign(self, staff_id: str, device_id: str) -> None:
        with self._context.db.write(lock_changes=False) as session:
            session.execute(
                delete(StaffDevice).where(
                    StaffDevice.staff_id == staff_id, StaffDevice.device_id == device_id
                )
            )

    def enrol_totp(self, staff_id: str) -> str:
        secret = generate_secret()
        with self._context.db.write(lock_changes=False) as session:
            self._known(session, staff_id)
            row = session.get(StaffTotp, staff_id)
            if row is None:
                session.add(StaffTotp(staff_id=staff_id, secret=secret, last_step=None))
            else:
                row.secret, row.last_step = secret, None
        return provisioning_uri(secret, staff_id, ISSUER)

    def unlock(self, staff_id: str) -> None:
        with self._context.db.write(lock_changes=False) as session:
            session.execute(delete(StaffLockout).where(StaffLockout.staff_key == staff_id))

    def _property_id(self, code: str | None) -> int:
        if code is None:
            return DEFAULT_PROPERTY
        with self._context.db.read() as session:
            found = by_code(session, code)
        if found is None:
            raise StaffAdminError(f"no property {code!r}: `vip-console helpdesk property list`")
        return found.id

    @staticmethod
    def _known(session: Session, staff_id: str) -> None:
        if session.get(StaffRow, staff_id) is None:
            raise StaffAdminError(f"no staff member {staff_id}")
