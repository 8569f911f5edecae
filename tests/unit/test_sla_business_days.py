"""Business days: Mon-Fri in Sydney, public holidays counted like Sundays."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.enums import IncidentStatus, Priority
from app.sla import DeadlineKind
from tests.unit.test_sla_support import POLICY, SECOND, Story, make_incident

SYDNEY = ZoneInfo("Australia/Sydney")
CALENDAR = POLICY.calendar


def sydney(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SYDNEY)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param(sydney(2026, 3, 6, 10), 3, sydney(2026, 3, 11, 10), id="Fri 10:00 -> Wed"),
        pytest.param(sydney(2026, 3, 9, 9), 1, sydney(2026, 3, 10, 9), id="Mon -> Tue"),
        pytest.param(sydney(2026, 3, 7, 10), 3, sydney(2026, 3, 12), id="opened Sat: end of Wed"),
        pytest.param(
            sydney(2026, 4, 2, 10), 3, sydney(2026, 4, 9, 10), id="across Easter and DST end"
        ),
        pytest.param(sydney(2026, 4, 3, 11), 3, sydney(2026, 4, 10), id="opened on Good Friday"),
        pytest.param(sydney(2026, 1, 23, 9), 1, sydney(2026, 1, 27, 9), id="across Australia Day"),
        pytest.param(
            sydney(2026, 12, 24, 15),
            1,
            sydney(2026, 12, 29, 15),
            id="Christmas and the Boxing Day additional day",
        ),
        pytest.param(
            sydney(2027, 12, 24, 15),
            1,
            sydney(2027, 12, 29, 15),
            id="both 2027 additional days",
        ),
        pytest.param(sydney(2026, 3, 6, 0), 1, sydney(2026, 3, 7), id="a whole day ends at 24:00"),
    ],
)
def test_add_business_days(start: datetime, days: int, expected: datetime) -> None:
    assert CALENDAR.add_business_days(start, days) == expected


def test_business_time_between_skips_the_weekend() -> None:
    between = CALENDAR.business_time_between(sydney(2026, 3, 6, 14), sydney(2026, 3, 9, 10))
    assert between == timedelta(hours=20)  # Fri 14-24 and Mon 0-10


def test_p4_deadline_just_before_and_after_three_business_days() -> None:
    # Friday 6 March 2026, 10:00 Sydney -> Wednesday 11 March, 10:00.
    story = Story(make_incident(Priority.P4, opened_at=sydney(2026, 3, 6, 10)))
    due = sydney(2026, 3, 11, 10) - story.incident.opened_at
    assert story.status_at(due - SECOND).time_to_breach == SECOND
    assert story.status_at(due + SECOND).breached_kinds == (DeadlineKind.RESOLVE,)


def test_p4_waiting_over_the_weekend_pauses_only_business_time() -> None:
    story = Story(make_incident(Priority.P4, opened_at=sydney(2026, 3, 6, 10)))
    story.at(timedelta(hours=4)).status_to(IncidentStatus.WAITING)  # Fri 14:00
    story.clock.set(sydney(2026, 3, 9, 10))  # Mon 10:00
    story.status_to(IncidentStatus.IN_PROGRESS)
    resolve = story.status().deadline(DeadlineKind.RESOLVE)
    assert resolve is not None
    # 20 business hours paused: Wed 10:00 + 20 h of business time = Thu 06:00.
    assert resolve.due_at == sydney(2026, 3, 12, 6)


# Australian national and NSW public holidays falling on a weekday, 2026-2027.
WEEKDAY_HOLIDAYS = [
    date(2026, 1, 1), date(2026, 1, 26), date(2026, 4, 3), date(2026, 4, 6),
    date(2026, 6, 8), date(2026, 10, 5), date(2026, 12, 25), date(2026, 12, 28),
    date(2027, 1, 1), date(2027, 1, 26), date(2027, 3, 26), date(2027, 3, 29),
    date(2027, 6, 14), date(2027, 10, 4), date(2027, 12, 27), date(2027, 12, 28),
]  # fmt: skip


@pytest.mark.parametrize("day", WEEKDAY_HOLIDAYS, ids=str)
def test_default_policy_knows_the_public_holiday(day: date) -> None:
    assert day.weekday() < 5
    assert not CALENDAR.is_business_day(day)


def test_the_default_calendar_lists_no_holiday_twice_and_no_other_weekday() -> None:
    listed_weekdays = sorted(d for d in CALENDAR.holidays if d.weekday() < 5)
    assert listed_weekdays == WEEKDAY_HOLIDAYS
    assert CALENDAR.timezone == "Australia/Sydney"
