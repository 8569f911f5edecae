"""The report's figures for a spreadsheet: one row per figure and day (the period's own
rows carry ``day`` = the period, e.g. ``2026-12`` or ``2026-12-03``), and the same figures
as the JSON embedded in the signed PDF."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Any

from app.kpis import KpiReport, to_json
from app.reports.figures import ReportFigures

HEADER = ("day", "figure", "value", "numerator", "denominator", "target", "reached")
Row = tuple[str, str, str, str, str, str, str]


def _cells(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _rows_of(day: str, report: KpiReport) -> Iterator[Row]:
    for name, ratio in report.ratios.items():
        target = report.targets[name]
        reached = report.reached(name)
        yield (
            day,
            name,
            _cells(ratio.share),
            str(ratio.numerator),
            str(ratio.denominator),
            ("≥" if target.at_least else "≤") + f"{target.value:g}",
            "" if reached is None else str(reached).lower(),
        )
    yield (day, "opened", str(report.opened), "", "", "", "")
    yield (day, "p1", str(report.p1), "", "", "", "")
    for name, duration in report.times.items():
        yield (day, f"mean_{name}_s", _cells(duration.mean_s), "", "", "", "")


def csv_rows(figures: ReportFigures) -> list[Row]:
    label = figures.period.label
    rows = list(_rows_of(label, figures.total))
    rows.append((label, "sla_breaches", str(figures.breach_count), "", "", "", ""))
    for channel, count in sorted(figures.channels.items()):
        rows.append((label, f"channel_{channel}", str(count), "", "", "", ""))
    for priority, count in sorted(figures.open_by_priority.items()):
        rows.append((label, f"open_now_{priority}", str(count), "", "", "", ""))
    if figures.period.kind == "monthly":
        for day, report in figures.days:
            rows.extend(_rows_of(day.isoformat(), report))
    return rows


def csv_text(figures: ReportFigures) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(csv_rows(figures))
    return buffer.getvalue()


def figures_json(figures: ReportFigures) -> dict[str, Any]:
    def day(d: date) -> str:
        return d.isoformat()

    return {
        "kind": figures.period.kind,
        "period": figures.period.label,
        "zone": figures.period.zone.key,
        "property": figures.property_name,
        "source": figures.source,
        "total": to_json(figures.total),
        "previous": None if figures.previous is None else to_json(figures.previous),
        "days": {day(d): to_json(r) for d, r in figures.days} if len(figures.days) > 1 else {},
        "channels": dict(figures.channels),
        "open_now": dict(figures.open_by_priority),
        "sla_breaches": figures.breach_count,
        "breaches": [
            {
                "number": b.number,
                "priority": b.priority,
                "category": b.category,
                "opened_at": b.opened_at.isoformat(),
                "due_at": b.due_at.isoformat(),
            }
            for b in figures.breaches
        ],
    }
