"""The alert inbox of whoever is signed in: the rules run from where they left off.

``check`` runs ``app.alerts.rules`` over the open incidents (and those opened in the
window, closed or not) for the window since this person's alerts were last checked on
this console, and at least a shift back (an incident synced in late happened before the
last check and is news all the same), keeps the
new alerts in their inbox (the store: an alert's id names its event and person, so an
event is kept once however often it is seen) and moves the mark to now. The first
``check`` after a sign-in therefore brings what happened while they were away; the
board's reloads bring the rest as it happens. Delivering and reading are audited.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.actor import Actor
from app.alerts import SHIFT_LOOKBACK, Alert, Watched, alerts_for
from app.clock import Clock
from app.domain import Tier
from app.policy import SlaPolicy
from app.ports import Store, UnitOfWork
from app.services.audit import record
from app.services.base import AuditedService
from app.settings import load_settings, update_setting
from app.sla import sla_status


class AlertService(AuditedService):
    """``data_dir``: where this device's settings live (the sound on or off); without
    one (a console built for a test) the choice lasts as long as the service."""

    def __init__(
        self, store: Store, clock: Clock, policy: SlaPolicy, data_dir: Path | None = None
    ) -> None:
        super().__init__(store, clock)
        self._policy = policy
        self._data_dir = data_dir
        self._sound = True if data_dir is None else bool(load_settings(data_dir).get("alert_sound"))

    def sound_enabled(self) -> bool:
        """Whether this device plays a sound with each alert (a device setting)."""
        return self._sound

    def set_sound(self, actor: Actor, enabled: bool) -> None:
        """Sound on or off on this device, for whoever uses it next too; audited."""

        def work(uow: UnitOfWork, now: datetime) -> None:
            if self._data_dir is not None:
                update_setting(self._data_dir, "alert_sound", enabled)
            self._sound = enabled
            detail = "on" if enabled else "off"
            record(uow, actor, "device.alert_sound", actor.device_id, at=now, detail=detail)

        self._run(work)

    def check(self, actor: Actor) -> list[Alert]:
        """``actor``'s alerts not yet announced (those new since the last check among
        them), oldest first."""

        def work(uow: UnitOfWork, now: datetime) -> list[Alert]:
            mark = uow.alerts.checked_until(actor.staff_id)
            # Back to the mark, and at least a shift back: an incident that reached this
            # store after a check (synced late, a tablet offline for hours) happened
            # before the mark, and is news all the same. The inbox keeps each alert once.
            since = min(mark or now, now - SHIFT_LOOKBACK)
            found = alerts_for(
                actor, self._watched(uow, since, now), since, now, self._policy.urgency.alert_before
            )
            known = uow.alerts.kept(actor.staff_id, [a.id for a in found])
            new = [a for a in found if a.id not in known]
            uow.alerts.add(new)
            uow.alerts.set_checked_until(actor.staff_id, max(now, mark or now))
            if new:
                kinds = ",".join(sorted({a.kind.value for a in new}))
                detail = f"{len(new)}: {kinds}"
                record(uow, actor, "alert.delivered", actor.staff_id, at=now, detail=detail)
            return uow.alerts.unannounced(actor.staff_id)

        return self._run(work)

    def announced(self, actor: Actor, alert_ids: list[str]) -> int:
        """The screen showed ``actor`` these alerts (banner, sound, screen reader); how
        many were not announced yet."""

        def work(uow: UnitOfWork, now: datetime) -> int:
            return uow.alerts.mark_announced(actor.staff_id, alert_ids, now)

        return self._run(work)

    def inbox(self, actor: Actor) -> list[Alert]:
        """``actor``'s own alerts, newest first (nobody reads another's). A reader beside
        the writer: it never waits for a write transaction, nor makes one wait."""
        with self._store.reading() as uow:
            return uow.alerts.inbox(actor.staff_id)

    def unread_count(self, actor: Actor) -> int:
        with self._store.reading() as uow:
            return uow.alerts.unread_count(actor.staff_id)

    def mark_read(self, actor: Actor, alert_ids: list[str]) -> int:
        """Mark ``actor``'s own alerts read; how many were unread."""

        def work(uow: UnitOfWork, now: datetime) -> int:
            changed = uow.alerts.mark_read(actor.staff_id, alert_ids, now)
            if changed:
                record(uow, actor, "alert.read", actor.staff_id, at=now, detail=str(changed))
            return changed

        return self._run(work)

    def _watched(self, uow: UnitOfWork, since: datetime, now: datetime) -> list[Watched]:
        """The open incidents, and those opened since ``since`` and already resolved or
        closed: back from a break, a host hears of the incident their guest had while
        they were away even if it is over."""
        watched = []
        incidents = {i.id: i for i in uow.incidents.open_incidents()}
        incidents.update({i.id: i for i in uow.incidents.opened_since(since)})
        guests = uow.guests.by_ids({i.guest_id for i in incidents.values() if i.guest_id})
        for incident in incidents.values():
            guest = guests.get(incident.guest_id) if incident.guest_id else None
            tier = guest.tier if guest else Tier.VIP
            watched.append(
                Watched(
                    incident,
                    sla_status(incident, tier, self._policy, now),
                    guest_host_id=guest.host_id if guest else None,
                    guest_name=guest.name if guest else "",
                )
            )
        return watched
