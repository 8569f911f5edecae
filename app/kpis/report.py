"""The KPIs of docs/kpis.md, each beside the seed's target (SPEC §8), from ``KpiTotals``.

The same function serves the console (totals of its own store) and the helpdesk (totals
from SQL), and the report travels as JSON (``GET /v1/kpis``) in the shape ``to_json``
writes and ``from_json`` reads back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain import Priority, Tier
from app.kpis.totals import BACKLOG_NAMES, GroupTotals, KpiTotals


@dataclass(frozen=True, slots=True)
class Target:
    """``value`` at least (``at_least``) or at most: a share from 0 to 1."""

    value: float
    at_least: bool = True

    def reached(self, share: float | None) -> bool | None:
        if share is None:
            return None
        return share >= self.value if self.at_least else share <= self.value


# The seed's targets (SPEC §8 and §7); FCR's is the low end of its 85-90 % range.
TARGETS: Mapping[str, Target] = {
    "sla": Target(0.95),
    "reach": Target(0.95),
    "decide": Target(0.95),
    "response": Target(0.95),
    "fcr": Target(0.85),
    "reopen": Target(0.05, at_least=False),
    "csat": Target(0.95),
    "recovery": Target(0.90),
}


@dataclass(frozen=True, slots=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def share(self) -> float | None:
        return None if self.denominator == 0 else self.numerator / self.denominator


@dataclass(frozen=True, slots=True)
class Duration:
    """A mean time from T0, in seconds, over ``count`` incidents that have it."""

    total_s: int
    count: int

    @property
    def mean_s(self) -> float | None:
        return None if self.count == 0 else self.total_s / self.count


@dataclass(frozen=True, slots=True)
class KpiReport:
    since: datetime
    until: datetime
    as_of: datetime
    opened: int
    ratios: Mapping[str, Ratio]  # keys of TARGETS
    sla_by_priority: Mapping[Priority, Ratio]
    sla_by_tier: Mapping[Tier, Ratio]
    times: Mapping[str, Duration]  # ack, reach, decide, response
    backlog: Mapping[str, int]  # BACKLOG_NAMES
    p1: int
    triggers: Mapping[str, int]
    csat_not_asked: int
    targets: Mapping[str, Target] = field(default_factory=lambda: TARGETS)

    def reached(self, name: str) -> bool | None:
        return self.targets[name].reached(self.ratios[name].share)


def build_report(totals: KpiTotals) -> KpiReport:
    everything = _sum(totals.groups.values())
    by_priority = {p: _sum(g for (gp, _t), g in totals.groups.items() if gp is p) for p in Priority}
    by_tier = {t: _sum(g for (_p, gt), g in totals.groups.items() if gt is t) for t in Tier}

    def sla(g: GroupTotals) -> Ratio:
        return Ratio(g.sla_met, g.sla_met + g.sla_missed)

    e = everything
    return KpiReport(
        since=totals.since,
        until=totals.until,
        as_of=totals.now,
        opened=e.opened,
        ratios={
            "sla": sla(e),
            "reach": Ratio(e.reach_met, e.reach_met + e.reach_missed),
            "decide": Ratio(e.decide_met, e.decide_met + e.decide_missed),
            "response": Ratio(e.response_met, e.response_met + e.response_missed),
            "fcr": Ratio(e.first_contact, e.resolved),
            "reopen": Ratio(e.reopened_7d, e.resolved),
            "csat": Ratio(e.csat_satisfied, e.csat_answered),
            "recovery": Ratio(e.recovery_ok, e.recovery_needed),
        },
        sla_by_priority={p: sla(g) for p, g in by_priority.items()},
        sla_by_tier={t: sla(g) for t, g in by_tier.items()},
        times={
            "ack": Duration(e.ack_sum, e.ack_n),
            "reach": Duration(e.reach_sum, e.reach_n),
            "decide": Duration(e.decide_sum, e.decide_n),
            "response": Duration(e.response_sum, e.response_n),
        },
        backlog={name: totals.backlog.get(name, 0) for name in BACKLOG_NAMES},
        p1=by_priority[Priority.P1].opened,
        triggers=dict(sorted(totals.triggers.items())),
        csat_not_asked=e.csat_not_asked,
    )


def _sum(groups: Any) -> GroupTotals:
    total = GroupTotals()
    for group in groups:
        total.add(group)
    return total


def to_json(report: KpiReport) -> dict[str, Any]:
    def ratio(r: Ratio) -> dict[str, Any]:
        return {"numerator": r.numerator, "denominator": r.denominator, "share": r.share}

    return {
        "since": _time(report.since),
        "until": _time(report.until),
        "as_of": _time(report.as_of),
        "opened": report.opened,
        "kpis": {
            name: {
                **ratio(r),
                "target": report.targets[name].value,
                "at_least": report.targets[name].at_least,
                "reached": report.reached(name),
            }
            for name, r in report.ratios.items()
        },
        "sla_by_priority": {p.value: ratio(r) for p, r in report.sla_by_priority.items()},
        "sla_by_tier": {t.value: ratio(r) for t, r in report.sla_by_tier.items()},
        "times": {
            name: {"total_s": d.total_s, "count": d.count, "mean_s": d.mean_s}
            for name, d in report.times.items()
        },
        "backlog": dict(report.backlog),
        "p1": report.p1,
        "triggers": dict(report.triggers),
        "csat_not_asked": report.csat_not_asked,
    }


def from_json(data: Mapping[str, Any]) -> KpiReport:
    def ratio(raw: Mapping[str, Any]) -> Ratio:
        return Ratio(int(raw["numerator"]), int(raw["denominator"]))

    return KpiReport(
        since=datetime.fromisoformat(data["since"]),
        until=datetime.fromisoformat(data["until"]),
        as_of=datetime.fromisoformat(data["as_of"]),
        opened=int(data["opened"]),
        ratios={name: ratio(raw) for name, raw in data["kpis"].items()},
        sla_by_priority={Priority(p): ratio(r) for p, r in data["sla_by_priority"].items()},
        sla_by_tier={Tier(t): ratio(r) for t, r in data["sla_by_tier"].items()},
        times={
            name: Duration(int(raw["total_s"]), int(raw["count"]))
            for name, raw in data["times"].items()
        },
        backlog={name: int(n) for name, n in data["backlog"].items()},
        p1=int(data["p1"]),
        triggers={name: int(n) for name, n in data["triggers"].items()},
        csat_not_asked=int(data["csat_not_asked"]),
    )


def _time(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")
