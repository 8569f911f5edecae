"""The property's KPIs in SQL aggregates over ``incident_kpis`` (docs/kpis.md).

Each incident's facts (``app.kpis.facts``, the console's definitions) are written with
every change to the incident (helpdesk/incidents.py), and their sums by day of opening
(``incident_kpi_days``) moved with them. A period's KPIs read the day sums of its whole
days, the facts of its ragged ends (through ``ix_incident_kpis_opened``) and of the open
incidents (``ix_incident_kpis_open``): never a Python loop over incidents, and a year
costs a few thousand rows, not half a million. The sums are the
console's ``GroupTotals`` column for column, and ``app.kpis.report`` turns either into
the report, so the console and the helpdesk cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.orm import Session

from app.domain import Priority, Tier
from app.kpis import IncidentFacts
from app.kpis.totals import (
    BACKLOG_BUCKETS,
    GROUP_FIELDS,
    OVER_24H,
    KpiTotals,
    contribution,
    groups_from_rows,
)
from helpdesk import batch_reads, batch_writes
from helpdesk.models import DEFAULT_PROPERTY, IncidentKpiRow

_TABLE = IncidentKpiRow.__table__
DAY_S = 86400

# Names match ``GroupTotals``'s fields. A met/missed flag is 1, 0 or NULL: SUM(flag)
# counts the met, SUM(1 - flag) the missed, and NULLs (no such clock) count in neither.
_WINDOW_SQL = """
    SELECT priority, tier, category,
        COUNT(*) AS opened,
        SUM(CASE WHEN sla_state = 'met' THEN 1 ELSE 0 END) AS sla_met,
        SUM(CASE WHEN sla_state IN ('missed', 'overdue')
                  OR (sla_state = 'pending' AND paused = 0 AND sla_due_s < :now)
            THEN 1 ELSE 0 END) AS sla_missed,
        SUM(ack_s) AS ack_sum, COUNT(ack_s) AS ack_n,
        SUM(reach_s) AS reach_sum, COUNT(reach_s) AS reach_n,
        SUM(reach_met) AS reach_met, SUM(1 - reach_met) AS reach_missed,
        SUM(decide_s) AS decide_sum, COUNT(decide_s) AS decide_n,
        SUM(decide_met) AS decide_met, SUM(1 - decide_met) AS decide_missed,
        SUM(response_s) AS response_sum, COUNT(response_s) AS response_n,
        SUM(response_met) AS response_met, SUM(1 - response_met) AS response_missed,
        SUM(resolved) AS resolved,
        SUM(first_contact) AS first_contact,
        SUM(reopened_7d) AS reopened_7d,
        COUNT(recovery_ok) AS recovery_needed, SUM(recovery_ok) AS recovery_ok,
        SUM(CASE WHEN satisfaction <> 'not_asked' THEN 1 ELSE 0 END) AS csat_answered,
        SUM(CASE WHEN satisfaction IN ('happy', 'very_happy') THEN 1 ELSE 0 END)
            AS csat_satisfied,
        SUM(CASE WHEN satisfaction = 'not_asked' THEN 1 ELSE 0 END) AS csat_not_asked
    FROM incident_kpis
    WHERE opened_s >= :since AND opened_s < :until{scope}
    GROUP BY priority, tier, category
    """
_DAYS_SQL = (
    "SELECT priority, tier, category, "
    + ", ".join(f"SUM({name}) AS {name}" for name in GROUP_FIELDS)
    + " FROM incident_kpi_days WHERE day_s >= :first AND day_s < :last{scope}"
    " GROUP BY priority, tier, category"
)
# The day sums leave out clocks still running on time; those that are late now count as
# missed (the open incidents only: a resolved incident's clock has stopped).
_LATE_SQL = """
    SELECT priority, tier, category, COUNT(*) AS sla_missed
    FROM incident_kpis
    WHERE is_open = 1 AND opened_s >= :first AND opened_s < :last
        AND sla_state = 'pending' AND paused = 0 AND sla_due_s < :now{scope}
    GROUP BY priority, tier, category
    """
# Ages by when the incident opened: younger than an hour is opened after now - 1 h.
_BACKLOG_SQL = (
    "SELECT "
    + ", ".join(
        f"SUM(CASE WHEN opened_s > :now - {int(upper.total_seconds())} THEN 1 ELSE 0 END) AS b{n}"
        for n, (_name, upper) in enumerate(BACKLOG_BUCKETS)
    )
    + ", COUNT(*) AS open_count FROM incident_kpis WHERE is_open = 1{scope}"
)


def _variants(sql: str) -> tuple[TextClause, TextClause]:
    """The query over every property, and over the properties in ``:properties``."""
    every = text(sql.format(scope=""))
    some = text(sql.format(scope=" AND property_id IN :properties"))
    return every, some.bindparams(bindparam("properties", expanding=True))


_WINDOW, _DAYS, _LATE, _BACKLOG = map(_variants, (_WINDOW_SQL, _DAYS_SQL, _LATE_SQL, _BACKLOG_SQL))


def epoch(value: datetime) -> int:
    return int(value.timestamp())


def facts_row(facts: IncidentFacts) -> dict[str, Any]:
    def flag(value: bool | None) -> int | None:
        return None if value is None else int(value)

    return {
        "incident_id": facts.incident_id,
        "opened_s": epoch(facts.opened_at),
        "priority": facts.priority.value,
        "tier": facts.tier.value,
        "category": facts.category,
        "is_open": int(facts.is_open),
        "paused": int(facts.paused),
        "sla_state": facts.sla_state,
        "sla_due_s": epoch(facts.sla_due_at),
        "ack_s": facts.ack_s,
        "reach_s": facts.reach_s,
        "reach_met": flag(facts.reach_met),
        "decide_s": facts.decide_s,
        "decide_met": flag(facts.decide_met),
        "response_s": facts.response_s,
        "response_met": flag(facts.response_met),
        "resolved": int(facts.resolved),
        "first_contact": flag(facts.first_contact),
        "reopened_7d": flag(facts.reopened_7d),
        "recovery_ok": flag(facts.recovery_ok),
        "satisfaction": facts.satisfaction,
    }


def facts_of(row: Mapping[str, Any]) -> IncidentFacts:
    """A stored row read back (``facts_row``'s inverse, to the second)."""

    def flag(value: Any) -> bool | None:
        return None if value is None else bool(value)

    return IncidentFacts(
        incident_id=row["incident_id"],
        opened_at=datetime.fromtimestamp(row["opened_s"], UTC),
        priority=Priority(row["priority"]),
        tier=Tier(row["tier"]),
        category=row["category"],
        is_open=bool(row["is_open"]),
        paused=bool(row["paused"]),
        sla_state=row["sla_state"],
        sla_due_at=datetime.fromtimestamp(row["sla_due_s"], UTC),
        ack_s=row["ack_s"],
        reach_s=row["reach_s"],
        reach_met=flag(row["reach_met"]),
        decide_s=row["decide_s"],
        decide_met=flag(row["decide_met"]),
        response_s=row["response_s"],
        response_met=flag(row["response_met"]),
        resolved=bool(row["resolved"]),
        first_contact=flag(row["first_contact"]),
        reopened_7d=flag(row["reopened_7d"]),
        recovery_ok=flag(row["recovery_ok"]),
        satisfaction=row["satisfaction"],
    )


def day_key(facts: IncidentFacts) -> dict[str, Any]:
    start = epoch(facts.opened_at) // DAY_S * DAY_S
    return {
        "day_s": start,
        "priority": facts.priority.value,
        "tier": facts.tier.value,
        "category": facts.category,
    }


def _upsert(table: str, key: list[str], values: list[str], set_sql: str) -> TextClause:
    """``INSERT … ON CONFLICT (key) DO UPDATE``, the same text on SQLite and PostgreSQL.

    Written once: built per write with SQLAlchemy's constructs, the two statements of
    an incident's write cost more CPU than the rest of the write (issue 15)."""
    names = [*key, *values]
    sets = ", ".join(set_sql.format(name=name, table=table) for name in values)
    return text(
        f"INSERT INTO {table} ({', '.join(names)}) "
        f"VALUES ({', '.join(':' + name for name in names)}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}"
    )


_FACT_NAMES = [column.name for column in _TABLE.columns if column.name != "incident_id"]
_STORE_FACTS = _upsert("incident_kpis", ["incident_id"], _FACT_NAMES, "{name} = excluded.{name}")
_READ_FACTS = text(
    f"SELECT incident_id, {', '.join(_FACT_NAMES)} FROM incident_kpis WHERE incident_id = :id"
)
_DAY_KEY = ["property_id", "day_s", "priority", "tier", "category"]
_ADD_TO_DAY = _upsert(
    "incident_kpi_days", _DAY_KEY, list(GROUP_FIELDS), "{name} = {table}.{name} + excluded.{name}"
)


def store_facts(
    session: Session, facts: IncidentFacts, property_id: int | None = None, *, new: bool = False
) -> None:
    """Insert or replace the incident's row and move its share of the day sums (in the
    caller's transaction). ``property_id``: the incident's (None: the transaction's);
    ``new``: an incident created in this transaction (no row to read back)."""
    if property_id is None:
        property_id = int(session.info.get("property_id", DEFAULT_PROPERTY))
    old: Mapping[Any, Any] | None = None
    known, read_ahead = batch_reads.stored_facts(session, facts.incident_id)
    if known:
        old = read_ahead
    elif not new:
        old = session.execute(_READ_FACTS, {"id": facts.incident_id}).mappings().first()
    row = {**facts_row(facts), "property_id": property_id}
    if old is not None and dict(old) == row:
        return  # a note: nothing it counts for moved
    batch_writes.later(session, _STORE_FACTS, row)
    batch_reads.facts_stored(session, facts.incident_id, row)
    moved = _day_share(facts, 1, property_id)
    if old is not None:
        before = _day_share(facts_of(dict(old)), -1, int(old["property_id"]))
        if _day_of(before) != _day_of(moved):
            batch_writes.later(session, _ADD_TO_DAY, before)
        else:  # the same day's sums: one statement moves them by the difference
            moved = {**moved, **{name: moved[name] + before[name] for name in GROUP_FIELDS}}
    batch_writes.later(session, _ADD_TO_DAY, moved)


def _day_share(facts: IncidentFacts, sign: int, property_id: int) -> dict[str, Any]:
    """The parameters of ``_ADD_TO_DAY`` adding (or, ``sign`` -1, taking away) what the
    incident counts for in its day's sums."""
    share = contribution(facts, None)  # no running clock: what no later write changes
    values = {name: sign * getattr(share, name) for name in GROUP_FIELDS}
    return {"property_id": property_id, **day_key(facts), **values}


def _day_of(share: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(share[name] for name in _DAY_KEY)


def totals(
    session: Session,
    since: datetime,
    until: datetime,
    now: datetime,
    trigger_categories: Iterable[str],
    property_ids: Collection[int] | None = None,
) -> KpiTotals:
    """The same sums as ``app.kpis.totals_of``: the whole days of the period from the day
    sums (plus their clocks that fell late since), its ragged ends row by row.

    ``property_ids``: the properties counted (None: every property of the group)."""
    scope: dict[str, Any] = {}
    pick = 0
    if property_ids is not None:
        scope, pick = {"properties": sorted(property_ids) or [-1]}, 1
    found = KpiTotals(since, until, now)
    start, end, now_s = epoch(since), epoch(until), epoch(now)
    first_day, last_day = -(-start // DAY_S) * DAY_S, end // DAY_S * DAY_S
    rows: list[dict[str, Any]] = []
    if first_day < last_day:
        days = {"first": first_day, "last": last_day, "now": now_s}
        days.update(scope)
        rows += [dict(r) for r in session.execute(_DAYS[pick], days).mappings()]
        rows += [dict(r) for r in session.execute(_LATE[pick], days).mappings()]
        ends = [(start, first_day), (last_day, end)]
    else:
        ends = [(start, end)]
    for since_s, until_s in ends:
        if since_s < until_s:
            window = {"since": since_s, "until": until_s, "now": now_s, **scope}
            rows += [dict(r) for r in session.execute(_WINDOW[pick], window).mappings()]
    found.groups = groups_from_rows(rows)
    triggers = frozenset(trigger_categories)
    for row in rows:
        if row["category"] in triggers and row.get("opened"):
            category = str(row["category"])
            found.triggers[category] = found.triggers.get(category, 0) + int(row["opened"])
    backlog = session.execute(_BACKLOG[pick], {"now": now_s, **scope}).mappings().one()
    younger = 0
    for n, (name, _upper) in enumerate(BACKLOG_BUCKETS):
        within = int(backlog[f"b{n}"] or 0)
        found.backlog[name] = within - younger
        younger = within
    found.backlog[OVER_24H] = int(backlog["open_count"]) - younger
    return found


def utc_now() -> datetime:
    return datetime.now(UTC)
