"""What the core needs from storage. ``offline_cache`` implements these.

Services open one unit of work per action: the change, its audit row and its
outbox row are committed together or not at all.
"""

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

from app.acts.model import ActKind, ActRecord, ActRevision, SignatureLevel
from app.domain import GamingTable, Guest, Incident, IncidentEvent, Staff
from app.domain.attachment import AttachmentInfo
from app.ports_sync import ConflictRepository as ConflictRepository
from app.ports_sync import Outbox as Outbox
from app.ports_sync import SetAsideRepository as SetAsideRepository
from app.ports_sync import StaffSessionRepository as StaffSessionRepository
from app.ports_sync import SyncStateRepository as SyncStateRepository
from app.sync.outbox import OutboxListener

if TYPE_CHECKING:  # only for the annotation: keeps cryptography out of start-up
    from app.alerts.model import Alert
    from app.security.audit_chain import Checkpoint


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


class PreparedGuests(Protocol):
    """Guests already made into the store's rows, on any thread, outside a unit of
    work (``Store.prepare_guests``): ``save_many`` then only writes them."""

    @property
    def guests(self) -> Sequence[Guest]: ...


class GuestRepository(Protocol):
    def by_id(self, guest_id: str) -> Guest | None: ...
    def by_ids(self, guest_ids: Iterable[str]) -> dict[str, Guest]:
        """The guests found of ``guest_ids``, by id (one read, not one per guest)."""
        ...

    def by_card(self, card_number: str) -> Guest | None: ...
    def by_phone(self, phone: str) -> Sequence[Guest]: ...
    def search(self, text: str, limit: int = 20) -> Sequence[Guest]:
        """Type-ahead: name prefix in any script, phone digits or room."""
        ...

    def by_host(self, host_id: str) -> Sequence[Guest]: ...
    def summary_stamps(self, host_id: str) -> dict[str, tuple[object, ...]]:
        """By guest id, the stored values a guest's summary is made of (equal stamps,
        equal summaries): a fraction of the cost of reading the guests whole."""
        ...

    def summary_guest(self, stamp: tuple[object, ...]) -> Guest:
        """The guest of ``stamp`` with what a summary needs; the rest left default."""
        ...

    def save(self, guest: Guest) -> None: ...
    def save_many(self, guests: Iterable[Guest] | PreparedGuests) -> None:
        """Insert or update many guests at once (demo data, bulk sync)."""
        ...

    def count(self) -> int: ...
    def card_holders(self, card_numbers: Sequence[str]) -> dict[str, str]:
        """Which guest holds each of these cards: {card number: guest id}."""
        ...

    def delete(self, guest_id: str) -> None: ...
    def pause_search_index(self) -> None:
        """Stop keeping the name index row by row, for a bulk pull; remembered by the
        store, so the index is rebuilt even if the console dies before resuming."""
        ...

    def resume_search_index(self) -> None:
        """If paused: rebuild the name index from every guest and keep it again."""
        ...


class StaffRepository(Protocol):
    def by_id(self, staff_id: str) -> Staff | None: ...
    def all(self) -> Sequence[Staff]: ...
    def save(self, staff: Staff) -> None: ...
    def pin_state(self, staff_id: str) -> PinState: ...
    def set_pin_state(self, staff_id: str, state: PinState) -> None: ...
    def totp_secret(self, staff_id: str) -> str | None: ...
    def set_totp_secret(self, staff_id: str, secret: str) -> None: ...
    def last_used_step(self, staff_id: str) -> int | None: ...
    def record_used_step(self, staff_id: str, step: int) -> None: ...


class TableRepository(Protocol):
    def all(self) -> Sequence[GamingTable]: ...
    def by_id(self, table_id: str) -> GamingTable | None: ...
    def save(self, table: GamingTable) -> None: ...


class IncidentRepository(Protocol):
    def by_id(self, incident_id: str) -> Incident | None: ...
    def open_incidents(self) -> Sequence[Incident]: ...
    def opened_since(self, since: datetime) -> Sequence[Incident]:
        """Incidents opened at or after ``since``, closed ones included."""

    def closed_promised_since(self, since: datetime) -> Sequence[Incident]:
        """Closed incidents with a compensation promised at or after ``since``."""

    def for_kpis(self, since: datetime, until: datetime) -> Sequence[Incident]:
        """Incidents opened in [since, until) and every open one (the backlog)."""
        ...

    def for_guest(self, guest_id: str) -> Sequence[Incident]: ...
    def last_opened(self, guest_ids: Sequence[str]) -> dict[str, datetime]:
        """When each guest's latest incident opened (guests without one are absent)."""
        ...

    def save(self, incident: Incident) -> None:
        """Insert or update the incident and append its new timeline events."""
        ...

    def save_many(self, incidents: Iterable[Incident]) -> None:
        """``save`` for many incidents at once (demo data, bulk sync)."""
        ...

    def next_provisional_number(self, device_id: str) -> str: ...
    def by_ids(self, incident_ids: Sequence[str], *, events: bool = True) -> dict[str, Incident]:
        """The stored incidents among ``incident_ids``, keyed by id (sync apply)."""
        ...

    def versions(self, incident_ids: Sequence[str]) -> dict[str, int | None]:
        """The helpdesk version of each stored incident among ``incident_ids``."""
        ...

    def add_events(self, events: Iterable[IncidentEvent]) -> int:
        """Append events not stored yet (by id) to their incidents; returns how many."""
        ...

    def set_server_identity(self, incident_id: str, number: str | None, version: int) -> None:
        """Record the helpdesk's ticket number and version of one of our incidents."""
        ...

    def set_server_identities(self, identities: Sequence[tuple[str, str | None, int]]) -> None:
        """``set_server_identity`` for each (incident id, number, version)."""
        ...


class AuditLog(Protocol):
    def append(self, entry: AuditEntry) -> None: ...
    def recent(self, limit: int = 100) -> Sequence[AuditEntry]: ...
    def checkpoint(self) -> "Checkpoint | None":
        """Sign the chain head now unless it is signed already; None without a key."""
        ...

    def vouch(self, message: bytes) -> tuple[str, str] | None:
        """``message`` signed with the device's key (a session assertion): (public key,
        signature), both base64; None when the store has no key."""
        ...


class ActRepository(Protocol):
    """Signed acts and their PDF revisions (files in ``acts/``); rows are never changed."""

    def add(self, act: ActRecord) -> None: ...
    def add_revision(self, revision: ActRevision) -> None: ...
    def by_id(self, act_id: str) -> ActRecord | None: ...
    def for_incident(self, incident_id: str) -> Sequence[ActRecord]: ...
    def count_for_incident(self, incident_id: str, kind: ActKind) -> int: ...
    def revisions(self, act_id: str) -> Sequence[ActRevision]: ...
    def revision(self, sha256: str) -> ActRevision | None: ...
    def latest_revision(self, act_id: str) -> ActRevision | None: ...
    def below_level(self, level: SignatureLevel, limit: int = 50) -> Sequence[ActRevision]:
        """Newest revisions of acts not yet at ``level`` (to upgrade), oldest first."""
        ...

    def report_candidates(self, since: datetime) -> Sequence[str]:
        """Ids of P1/P2 incidents resolved since ``since`` with no post-incident report."""
        ...

    def of_kind_since(self, kind: ActKind, since: datetime) -> Sequence[ActRecord]:
        """Acts of ``kind`` recorded since ``since``, oldest first."""
        ...


class AttachmentRepository(Protocol):
    """Incidents' photos and receipts, their bytes in the (encrypted) store; never changed."""

    def add(self, info: AttachmentInfo, data: bytes) -> bool:
        """Store the bytes once per incident; False when they were there already."""
        ...

    def for_incident(self, incident_id: str) -> Sequence[AttachmentInfo]: ...
    def data(self, incident_id: str, sha256: str) -> bytes | None: ...


class StaffLanguageRepository(Protocol):
    """Each staff member's language on this console (an ISO 639-1 code), if chosen."""

    def language(self, staff_id: str) -> str | None: ...
    def set_language(self, staff_id: str, language: str) -> None: ...


class AlertInbox(Protocol):
    """Each person's alerts on this console, read or not (``app.alerts``)."""

    def add(self, alerts: Iterable["Alert"]) -> int:
        """Keep those not kept yet (an alert's id names its event and person); how many."""
        ...

    def inbox(self, recipient_id: str, limit: int = 200) -> list["Alert"]:
        """Newest first."""
        ...

    def unread_count(self, recipient_id: str) -> int: ...
    def mark_read(self, recipient_id: str, alert_ids: Iterable[str], at: datetime) -> int: ...
    def kept(self, recipient_id: str, alert_ids: Iterable[str]) -> set[str]:
        """Those of ``alert_ids`` already in the inbox."""
        ...

    def unannounced(self, recipient_id: str) -> list["Alert"]:
        """Unread and never shown to their person (banner, sound), oldest first."""
        ...

    def mark_announced(self, recipient_id: str, alert_ids: Iterable[str], at: datetime) -> int: ...
    def checked_until(self, staff_id: str) -> datetime | None:
        """Where this person's alerts were last checked; None: never on this console."""
        ...

    def set_checked_until(self, staff_id: str, at: datetime) -> None: ...
    def told_until(self, staff_id: str, at: datetime) -> None:
        """The mark moves to ``at`` unless it is later already (a sign-out elsewhere)."""
        ...


class UnitOfWork(Protocol):
    guests: GuestRepository
    staff: StaffRepository
    tables: TableRepository
    incidents: IncidentRepository
    audit: AuditLog
    outbox: Outbox
    staff_sessions: StaffSessionRepository
    sync_state: SyncStateRepository
    conflicts: ConflictRepository
    set_aside: SetAsideRepository
    acts: ActRepository
    attachments: AttachmentRepository
    staff_languages: StaffLanguageRepository
    alerts: AlertInbox

    def savepoint(self) -> AbstractContextManager[None]:
        """A nested transaction: rolled back alone when its block raises (then re-raises)."""
        ...

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
    def prepare_guests(self, guests: Sequence[Guest]) -> PreparedGuests:
        """The work of ``save_many`` that needs no store, done now (a decoding thread),
        so the thread holding the unit of work only writes."""
        ...

    def reading(self) -> UnitOfWork:
        """A unit of work for a long read: it does not hold the write lock while it
        reads (a write in it waits for the lock, as any other)."""
        ...

    def close(self) -> None: ...


class SyncedStore(Store, Protocol):
    def add_outbox_listener(self, listener: OutboxListener) -> None:
        """Call ``listener`` (from the committing thread) after a commit that queued changes."""
        ...

    def remove_outbox_listener(self, listener: OutboxListener) -> None: ...

    def checkpoint_audit(self) -> None:
        """Sign the audit chain's head now unless it is signed (no-op without a key)."""
        ...
