"""Post-incident reports: P1/P2 (now or ever), due 24 h after the first resolution."""

from datetime import timedelta

import pytest

from app.acts.post_incident import REPORT_WINDOW, due_reports, resolved_at, summarise
from app.domain import IncidentStatus, Priority
from app.domain.enums import EventKind
from app.domain.incident import change_status, new_event, with_event
from tests.unit.acts_fixtures import T0, incident

RESOLVED_AT = T0 + timedelta(minutes=50)


def downgraded_from_p1():
    base = incident("down", priority=Priority.P1, status=IncidentStatus.RESOLVED)
    event = new_event(
        base, EventKind.PRIORITY_CHANGED, "P001", T0 + timedelta(minutes=6), "", "P1", "P3"
    )
    return with_event(base, event, priority=Priority.P3)


@pytest.mark.parametrize(
    ("case", "make", "hours_after", "expected"),
    [
        (
            "P1 resolved, within 24 h",
            lambda: incident("a", priority=Priority.P1, status=IncidentStatus.RESOLVED),
            3,
            "due",
        ),
        (
            "P2 closed, after 24 h",
            lambda: incident("b", priority=Priority.P2, status=IncidentStatus.CLOSED),
            30,
            "overdue",
        ),
        (
            "P3 resolved",
            lambda: incident("c", priority=Priority.P3, status=IncidentStatus.RESOLVED),
            3,
            None,
        ),
        (
            "P4 resolved",
            lambda: incident("d", priority=Priority.P4, status=IncidentStatus.RESOLVED),
            30,
            None,
        ),
        ("P1 still open", lambda: incident("e", priority=Priority.P1), 30, None),
        ("P1 then P3, resolved", downgraded_from_p1, 3, "due"),
        (
            "P1 resolved 15 days ago",
            lambda: incident("f", priority=Priority.P1, status=IncidentStatus.RESOLVED),
            24 * 15,
            None,
        ),
    ],
)
def test_due_reports_table(case: str, make, hours_after: int, expected: str | None) -> None:
    item = make()
    now = RESOLVED_AT + timedelta(hours=hours_after)
    due = due_reports([item], (), now)
    if expected is None:
        assert due == [], case
        return
    assert len(due) == 1, case
    assert due[0].due_at == RESOLVED_AT + REPORT_WINDOW
    assert due[0].overdue is (expected == "overdue"), case


def test_a_filed_report_settles_the_incident() -> None:
    item = incident("a", status=IncidentStatus.RESOLVED)
    assert due_reports([item], {"a"}, RESOLVED_AT + timedelta(hours=1)) == []


def test_the_clock_starts_at_the_first_resolution() -> None:
    item = incident("a", status=IncidentStatus.RESOLVED)
    reopened = change_status(
        item, IncidentStatus.IN_PROGRESS, "P001", RESOLVED_AT + timedelta(hours=1)
    )
    again = change_status(
        reopened, IncidentStatus.RESOLVED, "P001", RESOLVED_AT + timedelta(hours=5)
    )
    assert resolved_at(again) == RESOLVED_AT


def test_summary_counts_and_names_the_most_urgent() -> None:
    late = incident("late", priority=Priority.P2, status=IncidentStatus.CLOSED)
    soon = incident("soon", priority=Priority.P1, status=IncidentStatus.RESOLVED)
    soon = with_event(soon, new_event(soon, EventKind.NOTE, "P001", RESOLVED_AT))
    reports = due_reports([soon, late], (), RESOLVED_AT + timedelta(hours=25))
    summary = summarise(reports)
    assert (summary.due, summary.overdue) == (2, 2)
    assert summary.next_due is not None and summary.next_due.priority in ("P1", "P2")
    assert not summarise([]).any
