"""What the board relies on: sorting by time to breach and ticking without recomputing."""

from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from app.domain.enums import EventKind, IncidentStatus, Priority, Tier
from app.policy import load_policy
from app.sla import DeadlineKind, board_sort_key, sla_status, time_to_breach_at
from tests.unit.test_sla_support import POLICY, T0, Story, make_incident, minutes


def test_board_sorts_winnable_first_then_breached_and_closed_last() -> None:
    now = T0 + minutes(20)
    breached = replace(make_incident(Priority.P1), id="breached")  # stabilise 15 min ago
    soon = replace(make_incident(Priority.P2), id="soon")  # stabilise in 40 min
    later = replace(make_incident(Priority.P3), id="later")  # resolve in ~24 h
    closed = Story(replace(make_incident(Priority.P1), id="closed"))
    closed.at(minutes(1)).status_to(IncidentStatus.RESOLVED)
    incidents = [closed.incident, later, soon, breached]
    statuses = [sla_status(i, Tier.VIP, POLICY, now) for i in incidents]
    ordered = sorted(statuses, key=board_sort_key)
    # The deadline that can still be met comes before the one already lost (issue 14).
    assert [s.incident_id for s in ordered] == ["soon", "later", "breached", "closed"]


def test_equal_time_to_breach_sorts_by_priority() -> None:
    p2 = replace(make_incident(Priority.P2), id="a-p2")
    p1 = replace(make_incident(Priority.P1), id="b-p1")
    statuses = [sla_status(i, Tier.VIP, POLICY, T0) for i in (p2, p1)]
    statuses = [replace(s, nearest=replace(statuses[0].nearest)) for s in statuses]
    assert [s.incident_id for s in sorted(statuses, key=board_sort_key)] == ["b-p1", "a-p2"]


@pytest.mark.parametrize("priority", list(Priority))
def test_ticking_by_subtraction_matches_a_full_recompute(priority: Priority) -> None:
    story = Story(make_incident(priority))
    status = story.status_at(minutes(1))
    assert status.recompute_at is not None
    step = (status.recompute_at - status.computed_at) / 7
    for n in range(1, 8):
        now = status.computed_at + step * n
        assert time_to_breach_at(status, now) == story.status_at(now - T0).time_to_breach


def test_recompute_at_is_the_first_instant_something_changes() -> None:
    story = Story(make_incident(Priority.P1), Tier.VVIP)
    status = story.status_at(minutes(1))
    assert status.recompute_at == T0 + minutes(10)  # VVIP L2
    story.at(minutes(11)).milestone(EventKind.STABILISED)
    assert story.status_at(minutes(12)).recompute_at == T0 + minutes(30)  # L3


def test_an_edited_policy_copy_can_make_vvip_tighter(tmp_path: Path) -> None:
    text = resources.files("app.policy").joinpath("default_policy.toml").read_text("utf-8")
    edited = text.replace(
        "resolve = { VIP = 120, VVIP = 120 }", "resolve = { VIP = 120, VVIP = 90 }"
    )
    assert edited != text
    path = tmp_path / "policy.toml"
    path.write_text(edited, encoding="utf-8")
    policy = load_policy(path)
    incident = make_incident(Priority.P1)
    for tier, expected in ((Tier.VIP, minutes(120)), (Tier.VVIP, minutes(90))):
        resolve = sla_status(incident, tier, policy, T0).deadline(DeadlineKind.RESOLVE)
        assert resolve is not None and resolve.due_at == T0 + expected
