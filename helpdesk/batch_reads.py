"""What a batch's writes read, read once for all of them (``POST /v1/batch``).

A write alone reads its incident, its events, its KPI facts and its guest's tier, and
looks up the ids it would create, one statement each. Before a batch runs, the rows
all its writes name are read in a few ``IN`` queries and kept in the transaction
(``session.info``); the writes then read them from here and tell it what they add,
so a later write of the same batch sees exactly what the database would show it.
Anything not read ahead (a write alone, a guest a patch links) is read as before.

Kept only as long as it is known to match the database: a savepoint rolled back
(``forget``) drops it all, and the writes after it read the database again.

Statements whose effect nothing in the batch reads back (a change row's data, the KPI
facts and day sums, read from here) can wait (``later``) and run as one executemany
each at the end (``run_later``), in the order they were asked for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.domain import Tier
from helpdesk.models import EventRow, GuestRow, IncidentKpiRow, IncidentRow

_INFO_KEY = "batch_reads"
_EVENTS = cast(Table, EventRow.__table__)
_FACTS = cast(Table, IncidentKpiRow.__table__)


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
    later: dict[Any, list[Mapping[str, Any]]] | None = None  # statement -> its parameters


def read_ahead(session: Session, named: Iterable[Named], *, defer: bool = False) -> None:
    """Read the incidents, events, KPI facts and guests ``named`` in a few queries;
    ``defer``: let ``later`` keep statements for ``run_later`` (no savepoints)."""
    incident_ids, event_ids, guest_ids = set(), set(), set()
    for item in named:
        if item.incident_id is not None:
            incident_ids.add(item.incident_id)
        if item.event_id is not None:
            event_ids.add(item.event_id)
        if item.guest_id is not None:
            guest_ids.add(item.guest_id)
    reads = _Reads(later={} if defer else None)
    incidents = list(session.scalars(select(IncidentRow).where(IncidentRow.id.in_(incident_ids))))
    guest_ids.update(row.guest_id for row in incidents if row.guest_id is not None)
    guests = list(session.scalars(select(GuestRow).where(GuestRow.id.in_(guest_ids))))
    events = list(session.scalars(select(EventRow).where(EventRow.id.in_(event_ids))))
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
    session.info[_INFO_KEY] = reads


def later(session: Session, statement: Any, params: Mapping[str, Any]) -> None:
    """Run ``statement`` now, or with the batch's others like it at its end."""
    reads = _reads(session)
    if reads is None or reads.later is None:
        session.execute(statement, params)
    else:
        reads.later.setdefault(statement, []).append(params)


def run_later(session: Session) -> None:
    """The statements ``later`` kept, one executemany each."""
    reads = _reads(session)
    if reads is not None and reads.later:
        for statement, params in reads.later.items():
            session.execute(statement, params)
        reads.later.clear()


def forget(session: Session) -> None:
    """What was read ahead may no longer match the database (a savepoint rolled back)."""
    session.info.pop(_INFO_KEY, None)


def _reads(session: Session) -> _Reads | None:
    return cast(_Reads | None, session.info.get(_INFO_KEY))


def get(session: Session, model: type[Any], key: str) -> Any:
    """``session.get(model, key)``, without a query for a row known not to exist."""
    reads = _reads(session)
    if reads is not None and key in reads.absent.get(model, ()):
        return None
    return session.get(model, key)


def incident_created(session: Session, incident_id: str) -> None:
    """A new incident: no events, no KPI facts yet."""
    reads = _reads(session)
    if reads is not None:
        reads.absent.get(IncidentRow, set()).discard(incident_id)
        reads.events[incident_id] = []
        reads.facts[incident_id] = None


def event_added(session: Session, event: Any) -> None:
    """A new event (with the columns of ``incident_events`` as attributes)."""
    reads = _reads(session)
    if reads is not None:
        reads.absent.get(EventRow, set()).discard(event.id)
        timeline = reads.events.get(event.incident_id)
        if timeline is not None:
            timeline.append(event)  # its seq is the newest: the order stays by seq


def events_of(session: Session, incident_id: str) -> list[Any] | None:
    """The incident's events by seq if read ahead (None: read them)."""
    reads = _reads(session)
    if reads is None or incident_id not in reads.events:
        return None
    return list(reads.events[incident_id])


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
