"""The KPIs from the console's own store, for when the helpdesk cannot be reached.

Only roles with ``KPI_VIEW``; each read is audited. The store holds what this console
synced (its role's view of the floor), so the figures cover that; the helpdesk's
``GET /v1/kpis`` covers the whole property with the same definitions (docs/kpis.md).
"""

from datetime import datetime

from app.actor import Actor
from app.clock import Clock
from app.domain import Tier
from app.kpis import KpiReport, build_report, incident_facts, totals_of
from app.permissions import Action
from app.policy import SlaPolicy
from app.ports import Store, UnitOfWork
from app.services import audit
from app.services.base import AuditedService
from app.services.errors import ServiceError


class KpiService(AuditedService):
    def __init__(self, store: Store, clock: Clock, policy: SlaPolicy) -> None:
        super().__init__(store, clock)
        self._policy = policy

    def report(self, actor: Actor, since: datetime, until: datetime) -> KpiReport:
        """Incidents opened in [since, until); the backlog as of now."""
        if until <= since:
            raise ServiceError("kpis.empty_window")

        def work(uow: UnitOfWork, now: datetime) -> KpiReport:
            self._require(uow, actor, Action.KPI_VIEW, "kpis", now)
            incidents = uow.incidents.for_kpis(since, until)
            tiers: dict[str, Tier] = {}
            for guest_id in {i.guest_id for i in incidents if i.guest_id}:
                guest = uow.guests.by_id(guest_id)
                tiers[guest_id] = guest.tier if guest is not None else Tier.VIP
            facts = [
                incident_facts(i, tiers.get(i.guest_id or "", Tier.VIP), self._policy, now)
                for i in incidents
            ]
            triggers = (c.value for c in self._policy.escalation.trigger_categories)
            report = build_report(totals_of(facts, since, until, now, triggers))
            detail = f"{since.isoformat()} .. {until.isoformat()}"
            audit.record(uow, actor, "kpi.view", "kpis", at=now, detail=detail)
            return report

        return self._run(work)
