"""Applying what the helpdesk sends: change-feed pages and items, answers to writes.

Applying is idempotent: records are upserts, events are inserted by id, and an
incident never goes back to an older version. Fields with a local change still in
the outbox keep the local value (the outbox will send it; the helpdesk's answer
brings the merged result back).

A change the console cannot apply never blocks the ones behind it (the rules are in
``app.sync.set_aside`` and docs/sync.md): the page is applied in a savepoint; if the
store refuses it, each item is applied alone and the ones it refuses are set aside,
the rest and the cursor go on. A set-aside item is tried again at each pull.
A pulled page is first applied ``whole``, without the savepoint (which makes SQLite
maintain the guests' FTS index several times slower per row); if the store refuses
it, the caller's unit of work rolls back and the page is applied again as above.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from app.domain import GamingTable, Guest, Incident, IncidentEvent, Staff
from app.ports import UnitOfWork
from app.sync.card_clash import settle_card_clashes
from app.sync.decode import DecodedChanges
from app.sync.set_aside import NewSetAside, Resolution, SetAside, SetAsideKind
from app.wire import codec

log = logging.getLogger(__name__)

CURSOR_KEY = "cursor"
LAST_SEQ_KEY = "last_seq"


# What each decoded type is, to keep an item aside as it was decoded and try it again.
class PageRefused(Exception):
    """The store refused a page applied whole: apply it again, with the per-item
    fallback, in a new unit of work (the one it was applied in must roll back)."""


_TYPES: dict[str, Any] = {
    "guest": Guest,
    "staff": Staff,
    "table": GamingTable,
    "incident": Incident,
    "incident_event": IncidentEvent,
    "attachment": tuple[str, str],
}


def apply_changes(
    uow: UnitOfWork,
    changes: DecodedChanges,
    cursor: str | None = None,
    now: datetime | None = None,
    *,
    refresh: bool = False,
    whole: bool = False,
) -> int:
    """Apply checked changes and move the cursor, all in the caller's unit of work.
    ``refresh``: the feed is read again from the start (another staff view): incidents
    held at the same version are replaced too. ``whole``: no savepoint, raises
    ``PageRefused`` if the store refuses anything (the caller rolls back, tries again).

    Returns how many items were set aside for review."""
    now = now or datetime.now(UTC)
    if whole:
        try:
            aside = _apply(uow, changes, now, refresh)
        except Exception as error:
            raise PageRefused(f"{type(error).__name__}: {error}") from error
    else:
        try:
            with uow.savepoint():
                aside = _apply(uow, changes, now, refresh)
        except Exception as error:  # the store refused something: find what, apply the rest
            log.warning("a change page did not apply whole (%s); applying item by item", error)
            aside = _apply_one_by_one(uow, changes, now)
    for item in changes.rejected:  # after: an older change of the record settles none
        uow.set_aside.add(item, now)
        aside += 1
    if cursor is not None:
        uow.sync_state.set(CURSOR_KEY, cursor)
    if changes.last_seq is not None:
        stored = uow.sync_state.get(LAST_SEQ_KEY)
        if stored is None or int(stored) < changes.last_seq:
            uow.sync_state.set(LAST_SEQ_KEY, str(changes.last_seq))
    return aside


def applying(
    changes: DecodedChanges,
    cursor: str | None = None,
    refresh: bool = False,
    whole: bool = False,
    *,
    pause_index: bool = False,
    resume_index: bool = False,
) -> Callable[[UnitOfWork], int]:
    """What the store thread runs to apply ``changes`` (see ``apply_changes``); with the
    guests' name index paused before (a pull from the start), resumed after (its end)."""

    def work(uow: UnitOfWork) -> int:
        if pause_index:
            uow.guests.pause_search_index()
        aside = apply_changes(uow, changes, cursor, refresh=refresh, whole=whole)
        if resume_index:
            uow.guests.resume_search_index()
        return aside

    return work


def retry_set_aside(uow: UnitOfWork, now: datetime | None = None) -> int:
    """Try the items the store refused once more (a fixed bug, a record that moved);
    returns how many now applied."""
    now = now or datetime.now(UTC)
    applied = 0
    for item in uow.set_aside.open_items([SetAsideKind.UNAPPLIABLE]):
        single = _decoded_from(item)
        if single is None:
            continue
        try:
            with uow.savepoint():
                _apply(uow, single, now)
        except Exception as error:
            log.info("set-aside change %s still does not apply: %s", item.id, error)
            continue
        uow.set_aside.resolve(item.id, Resolution.APPLIED, now)
        applied += 1
    return applied


def _apply(uow: UnitOfWork, changes: DecodedChanges, now: datetime, refresh: bool = False) -> int:
    aside = 0
    review = uow.set_aside.count_open() > 0  # skip the bookkeeping when nothing waits
    if changes.guests:
        aside += settle_card_clashes(uow, changes.guests, now)
        uow.guests.save_many(changes.guests_to_save())
    for member in changes.staff:
        uow.staff.save(_keeping_verifier(uow, member))
    for table in changes.tables:
        uow.tables.save(table)
    if changes.incidents:
        merge_incidents(uow, list(changes.incidents.values()), refresh=refresh)
    if review and (changes.incidents or changes.held):
        _apply_orphans(uow, [*changes.incidents, *_held(changes, "incident")], now)
    if changes.events:
        aside += _add_events(uow, changes.events, now)
    if changes.attachments:
        _link_attachments(uow, changes.attachments)
    if review:
        for item_type, ids in _ids_by_type(changes):
            uow.set_aside.supersede(item_type, ids, now)
    return aside


def _keeping_verifier(uow: UnitOfWork, member: Staff) -> Staff:
    """The feed never carries a PIN verifier: the one this device keeps for its own
    staff (``/v1/staff/verifiers``) stays."""
    if member.pin_hash:
        return member
    local = uow.staff.by_id(member.id)
    return replace(member, pin_hash=local.pin_hash) if local is not None else member


def _apply_one_by_one(uow: UnitOfWork, changes: DecodedChanges, now: datetime) -> int:
    aside = 0
    for item_type, entity_id, value, single in _singles(changes):
        try:
            with uow.savepoint():
                aside += _apply(uow, single, now)
        except Exception as error:
            reason = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"
            log.error("change to %s %s set aside: %s", item_type, entity_id, reason)
            data = codec.dumps({"type": item_type, "data": codec.encode(value)})
            item = NewSetAside(SetAsideKind.UNAPPLIABLE, item_type, entity_id, data, reason)
            uow.set_aside.add(item, now)
            aside += 1
    return aside


def _singles(changes: DecodedChanges) -> Iterator[tuple[str, str, Any, DecodedChanges]]:
    for guest in changes.guests:
        yield "guest", guest.id, guest, DecodedChanges(guests=[guest])
    for member in changes.staff:
        yield "staff", member.id, member, DecodedChanges(staff=[member])
    for table in changes.tables:
        yield "table", table.id, table, DecodedChanges(tables=[table])
    for incident in changes.incidents.values():
        yield "incident", incident.id, incident, DecodedChanges(incidents={incident.id: incident})
    for event in changes.events:
        yield "incident_event", event.id, event, DecodedChanges(events=[event])
    for link in changes.attachments:
        yield "attachment", link[1], link, DecodedChanges(attachments=[link])


def _decoded_from(item: SetAside) -> DecodedChanges | None:
    """The change an UNAPPLIABLE or ORPHAN_EVENT item keeps, decoded again."""
    try:
        stored = json.loads(item.data)
        kind = _TYPES[stored["type"]]
        value = codec.decode(stored["data"], kind)
    except (ValueError, KeyError, TypeError) as error:
        log.error("set-aside change %s cannot be read back: %s", item.id, error)
        return None
    return _one(stored["type"], value)


def _one(item_type: str, value: Any) -> DecodedChanges:
    changes = DecodedChanges()
    if item_type == "incident":
        changes.incidents[value.id] = value
    else:
        lists: dict[str, list[Any]] = {
            "guest": changes.guests,
            "staff": changes.staff,
            "table": changes.tables,
            "incident_event": changes.events,
            "attachment": changes.attachments,
        }
        lists[item_type].append(value)
    return changes


def _ids_by_type(changes: DecodedChanges) -> Iterator[tuple[str, list[str]]]:
    pairs = (
        ("guest", [g.id for g in changes.guests]),
        ("staff", [s.id for s in changes.staff]),
        ("table", [t.id for t in changes.tables]),
        ("incident", [*changes.incidents, *_held(changes, "incident")]),
        ("incident_event", [e.id for e in changes.events] + _held(changes, "incident_event")),
    )
    return ((item_type, ids) for item_type, ids in pairs if ids)


def _held(changes: DecodedChanges, item_type: str) -> list[str]:
    """The records of ``item_type`` the store held already, not decoded (echoes.py)."""
    return [record_id for kind, record_id in changes.held if kind == item_type]


def _add_events(uow: UnitOfWork, events: Sequence[IncidentEvent], now: datetime) -> int:
    """Insert the events; those of an incident this console does not hold wait aside
    until it arrives (the feed sends an incident before its events, but a record set
    aside or a filtered feed can break that order)."""
    known = uow.incidents.versions(sorted({e.incident_id for e in events}))
    orphans = [e for e in events if e.incident_id not in known]
    for event in orphans:
        data = codec.dumps({"type": "incident_event", "data": codec.encode(event)})
        reason = f"event of incident {event.incident_id}, which this console does not hold"
        item = NewSetAside(
            SetAsideKind.ORPHAN_EVENT,
            "incident_event",
            event.id,
            data,
            reason,
            local_id=event.incident_id,
        )
        uow.set_aside.add(item, now)
    if orphans:
        log.warning("%d events wait for their incidents", len(orphans))
    uow.incidents.add_events(e for e in events if e.incident_id in known)
    return len(orphans)


def _apply_orphans(uow: UnitOfWork, incident_ids: list[str], now: datetime) -> None:
    for item in uow.set_aside.orphans_of(incident_ids):
        single = _decoded_from(item)
        if single is not None:
            uow.incidents.add_events(single.events)
        uow.set_aside.resolve(item.id, Resolution.APPLIED, now)


def merge_incidents(uow: UnitOfWork, incoming: Sequence[Incident], *, refresh: bool = False) -> int:
    """Store the helpdesk's incidents, never going back in version, keeping pending fields.

    An incident we hold at the same version is skipped: every stored field changes only
    with a new version (our own changes coming back on the feed cost one light query).
    ``refresh`` takes it at the same version too: a row of ours just settled, so the
    fields we kept for it while it waited must become the helpdesk's again.
    """
    versions = uow.incidents.versions([incident.id for incident in incoming])
    newer = [
        incident
        for incident in incoming
        if incident.id not in versions
        or versions[incident.id] is None
        or (incident.version or 0) > (versions[incident.id] or 0)
        or (refresh and (incident.version or 0) == versions[incident.id])
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
