"""Incidents: open, move through the lifecycle, escalate, note; the live board.

Every call checks the actor's permission, changes the incident and appends the
audit row and the outbox rows for the helpdesk in one unit of work. The board
pairs each open incident with its SLA status from the engine; money amounts are
blanked for roles without the right.
"""

import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from app.actor import Actor
from app.clock import Clock
from app.display import level_label
from app.domain import (
    Category,
    Channel,
    Guest,
    Incident,
    IncidentStatus,
    Priority,
    Satisfaction,
    Tier,
)
from app.domain.enums import EventKind
from app.domain.incident import (
    InvalidChange,
    add_note,
    change_status,
    escalate,
    new_event,
    record_milestone,
    record_satisfaction,
    with_event,
)
from app.permissions import Action, redact_incident
from app.policy import SlaPolicy
from app.ports import Store, UnitOfWork
from app.services import audit
from app.services.base import AuditedService
from app.services.errors import ServiceError
from app.services.incident_detail import IncidentDetail, next_steps
from app.services.validation import check_free_text
from app.sla import SlaStatus, board_sort_key, sla_status
from app.sync.enqueue import queue_incident_changes

log = logging.getLogger(__name__)

MAX_TEXT = 2000  # a note or summary longer than this is a paste gone wrong


class IncidentNotFound(ServiceError):
    def __init__(self, incident_id: str) -> None:
        super().__init__("incident.not_found", incident_id=incident_id)
        self.incident_id = incident_id


class InvalidIncident(ServiceError):
    """A draft or change the console refuses, with what to fix."""


@dataclass(frozen=True, slots=True)
class IncidentDraft:
    """The filing template (SPEC §5); only priority and category are required."""

    priority: Priority
    category: Category
    channel: Channel = Channel.ONSITE
    summary: str = ""
    guest_id: str | None = None
    table_id: str | None = None
    location: str = ""
    game: str = ""
    machine: str = ""
    amount: Decimal | None = None
    currency: str = "AUD"
    transaction_ref: str = ""
    desired_outcome: str = ""


@dataclass(frozen=True, slots=True)
class BoardRow:
    incident: Incident  # redacted for the actor
    guest_name: str  # display name: the alias for a quiet-visit guest
    tier: Tier
    sla: SlaStatus


@dataclass(frozen=True, slots=True)
class FloorSummary:
    """What a locked console may show: counts only, no guest, table or amount."""

    open: int
    breached: int
    p1: int


def summarise(rows: Iterable[BoardRow]) -> FloorSummary:
    open_count = breached = p1 = 0
    for row in rows:
        open_count += 1
        breached += row.sla.breached
        p1 += row.incident.priority is Priority.P1
    return FloorSummary(open_count, breached, p1)


class IncidentService(AuditedService):
    def __init__(self, store: Store, clock: Clock, policy: SlaPolicy) -> None:
        super().__init__(store, clock)
        self._policy = policy

    def open(self, actor: Actor, draft: IncidentDraft) -> Incident:
        _check_text(draft.summary, "summary")
        # Every free-text field of the draft (SPEC §3: no card numbers, see validation).
        for text, what in (
            (draft.desired_outcome, "desired_outcome"),
            (draft.transaction_ref, "transaction_ref"),
            (draft.location, "location"),
            (draft.game, "game"),
            (draft.machine, "machine"),
        ):
            _check_text(text, what)
        if draft.amount is not None and draft.amount < 0:
            raise InvalidIncident("incident.negative_amount")

        def work(uow: UnitOfWork, now: datetime) -> Incident:
            self._require(uow, actor, Action.INCIDENT_OPEN, "", now)
            guest = self._guest_of(uow, draft.guest_id)
            table = uow.tables.by_id(draft.table_id) if draft.table_id else None
            if draft.table_id and table is None:
                raise InvalidIncident("incident.unknown_table", table_id=draft.table_id)
            incident = Incident(
                id=str(uuid.uuid4()),
                provisional_number=uow.incidents.next_provisional_number(actor.device_id),
                opened_at=now,
                opened_by=actor.staff_id,
                priority=draft.priority,
                category=draft.category,
                channel=draft.channel,
                summary=draft.summary.strip() or default_summary(draft.category),
                guest_id=guest.id if guest else None,
                owner_id=guest.host_id if guest else actor.staff_id,
                location=draft.location or (f"{table.pit}, {table.id}" if table else ""),
                table_id=table.id if table else None,
                game=draft.game or (table.game if table else ""),
                machine=draft.machine,
                amount=draft.amount,
                currency=draft.currency,
                transaction_ref=draft.transaction_ref,
                desired_outcome=draft.desired_outcome,
            )
            incident = with_event(
                incident, new_event(incident, EventKind.OPENED, actor.staff_id, now)
            )
            uow.incidents.save(incident)
            queue_incident_changes(uow, None, incident, actor, now)  # same transaction
            audit.record(
                uow,
                actor,
                "incident.open",
                incident.id,
                at=now,
                detail=f"{incident.provisional_number} {draft.priority} {draft.category}",
            )
            return incident

        incident = self._run(work)
        log.info("incident %s opened (%s)", incident.provisional_number, incident.priority)
        return incident

    def change_status(
        self, actor: Actor, incident_id: str, to: IncidentStatus, note: str = ""
    ) -> Incident:
        _check_text(note, "note")
        return self._change(
            actor,
            Action.INCIDENT_CHANGE_STATUS,
            incident_id,
            lambda _uow, i, now: change_status(i, to, actor.staff_id, now, note),
            f"status -> {to}",
        )

    def record_milestone(self, actor: Actor, incident_id: str, kind: EventKind) -> Incident:
        return self._change(
            actor,
            Action.INCIDENT_RECORD_MILESTONE,
            incident_id,
            lambda _uow, i, now: record_milestone(i, kind, actor.staff_id, now),
            f"milestone {kind}",
        )

    def record_satisfaction(self, actor: Actor, incident_id: str, answer: Satisfaction) -> Incident:
        """The guest's one tap on resolve (or "not asked"): part of resolving, so the
        same right as a status change; counted in CSAT (docs/kpis.md)."""
        return self._change(
            actor,
            Action.INCIDENT_CHANGE_STATUS,
            incident_id,
            lambda _uow, i, now: record_satisfaction(i, answer, actor.staff_id, now),
            f"satisfaction {answer}",
        )

    def escalate(self, actor: Actor, incident_id: str, to_level: int, reason: str) -> Incident:
        """Up from the level the SLA engine gives now (never to it or below it)."""
        _check_text(reason, "reason")

        def up(uow: UnitOfWork, incident: Incident, now: datetime) -> Incident:
            level = self._sla(uow, incident, now).escalation.level
            return escalate(incident, to_level, actor.staff_id, now, reason, from_level=level)

        return self._change(
            actor,
            Action.INCIDENT_ESCALATE,
            incident_id,
            up,
            f"escalated to {level_label(to_level)}",
        )

    def add_note(self, actor: Actor, incident_id: str, text: str) -> Incident:
        _check_text(text, "note")
        return self._change(
            actor,
            Action.INCIDENT_NOTE,
            incident_id,
            lambda _uow, i, now: add_note(i, text, actor.staff_id, now),
            "note added",
        )

    def get(self, actor: Actor, incident_id: str) -> Incident:
        def work(uow: UnitOfWork, now: datetime) -> Incident:
            self._require(uow, actor, Action.INCIDENT_VIEW, incident_id, now)
            incident = self._incident(uow, incident_id)
            audit.record(uow, actor, "incident.view", incident_id, at=now)
            return redact_incident(actor, incident)

        return self._run(work)

    def detail(self, actor: Actor, incident_id: str) -> IncidentDetail:
        """The incident screen's data in one read: the incident (redacted), its guest's
        display name and tier, its SLA status, the steps the actor may take now, its
        acts and the names of the staff on its timeline. Audited as a view."""

        def work(uow: UnitOfWork, now: datetime) -> IncidentDetail:
            self._require(uow, actor, Action.INCIDENT_VIEW, incident_id, now)
            incident = self._incident(uow, incident_id)
            row = self._row(actor, incident, uow.guests.by_id(incident.guest_id or ""), now)
            acts = tuple(uow.acts.for_incident(incident.id))
            names = {}
            for staff_id in sorted({e.actor_id for e in incident.events}):
                member = uow.staff.by_id(staff_id)
                names[staff_id] = member.name if member is not None else staff_id
            audit.record(uow, actor, "incident.view", incident_id, at=now)
            return IncidentDetail(
                incident=row.incident,
                guest_name=row.guest_name,
                tier=row.tier,
                sla=row.sla,
                steps=next_steps(actor, incident, row.sla, acts),
                acts=acts,
                attachments=tuple(uow.attachments.for_incident(incident.id)),
                staff_names=names,
                as_of=now,
            )

        return self._run(work)

    def summary(self, actor: Actor) -> FloorSummary:
        """Open, breached and P1 counts (the lock screen's summary)."""
        return summarise(self.board(actor))

    def _row(
        self, actor: Actor, incident: Incident, guest: Guest | None, now: datetime
    ) -> BoardRow:
        tier = guest.tier if guest else Tier.VIP
        return BoardRow(
            incident=redact_incident(actor, incident),
            guest_name=guest.display_name if guest else "",
            tier=tier,
            sla=sla_status(incident, tier, self._policy, now),
        )

    def board(self, actor: Actor) -> list[BoardRow]:
        """Open incidents with their SLA status, most urgent first.

        Not audited row by row: the board refreshes every few seconds and shows
        only display names; opening an incident or a guest card is audited.
        """
        rows, now = self._rows(actor, "open-incidents", lambda uow: uow.incidents.open_incidents())
        rows.sort(key=lambda row: board_sort_key(row.sla, now))
        return rows

    def closed_with_promises(self, actor: Actor, since: datetime) -> list[BoardRow]:
        """Closed incidents with a promise made at or after ``since`` (delivered or not:
        ``app.recovery.delivery.pending_promises`` says which are owed), oldest first."""
        rows, _now = self._rows(
            actor, "promised-incidents", lambda uow: uow.incidents.closed_promised_since(since)
        )
        return rows

    def _rows(
        self, actor: Actor, target: str, load: Callable[[UnitOfWork], Iterable[Incident]]
    ) -> tuple[list[BoardRow], datetime]:
        self._allowed_to_read(actor, Action.INCIDENT_VIEW, target)
        now = self._clock.now()
        with self._store.reading() as uow:  # the board's refresh never waits on a writer
            incidents = list(load(uow))
            guests: dict[str, Guest | None] = {}
            for incident in incidents:
                if incident.guest_id and incident.guest_id not in guests:
                    guests[incident.guest_id] = uow.guests.by_id(incident.guest_id)
        rows = [
            self._row(actor, i, guests.get(i.guest_id) if i.guest_id else None, now)
            for i in incidents
        ]
        return rows, now

    def _change(
        self,
        actor: Actor,
        action: Action,
        incident_id: str,
        change: Callable[[UnitOfWork, Incident, datetime], Incident],
        detail: str,
    ) -> Incident:
        def work(uow: UnitOfWork, now: datetime) -> Incident:
            self._require(uow, actor, action, incident_id, now)
            incident = self._incident(uow, incident_id)
            try:
                changed = change(uow, incident, now)
            except InvalidChange as error:
                raise InvalidIncident(error.key, **error.params) from error
            uow.incidents.save(changed)
            queue_incident_changes(uow, incident, changed, actor, now)  # same transaction
            audit.record(uow, actor, action.value, incident_id, at=now, detail=detail)
            return redact_incident(actor, changed)

        return self._run(work)

    def _sla(self, uow: UnitOfWork, incident: Incident, now: datetime) -> SlaStatus:
        guest = uow.guests.by_id(incident.guest_id) if incident.guest_id else None
        return sla_status(incident, guest.tier if guest else Tier.VIP, self._policy, now)

    @staticmethod
    def _incident(uow: UnitOfWork, incident_id: str) -> Incident:
        incident = uow.incidents.by_id(incident_id)
        if incident is None:
            raise IncidentNotFound(incident_id)
        return incident

    @staticmethod
    def _guest_of(uow: UnitOfWork, guest_id: str | None) -> Guest | None:
        if guest_id is None:
            return None
        guest = uow.guests.by_id(guest_id)
        if guest is None:
            raise InvalidIncident("incident.guest_missing")
        return guest


def _check_text(text: str, what: str) -> None:
    if len(text) > MAX_TEXT:
        raise InvalidIncident("text.too_long", field=what, length=len(text), max_len=MAX_TEXT)
    check_free_text(text, what, MAX_TEXT)  # refuses full card numbers (CardNumberRefused)


def default_summary(category: Category) -> str:
    """The summary of an incident logged without one (the screens word the category
    in their language instead)."""
    return category.value.replace("_", " ").capitalize()
