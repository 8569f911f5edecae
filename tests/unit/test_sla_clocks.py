"""app.sla.sla_clocks: the clocks of sla_status, without the escalation."""

import pytest

from app.domain.enums import Category, Channel, EventKind, IncidentStatus, Priority, Tier
from app.domain.incident import change_status, escalate, record_milestone
from app.kpis import incident_facts
from app.sla import sla_clocks, sla_status
from tests.unit.test_sla_support import POLICY, T0, make_incident, minutes


def _timelines() -> list[object]:
    onsite = make_incident(Priority.P2, Category.EQUIPMENT_DOWN, Channel.ONSITE, table_id="BJ-3")
    waiting = change_status(onsite, IncidentStatus.WAITING, "H001", T0 + minutes(5))
    back = change_status(waiting, IncidentStatus.IN_PROGRESS, "H001", T0 + minutes(50))
    reacted = record_milestone(back, EventKind.REACTED, "H001", T0 + minutes(55))
    resolved = change_status(reacted, IncidentStatus.RESOLVED, "H001", T0 + minutes(400))
    escalated = escalate(make_incident(Priority.P1), 3, "H001", T0 + minutes(2), "why")
    return [make_incident(), make_incident(Priority.P4), onsite, waiting, back, resolved, escalated]


@pytest.mark.parametrize("incident", _timelines())
@pytest.mark.parametrize("later", [0, 20, 90, 3000])
@pytest.mark.parametrize("tier", [Tier.VIP, Tier.VVIP])
def test_the_clocks_are_those_of_the_status(incident: object, later: int, tier: Tier) -> None:
    now = T0 + minutes(later)
    status = sla_status(incident, tier, POLICY, now)  # type: ignore[arg-type]
    clocks = sla_clocks(incident, tier, POLICY, now)  # type: ignore[arg-type]
    assert clocks.deadlines == status.deadlines
    assert (clocks.is_open, clocks.paused) == (status.is_open, status.paused)
    assert clocks.next_update_due == status.next_update_due
    assert clocks.breached == status.breached
    assert incident_facts(incident, tier, POLICY, now, clocks) == incident_facts(  # type: ignore[arg-type]
        incident,
        tier,
        POLICY,
        now,
        status,  # type: ignore[arg-type]
    )
