"""The KPIs a console shows: the helpdesk's for the whole property when it answers, else
the console's own store's.

Only roles with ``KPI_VIEW``. The store holds what this console synced (its role's view
of the floor), so its figures cover that; the helpdesk's ``GET /v1/kpis`` covers the
whole property with the same definitions (docs/kpis.md). ``online`` is given by the sync
(``app.sync.kpis_online``): an awaitable on the console's loop, never a thread blocked.

A live view reads again after every write on the floor: its reads are audited when the
view starts and then at most once per ``LIVE_AUDIT_EVERY`` (a row per refresh would
drown the audit log); an explicit ``report`` is audited each time.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from threading import Lock

from app.actor import Actor
from app.clock import Clock
from app.domain import Tier
from app.kpis import KpiReport, build_report, incident_facts, totals_of
from app.permissions import Action, require
from app.policy import SlaPolicy
from app.ports import Store, UnitOfWork
from app.services import audit
from app.services.base import AuditedService
from app.services.errors import ServiceError

# A live view covers the incidents opened in the last day (the floor's day, as the daily
# report); the backlog is always now's.
LIVE_WINDOW = timedelta(hours=24)
LIVE_AUDIT_EVERY = timedelta(hours=1)

OnlineKpis = Callable[[Actor, datetime, datetime], Awaitable[KpiReport | None]]


class KpiSource(StrEnum):
    HELPDESK = "helpdesk"  # the whole property
    CONSOLE = "console"  # this console's store (offline)


@dataclass(frozen=True, slots=True)
class LiveKpis:
    report: KpiReport
    source: KpiSource


class KpiService(AuditedService):
    def __init__(self, store: Store, clock: Clock, policy: SlaPolicy) -> None:
        super().__init__(store, clock)
        self._policy = policy
        self.online: OnlineKpis | None = None  # set by the sync when there is a helpdesk
        self._live_audited: dict[tuple[str, str], datetime] = {}
        self._lock = Lock()

    def report(self, actor: Actor, since: datetime, until: datetime) -> KpiReport:
        """Incidents opened in [since, until); the backlog as of now."""
        return self._report(actor, since, until, audited=True)

    def live_window(self) -> tuple[datetime, datetime]:
        now = self._clock.now()
        return now - LIVE_WINDOW, now

    def local(self, actor: Actor) -> LiveKpis:
        """The live view from this console's store (blocking: the executor's)."""
        since, until = self.live_window()
        report = self._report(actor, since, until, audited=self._live_audit_due(actor))
        return LiveKpis(report, KpiSource.CONSOLE)

    async def remote(self, actor: Actor) -> LiveKpis | None:
        """The live view from the helpdesk, or None when it does not answer (offline,
        slow, refused): the caller reads ``local`` then. Refused here first for a role
        without the right; the helpdesk checks the staff token's role itself."""
        require(actor, Action.KPI_VIEW)
        if self.online is None:
            return None
        since, until = self.live_window()
        report = await self.online(actor, since, until)
        return None if report is None else LiveKpis(report, KpiSource.HELPDESK)

    def note_remote_view(self, actor: Actor) -> None:
        """The helpdesk's figures were shown (``remote``): audited on this console like a
        live view of its own (blocking: the executor's). The helpdesk logs no read."""
        if not self._live_audit_due(actor):
            return
        since, until = self.live_window()

        def work(uow: UnitOfWork, now: datetime) -> None:
            self._require(uow, actor, Action.KPI_VIEW, "kpis", now)
            detail = f"helpdesk {since.isoformat()} .. {until.isoformat()}"
            audit.record(uow, actor, "kpi.view", "kpis", at=now, detail=detail)

        self._run(work)

    def _live_audit_due(self, actor: Actor) -> bool:
        now = self._clock.now()
        key = (actor.staff_id, actor.session_id)
        with self._lock:
            last = self._live_audited.get(key)
            if last is not None and now - last < LIVE_AUDIT_EVERY:
                return False
            self._live_audited[key] = now
            return True

    def _report(self, actor: Actor, since: datetime, until: datetime, audited: bool) -> KpiReport:
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
            if audited:
                detail = f"{since.isoformat()} .. {until.isoformat()}"
                audit.record(uow, actor, "kpi.view", "kpis", at=now, detail=detail)
            return report

        return self._run(work)
