"""KPIs (issue 14, docs/kpis.md): per-incident facts, their sums, the report.

Qt-free. The console computes them from its own store (``app.services.kpis``); the
helpdesk stores the same facts per incident and sums them in SQL (``helpdesk/kpis.py``).
"""

from app.kpis.facts import IncidentFacts, incident_facts
from app.kpis.report import TARGETS, KpiReport, Ratio, Target, build_report, from_json, to_json
from app.kpis.strip import StripFigures, strip_from_json, strip_of, strip_to_json
from app.kpis.totals import KpiTotals, totals_of

__all__ = [
    "TARGETS",
    "IncidentFacts",
    "KpiReport",
    "KpiTotals",
    "Ratio",
    "StripFigures",
    "Target",
    "build_report",
    "from_json",
    "incident_facts",
    "strip_from_json",
    "strip_of",
    "strip_to_json",
    "to_json",
    "totals_of",
]
