"""Report figures from the helpdesk's database (``vip-console report …``, and the daily
report ``serve --daily-report-dir`` writes): the KPIs of ``GET /v1/kpis`` (helpdesk/kpis.py)
and a few counts over ``incidents`` joined to ``incident_kpis``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.kpis import KpiReport, build_report
from app.reports.figures import MAX_BREACHES, Breach
from helpdesk import kpis
from helpdesk.models import IncidentRow

_OPEN_PRIORITIES = text(
    "SELECT priority, COUNT(*) AS n FROM incident_kpis WHERE is_open = 1 GROUP BY priority"
)
# The resolve clock missed, as ``sla_outcome`` counts it (helpdesk/kpis.py's _WINDOW).
_BREACHES = text(
    f"""
    SELECT i.number, k.priority, k.category, k.opened_s, k.sla_due_s
    FROM incident_kpis k JOIN incidents i ON i.id = k.incident_id
    WHERE k.opened_s >= :since AND k.opened_s < :until
        AND (k.sla_state IN ('missed', 'overdue')
             OR (k.sla_state = 'pending' AND k.paused = 0 AND k.sla_due_s < :now))
    ORDER BY k.opened_s, i.number LIMIT {MAX_BREACHES}
    """
)


class HelpdeskReportSource:
    label = "helpdesk"

    def __init__(self, session: Session, trigger_categories: Iterable[str]) -> None:
        self._session = session
        self._triggers = tuple(trigger_categories)

    def kpis(self, since: datetime, until: datetime, now: datetime) -> KpiReport:
        return build_report(kpis.totals(self._session, since, until, now, self._triggers))

    def channels(self, since: datetime, until: datetime) -> Mapping[str, int]:
        opened = IncidentRow.opened_at
        statement = (
            select(IncidentRow.channel, func.count())
            .where(opened >= since, opened < until)
            .group_by(IncidentRow.channel)
        )
        return {str(channel): int(n) for channel, n in self._session.execute(statement)}

    def open_by_priority(self) -> Mapping[str, int]:
        return {str(r.priority): int(r.n) for r in self._session.execute(_OPEN_PRIORITIES)}

    def breaches(self, since: datetime, until: datetime, now: datetime) -> Sequence[Breach]:
        window = {"since": kpis.epoch(since), "until": kpis.epoch(until), "now": kpis.epoch(now)}
        return [
            Breach(
                str(r.number),
                str(r.priority),
                str(r.category),
                datetime.fromtimestamp(r.opened_s, UTC),
                datetime.fromtimestamp(r.sla_due_s, UTC),
            )
            for r in self._session.execute(_BREACHES, window)
        ]
