"""The strip's three figures (docs/kpis.md, "The strip"): SLA attainment, the queue, P1s
and triggers, and nothing else.

Every role sees the strip above its board (``kpi.strip``); the full report stays with
the roles that have ``kpi.view``. The strip carries counts and one share, never a guest,
an amount or a staff member, and travels as JSON (``GET /v1/kpis/strip``) in the shape
``strip_to_json`` writes and ``strip_from_json`` reads back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.kpis.report import TARGETS, KpiReport, Ratio, Target

# The queue's "waiting over 4 h": the two oldest backlog buckets (BACKLOG_NAMES).
AGED_BUCKETS = ("4h_24h", "over_24h")


@dataclass(frozen=True, slots=True)
class StripFigures:
    as_of: datetime
    sla: Ratio
    open_now: int
    aged: int  # open now and waiting over 4 h
    p1: int
    triggers: int  # incidents opened in a trigger category, all categories
    sla_target: Target = field(default_factory=lambda: TARGETS["sla"])

    def sla_reached(self) -> bool | None:
        return self.sla_target.reached(self.sla.share)


def strip_of(report: KpiReport) -> StripFigures:
    return StripFigures(
        as_of=report.as_of,
        sla=report.ratios["sla"],
        open_now=sum(report.backlog.values()),
        aged=sum(report.backlog.get(name, 0) for name in AGED_BUCKETS),
        p1=report.p1,
        triggers=sum(report.triggers.values()),
        sla_target=report.targets["sla"],
    )


def strip_to_json(figures: StripFigures) -> dict[str, Any]:
    return {
        "as_of": figures.as_of.isoformat().replace("+00:00", "Z"),
        "sla": {
            "numerator": figures.sla.numerator,
            "denominator": figures.sla.denominator,
            "share": figures.sla.share,
            "target": figures.sla_target.value,
            "reached": figures.sla_reached(),
        },
        "open_now": figures.open_now,
        "aged": figures.aged,
        "p1": figures.p1,
        "triggers": figures.triggers,
    }


def strip_from_json(data: Mapping[str, Any]) -> StripFigures:
    counts = {name: int(data[name]) for name in ("open_now", "aged", "p1", "triggers")}
    if min(counts.values()) < 0 or counts["aged"] > counts["open_now"]:
        raise ValueError("strip: counts out of range")
    sla = data["sla"]
    return StripFigures(
        as_of=datetime.fromisoformat(data["as_of"]),
        sla=Ratio(int(sla["numerator"]), int(sla["denominator"])),
        open_now=counts["open_now"],
        aged=counts["aged"],
        p1=counts["p1"],
        triggers=counts["triggers"],
    )
