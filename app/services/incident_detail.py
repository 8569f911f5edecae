"""One incident as its screen shows it, and what may be done with it now.

``next_steps`` is the incident screen's state machine, a pure function of the incident,
its SLA status, its acts and the actor's role: a step is offered only when the
incident's state allows it and the role may take it. The core refuses the same
moves (``app.domain.incident``), so a stale screen cannot write them either:

* milestones (reached the table, decision taken, stabilised) while their SLA clock
  exists and has not been stopped by them, on an open incident;
* In progress from New or Waiting, Waiting from New or In progress (the lifecycle of
  the handbook), Resolve while open; Reopen and Close once resolved;
* the guest's satisfaction once resolved, until answered (or "not asked") for this
  resolution;
* Escalate while open and below L4, to the level above the one the SLA engine gives
  (the ladder and triggers may have raised it past any manual escalation);
* the act until the case is closed; the post-incident report once a P1/P2 incident
  is resolved and has none; its sign-off (a duty manager's) once it is filed and the
  incident resolved; notes and attachments always.

``IncidentDetail`` gathers what the screen needs in one unit of work (the incident
redacted for the actor, the guest's display name and tier, the SLA status, the
steps, the acts, the names of the staff on the timeline).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.actor import Actor
from app.acts.model import ActKind, ActRecord
from app.acts.post_incident import awaiting_sign_off
from app.acts.rules import REPORT_PRIORITIES, ever_priorities
from app.domain import Incident, IncidentStatus, Tier
from app.domain.attachment import AttachmentInfo
from app.domain.enums import EventKind
from app.domain.incident import satisfaction_due
from app.permissions import Action, allowed
from app.sla import DeadlineKind, SlaStatus

HIGHEST_LEVEL = 4


class Step(StrEnum):
    REACHED = "reached"
    DECIDED = "decided"
    STABILISED = "stabilised"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    ESCALATE = "escalate"
    RESOLVE = "resolve"
    SATISFACTION = "satisfaction"  # the guest's one tap, once per resolution
    REOPEN = "reopen"
    CLOSE = "close"
    SIGN_ACT = "sign_act"
    REPORT = "report"
    SIGN_OFF = "sign_off"
    NOTE = "note"
    ATTACH = "attach"


STEP_ACTIONS: Mapping[Step, Action] = {
    Step.REACHED: Action.INCIDENT_RECORD_MILESTONE,
    Step.DECIDED: Action.INCIDENT_RECORD_MILESTONE,
    Step.STABILISED: Action.INCIDENT_RECORD_MILESTONE,
    Step.IN_PROGRESS: Action.INCIDENT_CHANGE_STATUS,
    Step.WAITING: Action.INCIDENT_CHANGE_STATUS,
    Step.ESCALATE: Action.INCIDENT_ESCALATE,
    Step.RESOLVE: Action.INCIDENT_CHANGE_STATUS,
    Step.SATISFACTION: Action.INCIDENT_CHANGE_STATUS,
    Step.REOPEN: Action.INCIDENT_CHANGE_STATUS,
    Step.CLOSE: Action.INCIDENT_CHANGE_STATUS,
    Step.SIGN_ACT: Action.INCIDENT_SIGN_ACT,
    Step.REPORT: Action.INCIDENT_SIGN_ACT,
    Step.SIGN_OFF: Action.REPORT_SIGN_OFF,
    Step.NOTE: Action.INCIDENT_NOTE,
    Step.ATTACH: Action.INCIDENT_NOTE,
}

# The milestone each step records, and the SLA clocks it stops.
MILESTONES: Mapping[Step, tuple[EventKind, frozenset[DeadlineKind]]] = {
    Step.REACHED: (
        EventKind.REACTED,
        frozenset({DeadlineKind.REACTION, DeadlineKind.MANAGER_ARRIVAL}),
    ),
    Step.DECIDED: (
        EventKind.DECIDED,
        frozenset({DeadlineKind.DECISION, DeadlineKind.EQUIPMENT_DOWN}),
    ),
    Step.STABILISED: (
        EventKind.STABILISED,
        frozenset({DeadlineKind.STABILISE, DeadlineKind.EQUIPMENT_DOWN}),
    ),
}


def next_level(sla: SlaStatus) -> int | None:
    """The level an escalation now goes to; None at the top of the ladder."""
    level = sla.escalation.level
    return level + 1 if level < HIGHEST_LEVEL else None


def next_steps(
    actor: Actor, incident: Incident, sla: SlaStatus, acts: tuple[ActRecord, ...] = ()
) -> tuple[Step, ...]:
    """What ``actor`` may do with ``incident`` now, in the screen's order."""
    status = incident.status
    clocks = {deadline.kind for deadline in sla.deadlines}
    steps: list[Step] = []
    if incident.is_open:
        for step, (milestone, stops) in MILESTONES.items():
            if clocks & stops and incident.first_event_at(milestone) is None:
                steps.append(step)
        if status in (IncidentStatus.NEW, IncidentStatus.WAITING):
            steps.append(Step.IN_PROGRESS)
        if status in (IncidentStatus.NEW, IncidentStatus.IN_PROGRESS):
            steps.append(Step.WAITING)
        if next_level(sla) is not None:
            steps.append(Step.ESCALATE)
        steps.append(Step.RESOLVE)
    else:
        if satisfaction_due(incident):
            steps.append(Step.SATISFACTION)
        steps.append(Step.REOPEN)
        if status is IncidentStatus.RESOLVED:
            steps.append(Step.CLOSE)
    if status is not IncidentStatus.CLOSED:
        steps.append(Step.SIGN_ACT)
    reported = any(act.kind is ActKind.POST_INCIDENT_REPORT for act in acts)
    if not incident.is_open and not reported and ever_priorities(incident) & REPORT_PRIORITIES:
        steps.append(Step.REPORT)
    if awaiting_sign_off(incident, acts) is not None:
        steps.append(Step.SIGN_OFF)
    steps += [Step.NOTE, Step.ATTACH]
    return tuple(step for step in steps if allowed(actor, STEP_ACTIONS[step]))


@dataclass(frozen=True, slots=True)
class IncidentDetail:
    incident: Incident  # redacted for the actor
    guest_name: str  # display name: the alias for a quiet visit
    tier: Tier
    sla: SlaStatus
    steps: tuple[Step, ...]
    acts: tuple[ActRecord, ...]  # oldest first
    attachments: tuple[AttachmentInfo, ...]  # photos and receipts, oldest first
    staff_names: Mapping[str, str]  # staff id -> name, for the timeline
    as_of: datetime

    @property
    def next_level(self) -> int | None:
        return next_level(self.sla)

    def may(self, step: Step) -> bool:
        return step in self.steps

    @property
    def report_to_sign_off(self) -> ActRecord | None:
        """The report a duty manager signs off now (the incident's latest), if any."""
        waiting = awaiting_sign_off(self.incident, self.acts)
        return None if waiting is None else waiting.report
