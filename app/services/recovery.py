"""Service recovery on an incident: propose from the matrix, record what was promised.

The promise is appended to the incident's timeline (synced, and shown on the act:
"all conditions are fixed in writing before the case is closed"). A play
incentive for a self-excluded or cooling-off guest is refused, in every path.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, tzinfo

from app.actor import Actor
from app.clock import Clock
from app.domain import EventKind, Guest, Incident
from app.domain.incident import new_event, with_event
from app.permissions import Action, redact_incident
from app.policy import SlaPolicy
from app.ports import Store, UnitOfWork
from app.recovery.matrix import CompensationItem, CompensationMatrix
from app.recovery.proposals import Promise, Proposal, incentive_block_reason, propose
from app.services import audit
from app.services.base import AuditedService
from app.services.errors import ServiceError
from app.services.validation import check_free_text
from app.sla import sla_status
from app.sync.enqueue import queue_incident_changes

MAX_NOTE = 2000


class RecoveryRefused(ServiceError):
    """A promise the console will not record, with why."""


class RecoveryService(AuditedService):
    def __init__(
        self,
        store: Store,
        clock: Clock,
        policy: SlaPolicy,
        matrix: CompensationMatrix,
        *,
        venue_tz: tzinfo = UTC,
    ) -> None:
        super().__init__(store, clock)
        self._policy = policy
        self._matrix = matrix
        self._venue_tz = venue_tz

    def proposal(self, actor: Actor, incident_id: str) -> Proposal:
        def work(uow: UnitOfWork, now: datetime) -> Proposal:
            incident, guest = self._load(uow, actor, incident_id, now)
            sla = sla_status(incident, guest.tier, self._policy, now)
            audit.record(uow, actor, "compensation.propose", incident_id, at=now)
            return propose(incident, guest.tier, guest.rg, sla, self._matrix, self._today(now))

        return self._run(work)

    def promise(
        self, actor: Actor, incident_id: str, items: Sequence[CompensationItem], note: str = ""
    ) -> Incident:
        if not items:
            raise RecoveryRefused("recovery.nothing_chosen")
        check_free_text(note, "note", MAX_NOTE)

        def work(uow: UnitOfWork, now: datetime) -> Incident:
            incident, guest = self._load(uow, actor, incident_id, now)
            reason = incentive_block_reason(guest.rg, self._today(now))
            if reason is not None and any(item.play_incentive for item in items):
                audit.record(
                    uow, actor, "compensation.refused", incident_id, at=now, detail="play incentive"
                )
                raise RecoveryRefused(reason.key, **reason.params)
            promise = Promise(tuple(items), self._matrix.currency, note.strip())
            event = new_event(
                incident, EventKind.COMPENSATION_PROMISED, actor.staff_id, now, promise.to_json()
            )
            changed = with_event(incident, event)
            uow.incidents.save(changed)
            queue_incident_changes(uow, incident, changed, actor, now)  # same transaction
            labels = ", ".join(item.label for item in items)
            audit.record(uow, actor, "compensation.promise", incident_id, at=now, detail=labels)
            return redact_incident(actor, changed)

        return self._run(work)

    def _load(
        self, uow: UnitOfWork, actor: Actor, incident_id: str, now: datetime
    ) -> tuple[Incident, Guest]:
        self._require(uow, actor, Action.COMPENSATION_OFFER, incident_id, now)
        incident = uow.incidents.by_id(incident_id)
        if incident is None:
            raise RecoveryRefused("incident.not_found", incident_id=incident_id)
        guest = uow.guests.by_id(incident.guest_id) if incident.guest_id else None
        if guest is None:
            raise RecoveryRefused("recovery.no_guest")
        return incident, guest

    def _today(self, now: datetime) -> date:
        return now.astimezone(self._venue_tz).date()
