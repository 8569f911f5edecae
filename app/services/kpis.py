"""The KPIs a console shows: the helpdesk's for the whole property when it answers, else
the console's own store's.

The full report: roles with ``KPI_VIEW``; the strip's three figures above every board
(``StripFigures``): every role, ``KPI_STRIP``, checked here and on the helpdesk. The
store holds what this console synced (its role's view of the floor), so its figures
cover that; the helpdesk's ``GET /v1/kpis`` (and ``/v1/kpis/strip``) covers the whole
property with the same definitions (docs/kpis.md). ``online`` and ``online_strip`` are
given by the sync (``app.sync.kpis_online``): awaitables on the console's loop, never a
thread blocked.

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
from app.kpis import KpiReport, StripFigures, build_report, incident_facts, strip_of, totals_of
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
OnlineStrip = Callable[[Actor, datetime, datetime], Awaitable[StripFigures | None]]


class KpiSource(StrEnum):
    HELPDESK = "helpdesk"  # the whole property
    CONSOLE = "console"  # this console's store (offline)


@dataclass(frozen=True, slots=True)
class LiveKpis:
    report: KpiReport
    source: KpiSource

    @property
    def as_of(self) -> datetime:
        return self.report.as_of


@dataclass(frozen=True, slots=True)
class LiveStrip:
    figures: StripFigures
    source: KpiSource

    @property
    def as_of(self) -> datetime:
        return self.figures.as_of


class KpiService(AuditedService):
    def __init__(self, store: Store, clock: Clock, policy: SlaPolicy) -> None:
        super().__init__(store, clock)
        self._policy = policy
        # Set by the sync when there is a helpdesk.
        self.online: OnlineKpis | None = None
        self.online_strip: OnlineStrip | None = None
        self._live_audited: dict[tuple[str, str, Action], datetime] = {}
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
        audited = self._live_audit_due(actor, Action.KPI_VIEW)
        return LiveKpis(self._report(actor, since, until, audited), KpiSource.CONSOLE)

    def local_strip(self, actor: Actor) -> LiveStrip:
        """The strip's figures from this console's store (blocking: the executor's)."""
        since, until = self.live_window()
        audited = self._live_audit_due(actor, Action.KPI_STRIP)
        report = self._report(actor, since, until, audited, Action.KPI_STRIP)
        return LiveStrip(strip_of(report), KpiSource.CONSOLE)

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

    async def remote_strip(self, actor: Actor) -> LiveStrip | None:
        """The strip's figures from the helpdesk (the whole property), or None."""
        require(actor, Action.KPI_STRIP)
        if self.online_strip is None:
            return None
        since, until = self.live_window()
        figures = await self.online_strip(actor, since, until)
        return None if figures is None else LiveStrip(figures, KpiSource.HELPDESK)

    def note_remote_view(self, actor: Actor, action: Action = Action.KPI_VIEW) -> None:
        """The helpdesk's figures were shown (``remote``, ``remote_strip`` with
        ``KPI_STRIP``): audited on this console like a live view of its own (blocking:
        the executor's). The helpdesk logs no read."""
        if not self._live_audit_due(actor, action):
            return
        since, until = self.live_window()

        def work(uow: UnitOfWork, now: datetime) -> None:
            self._require(uow, actor, action, "kpis", now)
            detail = f"helpdesk {since.isoformat()} .. {until.isoformat()}"
            audit.record(uow, actor, action.value, "kpis", at=now, detail=detail)

        self._run(work)

    def _live_audit_due(self, actor: Actor, action: Action) -> bool:
        now = self._clock.now()
        key = (actor.staff_id, actor.session_id, action)
        with self._lock:
            last = self._live_audited.get(key)
            if last is not None and now - last < LIVE_AUDIT_EVERY:
                return False
            self._live_audited[key] = now
            return True

    def _report(
        self,
        actor: Actor,
        since: datetime,
        until: datetime,
        audited: bool,
        action: Action = Action.KPI_VIEW,
    ) -> KpiReport:
        """The whole report; with ``KPI_STRIP`` only the strip's figures leave here."""
        if until <= since:
            raise ServiceError("kpis.empty_window")

        def work(uow: UnitOfWork, now: datetime) -> KpiReport:
            self._require(uow, actor, action, "kpis", now)
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
                audit.record(uow, actor, action.value, "kpis", at=now, detail=detail)
            return report

        return self._run(work)
