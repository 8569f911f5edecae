"""Report figures from a console's own store (``vip-console report … --data-dir``): the
same facts and sums as the console's KPI page (``app.services.kpis``), so they cover what
this console synced (its role's view of the floor)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from app.domain import Incident, Tier
from app.kpis import IncidentFacts, KpiReport, build_report, incident_facts, totals_of
from app.kpis.facts import MISSED
from app.kpis.totals import sla_outcome
from app.policy import SlaPolicy
from app.ports import Store
from app.reports.figures import Breach


class ConsoleReportSource:
    def __init__(self, store: Store, policy: SlaPolicy, device_id: str) -> None:
        self.label = f"console {device_id}"
        self._store = store
        self._policy = policy
        self._loaded: tuple[datetime, datetime, datetime] | None = None
        self._incidents: list[Incident] = []
        self._facts: list[IncidentFacts] = []

    def _load(self, since: datetime, until: datetime, now: datetime) -> list[IncidentFacts]:
        """The facts of the incidents opened in the widest window asked (the report's
        period comes first, its days after) and of the open ones."""
        loaded = self._loaded
        if loaded is None or loaded[2] != now or since < loaded[0] or until > loaded[1]:
            with self._store.unit_of_work() as uow:
                self._incidents = list(uow.incidents.for_kpis(since, until))
                tiers: dict[str, Tier] = {}
                for guest_id in {i.guest_id for i in self._incidents if i.guest_id}:
                    guest = uow.guests.by_id(guest_id)
                    tiers[guest_id] = guest.tier if guest is not None else Tier.VIP
            self._facts = [
                incident_facts(i, tiers.get(i.guest_id or "", Tier.VIP), self._policy, now)
                for i in self._incidents
            ]
            self._loaded = (since, until, now)
        return self._facts

    def kpis(self, since: datetime, until: datetime, now: datetime) -> KpiReport:
        triggers = (c.value for c in self._policy.escalation.trigger_categories)
        return build_report(totals_of(self._load(since, until, now), since, until, now, triggers))

    def _in(self, since: datetime, until: datetime) -> list[Incident]:
        return [i for i in self._incidents if since <= i.opened_at < until]

    def channels(self, since: datetime, until: datetime) -> Mapping[str, int]:
        return dict(Counter(i.channel.value for i in self._in(since, until)))

    def open_by_priority(self) -> Mapping[str, int]:
        return dict(Counter(i.priority.value for i in self._incidents if i.is_open))

    def breaches(self, since: datetime, until: datetime, now: datetime) -> Sequence[Breach]:
        numbers = {i.id: i.display_number for i in self._incidents}
        return [
            Breach(numbers[f.incident_id], f.priority.value, f.category, f.opened_at, f.sla_due_at)
            for f in self._load(since, until, now)
            if since <= f.opened_at < until and sla_outcome(f, now) == MISSED
        ]
