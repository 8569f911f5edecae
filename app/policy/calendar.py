"""Business days on the property's calendar.

Definition used for every business-day target (P4 resolution, P4 updates, the
bank's SLA): *N business days* is N × 24 h of local wall-clock time counted only
on business days — the configured weekdays (Mon–Fri by default) in the
property's time zone, minus public holidays, which count like Sundays.

Consequences, all tested:
- opened on a business day at 10:00, 3 business days later is 10:00 on the
  third following business day (Fri 10:00 -> Wed 10:00);
- opened on a weekend or holiday, counting starts at 00:00 of the next business
  day, so the deadline is the end (24:00) of the Nth business day
  (Sat 10:00 -> Thu 00:00, i.e. the end of Wednesday);
- the wall clock is local, so a 23 h or 25 h DST day still counts as one day.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    timezone: str  # IANA name, e.g. "Australia/Sydney"
    weekdays: frozenset[int]  # date.weekday() values that are business days; Mon = 0
    holidays: Mapping[date, str]  # date -> name, treated like a Sunday
    zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "zone", ZoneInfo(self.timezone))

    def is_business_day(self, day: date) -> bool:
        return day.weekday() in self.weekdays and day not in self.holidays

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after ``day``."""
        day += DAY
        while not self.is_business_day(day):
            day += DAY
        return day

    def add_business_days(self, start: datetime, days: int) -> datetime:
        return self.add_business_time(start, days * DAY)

    def add_business_time(self, start: datetime, amount: timedelta) -> datetime:
        """The instant when ``amount`` of business time has elapsed after ``start``."""
        local = self._local(start)
        day = local.date()
        if self.is_business_day(day):
            remaining = amount + (local - datetime.combine(day, time()))
        else:
            day = self.next_business_day(day)  # counting starts at that day's 00:00
            remaining = amount
        while remaining > DAY:  # == DAY ends at 24:00 of ``day``, not on the next one
            remaining -= DAY
            day = self.next_business_day(day)
        return self._aware(datetime.combine(day, time()) + remaining)

    def business_time_between(self, start: datetime, end: datetime) -> timedelta:
        """How much business time lies in [start, end); zero when end <= start."""
        if end <= start:
            return timedelta(0)
        lo, hi = self._local(start), self._local(end)
        total = timedelta(0)
        day = lo.date()
        while day <= hi.date():
            if self.is_business_day(day):
                day_start = datetime.combine(day, time())
                overlap = min(day_start + DAY, hi) - max(day_start, lo)
                if overlap > timedelta(0):
                    total += overlap
            day += DAY
        return total

    def _local(self, instant: datetime) -> datetime:
        """Naive local wall time: business time is counted on the wall clock."""
        return instant.astimezone(self.zone).replace(tzinfo=None)

    def _aware(self, wall: datetime) -> datetime:
        return wall.replace(tzinfo=self.zone).astimezone(UTC)
