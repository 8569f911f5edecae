"""What the core needs from storage. ``offline_cache`` implements these.

Services open one unit of work per action: the change, its audit row and its
outbox row are committed together or not at all.
"""

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from app.acts.model import ActKind, ActRecord, ActRevision, SignatureLevel
from app.domain import GamingTable, Guest, Incident, IncidentEvent, Staff
from app.domain.attachment import AttachmentInfo
from app.sync.outbox import FieldConflict, OutboxEntry, OutboxListener
from app.sync.set_aside import NewSetAside, SetAside, SetAsideKind

if TYPE_CHECKING:  # only for the annotation: keeps cryptography out of start-up
    from app.alerts.model import Alert
    from app.security.audit_chain import Checkpoint
    from app.sync.sessions import StaffSession


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


class Outbox(Protocol):
    """Changes waiting for the helpdesk; see ``app.sync.outbox`` for kinds and payloads."""

    def enqueue(
        self,
        kind: str,
        entity_id: str,
        payload: Mapping[str, Any],
        *,
        actor_id: str = "",
        base_version: int | None = None,
        at: datetime | None = None,
        session_id: str = "",
    ) -> OutboxEntry:
        """Queue a change in this unit of work; its idempotency key is fixed here.
        ``session_id``: the sign-in it is written in (sent under that session's token)."""
        ...

    def adopt(self, staff_id: str, session_id: str) -> int:
        """``staff_id`` signed in again: their rows without a session, or whose session
        the helpdesk refused, go under ``session_id`` (dead letters of a refused
        session are sent again). Returns how many."""
        ...

    def due_entities(self, now: datetime, limit: int, exclude: Iterable[str] = ()) -> list[str]:
        """Entities whose oldest pending row may be sent at ``now``, oldest first."""
        ...

    def pending_for(self, entity_id: str) -> Sequence[OutboxEntry]:
        """The entity's rows in send order (pending and dead)."""
        ...

    def get(self, seq: int) -> OutboxEntry | None: ...
    def complete(self, seq: int) -> None:
        """The helpdesk applied the change: the row goes."""
        ...

    def retry_later(
        self, seq: int, *, at: datetime, status: int | None, error: str, count_attempt: bool = True
    ) -> None: ...
    def mark_dead(self, seq: int, *, at: datetime, status: int | None, error: str) -> None: ...
    def rewrite(
        self, seq: int, *, payload: Mapping[str, Any], base_version: int | None, new_key: str
    ) -> None:
        """A new body for a row whose previous request was provably not applied (412)."""
        ...

    def drop_entity(self, entity_id: str) -> list[OutboxEntry]:
        """Remove every row of ``entity_id`` (pending or dead); returns what went."""
        ...

    def rebase(self, entity_id: str, from_version: int | None, to_version: int) -> int:
        """Pending patches of ``entity_id`` made against ``from_version`` now build on
        ``to_version`` (our own earlier change moved the helpdesk there)."""
        ...

    def pending_fields(self, entity_ids: Sequence[str]) -> dict[str, set[str]]:
        """Fields with a change still pending, per incident: the feed must not undo them."""
        ...

    def release_unreachable(self) -> int:
        """Back online: rows that waited only because the helpdesk was unreachable
        may go at once (those told to wait by a ``Retry-After`` keep waiting)."""
        ...

    def next_due_at(self) -> datetime | None:
        """When the earliest pending row that waits for its backoff may go."""
        ...

    def counts(self) -> tuple[int, int]:
        """(pending, dead) rows."""
        ...

    def resend_sent(self, since: datetime) -> int:
        """Rows the helpdesk took since ``since`` pending again, under their own keys."""
        ...

    def forget_sent(self, before: datetime) -> int:
        """Forget the rows taken before ``before`` (out of the idempotency window)."""
        ...

    def oldest_pending_at(self) -> datetime | None:
        """When the oldest row still waiting was written (the outbox's lag)."""
        ...

    def dead_letters(self) -> Sequence[OutboxEntry]: ...
    def revive(self, seq: int) -> None:
        """A dead letter the user asked to send again."""
        ...

    def discard(self, seq: int) -> list[int]:
        """Drop a dead letter (and, for a refused create, the rows that depend on it)."""
        ...


class StaffSessionRepository(Protocol):
    """Sign-ins on this device and their staff tokens (``app.sync.sessions``)."""

    def add(self, session: "StaffSession") -> None: ...
    def get(self, session_id: str) -> "StaffSession | None": ...
    def set_token(self, session_id: str, token: str | None, expires_at: datetime | None) -> None:
        """The helpdesk's staff token for the session (None: forget it)."""
        ...

    def refuse(self, session_id: str, reason: str) -> None:
        """The helpdesk will not vouch for this session: its rows cannot be sent."""
        ...

    def end(self, session_id: str, at: datetime) -> None: ...
    def latest_for(self, staff_id: str) -> "StaffSession | None":
        """``staff_id``'s latest session here the helpdesk has not refused."""
        ...


class SyncStateRepository(Protocol):
    """Small facts of the sync: cursor, device token, skew, last sync."""

    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str) -> None: ...
    def delete(self, key: str) -> None: ...


class ConflictRepository(Protocol):
    def add(
        self,
        incident_id: str,
        field: str,
        *,
        base_value: Any,
        local_value: Any,
        server_value: Any,
        server_version: int,
        at: datetime,
    ) -> None: ...
    def open_conflicts(self) -> Sequence[FieldConflict]: ...
    def get(self, conflict_id: int) -> FieldConflict | None: ...
    def resolve(self, conflict_id: int, resolution: str, at: datetime) -> None: ...
    def count_open(self) -> int: ...


class SetAsideRepository(Protocol):
    """Changes from the helpdesk set aside for review (``app.sync.set_aside``)."""

    def add(self, item: NewSetAside, at: datetime) -> int: ...
    def open_items(self, kinds: Iterable[SetAsideKind] = ()) -> Sequence[SetAside]: ...
    def get(self, item_id: int) -> SetAside | None: ...
    def count_open(self) -> int: ...
    def resolve(self, item_id: int, resolution: str, at: datetime) -> bool:
        """Settle an open item; False when it is not open."""
        ...

    def orphans_of(self, incident_ids: Sequence[str]) -> Sequence[SetAside]:
        """Open orphan events of these incidents."""
        ...

    def supersede(self, item_type: str, entity_ids: Sequence[str], at: datetime) -> int:
        """Settle the open malformed or refused items of records that just applied."""
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
    def checked_until(self, staff_id: str) -> datetime | None:
        """Where this person's alerts were last checked; None: never on this console."""
        ...

    def set_checked_until(self, staff_id: str, at: datetime) -> None: ...


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
