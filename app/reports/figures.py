"""What a report says, gathered once from a source (the helpdesk's database or a
console's store) and drawn by ``app.reports.pdf`` or written by ``app.reports.csv_rows``.

A period is whole days of the property's calendar ([midnight, midnight) in its zone):
one day for the daily report, a month for the VIP summary. Every figure is the KPI
report's (``app.kpis``: the same definitions as ``GET /v1/kpis``), for the period and
for each of its days (the trend); the open P1/P2 are the backlog when the report was
made, which for a report written just after midnight is the day's end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from app.kpis import KpiReport

Kind = Literal["daily", "monthly"]
MAX_BREACHES = 40  # listed by number; the count covers them all


@dataclass(frozen=True, slots=True)
class Breach:
    """An incident of the period whose resolution clock was missed."""

    number: str
    priority: str
    category: str
    opened_at: datetime  # UTC
    due_at: datetime  # UTC


@dataclass(frozen=True, slots=True)
class Period:
    kind: Kind
    first: date  # the first day, in the property's zone
    last: date  # the last day, inclusive
    zone: ZoneInfo

    @property
    def since(self) -> datetime:
        return _midnight(self.first, self.zone)

    @property
    def until(self) -> datetime:
        return _midnight(self.last + timedelta(days=1), self.zone)

    @property
    def label(self) -> str:
        return self.first.isoformat() if self.kind == "daily" else self.first.strftime("%Y-%m")

    def days(self) -> list[date]:
        count = (self.last - self.first).days + 1
        return [self.first + timedelta(days=n) for n in range(count)]

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        return _midnight(day, self.zone), _midnight(day + timedelta(days=1), self.zone)


def day_period(day: date, zone: ZoneInfo) -> Period:
    return Period("daily", day, day, zone)


def month_period(month: str, zone: ZoneInfo) -> Period:
    """``month`` as YYYY-MM (ValueError otherwise)."""
    first = datetime.strptime(month, "%Y-%m").date()
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return Period("monthly", first, following - timedelta(days=1), zone)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), zone).astimezone(UTC)


class ReportSource(Protocol):
    """Where the figures come from: the helpdesk's database or a console's store."""

    label: str  # "helpdesk" or "console TAB-0042": printed on the report

    def kpis(self, since: datetime, until: datetime, now: datetime) -> KpiReport: ...

    def channels(self, since: datetime, until: datetime) -> Mapping[str, int]: ...

    def open_by_priority(self) -> Mapping[str, int]: ...

    def breaches(self, since: datetime, until: datetime, now: datetime) -> Sequence[Breach]: ...


@dataclass(frozen=True, slots=True)
class ReportFigures:
    period: Period
    property_name: str
    source: str
    made_at: datetime  # UTC: the "as of" of every clock still running
    total: KpiReport
    days: tuple[tuple[date, KpiReport], ...]
    channels: Mapping[str, int]
    open_by_priority: Mapping[str, int]
    breaches: tuple[Breach, ...]
    breach_count: int
    previous: KpiReport | None = None  # the month before (a monthly summary's trend)

    @property
    def title(self) -> str:
        if self.period.kind == "daily":
            return f"Daily report {self.period.label}"
        return f"Monthly VIP summary {self.period.label}"


def previous_month(period: Period) -> Period:
    return month_period((period.first - timedelta(days=1)).strftime("%Y-%m"), period.zone)


def gather(
    source: ReportSource, period: Period, property_name: str, now: datetime
) -> ReportFigures:
    """The figures; the period's own KPIs are asked for after the month before's (a
    source may keep the incidents of the last, widest window it was asked for)."""
    previous = None
    if period.kind == "monthly":
        before = previous_month(period)
        previous = source.kpis(before.since, before.until, now)
    since, until = period.since, period.until
    total = source.kpis(since, until, now)
    days = tuple((day, source.kpis(*period.day_bounds(day), now)) for day in period.days())
    breaches = tuple(source.breaches(since, until, now))
    sla = total.ratios["sla"]
    return ReportFigures(
        period=period,
        property_name=property_name,
        source=source.label,
        made_at=now,
        total=total,
        days=days,
        channels=dict(source.channels(since, until)),
        open_by_priority=dict(source.open_by_priority()),
        breaches=breaches[:MAX_BREACHES],
        breach_count=sla.denominator - sla.numerator,
        previous=previous,
    )
