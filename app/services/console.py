"""What the screens may use of one console: its services and queries, never its store.

``app.bootstrap.ConsoleContext`` extends it with the store, settings and data
directory; ``ConsoleContext.services`` hands the screens a ``ConsoleServices`` made of
the same services and nothing else. Every read a screen needs is a call here that
takes the actor (so permissions, and audit where it applies, reach it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from app.clock import Clock
from app.compliance.aml import AmlService
from app.file_access import FileAccess
from app.policy import SlaPolicy
from app.ports import SyncedStore
from app.services.alerts import AlertService
from app.services.attachments import AttachmentService
from app.services.auth import AuthService
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
from app.sync.outbox import OutboxKind, OutboxListener

if TYPE_CHECKING:
    from app.acts.service import ActService


class LocalChanges:
    """Tells listeners that this console committed a change to guests, incidents or
    acts (the store's outbox hook). Listeners are called on the committing thread.

    A commit that only queued the audit's signed checkpoint changed nothing a screen
    shows: it wakes nobody here (a swipe's checkpoint once made a host's page re-read
    thousands of guests while the card painted)."""

    def __init__(self, store: SyncedStore) -> None:
        self._store = store
        self._hooks: dict[Callable[[], None], OutboxListener] = {}

    def add_listener(self, listener: Callable[[], None]) -> None:
        def hook(kinds: frozenset[OutboxKind]) -> None:
            if kinds - {OutboxKind.AUDIT_CHECKPOINT}:
                listener()

        self._hooks[listener] = hook
        self._store.add_outbox_listener(hook)

    def remove_listener(self, listener: Callable[[], None]) -> None:
        hook = self._hooks.pop(listener, None)
        if hook is not None:
            self._store.remove_outbox_listener(hook)


@dataclass(kw_only=True)
class ConsoleServices:
    device_id: str
    clock: Clock
    policy: SlaPolicy
    auth: AuthService
    guests: GuestService
    incidents: IncidentService
    recovery: RecoveryService
    timeline: TimelineService
    preferences: PreferencesService
    walkins: WalkInService
    attachments: AttachmentService
    aml: AmlService
    staff: StaffDirectory
    languages: StaffLanguages
    alerts: AlertService
    kpis: KpiService  # the KPIs from this console's store (offline; docs/kpis.md)
    handover: HandoverService  # the signed shift handover for the incoming team
    floor: FloorQueries
    local_changes: LocalChanges
    act_service: Callable[[], ActService]  # built at first use (heavy imports)
    files: FileAccess = FileAccess()  # where file dialogs may go; a kiosk's are confined

    @property
    def acts(self) -> ActService:
        return self.act_service()

    def services_only(self) -> ConsoleServices:
        """A ``ConsoleServices`` holding these services and nothing more (no store)."""
        return ConsoleServices(**{f.name: getattr(self, f.name) for f in fields(ConsoleServices)})
