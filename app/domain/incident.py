"""Incidents: the filing template (SPEC §5), the lifecycle and the timeline."""

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from app.display import level_label
from app.domain.enums import (
    Category,
    Channel,
    EventKind,
    IncidentStatus,
    Priority,
    Satisfaction,
)
from app.messages import KeyedError

S = IncidentStatus

# New -> In progress -> Waiting -> Resolved -> Closed; Resolved/Closed reopen.
ALLOWED_TRANSITIONS: dict[IncidentStatus, frozenset[IncidentStatus]] = {
    S.NEW: frozenset({S.IN_PROGRESS, S.WAITING, S.RESOLVED}),
    S.IN_PROGRESS: frozenset({S.WAITING, S.RESOLVED}),
    S.WAITING: frozenset({S.IN_PROGRESS, S.RESOLVED}),
    S.RESOLVED: frozenset({S.CLOSED, S.IN_PROGRESS}),
    S.CLOSED: frozenset({S.IN_PROGRESS}),
}


class InvalidChange(KeyedError, ValueError):
    """A change to an incident its rules do not allow (key and params: ``app.messages``)."""


class InvalidTransition(InvalidChange):
    """A status change the lifecycle does not allow."""

    def __init__(self, from_status: IncidentStatus, to_status: IncidentStatus) -> None:
        super().__init__(
            "incident.transition", from_status=from_status.value, to_status=to_status.value
        )


@dataclass(frozen=True, slots=True)
class IncidentEvent:
    id: str
    incident_id: str
    at: datetime  # aware, UTC
    kind: EventKind
    actor_id: str
    detail: str = ""
    from_value: str = ""  # previous status / priority / owner / level
    to_value: str = ""


@dataclass(frozen=True, slots=True)
class Incident:
    id: str  # client-generated UUID
    provisional_number: str  # shown until the helpdesk assigns ``number``
    opened_at: datetime  # T0, aware, UTC
    opened_by: str  # staff id
    priority: Priority
    category: Category
    channel: Channel
    summary: str
    status: IncidentStatus = IncidentStatus.NEW
    number: str | None = None  # server-assigned ticket number
    guest_id: str | None = None
    owner_id: str | None = None
    location: str = ""  # VIP counter, pit, room...
    table_id: str | None = None
    game: str = ""
    machine: str = ""
    amount: Decimal | None = None
    currency: str = "AUD"
    transaction_ref: str = ""
    desired_outcome: str = ""
    attachments: tuple[str, ...] = ()  # content hashes of stored files
    manual_escalation_level: int = 0  # raised by an explicit "escalate"
    satisfaction: Satisfaction | None = None  # the guest's answer on the latest resolve
    version: int | None = None  # the helpdesk's version (If-Match); None until synced
    events: tuple[IncidentEvent, ...] = field(default=())

    @property
    def display_number(self) -> str:
        return self.number or self.provisional_number

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    def first_event_at(self, kind: EventKind) -> datetime | None:
        return next((e.at for e in self.events if e.kind is kind), None)


def new_event(
    incident: Incident,
    kind: EventKind,
    actor_id: str,
    at: datetime,
    detail: str = "",
    from_value: str = "",
    to_value: str = "",
) -> IncidentEvent:
    return IncidentEvent(
        id=str(uuid.uuid4()),
        incident_id=incident.id,
        at=at,
        kind=kind,
        actor_id=actor_id,
        detail=detail,
        from_value=from_value,
        to_value=to_value,
    )


def with_event(incident: Incident, event: IncidentEvent, **changes: object) -> Incident:
    return replace(incident, events=(*incident.events, event), **changes)  # type: ignore[arg-type]


def change_status(
    incident: Incident, to: IncidentStatus, actor_id: str, at: datetime, note: str = ""
) -> Incident:
    if to not in ALLOWED_TRANSITIONS[incident.status]:
        raise InvalidTransition(incident.status, to)
    event = new_event(
        incident, EventKind.STATUS_CHANGED, actor_id, at, note, incident.status.value, to.value
    )
    return with_event(incident, event, status=to)


def record_milestone(
    incident: Incident, kind: EventKind, actor_id: str, at: datetime, note: str = ""
) -> Incident:
    """Reaction, decision or stabilisation, recorded once while the incident is open.

    A milestone is someone working on the incident: a New incident moves to In
    progress with it (a status event at the same instant, so the helpdesk sees it).
    Recording one again, or on a resolved or closed incident, is refused: it would
    change nothing and still be audited and sent.
    """
    if kind not in (EventKind.REACTED, EventKind.DECIDED, EventKind.STABILISED):
        raise InvalidChange("incident.not_a_milestone")
    if not incident.is_open:
        raise InvalidChange("incident.not_open", number=incident.display_number)
    if incident.first_event_at(kind) is not None:
        raise InvalidChange("incident.milestone_recorded", milestone=kind.value)
    incident = with_event(incident, new_event(incident, kind, actor_id, at, note))
    if incident.status is IncidentStatus.NEW:
        incident = change_status(incident, IncidentStatus.IN_PROGRESS, actor_id, at)
    return incident


def escalate(
    incident: Incident,
    to_level: int,
    actor_id: str,
    at: datetime,
    reason: str,
    from_level: int | None = None,
) -> Incident:
    """An explicit escalation to ``to_level``.

    ``from_level`` is the level the incident holds now (the SLA engine's, which the
    ladder and triggers may have raised above any manual one): the event records it,
    and a move that is not up from there is refused. Without it (history replayed,
    tests) the manual level is the starting point and only the range is checked.
    """
    if not 1 <= to_level <= 4:
        raise InvalidChange("incident.escalation_level", level=to_level)
    current = incident.manual_escalation_level if from_level is None else from_level
    if from_level is not None:
        if not incident.is_open:
            raise InvalidChange("incident.not_open", number=incident.display_number)
        if to_level <= from_level:
            raise InvalidChange(
                "incident.escalation_not_higher",
                level=level_label(to_level),
                current=level_label(from_level),
            )
    event = new_event(
        incident, EventKind.ESCALATED, actor_id, at, reason, str(current), str(to_level)
    )
    return with_event(incident, event, manual_escalation_level=to_level)


def add_note(incident: Incident, text: str, actor_id: str, at: datetime) -> Incident:
    if not text.strip():
        raise InvalidChange("incident.empty_note")
    return with_event(incident, new_event(incident, EventKind.NOTE, actor_id, at, text))


def satisfaction_due(incident: Incident) -> bool:
    """Resolved, and the guest not asked (nor "not asked" recorded) since it was."""
    if incident.status is not IncidentStatus.RESOLVED:
        return False
    resolved_at = max(
        e.at
        for e in incident.events
        if e.kind is EventKind.STATUS_CHANGED and e.to_value == IncidentStatus.RESOLVED.value
    )
    return not any(
        e.kind is EventKind.SATISFACTION_RECORDED and e.at >= resolved_at for e in incident.events
    )


def record_satisfaction(
    incident: Incident, answer: Satisfaction, actor_id: str, at: datetime
) -> Incident:
    """The guest's answer (or "not asked") on a resolved incident, once per resolution:
    a reopened and resolved again incident may be asked again."""
    if incident.status is not IncidentStatus.RESOLVED:
        raise InvalidChange("incident.satisfaction_open", number=incident.display_number)
    if not satisfaction_due(incident):
        raise InvalidChange("incident.satisfaction_recorded")
    event = new_event(incident, EventKind.SATISFACTION_RECORDED, actor_id, at, "", "", answer.value)
    return with_event(incident, event, satisfaction=answer)
