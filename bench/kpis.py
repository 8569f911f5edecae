"""The helpdesk's KPIs over a year of a busy property: 500,000 incidents, 5 million events.

Issue 14 asks for ``GET /v1/kpis``'s computation in at most 1 s on SQLite. The data set is
a helpdesk database made by its migrations and filled once (``bench/.cache``): incidents
spread over a year, ten timeline events each (milestones, notes, a pause, the
resolution, the guest's answer; some reopened, the last days' still open), and each
incident's KPI facts computed by the definitions themselves (``app.kpis``), as the
helpdesk writes them, with their day sums. Measured: the endpoint's work (its SQL
aggregates and the report) over a year that starts and ends mid-day, through the
helpdesk's own session. The limit beside it, in the same run: one bare ``SUM`` over the
same year's rows of ``incident_kpis``, the least any pass over the rows costs. The same
sums read row by row (no day sums) are reported too, for comparison.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain import (
    Category,
    Channel,
    EventKind,
    Incident,
    IncidentEvent,
    Priority,
    Satisfaction,
    Tier,
)
from app.domain import IncidentStatus as St
from app.kpis import KpiReport, build_report, incident_facts
from app.kpis.totals import GROUP_FIELDS, GroupTotals, contribution
from app.policy import SlaPolicy, load_policy
from bench.cache import cached, sqlite_counts
from bench.common import CACHE_DIR, Measure, write_result

if TYPE_CHECKING:
    from helpdesk.db import Database

# A smaller year for a quick check that the benchmarks run (its own cached file).
INCIDENTS = int(os.environ.get("BENCH_KPI_INCIDENTS", "500000"))
EVENTS_PER_INCIDENT = 10
RUNS = 7
TARGET_S = 1.0
DATA_VERSION = "2"  # 2: with the day sums
YEAR_START = datetime(2026, 1, 1, tzinfo=UTC)
NOW = YEAR_START + timedelta(days=365)
# The period measured: a year, starting and ending mid-day (ragged ends read row by row).
SINCE = YEAR_START + timedelta(hours=13, minutes=17)
UNTIL = NOW - timedelta(hours=5)
CHUNK = 5000
STAFF = "P001"
_CATEGORIES = list(Category)
_CHANNELS = [Channel.ONSITE] * 5 + [Channel.PHONE, Channel.CHAT, Channel.EMAIL, Channel.MESSENGER]
_PRIORITIES = [Priority.P1] + [Priority.P2] * 3 + [Priority.P3] * 8 + [Priority.P4] * 4
_ANSWERS = ["very_happy"] * 12 + ["happy"] * 5 + ["neutral", "unhappy", "not_asked", "not_asked"]


def database_path(cache_dir: Path = CACHE_DIR) -> Path:
    return cached(cache_dir / f"helpdesk-kpis-{INCIDENTS}-v{DATA_VERSION}.db", build, problem)


def problem(path: Path) -> str | None:
    counts = sqlite_counts(path, ("incidents", "incident_events", "incident_kpis"))
    if isinstance(counts, str):
        return counts
    connection = sqlite3.connect(path)
    try:
        summed = connection.execute("SELECT SUM(opened) FROM incident_kpi_days").fetchone()[0]
    finally:
        connection.close()
    if summed != INCIDENTS:
        return f"the day sums count {summed} incidents, expected {INCIDENTS}"
    expected = {
        "incidents": INCIDENTS,
        "incident_events": INCIDENTS * EVENTS_PER_INCIDENT,
        "incident_kpis": INCIDENTS,
    }
    return None if counts == expected else f"{counts}, expected {expected}"


def build(path: Path) -> None:
    from helpdesk.db import Database

    database = Database(f"sqlite:///{path}")
    database.create_schema(20001)  # the helpdesk's own migrations: its tables and indexes
    database.dispose()
    policy = load_policy()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    started = time.perf_counter()
    rng = random.Random(14)
    days: dict[tuple[object, ...], GroupTotals] = {}
    for done in range(0, INCIDENTS, CHUNK):
        _write_chunk(connection, rng, policy, done, days)
        connection.commit()
        if done % 50_000 == 0:
            print(f"  {done:,} incidents in {time.perf_counter() - started:.0f} s", flush=True)
    names = ("day_s", "priority", "tier", "category", *GROUP_FIELDS)
    _insert(
        connection,
        "incident_kpi_days",
        [
            dict(zip(names, (*key, *(getattr(sums, f) for f in GROUP_FIELDS)), strict=True))
            for key, sums in days.items()
        ],
    )
    connection.execute("ANALYZE")  # what a helpdesk's periodic ANALYZE would leave
    connection.commit()
    connection.close()


def _write_chunk(
    connection: sqlite3.Connection,
    rng: random.Random,
    policy: SlaPolicy,
    start: int,
    days: dict[tuple[object, ...], GroupTotals],
) -> None:
    """Incidents, their events and facts; the facts' day sums added up in ``days`` (what
    the helpdesk's ``store_facts`` keeps, one incident at a time)."""
    from helpdesk.kpis import day_key, facts_row

    incidents, events, facts = [], [], []
    for n in range(start, min(start + CHUNK, INCIDENTS)):
        incident, tier = _incident(rng, n)
        incidents.append(_incident_row(incident, n))
        events += [
            _event_row(e, n * EVENTS_PER_INCIDENT + k) for k, e in enumerate(incident.events)
        ]
        found = incident_facts(incident, tier, policy, NOW)
        facts.append(facts_row(found))
        key = tuple(day_key(found).values())
        days.setdefault(key, GroupTotals()).add(contribution(found, None))
    _insert(connection, "incidents", incidents)
    _insert(connection, "incident_events", events)
    _insert(connection, "incident_kpis", facts)


def _insert(connection: sqlite3.Connection, table: str, rows: list[dict[str, object]]) -> None:
    names = list(rows[0])
    marks = ", ".join("?" for _ in names)
    connection.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
        [tuple(row[name] for name in names) for row in rows],
    )


def _incident(rng: random.Random, n: int) -> tuple[Incident, Tier]:
    """One incident of the year: opened at an even pace, ten events."""
    t0 = YEAR_START + timedelta(seconds=int(n * 365 * 86400 / INCIDENTS) + rng.randint(0, 59))
    channel = rng.choice(_CHANNELS)
    priority = rng.choice(_PRIORITIES)
    incident = Incident(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        provisional_number=f"TAB-BENCH-{n:07d}",
        opened_at=t0,
        opened_by=STAFF,
        priority=priority,
        category=rng.choice(_CATEGORIES),
        channel=channel,
        summary="Bench incident",
        table_id="BJ-301" if channel is Channel.ONSITE else None,
    )
    return _with_timeline(incident, rng), Tier.VVIP if rng.random() < 0.2 else Tier.VIP


def _with_timeline(incident: Incident, rng: random.Random) -> Incident:
    minute = timedelta(minutes=1)
    t = incident.opened_at
    steps: list[tuple[timedelta, EventKind, str, str]] = [
        (timedelta(0), EventKind.OPENED, "", ""),
        (rng.randint(1, 4) * minute, EventKind.REACTED, "", ""),
        (timedelta(0), EventKind.STATUS_CHANGED, St.NEW, St.IN_PROGRESS),
        (rng.randint(1, 8) * minute, EventKind.DECIDED, "", ""),
        (rng.randint(1, 20) * minute, EventKind.NOTE, "", ""),
        (rng.randint(1, 30) * minute, EventKind.STATUS_CHANGED, St.IN_PROGRESS, St.WAITING),
        (rng.randint(5, 90) * minute, EventKind.STATUS_CHANGED, St.WAITING, St.IN_PROGRESS),
        (rng.randint(10, 400) * minute, EventKind.STATUS_CHANGED, St.IN_PROGRESS, St.RESOLVED),
    ]
    reopened = rng.random() < 0.04
    if reopened:
        steps += [
            (rng.randint(60, 9000) * minute, EventKind.STATUS_CHANGED, St.RESOLVED, St.IN_PROGRESS),
            (rng.randint(10, 120) * minute, EventKind.STATUS_CHANGED, St.IN_PROGRESS, St.RESOLVED),
        ]
    else:
        steps += [
            (minute, EventKind.SATISFACTION_RECORDED, "", rng.choice(_ANSWERS)),
            (minute, EventKind.NOTE, "", ""),
        ]
    events, status, satisfaction = [], St.NEW, None
    for after, kind, before, to in steps:
        t += after
        if t > NOW:  # the year's last incidents are still open
            kind, before, to = EventKind.NOTE, "", ""
        elif kind is EventKind.STATUS_CHANGED:
            status = St(to)
        elif kind is EventKind.SATISFACTION_RECORDED:
            satisfaction = Satisfaction(to)
        events.append(
            IncidentEvent(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                incident_id=incident.id,
                at=min(t, NOW),
                kind=kind,
                actor_id=STAFF,
                from_value=str(before),
                to_value=str(to),
                detail="Noted" if kind is EventKind.NOTE else "",
            )
        )
    return replace(incident, status=status, satisfaction=satisfaction, events=tuple(events))


def _time(value: datetime) -> str:
    """As SQLAlchemy writes a DateTime on SQLite."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _incident_row(incident: Incident, n: int) -> dict[str, object]:
    return {
        "id": incident.id,
        "number": f"VIP-{20001 + n}",
        "version": 1 + len(incident.events) // 3,
        "create_sha256": "0" * 64,
        "provisional_number": incident.provisional_number,
        "device_id": "TAB-BENCH",
        "opened_at": _time(incident.opened_at),
        "opened_by": incident.opened_by,
        "priority": incident.priority.value,
        "category": incident.category.value,
        "channel": incident.channel.value,
        "summary": incident.summary,
        "status": incident.status.value,
        "guest_id": None,
        "owner_id": STAFF,
        "location": "",
        "table_id": incident.table_id,
        "game": "",
        "machine": "",
        "amount": None,
        "currency": "AUD",
        "transaction_ref": "",
        "desired_outcome": "",
        "manual_escalation_level": 0,
        "created_at": _time(incident.opened_at),
        "updated_at": _time(incident.events[-1].at),
        "satisfaction": None if incident.satisfaction is None else incident.satisfaction.value,
    }


def _event_row(event: IncidentEvent, seq: int) -> dict[str, object]:
    return {
        "id": event.id,
        "incident_id": event.incident_id,
        "seq": seq + 1,
        "at": _time(event.at),
        "kind": event.kind.value,
        "actor_id": event.actor_id,
        "detail": event.detail,
        "from_value": event.from_value,
        "to_value": event.to_value,
        "created_at": _time(event.at),
    }


def _timed(work: Callable[[], None], runs: int = RUNS) -> Iterator[float]:
    for _ in range(runs):
        started = time.perf_counter()
        work()
        yield time.perf_counter() - started


@dataclass
class Timings:
    endpoint_s: float  # GET /v1/kpis's work, median
    floor_s: float  # one bare SUM over the same rows, median
    rows_s: float  # the row-by-row sums, best of two
    report: KpiReport


def measure(database: Database) -> Timings:
    """The endpoint's work over the year beside its floor, both warm, on ``database``."""
    from sqlalchemy import text

    from helpdesk import kpis

    triggers = [c.value for c in load_policy().escalation.trigger_categories]
    floor_query = text(
        "SELECT SUM(opened_s) FROM incident_kpis WHERE opened_s >= :since AND opened_s < :until"
    )
    window = {"since": int(SINCE.timestamp()), "until": int(UNTIL.timestamp()), "now": 0}
    report = None

    def endpoint() -> None:
        nonlocal report
        with database.read() as session:
            report = build_report(kpis.totals(session, SINCE, UNTIL, NOW, triggers))

    def row_by_row() -> None:  # the sums of every fact row, without the day sums
        with database.read() as session:
            session.execute(kpis._WINDOW[0], {**window, "now": int(NOW.timestamp())}).all()

    def floor() -> None:
        with database.read() as session:
            session.execute(floor_query, window).scalar_one()

    endpoint()  # the first read pages the file in: both are measured warm
    floor()
    endpoint_s = statistics.median(_timed(endpoint))
    floor_s = statistics.median(_timed(floor))
    rows_s = min(_timed(row_by_row, 2))
    assert report is not None
    return Timings(endpoint_s, floor_s, rows_s, report)


def _count(n: int) -> str:
    """500000 -> 500k, 5000000 -> 5M: the figure's name says what was measured."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else f"{n:,}"


def result(backend: str, timings: Timings, database_mb: int) -> tuple[dict[str, object], Measure]:
    """The figures and the measure ``write_result`` takes, named for ``backend``."""
    measure = Measure(
        f"KPIs over a year ({_count(INCIDENTS)} incidents, "
        f"{_count(INCIDENTS * EVENTS_PER_INCIDENT)} events) on {backend}, median",
        round(timings.endpoint_s, 3),
        "s",
        limit=round(timings.floor_s, 3),
        limit_name="one SUM over the same rows",
        target=TARGET_S,
    )
    figures = {
        "backend": backend,
        "incidents": INCIDENTS,
        "events": INCIDENTS * EVENTS_PER_INCIDENT,
        "runs": RUNS,
        "period": [SINCE.isoformat(), UNTIL.isoformat()],
        "row_by_row_s": round(timings.rows_s, 3),
        "opened_in_window": timings.report.opened,
        "sla_attainment": timings.report.ratios["sla"].share,
        "database_mb": database_mb,
    }
    return figures, measure


def main() -> int:
    from helpdesk.db import Database

    path = database_path()
    database = Database(f"sqlite:///{path}")
    try:
        timings = measure(database)
    finally:
        database.dispose()
    figures, measure_ = result("SQLite", timings, round(path.stat().st_size / 2**20))
    write_result("kpis", figures, [measure_])
    return 0 if measure_.met else 1


if __name__ == "__main__":
    sys.exit(main())
