"""Service recovery on an incident: propose from the matrix, record what was promised,
then that it was delivered.

The promise is appended to the incident's timeline (synced, and shown on the act:
"all conditions are fixed in writing before the case is closed"). A play
incentive for a self-excluded or cooling-off guest is refused, in every path.
A delivery (``COMPENSATION_DELIVERED``) names the promise it keeps; a promise is
delivered once, open incident or resolved (a promise is often kept after).
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
from app.recovery.delivery import Delivery, PromiseState, promise_states
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

    def promises(self, actor: Actor, incident_id: str) -> list[PromiseState]:
        """The incident's promises, oldest first, each with its delivery if any."""

        def work(uow: UnitOfWork, now: datetime) -> list[PromiseState]:
            incident = uow.incidents.by_id(incident_id)
            if incident is None:
                raise RecoveryRefused("incident.not_found", incident_id=incident_id)
            return promise_states(redact_incident(actor, incident))

        self._allowed_to_read(actor, Action.INCIDENT_VIEW, incident_id)
        return self._run(work, reading=True)

    def deliver(
        self, actor: Actor, incident_id: str, promise_id: str, note: str = ""
    ) -> list[PromiseState]:
        """Record that the promise ``promise_id`` (its event's id) was handed over; the
        incident's promises as they now stand."""
        check_free_text(note, "note", MAX_NOTE)

        def work(uow: UnitOfWork, now: datetime) -> list[PromiseState]:
            incident = self._incident(uow, actor, Action.COMPENSATION_DELIVER, incident_id, now)
            number = incident.display_number
            state = next((p for p in promise_states(incident) if p.event_id == promise_id), None)
            if state is None or state.delivered:
                why = "unknown promise" if state is None else "already delivered"
                audit.record(
                    uow, actor, "compensation.deliver_refused", incident_id, at=now, detail=why
                )
                key = "recovery.unknown_promise" if state is None else "recovery.already_delivered"
                raise RecoveryRefused(key, number=number)
            items = () if state.promise is None else tuple(i.label for i in state.promise.items)
            delivery = Delivery(promise_id, items, note.strip())
            event = new_event(
                incident, EventKind.COMPENSATION_DELIVERED, actor.staff_id, now, delivery.to_json()
            )
            changed = with_event(incident, event)
            uow.incidents.save(changed)
            queue_incident_changes(uow, incident, changed, actor, now)  # same transaction
            detail = f"{promise_id}: {', '.join(items)}"
            audit.record(uow, actor, "compensation.deliver", incident_id, at=now, detail=detail)
            return promise_states(redact_incident(actor, changed))

        return self._run(work)

    def _incident(
        self, uow: UnitOfWork, actor: Actor, action: Action, incident_id: str, now: datetime
    ) -> Incident:
        self._require(uow, actor, action, incident_id, now)
        incident = uow.incidents.by_id(incident_id)
        if incident is None:
            raise RecoveryRefused("incident.not_found", incident_id=incident_id)
        return incident

    def _load(
        self, uow: UnitOfWork, actor: Actor, incident_id: str, now: datetime
    ) -> tuple[Incident, Guest]:
        incident = self._incident(uow, actor, Action.COMPENSATION_OFFER, incident_id, now)
        guest = uow.guests.by_id(incident.guest_id) if incident.guest_id else None
        if guest is None:
            raise RecoveryRefused("recovery.no_guest")
        return incident, guest

    def _today(self, now: datetime) -> date:
        return now.astimezone(self._venue_tz).date()
