"""Which events alert whom. Pure: open incidents with their SLA status, a recipient and
a window ``[since, now]`` in; the alerts that fell in it out.

Who is told (least privilege: only people whose role may see the incident and who can
act on it; a concierge or a VIP desk agent is told nothing of incidents they did not
take on; a duty manager, the ladder's L2 and L4, hears of its escalations only):

| event | when (``at``) | who |
|---|---|---|
| a new P1 | opened | pit bosses of its table (all: no table) but the one who opened it |
| breach within a minute | due − ``urgency.alert_seconds`` | its owner, the pit boss of its table |
| automatic escalation | the level's ``since`` | its owner; from L3, pit bosses as for a P1; |
| | | from L2, every duty manager |
| manual escalation | the level's ``since`` | from L2, every duty manager |
| your guest is in an incident | opened | the guest's host, when someone else owns it |
| a request routed to you | opened | its owner, when someone else opened it |
| update due (waiting) | ``next_update_due`` | its owner |

The window makes it replayable: at sign-in the window starts where the person's last
session left off, on this device or (said by the helpdesk) another, and at least
``SHIFT_LOOKBACK`` back, so what happened while they were away, and an incident synced
in late, reach them then (docs/alerts.md).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.actor import Actor
from app.alerts.model import Alert, AlertKind
from app.domain.enums import IncidentStatus, Priority, Role
from app.domain.incident import Incident
from app.permissions import Action, allowed
from app.sla import EscalationReason, SlaStatus

SHIFT_LOOKBACK = timedelta(hours=12)  # every check looks one shift back at least
AUTOMATIC = frozenset(
    {EscalationReason.LADDER, EscalationReason.SLA_BREACH, EscalationReason.TRIGGER}
)
PIT_BOSS_LEVEL = 3  # the ladder's L3: pit boss / director of table games
DUTY_MANAGER_LEVEL = 2  # the ladder's L2: service manager (and L4: VIP director)
ESCALATIONS = AUTOMATIC | {EscalationReason.MANUAL}


@dataclass(frozen=True, slots=True)
class Watched:
    incident: Incident
    sla: SlaStatus
    guest_host_id: str | None = None
    guest_name: str = ""  # the real name: only ever put on an alert to the guest's host


def alerts_for(
    recipient: Actor,
    watched: Iterable[Watched],
    since: datetime,
    now: datetime,
    alert_before: timedelta,
) -> list[Alert]:
    """Every alert for ``recipient`` whose event happened in ``[since, now]``: both ends,
    so an event at the very instant of the last check is not lost between two checks;
    an alert's id is the same each time, so the inbox keeps it once."""
    if not allowed(recipient, Action.INCIDENT_VIEW):
        return []
    found: dict[str, Alert] = {}
    for item in watched:
        for kind, at, level, automatic in _events(item, alert_before, now):
            if since <= at <= now and _told(recipient, item, kind, level, automatic):
                alert = _alert(recipient, item, kind, at, level)
                found.setdefault(alert.id, alert)
    return sorted(found.values(), key=lambda a: (a.at, a.id))


def _events(
    item: Watched, alert_before: timedelta, now: datetime
) -> Iterator[tuple[AlertKind, datetime, int, bool]]:
    """(kind, when, level, automatic): a manual escalation is news to duty managers
    only (whoever escalated by hand told the floor themselves)."""
    incident, sla = item.incident, item.sla
    level = sla.escalation.level
    opened = incident.opened_at
    if incident.priority is Priority.P1:
        yield AlertKind.NEW_P1, opened, level, True
    yield AlertKind.GUEST_IN_INCIDENT, opened, level, True
    yield AlertKind.ROUTED_TO_YOU, opened, level, True
    due = sla.nearest_due_at if sla.ticking else None
    if due is not None and due > now:  # still to come: a warning, not history
        yield AlertKind.BREACH_SOON, due - alert_before, level, True
    reason = sla.escalation.reason
    if level > 1 and reason in ESCALATIONS:
        yield AlertKind.ESCALATED, sla.escalation.since, level, reason in AUTOMATIC
    if incident.status is IncidentStatus.WAITING and sla.next_update_due is not None:
        yield AlertKind.UPDATE_DUE, sla.next_update_due, level, True


def _told(recipient: Actor, item: Watched, kind: AlertKind, level: int, automatic: bool) -> bool:
    if recipient.role is Role.DUTY_MANAGER:
        return kind is AlertKind.ESCALATED and level >= DUTY_MANAGER_LEVEL
    if not automatic:
        return False
    incident = item.incident
    me = recipient.staff_id
    owner = incident.owner_id == me
    host = item.guest_host_id == me and recipient.role is Role.HOST
    boss = recipient.role is Role.PIT_BOSS
    at_my_table = boss and incident.table_id is not None and incident.table_id in recipient.tables
    my_floor = boss and (incident.table_id is None or incident.table_id in recipient.tables)
    if kind is AlertKind.NEW_P1:  # its owner and the host hear of it as theirs (below)
        return my_floor and incident.opened_by != me
    if kind is AlertKind.BREACH_SOON:
        return owner or at_my_table
    if kind is AlertKind.ESCALATED:
        return owner or (level >= PIT_BOSS_LEVEL and my_floor)
    if kind is AlertKind.GUEST_IN_INCIDENT:
        return host and not owner
    if kind is AlertKind.ROUTED_TO_YOU:
        return owner and incident.opened_by != me
    return owner  # UPDATE_DUE


def _alert(recipient: Actor, item: Watched, kind: AlertKind, at: datetime, level: int) -> Alert:
    incident = item.incident
    guest = item.guest_name if kind is AlertKind.GUEST_IN_INCIDENT else ""
    return Alert(
        id=f"{kind.value}:{incident.id}:{recipient.staff_id}:{level}:{at.isoformat()}",
        recipient_id=recipient.staff_id,
        kind=kind,
        incident_id=incident.id,
        at=at,
        ticket=incident.display_number,
        priority=incident.priority,
        category=incident.category,
        level=level,
        guest_name=guest,
    )
