"""What the sync needs from storage (``app.ports`` re-exports them): the outbox, the
sign-ins and their tokens, the sync's small facts, field conflicts, what was set aside.
``offline_cache`` implements these."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from app.sync.outbox import FieldConflict, OutboxEntry
from app.sync.set_aside import NewSetAside, SetAside, SetAsideKind

if TYPE_CHECKING:
    from app.sync.sessions import StaffSession


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

    def due_sessions(self, now: datetime) -> list[str]:
        """The sign-ins of the rows that may be sent at ``now`` with a staff token."""
        ...

    def pending_for(
        self, entity_id: str, *, after: int = 0, limit: int | None = None
    ) -> Sequence[OutboxEntry]:
        """The entity's rows in send order (pending and dead); ``after``: only those of
        a later ``seq``; ``limit``: the first so many."""
        ...

    def pending_for_many(
        self, entity_ids: Sequence[str], limit: int | None = None
    ) -> dict[str, list[OutboxEntry]]:
        """``pending_for`` of each entity (``[]`` for one without rows), in one read;
        ``limit``: the first so many of each."""
        ...

    def get(self, seq: int) -> OutboxEntry | None: ...
    def complete(self, seq: int) -> None:
        """The helpdesk applied the change: the row goes."""
        ...

    def complete_many(self, seqs: Sequence[int]) -> None:
        """``complete`` for each row."""
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

    def rebase_many(self, rebases: Sequence[tuple[str, int | None, int]]) -> None:
        """``rebase`` for each (entity id, from version, to version)."""
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
