"""What the core needs from storage. ``offline_cache`` implements these.

Services open one unit of work per action: the change and its audit row
(and, later, its outbox row) are committed together or not at all.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from app.domain import GamingTable, Guest, Incident, Staff


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime  # aware, UTC
    staff_id: str
    role: str
    device_id: str
    action: str  # dotted verb, e.g. "guest.view", "incident.open"
    target: str  # id of what was acted on
    detail: str = ""


@dataclass(frozen=True, slots=True)
class PinState:
    """Failed sign-in attempts, kept in the store so a restart does not reset them."""

    failed_attempts: int = 0
    locked_until: datetime | None = None


class GuestRepository(Protocol):
    def by_id(self, guest_id: str) -> Guest | None: ...
    def by_card(self, card_number: str) -> Guest | None: ...
    def by_phone(self, phone: str) -> Sequence[Guest]: ...
    def search(self, text: str, limit: int = 20) -> Sequence[Guest]:
        """Type-ahead: name prefix in any script, phone digits or room."""
        ...

    def by_host(self, host_id: str) -> Sequence[Guest]: ...
    def save(self, guest: Guest) -> None: ...
    def save_many(self, guests: Iterable[Guest]) -> None:
        """Insert or update many guests at once (demo data, bulk sync)."""
        ...

    def count(self) -> int: ...


class StaffRepository(Protocol):
    def by_id(self, staff_id: str) -> Staff | None: ...
    def all(self) -> Sequence[Staff]: ...
    def save(self, staff: Staff) -> None: ...
    def pin_state(self, staff_id: str) -> PinState: ...
    def set_pin_state(self, staff_id: str, state: PinState) -> None: ...


class TableRepository(Protocol):
    def all(self) -> Sequence[GamingTable]: ...
    def by_id(self, table_id: str) -> GamingTable | None: ...
    def save(self, table: GamingTable) -> None: ...


class IncidentRepository(Protocol):
    def by_id(self, incident_id: str) -> Incident | None: ...
    def open_incidents(self) -> Sequence[Incident]: ...
    def for_guest(self, guest_id: str) -> Sequence[Incident]: ...
    def save(self, incident: Incident) -> None:
        """Insert or update the incident and append its new timeline events."""
        ...

    def save_many(self, incidents: Iterable[Incident]) -> None:
        """``save`` for many incidents at once (demo data, bulk sync)."""
        ...

    def next_provisional_number(self, device_id: str) -> str: ...


class AuditLog(Protocol):
    def append(self, entry: AuditEntry) -> None: ...
    def recent(self, limit: int = 100) -> Sequence[AuditEntry]: ...


class UnitOfWork(Protocol):
    guests: GuestRepository
    staff: StaffRepository
    tables: TableRepository
    incidents: IncidentRepository
    audit: AuditLog

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Commit when the block ends normally, roll back when it raises."""
        ...


class Store(Protocol):
    def unit_of_work(self) -> UnitOfWork: ...
    def close(self) -> None: ...
