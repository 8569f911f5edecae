"""What a batch's writes read, read once for all of them (``POST /v1/batch``).

A write alone reads its incident, its events, its KPI facts and its guest's tier, and
looks up the ids it would create, one statement each. Before a batch runs, the rows
all its writes name are read in a few ``IN`` queries and kept in the transaction
(``session.info``); the writes then read them from here and tell it what they add,
so a later write of the same batch sees exactly what the database would show it.
Anything not read ahead (a write alone, a guest a patch links) is read as before.

Kept only as long as it is known to match the database: a savepoint rolled back
(``forget``) drops it all, and the writes after it read the database again.

What the batch's writes create (incidents, events) is kept here too, so a later write
finds them without the database, where they are written only at the batch's end
(helpdesk.batch_writes).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.domain import Tier
from helpdesk.models import AttachmentLink, EventRow, GuestRow, IncidentKpiRow, IncidentRow

_INFO_KEY = "batch_reads"
_EVENTS = cast(Table, EventRow.__table__)
_FACTS = cast(Table, IncidentKpiRow.__table__)
_LINKS = cast(Table, AttachmentLink.__table__)


@dataclass(frozen=True, slots=True)
class Named:
    """The rows one write of a batch reads or may create."""

    incident_id: str | None = None
    event_id: str | None = None
    guest_id: str | None = None


@dataclass(slots=True)
class _Reads:
    absent: dict[type[Any], set[str]] = field(default_factory=dict)
    kept: list[Any] = field(default_factory=list)  # the identity map holds rows weakly
    events: dict[str, list[Any]] = field(default_factory=dict)
    facts: dict[str, Mapping[str, Any] | None] = field(default_factory=dict)
    tiers: dict[str, Tier] = field(default_factory=dict)
    attachments: dict[str, list[str]] = field(default_factory=dict)
    created: dict[tuple[type[Any], str], Any] = field(default_factory=dict)


def read_ahead(session: Session, named: Iterable[Named]) -> None:
    """Read the incidents, events, KPI facts, attachments and guests ``named`` in a few
    queries."""
    incident_ids, event_ids, guest_ids = set(), set(), set()
    for item in named:
        if item.incident_id is not None:
            incident_ids.add(item.incident_id)
        if item.event_id is not None:
            event_ids.add(item.event_id)
        if item.guest_id is not None:
            guest_ids.add(item.guest_id)
    reads = _Reads()
    incidents = _rows(session, IncidentRow, incident_ids)
    guest_ids.update(row.guest_id for row in incidents if row.guest_id is not None)
    guests = _rows(session, GuestRow, guest_ids)
    events = _rows(session, EventRow, event_ids)
    reads.kept = [*incidents, *guests, *events]
    reads.absent[IncidentRow] = incident_ids - {row.id for row in incidents}
    reads.absent[GuestRow] = guest_ids - {row.id for row in guests}
    reads.absent[EventRow] = event_ids - {row.id for row in events}
    found = [row.id for row in incidents]
    reads.events = {incident_id: [] for incident_id in found}
    reads.facts = dict.fromkeys(found)
    if found:
        timelines = select(_EVENTS).where(_EVENTS.c.incident_id.in_(found))
        for event in session.execute(timelines.order_by(_EVENTS.c.seq)):
            reads.events[event.incident_id].append(event)
        for facts in session.execute(select(_FACTS).where(_FACTS.c.incident_id.in_(found))):
            reads.facts[facts.incident_id] = dict(facts._mapping)
        reads.attachments = {incident_id: [] for incident_id in found}
        links = select(_LINKS.c.incident_id, _LINKS.c.sha256).where(_LINKS.c.incident_id.in_(found))
        for incident_id, sha in session.execute(links):
            reads.attachments[incident_id].append(sha)
    session.info[_INFO_KEY] = reads


def _rows(session: Session, model: Any, ids: set[str]) -> list[Any]:
    """The rows of ``model`` with these ids (no query for none: a batch of creates
    names no guest or event)."""
    return list(session.scalars(select(model).where(model.id.in_(ids)))) if ids else []


def forget(session: Session) -> None:
    """What was read ahead may no longer match the database (a savepoint rolled back)."""
    session.info.pop(_INFO_KEY, None)


def _reads(session: Session) -> _Reads | None:
    return cast(_Reads | None, session.info.get(_INFO_KEY))


def get(session: Session, model: type[Any], key: str) -> Any:
    """``session.get(model, key)``, without a query for a row known not to exist, and
    a row the batch created as it created it."""
    reads = _reads(session)
    if reads is not None:
        if key in reads.absent.get(model, ()):
            return None
        created = reads.created.get((model, key))
        if created is not None:
            return created
    return session.get(model, key)


def incident_created(session: Session, row: IncidentRow) -> None:
    """A new incident: no events, no KPI facts, no attachments yet."""
    reads = _reads(session)
    if reads is not None:
        reads.absent.get(IncidentRow, set()).discard(row.id)
        reads.created[IncidentRow, row.id] = row
        reads.events[row.id] = []
        reads.facts[row.id] = None
        reads.attachments[row.id] = []


def event_added(session: Session, event: Any) -> None:
    """A new event (with the columns of ``incident_events`` as attributes)."""
    reads = _reads(session)
    if reads is not None:
        reads.absent.get(EventRow, set()).discard(event.id)
        reads.created[EventRow, event.id] = event
        timeline = reads.events.get(event.incident_id)
        if timeline is not None:
            timeline.append(event)  # its seq is the newest: the order stays by seq


def events_of(session: Session, incident_id: str) -> list[Any] | None:
    """The incident's events by seq if read ahead (None: read them)."""
    reads = _reads(session)
    if reads is None or incident_id not in reads.events:
        return None
    return list(reads.events[incident_id])


def attachments_of(session: Session, incident_id: str) -> list[str] | None:
    """The hashes of the incident's attachments if read ahead (None: read them);
    attachments are not linked in a batch."""
    reads = _reads(session)
    if reads is None or incident_id not in reads.attachments:
        return None
    return list(reads.attachments[incident_id])


def stored_facts(session: Session, incident_id: str) -> tuple[bool, Mapping[str, Any] | None]:
    """(known, the incident's ``incident_kpis`` row or None when it has none)."""
    reads = _reads(session)
    if reads is None or incident_id not in reads.facts:
        return False, None
    return True, reads.facts[incident_id]


def facts_stored(session: Session, incident_id: str, row: Mapping[str, Any]) -> None:
    reads = _reads(session)
    if reads is not None and incident_id in reads.facts:
        reads.facts[incident_id] = row


def guest_tier(session: Session, guest_id: str) -> Tier | None:
    """The tier of the guest (None: no such guest); guests are not written in a batch."""
    reads = _reads(session)
    if reads is not None and guest_id in reads.tiers:
        return reads.tiers[guest_id]
    guest = get(session, GuestRow, guest_id)
    tier = None if guest is None else Tier(json.loads(guest.data).get("tier", Tier.VIP.value))
    if reads is not None and tier is not None:
        reads.tiers[guest_id] = tier
    return tier
