"""The outbox vocabulary: what a queued change is, its kinds and their payloads.

Kinds (``OutboxKind``) and the payload each one carries:

- ``incident.create``: the full create body of ``POST /v1/incidents``
  (``app.wire.contract.incident_create_body``); ``entity_id`` is the incident id.
- ``incident.patch``: ``{"changes": {field: new}, "base": {field: old}}`` for the
  mutable fields (``app.wire.contract.PATCHABLE_FIELDS``); the row's ``base_version``
  is the helpdesk version the change was made against (``None``: made before the
  create was answered).
- ``incident.event``: the body of ``POST /v1/incidents/{id}/events``.
- ``attachment.upload``: ``{"sha256": hex, "path": file, "content_type": "application/pdf"}``;
  ``path`` is relative to the console's data directory (or absolute); the file must
  stay in place until the upload is answered. A photo or a receipt has
  ``"stored": "attachments"`` instead of a path: its bytes are in the store's
  ``attachments`` table. ``entity_id`` is the incident id.

- ``guest.create``: the guest as the change feed carries it
  (``app.wire.contract.guest_body``); ``POST /v1/guests``, idempotent by the guest's
  UUID. ``entity_id`` is the guest id.
- ``guest.patch``: ``{"changes": {"preferences": {list: [str, ...]}}}``; ``PATCH
  /v1/guests/{id}``, last writer wins (the helpdesk's time orders the writes).

- ``audit.checkpoint``: a signed audit chain head (``Checkpoint.to_json`` of
  app/security/audit_chain.py); ``POST /v1/audit/checkpoints``. ``entity_id`` is
  ``audit:<device id>``.

Rows of one entity are sent strictly in ``seq`` order, so a patch, an event or an
upload never overtakes its incident's create.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class OutboxKind(StrEnum):
    INCIDENT_CREATE = "incident.create"
    INCIDENT_PATCH = "incident.patch"
    INCIDENT_EVENT = "incident.event"
    ATTACHMENT_UPLOAD = "attachment.upload"
    GUEST_CREATE = "guest.create"
    GUEST_PATCH = "guest.patch"
    AUDIT_CHECKPOINT = "audit.checkpoint"
    # Read back from a row whose kind this console does not know (a newer console
    # wrote it): never queued, never sent, a dead letter. The row's payload is
    # read as {"kind": <its kind>, "payload": <its payload>}.
    UNKNOWN = "unknown"


# Told after a commit that queued rows, with the kinds it queued (from the committing
# thread): the sync engine wakes for any; a screen may ignore the audit's checkpoints.
OutboxListener = Callable[[frozenset[OutboxKind]], None]


class OutboxState(StrEnum):
    PENDING = "pending"  # waiting to be sent (again)
    DEAD = "dead"  # refused for good: a dead letter the user must see


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    seq: int  # local order; per entity, rows are sent in this order
    idempotency_key: str
    kind: OutboxKind
    entity_id: str
    actor_id: str  # who wrote it (the staff token of ``session_id`` is theirs)
    payload: dict[str, Any]
    base_version: int | None
    created_at: datetime
    state: OutboxState = OutboxState.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_status: int | None = None  # HTTP status of the last answer, if any
    last_error: str = ""
    failed_at: datetime | None = None
    session_id: str = ""  # the sign-in it was written in: sent under its staff token

    @property
    def is_dead(self) -> bool:
        return self.state is OutboxState.DEAD


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """A field both this console and someone else changed; the user settles it."""

    id: int
    incident_id: str
    field: str
    base_value: Any
    local_value: Any
    server_value: Any
    server_version: int
    detected_at: datetime
    resolved_at: datetime | None = None
    resolution: str = ""  # "mine" or "theirs" once settled
