"""The property's KPIs in SQL aggregates over ``incident_kpis`` (docs/kpis.md).

Each incident's facts (``app.kpis.facts``, the console's definitions) are written with
every change to the incident (helpdesk/incidents.py); here they are summed: one grouped
scan of the window's rows through ``ix_incident_kpis_opened`` and one of the open ones
through ``ix_incident_kpis_open``, never a Python loop over incidents. The sums are the
console's ``GroupTotals`` column for column, and ``app.kpis.report`` turns either into
the report, so the console and the helpdesk cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.kpis import IncidentFacts
from app.kpis.totals import BACKLOG_BUCKETS, OVER_24H, KpiTotals, groups_from_rows
from helpdesk.models import IncidentKpiRow

_TABLE = IncidentKpiRow.__table__

# Names match ``GroupTotals``'s fields. A met/missed flag is 1, 0 or NULL: SUM(flag)
# counts the met, SUM(1 - flag) the missed, and NULLs (no such clock) count in neither.
_WINDOW = text(
    """
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
    WHERE opened_s >= :since AND opened_s < :until
    GROUP BY priority, tier, category
    """
)
# Ages by when the incident opened: younger than an hour is opened after now - 1 h.
_BACKLOG = text(
    "SELECT "
    + ", ".join(
        f"SUM(CASE WHEN opened_s > :now - {int(upper.total_seconds())} THEN 1 ELSE 0 END) AS b{n}"
        for n, (_name, upper) in enumerate(BACKLOG_BUCKETS)
    )
    + ", COUNT(*) AS open_count FROM incident_kpis WHERE is_open = 1"
)


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


def store_facts(session: Session, facts: IncidentFacts) -> None:
    """Insert or replace the incident's row (in the caller's transaction)."""
    row = facts_row(facts)
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    statement = dialect.insert(_TABLE).values(**row)
    update = {name: statement.excluded[name] for name in row if name != "incident_id"}
    session.execute(statement.on_conflict_do_update(index_elements=["incident_id"], set_=update))


def totals(
    session: Session,
    since: datetime,
    until: datetime,
    now: datetime,
    trigger_categories: Iterable[str],
) -> KpiTotals:
    """The same sums as ``app.kpis.totals_of``, in two aggregate queries."""
    found = KpiTotals(since, until, now)
    params = {"since": epoch(since), "until": epoch(until), "now": epoch(now)}
    rows = [dict(r) for r in session.execute(_WINDOW, params).mappings()]
    found.groups = groups_from_rows(rows)
    triggers = frozenset(trigger_categories)
    for row in rows:
        if row["category"] in triggers:
            category = str(row["category"])
            found.triggers[category] = found.triggers.get(category, 0) + int(row["opened"])
    backlog = session.execute(_BACKLOG, {"now": epoch(now)}).mappings().one()
    younger = 0
    for n, (name, _upper) in enumerate(BACKLOG_BUCKETS):
        within = int(backlog[f"b{n}"] or 0)
        found.backlog[name] = within - younger
        younger = within
    found.backlog[OVER_24H] = int(backlog["open_count"]) - younger
    return found


def utc_now() -> datetime:
    return datetime.now(UTC)
