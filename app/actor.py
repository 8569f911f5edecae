"""Who is acting: the signed-in staff member on a given device."""

from dataclasses import dataclass

from app.domain.enums import Role


@dataclass(frozen=True, slots=True)
class Actor:
    staff_id: str
    role: Role
    device_id: str
    name: str = ""
    covering_for: tuple[str, ...] = ()  # host ids this host covers for
    tables: tuple[str, ...] = ()  # tables assigned to this device/staff
    # The sign-in this actor acts in: the outbox rows it writes are sent under it.
    session_id: str = ""
