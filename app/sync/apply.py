"""Applying what the helpdesk sends: change-feed pages and items, answers to writes.

Decoding happens before the unit of work: a malformed item refuses the whole page
and the store is not touched. Applying is idempotent: records are upserts, events
are inserted by id, and an incident never goes back to an older version. Fields
with a local change still in the outbox keep the local value (the outbox will
send it; the helpdesk's answer brings the merged result back).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from app.domain import GamingTable, Guest, Incident, IncidentEvent, Staff
from app.ports import UnitOfWork
from app.sync.scrub import scrub_event, scrub_guest, scrub_incident
from app.wire.contract import MalformedResponse, decode_event, decode_incident, decode_record

log = logging.getLogger(__name__)

CURSOR_KEY = "cursor"
LAST_SEQ_KEY = "last_seq"


@dataclass
class DecodedChanges:
    """One page (or a few live items), checked and turned into domain objects."""

    guests: list[Guest] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    tables: list[GamingTable] = field(default_factory=list)
    incidents: dict[str, Incident] = field(default_factory=dict)  # newest version per id
    events: list[IncidentEvent] = field(default_factory=list)
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (incident id, sha256)
    last_seq: int | None = None
    skipped: int = 0

    @property
    def count(self) -> int:
        return (
            len(self.guests)
            + len(self.staff)
            + len(self.tables)
            + len(self.incidents)
            + len(self.events)
            + len(self.attachments)
        )


@dataclass(frozen=True, slots=True)
class Page:
    changes: DecodedChanges
    next_cursor: str
    end_of_stream: bool


def parse_page(body: bytes) -> Page:
    """A ``GET /v1/changes`` body, checked; raises ``MalformedResponse``."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedResponse(f"changes page is not JSON: {error}") from error
    if not isinstance(data, dict):
        raise MalformedResponse("changes page: expected an object")
    items, cursor, end = data.get("items"), data.get("next_cursor"), data.get("end_of_stream")
    if not isinstance(items, list):
        raise MalformedResponse("changes page: items must be a list")
    if not isinstance(cursor, str) or not cursor:
        raise MalformedResponse("changes page: next_cursor must be a non-empty string")
    if not isinstance(end, bool):
        raise MalformedResponse("changes page: end_of_stream must be true or false")
    return Page(decode_items(items), cursor, end)


def decode_items(items: Iterable[Any], into: DecodedChanges | None = None) -> DecodedChanges:
    """Check and decode change items (into ``into``, to gather live items); raises
    ``MalformedResponse`` before anything is applied."""
    decoded = into if into is not None else DecodedChanges()
    for item in items:
        if not isinstance(item, dict):
            raise MalformedResponse("change item: expected an object")
        seq, kind, op, data = item.get("seq"), item.get("type"), item.get("op"), item.get("data")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise MalformedResponse(f"change item: bad seq {seq!r:.40}")
        if not isinstance(kind, str) or not isinstance(op, str):
            raise MalformedResponse("change item: type and op must be strings")
        if decoded.last_seq is None or seq > decoded.last_seq:
            decoded.last_seq = seq
        if op != "upsert":
            decoded.skipped += 1  # an op this console does not know: newer helpdesk
            log.warning("skipping change %s: unknown op %r for %s", seq, op[:20], kind[:20])
            continue
        _decode_item(decoded, kind, data, seq)
    return decoded


def _decode_item(decoded: DecodedChanges, kind: str, data: Any, seq: int) -> None:
    if kind == "incident":
        incident = scrub_incident(decode_incident(data).incident)
        known = decoded.incidents.get(incident.id)
        if known is None or (known.version or 0) <= (incident.version or 0):
            decoded.incidents[incident.id] = incident
    elif kind == "incident_event":
        decoded.events.append(scrub_event(decode_event(data)))
    elif kind == "attachment":
        if not isinstance(data, dict):
            raise MalformedResponse("attachment: expected an object")
        sha, owner = data.get("sha256"), data.get("incident_id")
        if not isinstance(sha, str) or not isinstance(owner, str):
            raise MalformedResponse("attachment: sha256 and incident_id must be strings")
        decoded.attachments.append((owner, sha))
    elif kind == "guest":
        decoded.guests.append(scrub_guest(decode_record(Guest, data, kind)))
    elif kind == "staff":
        decoded.staff.append(decode_record(Staff, data, kind))
    elif kind == "table":
        decoded.tables.append(decode_record(GamingTable, data, kind))
    else:
        decoded.skipped += 1
        log.warning("skipping change %s: unknown type %r", seq, kind[:20])


def apply_changes(uow: UnitOfWork, changes: DecodedChanges, cursor: str | None = None) -> None:
    """Apply checked changes and move the cursor, all in the caller's unit of work."""
    if changes.guests:
        uow.guests.save_many(changes.guests)
    for member in changes.staff:
        uow.staff.save(member)
    for table in changes.tables:
        uow.tables.save(table)
    if changes.incidents:
        merge_incidents(uow, list(changes.incidents.values()))
    if changes.events:
        known = uow.incidents.versions(sorted({e.incident_id for e in changes.events}))
        orphans = [e for e in changes.events if e.incident_id not in known]
        if orphans:  # the feed sends an incident before its events; say so if not
            log.warning("skipping %d events of incidents this console does not have", len(orphans))
        uow.incidents.add_events(e for e in changes.events if e.incident_id in known)
    if changes.attachments:
        _link_attachments(uow, changes.attachments)
    if cursor is not None:
        uow.sync_state.set(CURSOR_KEY, cursor)
    if changes.last_seq is not None:
        stored = uow.sync_state.get(LAST_SEQ_KEY)
        if stored is None or int(stored) < changes.last_seq:
            uow.sync_state.set(LAST_SEQ_KEY, str(changes.last_seq))


def merge_incidents(uow: UnitOfWork, incoming: Sequence[Incident]) -> int:
    """Store the helpdesk's incidents, never going back in version, keeping pending fields.

    An incident we hold at the same version is skipped: every stored field changes only
    with a new version (our own changes coming back on the feed cost one light query).
    """
    versions = uow.incidents.versions([incident.id for incident in incoming])
    newer = [
        incident
        for incident in incoming
        if incident.id not in versions
        or versions[incident.id] is None
        or (incident.version or 0) > (versions[incident.id] or 0)
    ]
    if not newer:
        return 0
    known = [incident.id for incident in newer if incident.id in versions]
    stored = uow.incidents.by_ids(known, events=False) if known else {}
    pending = uow.outbox.pending_fields(known) if known else {}
    merged: list[Incident] = []
    for incident in newer:
        local = stored.get(incident.id)
        keep: dict[str, Any] = {}
        attachments: tuple[str, ...] = ()
        if local is not None:
            keep = {name: getattr(local, name) for name in pending.get(incident.id, ())}
            attachments = local.attachments
        merged.append(replace(incident, events=(), attachments=attachments, **keep))
    uow.incidents.save_many(merged)
    return len(merged)


def _link_attachments(uow: UnitOfWork, links: list[tuple[str, str]]) -> None:
    stored = uow.incidents.by_ids(sorted({incident_id for incident_id, _ in links}), events=False)
    changed: dict[str, Incident] = {}
    for incident_id, sha in links:
        incident = changed.get(incident_id) or stored.get(incident_id)
        if incident is None or sha in incident.attachments:
            continue
        changed[incident_id] = replace(incident, attachments=(*incident.attachments, sha))
    if changed:
        uow.incidents.save_many(replace(i, events=()) for i in changed.values())
