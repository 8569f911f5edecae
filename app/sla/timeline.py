"""What the SLA clocks need from an incident's timeline, read in one pass.

The timeline (``Incident.events``) is the source of truth: waiting and
resolved spells come from STATUS_CHANGED events (``to_value``), milestones
from the first REACTED / DECIDED / STABILISED event. Events later than ``now``
are ignored, so a status can be computed "as of" any instant.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from app.domain.enums import EventKind, IncidentStatus
from app.domain.incident import Incident

Interval = tuple[datetime, datetime]

WAITING = IncidentStatus.WAITING.value
RESOLVED_STATES = frozenset({IncidentStatus.RESOLVED.value, IncidentStatus.CLOSED.value})
MILESTONES = frozenset({EventKind.REACTED, EventKind.DECIDED, EventKind.STABILISED})


@dataclass(frozen=True, slots=True)
class Timeline:
    waiting: tuple[Interval, ...]  # sorted; a current spell ends at ``now``
    resolved: tuple[Interval, ...]  # resolved/closed spells that were reopened
    currently_waiting: bool
    resolved_since: datetime | None  # start of the current resolved/closed spell
    first_resolved_at: datetime | None
    milestones: Mapping[EventKind, datetime]  # first occurrence of each milestone
    escalated_at: Mapping[int, datetime]  # level -> last explicit escalation to it
    last_event_at: datetime  # latest event, or T0 when there is none

    @property
    def is_open(self) -> bool:
        return self.resolved_since is None


def read_timeline(incident: Incident, now: datetime) -> Timeline:
    events = incident.events
    if any(later.at < earlier.at for earlier, later in zip(events, events[1:], strict=False)):
        events = tuple(sorted(events, key=lambda event: event.at))  # merged from sync
    waiting: list[Interval] = []
    resolved: list[Interval] = []
    wait_start: datetime | None = None
    resolved_start: datetime | None = None
    first_resolved: datetime | None = None
    milestones: dict[EventKind, datetime] = {}
    escalated_at: dict[int, datetime] = {}
    last_event_at = incident.opened_at
    for event in events:
        if event.at > now:
            break
        last_event_at = max(last_event_at, event.at)
        if event.kind is EventKind.STATUS_CHANGED:
            to = event.to_value
            if wait_start is not None and to != WAITING:
                waiting.append((wait_start, event.at))
                wait_start = None
            if resolved_start is not None and to not in RESOLVED_STATES:
                resolved.append((resolved_start, event.at))  # a reopen
                resolved_start = None
            if to == WAITING and wait_start is None:
                wait_start = event.at
            if to in RESOLVED_STATES and resolved_start is None:
                resolved_start = event.at
                first_resolved = first_resolved or event.at
        elif event.kind in MILESTONES:
            milestones.setdefault(event.kind, event.at)
        elif event.kind is EventKind.ESCALATED and event.to_value.isdigit():
            escalated_at[int(event.to_value)] = event.at
    if wait_start is not None:
        waiting.append((wait_start, now))
    return Timeline(
        waiting=tuple(waiting),
        resolved=tuple(resolved),
        currently_waiting=wait_start is not None,
        resolved_since=resolved_start,
        first_resolved_at=first_resolved,
        milestones=MappingProxyType(milestones),
        escalated_at=MappingProxyType(escalated_at),
        last_event_at=last_event_at,
    )
