"""Composition of the core for one console: store, settings, policy, services.

Qt-free, so the same context serves the window, the benchmarks and the tests.
"""

import logging
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.clock import Clock, SystemClock
from app.compliance.aml import AmlService
from app.demo.writer import demo_hint
from app.policy import load_policy
from app.ports import SyncedStore
from app.recovery.matrix import load_matrix
from app.services.alerts import AlertService
from app.services.attachments import AttachmentService
from app.services.auth import AuthService
from app.services.console import ConsoleServices, LocalChanges
from app.services.directory import FloorQueries, StaffDirectory
from app.services.guests import GuestService
from app.services.handover import HandoverService
from app.services.incidents import IncidentService
from app.services.kpis import KpiService
from app.services.languages import StaffLanguages
from app.services.preferences import PreferencesService
from app.services.recovery import RecoveryService
from app.services.timeline import TimelineService
from app.services.walkins import WalkInService
from app.settings import Settings, load_settings
from app.sync.device_token import TOKEN_KEYS, needs_provisioning_by
from app.sync.skew import SKEW_KEY, ClockSkew, SkewCorrectedClock, skew_from_text, stored_skew
from offline_cache.pending import PendingStore

if TYPE_CHECKING:
    from app.acts.device_cert import Renewal
    from app.acts.online import UpgradeReport
    from app.acts.online_triggers import RenewOnline, UpgradeOnReconnect
    from app.acts.service import ActService
    from app.demo.generator import DemoSignIn
    from app.floor_layout import FloorLayout
    from app.kiosk import KioskExit
    from app.sync.audit_heartbeat import AuditHeartbeat
    from app.sync.console import ConsoleSync
    from app.sync.embedded import StartEmbedded
    from app.sync.provisioning import Provisioner
    from app.updates.service import UpdateService
    from offline_cache.store import SqliteStore

log = logging.getLogger(__name__)
_ACTS_LOCK = threading.Lock()


@dataclass(kw_only=True)
class ConsoleContext(ConsoleServices):
    """The composition root's view: the services, and what the screens must not hold
    (the store, settings, data directory). ``services`` is the screens' share."""

    data_dir: Path
    store: SyncedStore
    settings: Settings
    demo_hint: "DemoSignIn | None" = None
    # Demo data under the published demo key: only such a store may use the demo
    # helpdesk's published enrolment code.
    demo_store: bool = False
    checkpoint_public_key: str | None = None  # bound to the device at enrolment
    notices: list[str] = field(default_factory=list)  # logged at start
    # The store failed its integrity check and was moved here (the screens word it).
    store_moved_aside: Path | None = None
    skew: ClockSkew = field(default_factory=ClockSkew)  # helpdesk clock minus ours
    _acts: "ActService | None" = field(default=None, repr=False)
    _upgrades: "UpgradeOnReconnect | None" = field(default=None, repr=False)
    _renewal: "RenewOnline | None" = field(default=None, repr=False)
    _heartbeat: "AuditHeartbeat | None" = field(default=None, repr=False)

    @property
    def acts(self) -> "ActService":
        """The act service (built at first use: its imports stay out of the cold start)."""
        with _ACTS_LOCK:  # the board's reminder and the warm-up may ask at once
            if self._acts is None:
                from app.acts.service import ActService

                self._acts = ActService.for_data_dir(
                    self.store,
                    self.clock,
                    self.data_dir,
                    property_name=str(self.settings.get("property_name")),
                    device_id=self.device_id,
                    venue_tz=self.policy.calendar.zone,
                )
            return self._acts

    def start_acts(self) -> None:
        """Build the act service and warm it up (fonts, key, signing child). Blocking:
        call it in the executor at start."""
        self.acts.warm_up()

    def attach_act_upgrades(self, engine: Any) -> None:
        """Acts signed offline get their timestamp and validation data (B-T, B-LT) each
        time the sync link comes online, and the tablet its act-signing certificate
        (renewed when due: app/acts/device_cert.py). The helpdesk URL may be known only
        once the engine started (the embedded helpdesk picks its port): it is read at
        each status."""
        from app.acts.online_triggers import RenewOnline, UpgradeOnReconnect
        from app.sync.audit_heartbeat import AuditHeartbeat

        # The audit tail leaves the tablet at least every minute while online.
        self._heartbeat = AuditHeartbeat(self.store.checkpoint_audit)
        self._heartbeat.attach(engine)

        def on_status(status: Any) -> None:
            url = engine.config.base_url
            if not url:
                return
            if self._upgrades is None:
                self._upgrades = UpgradeOnReconnect(partial(self._upgrade_acts, url))
                self._renewal = RenewOnline(partial(self._renew_certificate, url))
            assert self._renewal is not None
            self._renewal.on_status(status)  # first: a certificate before the upgrades
            self._upgrades.on_status(status)

        engine.add_listener(on_status)
        # A shift handover written while the link is up is timestamped at once (B-LT).
        self.handover.pki_url = lambda: engine.config.base_url if engine.status.online else None

    # Run in the executor: what they import (cryptography, httpx, pyHanko) loads there.

    def _upgrade_acts(self, url: str) -> "UpgradeReport":
        from app.acts.online import ActUpgrader

        return ActUpgrader(lambda: self.acts, url).upgrade_pending()

    def _renew_certificate(self, url: str) -> "Renewal":
        from app.acts.device_cert import CertificateRenewer

        return CertificateRenewer(self.store, self.clock, url, self.device_id).renew_if_due()

    @property
    def store_is_open(self) -> bool:
        """False while the start's store is still loading its data layer."""
        return not isinstance(self.store, PendingStore) or self.store.is_open

    def store_opened(self) -> "Future[SyncedStore] | None":
        """The store the start left loading, done once open (its ``recovered_from``
        says whether its integrity check, left for then, moved a damaged file aside);
        None when it opened before the window."""
        return self.store.opened if isinstance(self.store, PendingStore) else None

    def finish_opening_store(self) -> None:
        """Load the store's data layer now, on its own thread, if the start left it for
        after the window (``build_context(defer_store=True)``); else nothing."""
        if isinstance(self.store, PendingStore):
            self.store.start()

    def floor_layout(self) -> "FloorLayout":
        """The property's floor (``<data dir>/floor_layout.toml``), else the demo floor."""
        return FloorQueries(self.store, self.data_dir).layout()

    @property
    def services(self) -> ConsoleServices:
        """What the screens get: the services and queries, not the store."""
        return self.services_only()

    def helpdesk_refusal(self, helpdesk: str | None, enrolment_code: str | None) -> str | None:
        """Why this console must not sync with ``helpdesk`` (None when it may): the
        embedded helpdesk (a plain database of guests beside the store) serves demo
        data only, and a demo store (under the published key) never enrols with a real
        helpdesk's code."""
        from app.sync.embedded import DEMO_ENROLMENT_CODE, EMBEDDED

        if helpdesk == EMBEDDED and not self.demo_store:
            return (
                "The embedded demo helpdesk runs only on a demo data directory (vip-console "
                "demo-data); this one holds a real store. Give --helpdesk URL or --no-helpdesk."
            )
        if self.demo_store and enrolment_code not in (None, DEMO_ENROLMENT_CODE):
            return (
                "This is a demo data directory, encrypted with the published demo key: it "
                "never enrols with a real helpdesk's code. Provision a real data directory."
            )
        return None

    def sync(self, helpdesk: str | None, enrolment_code: str | None = None) -> "ConsoleSync":
        """The sync for this console: ``helpdesk`` is a URL, "embedded", or None (offline).
        ``enrolment_code``: IT's code (``--enrol``); a demo store alone gets the demo code.
        ValueError when ``helpdesk_refusal`` says it must not."""
        from app.sync.console import ConsoleSync
        from app.sync.embedded import DEMO_ENROLMENT_CODE

        refusal = self.helpdesk_refusal(helpdesk, enrolment_code)
        if refusal is not None:
            raise ValueError(refusal)
        if enrolment_code is None and self.demo_store:
            enrolment_code = DEMO_ENROLMENT_CODE
        sync = ConsoleSync(
            self.store,
            self.data_dir,
            self.device_id,
            helpdesk,
            skew=self.skew,
            enrolment_code=enrolment_code,
            checkpoint_public_key=self.checkpoint_public_key,
            start_embedded=_embedded_helpdesk_starter(),
        )
        # Sign-ins are checked by the helpdesk too when it answers, and the feed reads
        # for whoever is signed in.
        self.auth.online = sync.engine.online_sign_in
        self.auth.add_session_listener(sync.engine.signed_in)
        # The KPIs are the whole property's while the helpdesk answers.
        from app.sync.kpis_online import HelpdeskKpis

        online = HelpdeskKpis(sync.engine)
        self.kpis.online, self.kpis.online_strip = online, online.strip
        return sync

    def provisioner(self, helpdesk_url: str) -> "Provisioner":
        """The provisioning screen's share: enrol this console with the helpdesk."""
        from app.sync.provisioning import Provisioner

        if self.demo_store:
            raise ValueError(self.helpdesk_refusal(None, "provisioning") or "a demo store")
        return Provisioner(self.store, self.data_dir, helpdesk_url, self.checkpoint_public_key)

    def kiosk_exit(self, window_mode: str) -> "KioskExit | None":
        """The kiosk's way out when this console runs as a kiosk (the ``kiosk`` setting or
        ``--kiosk``), else None; ``KioskRefused`` when a real device has no IT PIN.
        A kiosk's file dialogs are confined to the folders its settings name."""
        from app.file_access import kiosk_file_access
        from app.kiosk import KioskExit, it_pin_verifier, wants_kiosk

        if not wants_kiosk(self.settings, window_mode):
            return None
        verifier = it_pin_verifier(self.settings, demo=self.demo_store)
        self.files = kiosk_file_access(self.settings)
        return KioskExit(self.store, self.clock, self.device_id, verifier)

    def updates(self, helpdesk: str | None) -> "UpdateService | None":
        """Signed updates for this console (docs/updates.md), or None: no update source
        (offline, the embedded demo helpdesk), no versioned install directory (run from
        source), or a demo store (no demo keys: never a fallback for a real device)."""
        if self.demo_store:
            return None
        from app.updates.source import install_root, update_source

        source = update_source(self.settings, helpdesk)
        root = install_root(self.settings)
        if source is None or root is None:
            return None
        from app import __version__
        from app.updates.installed import InstallDir
        from app.updates.service import UpdateService

        return UpdateService(
            self.store,
            self.clock,
            self.device_id,
            self.data_dir,
            InstallDir(root),
            source,
            __version__,
        )

    def needs_provisioning(self, helpdesk: str | None) -> bool:
        """IT must provision this tablet before it syncs with the helpdesk at that URL:
        it holds no device token, or the helpdesk refused it. Never a demo store."""
        from app.sync.embedded import EMBEDDED

        if self.demo_store or helpdesk in (None, EMBEDDED):
            return False
        if isinstance(self.store, PendingStore) and not self.store.is_open:
            # Read with the store's checks: the start never waits for its data layer.
            return needs_provisioning_by(self.store.start_state.get)
        from app.sync.provisioning import needs_provisioning  # the helpdesk's client: httpx

        with self.store.unit_of_work() as uow:
            return needs_provisioning(uow)

    def close(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.stop()
        if self._acts is not None:
            self._acts.close()
        self.store.close()


def _embedded_helpdesk_starter() -> "StartEmbedded | None":
    """The helpdesk package's starter of the embedded demo helpdesk, if it is installed."""
    try:
        from helpdesk.embedded import start_embedded_helpdesk
    except ImportError:
        return None
    return start_embedded_helpdesk


def build_context(
    data_dir: Path | None = None,
    *,
    policy_file: Path | None = None,
    device_id: str | None = None,
    clock: Clock | None = None,
    store_key: bytes | None = None,
    defer_store: bool = False,
) -> ConsoleContext:
    """Open the store and build the services; raises PolicyError or SettingsError, and
    StoreKeyUnavailable / StoreKeyError (ValueErrors) when the store key is missing or
    wrong. ``store_key`` defaults to app/security/store_key.py's resolution.
    ``defer_store``: the store is checked now, and its data layer (SQLAlchemy, a third
    of the console's start) loads when ``finish_opening_store`` is called, or at the
    store's first use: the console's start (offline_cache/pending.py)."""
    from app.security.store_key import DEMO_STORE_KEY, resolve_store_key
    from offline_cache.opening import check_store
    from offline_cache.paths import resolve_data_dir

    directory = resolve_data_dir(data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    settings = load_settings(directory)
    configured = settings.get("policy_file")
    policy = load_policy(policy_file or (directory / configured if configured else None))
    device = device_id or settings.get("device_id")
    key = resolve_store_key(directory, key=store_key)
    checked = check_store(
        directory,
        clock=clock,
        key=key,
        state_keys=(SKEW_KEY, *TOKEN_KEYS),
        defer_integrity=defer_store,  # then checked on the store-open thread
    )
    if defer_store and checked.up_to_date:  # a migration is made before the window
        store: PendingStore | SqliteStore = PendingStore(checked)
    else:
        from offline_cache.store import finish_open

        store = finish_open(checked)
    # SLA timers run on our clock corrected by the last skew measured against the helpdesk:
    # read with the checks, unless the schema was only just brought up to date.
    last_skew = checked.state.get(SKEW_KEY)
    skew = ClockSkew(skew_from_text(last_skew) if checked.up_to_date else stored_skew(store))
    clock = clock or SkewCorrectedClock(SystemClock(), skew)
    notices = [store.recovery_notice] if store.recovery_notice else []
    venue_tz = policy.calendar.zone
    log.info("console context ready: data in %s, device %s", directory, device)
    incidents = IncidentService(store, clock, policy)
    property_name = str(settings.get("property_name"))
    handover = HandoverService.for_store(store, clock, incidents, property_name, venue_tz, device)
    context = ConsoleContext(
        data_dir=directory,
        store=store,
        settings=settings,
        policy=policy,
        clock=clock,
        device_id=device,
        auth=AuthService(store, clock, device, require_totp=settings.get("require_totp")),
        guests=GuestService(store, clock, venue_tz=venue_tz),
        incidents=incidents,
        recovery=RecoveryService(store, clock, policy, load_matrix(), venue_tz=venue_tz),
        timeline=TimelineService(store, clock, venue_tz=venue_tz),
        preferences=PreferencesService(store, clock),
        walkins=WalkInService(store, clock),
        attachments=AttachmentService(store, clock),
        aml=AmlService(store, clock),
        staff=StaffDirectory(store),
        languages=StaffLanguages(store, clock),
        alerts=AlertService(store, clock, policy, directory),
        kpis=KpiService(store, clock, policy),
        handover=handover,
        floor=FloorQueries(store, directory),
        local_changes=LocalChanges(store),
        act_service=lambda: context.acts,
        demo_hint=demo_hint(directory),
        demo_store=key == DEMO_STORE_KEY and demo_hint(directory) is not None,
        checkpoint_public_key=store.checkpoint_public_key,
        notices=notices,
        store_moved_aside=store.recovered_from,
        skew=skew,
    )
    return context
