"""Incident writes as values: what the request is, what its key covers, the work.

The HTTP routes and the batch endpoint build the same ``Write`` for the same
request, so a write sent alone and one sent in a batch are one write: the same
``request`` label and body fingerprint under its ``Idempotency-Key``, the same work.
Each write is checked against the staff token's role (``helpdesk.roles``) before its
work changes anything.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.actor import Actor
from helpdesk import incidents, roles
from helpdesk.batch_reads import Named
from helpdesk.context import Context
from helpdesk.idempotency import Work, fingerprint
from helpdesk.models import IncidentRow
from helpdesk.schemas import EventCreate, IncidentCreate, IncidentPatch, canonical


@dataclass(frozen=True, slots=True)
class Write:
    request: str  # "POST /v1/incidents": a key replays only for the same request
    plain: Any  # what the key's body fingerprint covers
    work: Work
    named: Named = Named()  # what a batch reads ahead for it (helpdesk/batch_reads.py)
    body_sha256: str = ""  # ``fingerprint(plain)``, made here unless given

    def __post_init__(self) -> None:
        if not self.body_sha256:
            object.__setattr__(self, "body_sha256", fingerprint(self.plain))


def create_incident(context: Context, body: IncidentCreate, actor: Actor) -> Write:
    policy, prefix = context.policy, context.settings.ticket_prefix
    plain = canonical(body)
    sha = fingerprint(plain)  # the key's fingerprint is the incident's create_sha256 too

    def work(session: Session, now: datetime) -> tuple[int, str]:
        roles.check_create(session, actor, body)
        return incidents.create(session, body, now, policy, prefix, create_sha=sha)

    named = Named(incident_id=body.id, guest_id=body.guest_id)
    return Write("POST /v1/incidents", plain, work, named, sha)


def patch_incident(
    context: Context, incident_id: str, body: IncidentPatch, if_match: str | None, actor: Actor
) -> Write:
    """Raises 428/422 (``HTTPException``) for a missing or malformed ``If-Match``."""
    expected = incidents.parse_if_match(if_match)
    policy = context.policy

    def work(session: Session, now: datetime) -> tuple[int, str]:
        def guard(row: IncidentRow) -> None:
            roles.check_patch(session, actor, body, row)

        return incidents.patch(session, incident_id, body, expected, now, policy, guard)

    plain = {"if_match": expected, "changes": canonical(body, only_set=True)}
    named = Named(incident_id=incident_id, guest_id=body.guest_id)
    return Write(f"PATCH /v1/incidents/{incident_id}", plain, work, named)


def add_event(context: Context, incident_id: str, body: EventCreate, actor: Actor) -> Write:
    roles.check_event(actor, body)  # needs no record: refused before any work
    policy = context.policy

    def work(session: Session, now: datetime) -> tuple[int, str]:
        roles.check_delivery(session, incident_id, body)
        return incidents.add_event(session, incident_id, body, now, policy)

    named = Named(incident_id=incident_id, event_id=body.id)
    return Write(f"POST /v1/incidents/{incident_id}/events", canonical(body), work, named)
