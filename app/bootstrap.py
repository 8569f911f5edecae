"""Composition of the core for one console: store, settings, policy, services.

Qt-free, so the same context serves the window, the benchmarks and the tests.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.clock import Clock, SystemClock
from app.demo.writer import demo_hint
from app.policy import SlaPolicy, load_policy
from app.ports import SyncedStore
from app.recovery.matrix import load_matrix
from app.services.auth import AuthService
from app.services.guests import GuestService
from app.services.incidents import IncidentService
from app.services.preferences import PreferencesService
from app.services.recovery import RecoveryService
from app.services.timeline import TimelineService
from app.services.walkins import WalkInService
from app.settings import Settings, load_settings
from app.sync.skew import ClockSkew, SkewCorrectedClock, stored_skew

if TYPE_CHECKING:
    from app.sync.console import ConsoleSync

log = logging.getLogger(__name__)


@dataclass
class ConsoleContext:
    data_dir: Path
    store: SyncedStore
    settings: Settings
    policy: SlaPolicy
    clock: Clock
    device_id: str
    auth: AuthService
    guests: GuestService
    incidents: IncidentService
    recovery: RecoveryService
    timeline: TimelineService
    preferences: PreferencesService
    walkins: WalkInService
    demo_hint: str | None = None
    notices: list[str] = field(default_factory=list)  # shown to the user at start
    skew: ClockSkew = field(default_factory=ClockSkew)  # helpdesk clock minus ours

    def sync(self, helpdesk: str | None) -> "ConsoleSync":
        """The sync for this console: ``helpdesk`` is a URL, "embedded", or None (offline)."""
        from app.sync.console import ConsoleSync

        return ConsoleSync(self.store, self.data_dir, self.device_id, helpdesk, skew=self.skew)

    def close(self) -> None:
        self.store.close()


def build_context(
    data_dir: Path | None = None,
    *,
    policy_file: Path | None = None,
    device_id: str | None = None,
    clock: Clock | None = None,
) -> ConsoleContext:
    """Open the store and build the services; raises PolicyError or SettingsError."""
    from offline_cache import open_store
    from offline_cache.paths import resolve_data_dir

    directory = resolve_data_dir(data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    settings = load_settings(directory)
    configured = settings.get("policy_file")
    policy = load_policy(policy_file or (directory / configured if configured else None))
    device = device_id or settings.get("device_id")
    store = open_store(directory, clock=clock)
    # SLA timers run on our clock corrected by the last skew measured against the helpdesk.
    skew = ClockSkew(stored_skew(store))
    clock = clock or SkewCorrectedClock(SystemClock(), skew)
    notices = [store.recovery_notice] if store.recovery_notice else []
    venue_tz = policy.calendar.zone
    log.info("console context ready: data in %s, device %s", directory, device)
    return ConsoleContext(
        data_dir=directory,
        store=store,
        settings=settings,
        policy=policy,
        clock=clock,
        device_id=device,
        auth=AuthService(store, clock, device),
        guests=GuestService(store, clock, venue_tz=venue_tz),
        incidents=IncidentService(store, clock, policy),
        recovery=RecoveryService(store, clock, policy, load_matrix(), venue_tz=venue_tz),
        timeline=TimelineService(store, clock, venue_tz=venue_tz),
        preferences=PreferencesService(store, clock),
        walkins=WalkInService(store, clock),
        demo_hint=demo_hint(directory),
        notices=notices,
        skew=skew,
    )
