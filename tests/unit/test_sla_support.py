"""Builders shared by the SLA tests (this module holds no tests of its own).

T0 is Thursday 5 March 2026, 12:00 in Sydney (AEDT, UTC+11): no public
holiday in the following week, so three business days later is Tuesday.
"""

from datetime import UTC, datetime, timedelta

from app.clock import FakeClock
from app.domain.enums import Category, Channel, EventKind, IncidentStatus, Priority, Tier
from app.domain.incident import Incident, change_status, escalate, record_milestone
from app.policy import SlaPolicy, load_policy
from app.sla import SlaStatus, sla_status

T0 = datetime(2026, 3, 5, 1, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
POLICY = load_policy()


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def make_incident(
    priority: Priority = Priority.P1,
    category: Category = Category.OTHER,
    channel: Channel = Channel.PHONE,
    table_id: str | None = None,
    machine: str = "",
    opened_at: datetime = T0,
) -> Incident:
    return Incident(
        id="inc-1",
        provisional_number="D1-0001",
        opened_at=opened_at,
        opened_by="H001",
        priority=priority,
        category=category,
        channel=channel,
        summary="test incident",
        table_id=table_id,
        machine=machine,
    )


class Story:
    """An incident living on a FakeClock: each step happens at an offset from T0."""

    def __init__(self, incident: Incident, tier: Tier = Tier.VIP, policy: SlaPolicy = POLICY):
        self.incident = incident
        self.tier = tier
        self.policy = policy
        self.clock = FakeClock(incident.opened_at)

    def at(self, offset: timedelta) -> "Story":
        self.clock.set(self.incident.opened_at + offset)
        return self

    def status_to(self, to: IncidentStatus) -> "Story":
        self.incident = change_status(self.incident, to, "H001", self.clock.now())
        return self

    def milestone(self, kind: EventKind) -> "Story":
        self.incident = record_milestone(self.incident, kind, "P001", self.clock.now())
        return self

    def escalate(self, level: int) -> "Story":
        self.incident = escalate(self.incident, level, "P001", self.clock.now(), "by hand")
        return self

    def status(self) -> SlaStatus:
        return sla_status(self.incident, self.tier, self.policy, self.clock.now())

    def status_at(self, offset: timedelta) -> SlaStatus:
        return self.at(offset).status()
