"""What a host reads about their guests: one timeline per guest, and "my guests".

``TimelineService.timeline(actor, guest_id)`` merges, newest first, the guest's
incidents (opened), notes, compensation promises (``COMPENSATION_PROMISED``
events) and their deliveries (``COMPENSATION_DELIVERED``), the acts signed for
those incidents, and the guest's current flags (quiet visit, self-exclusion,
cooling-off; these have no time and come first). Entries are plain dataclasses,
already redacted for the actor: no amounts without ``incident.view_amounts``, no
incident entries without ``incident.view``.

``TimelineService.my_guests(actor)`` is "my guests" with each guest's open
incidents, the host page's list and the source of its alerts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from enum import StrEnum

from app.actor import Actor
from app.clock import Clock
from app.domain import EventKind, Guest, Incident
from app.permissions import Action, allowed, redact_incident
from app.ports import Store, UnitOfWork
from app.recovery.delivery import read_delivery
from app.recovery.proposals import Promise
from app.services.audit import record
from app.services.base import AuditedService
from app.services.errors import GuestNotFound
from app.services.guest_summaries import GuestSummaries
from app.services.guests import GuestSummary


class TimelineKind(StrEnum):
    FLAG = "flag"  # detail: "quiet_visit", "self_excluded" or "cooling_off"
    INCIDENT = "incident"  # detail: the category; the incident was opened
    NOTE = "note"  # detail: the note
    COMPENSATION = "compensation"  # detail: the items promised
    DELIVERY = "delivery"  # detail: the items handed over (a promise kept)
    ACT = "act"  # detail: the act's number


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime | None  # None for a flag: it holds now
    kind: TimelineKind
    detail: str
    incident_id: str = ""
    reference: str = ""  # the incident's display number
    provisional: bool = False  # the reference is the console's: no helpdesk number yet
    amount: Decimal | None = None  # compensation total; None when hidden or none
    currency: str = ""
    until: date | None = None  # cooling-off end
    act_id: str = ""  # an ACT entry's act: to view it or print the guest's copy


@dataclass(frozen=True, slots=True)
class MyGuestRow:
    guest: GuestSummary
    open_incidents: tuple[Incident, ...]  # redacted for the actor


class TimelineService(AuditedService):
    def __init__(self, store: Store, clock: Clock, *, venue_tz: tzinfo = UTC) -> None:
        super().__init__(store, clock)
        self._venue_tz = venue_tz
        self._summaries = GuestSummaries()  # "my guests" re-reads only what changed

    def timeline(self, actor: Actor, guest_id: str) -> list[TimelineEntry]:
        def work(uow: UnitOfWork, now: datetime) -> list[TimelineEntry]:
            self._require(uow, actor, Action.GUEST_VIEW_CARD, guest_id, now)
            guest = uow.guests.by_id(guest_id)
            if guest is None:
                raise GuestNotFound(guest_id=guest_id)
            self._require(uow, actor, Action.GUEST_VIEW_CARD, guest_id, now, guest)
            entries = _flags(guest, now.astimezone(self._venue_tz).date())
            dated: list[TimelineEntry] = []
            if allowed(actor, Action.INCIDENT_VIEW):
                amounts = allowed(actor, Action.INCIDENT_VIEW_AMOUNTS)
                for incident in uow.incidents.for_guest(guest.id):
                    dated.extend(_incident_entries(incident, amounts))
                    for act in uow.acts.for_incident(incident.id):
                        dated.append(
                            TimelineEntry(
                                act.created_at,
                                TimelineKind.ACT,
                                act.number,
                                incident.id,
                                incident.display_number,
                                incident.number is None,
                                act_id=act.id,
                            )
                        )
            dated.sort(key=lambda e: e.at or now, reverse=True)
            record(uow, actor, "guest.timeline", guest.id, at=now, detail=f"{len(dated)}")
            return entries + dated

        return self._run(work)

    def forget_summaries(self) -> None:
        """At sign-out: the guests' summaries kept for "my guests" go."""
        self._summaries.forget()

    def my_guests(self, actor: Actor) -> list[MyGuestRow]:
        """The actor's own and covered guests, those with open incidents first."""

        def allowed(uow: UnitOfWork, now: datetime) -> None:
            self._require(uow, actor, Action.GUEST_LIST_OWN, "", now)

        def work(uow: UnitOfWork, now: datetime) -> list[MyGuestRow]:
            today = now.astimezone(self._venue_tz).date()
            summaries = self._summaries.of_my_guests(uow, actor, today)
            seen = {summary.id for summary in summaries}
            # One read of the open incidents (a few dozen), not one per guest: a host
            # may look after thousands.
            open_by_guest: dict[str, list[Incident]] = {}
            for incident in uow.incidents.open_incidents():
                if incident.guest_id in seen:
                    open_by_guest.setdefault(incident.guest_id, []).append(incident)
            rows = []
            for summary in summaries:
                mine = open_by_guest.get(summary.id)
                if not mine:  # most guests: nothing to sort or redact
                    rows.append(MyGuestRow(summary, ()))
                    continue
                mine.sort(key=lambda i: i.id)
                mine.sort(key=lambda i: i.opened_at, reverse=True)  # newest first, as before
                rows.append(MyGuestRow(summary, tuple(redact_incident(actor, i) for i in mine)))
            rows.sort(key=lambda r: (not r.open_incidents, r.guest.display_name.casefold()))
            return rows

        self._run(allowed)  # a refusal audited (a moment of the write lock)
        # Re-read at every change on this console: a host's thousands of guests must
        # never keep a swipe's audit row waiting for the lock.
        return self._run(work, reading=True)


def _flags(guest: Guest, today: date) -> list[TimelineEntry]:
    flags = []
    if guest.quiet.enabled:
        flags.append(TimelineEntry(None, TimelineKind.FLAG, "quiet_visit"))
    if guest.rg.self_excluded:
        flags.append(TimelineEntry(None, TimelineKind.FLAG, "self_excluded"))
    elif guest.rg.is_cooling_off(today):
        until = guest.rg.cooling_off_until
        flags.append(TimelineEntry(None, TimelineKind.FLAG, "cooling_off", until=until))
    return flags


def _incident_entries(incident: Incident, amounts: bool) -> list[TimelineEntry]:
    ref = incident.display_number
    out = [
        TimelineEntry(
            incident.opened_at, TimelineKind.INCIDENT, incident.category.value, incident.id, ref
        )
    ]
    for event in incident.events:
        if event.kind is EventKind.NOTE:
            out.append(TimelineEntry(event.at, TimelineKind.NOTE, event.detail, incident.id, ref))
        elif event.kind is EventKind.COMPENSATION_PROMISED:
            promise = Promise.from_json(event.detail)
            labels = ", ".join(item.label for item in promise.items)
            values = [item.amount for item in promise.items if item.amount is not None]
            total = sum(values, Decimal(0)) if values and amounts else None
            out.append(
                TimelineEntry(
                    event.at,
                    TimelineKind.COMPENSATION,
                    labels,
                    incident.id,
                    ref,
                    amount=total,
                    currency=promise.currency if total is not None else "",
                )
            )
        elif event.kind is EventKind.COMPENSATION_DELIVERED:
            delivery = read_delivery(event.detail)
            handed = ", ".join(delivery.items) if delivery is not None else ""
            out.append(TimelineEntry(event.at, TimelineKind.DELIVERY, handed, incident.id, ref))
    if incident.number is None:
        return [replace(entry, provisional=True) for entry in out]
    return out
