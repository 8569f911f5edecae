"""Per-field resolution of a 412: one row per case of the rule in docs/helpdesk-api.md."""

from typing import Any

import pytest

from app.sync.conflicts import resolve

Fields = dict[str, Any]
CASES: list[tuple[str, Fields, Fields, Fields, Fields, list[str]]] = [
    # name, ours, base, theirs (current), re-sent, conflicts
    ("untouched by them: sent again", {"status": "waiting"}, {"status": "new"},
     {"status": "new"}, {"status": "waiting"}, []),
    ("they made the same change", {"status": "waiting"}, {"status": "new"},
     {"status": "waiting"}, {}, []),
    ("both changed the status", {"status": "waiting"}, {"status": "new"},
     {"status": "resolved"}, {}, ["status"]),
    ("both changed the priority", {"priority": "P1"}, {"priority": "P3"},
     {"priority": "P2"}, {}, ["priority"]),
    ("both changed the owner", {"owner_id": "H002"}, {"owner_id": "H001"},
     {"owner_id": None}, {}, ["owner_id"]),
    ("both changed the summary", {"summary": "ours"}, {"summary": "old"},
     {"summary": "theirs"}, {}, ["summary"]),
    ("escalation only goes up: ours higher", {"manual_escalation_level": 3},
     {"manual_escalation_level": 0}, {"manual_escalation_level": 2},
     {"manual_escalation_level": 3}, []),
    ("escalation only goes up: theirs higher", {"manual_escalation_level": 2},
     {"manual_escalation_level": 0}, {"manual_escalation_level": 4}, {}, []),
    ("one field merges, the other conflicts", {"status": "waiting", "priority": "P1"},
     {"status": "new", "priority": "P3"}, {"status": "resolved", "priority": "P3"},
     {"priority": "P1"}, ["status"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("ours", "base", "theirs", "resent", "conflicts"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_version_conflict_is_resolved_field_by_field(
    ours: dict[str, Any],
    base: dict[str, Any],
    theirs: dict[str, Any],
    resent: dict[str, Any],
    conflicts: list[str],
) -> None:
    resolution = resolve(ours, base, theirs)
    assert resolution.reapply == resent
    assert resolution.reapply_base == {name: theirs[name] for name in resent}
    assert [c[0] for c in resolution.conflicts] == conflicts
    for name, was, mine, current in resolution.conflicts:
        assert (was, mine, current) == (base[name], ours[name], theirs[name])
