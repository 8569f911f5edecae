"""Incidents and their append-only timelines; per-device provisional numbers."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, or_, select, update
from sqlalchemy.dialects.sqlite import insert

from app.domain import EventKind, Incident, IncidentEvent, IncidentStatus
from app.wire import codec
from offline_cache import schema
from offline_cache.rows import RowMapper, chunks, upsert

_incidents = RowMapper(Incident)
_events = RowMapper(IncidentEvent)
_t = schema.incidents
_e = schema.incident_events
# Never back: the feed may have brought a newer version first. Built once (replay hot path).
# Built once: the replay asks after every answer, and building the IN costs more
# than running it.
_VERSIONS = select(_t.c.id, _t.c.version).where(_t.c.id.in_(bindparam("ids", expanding=True)))
_SET_SERVER_IDENTITY = (
    update(_t)
    .where(_t.c.id == bindparam("incident"))
    .values(
        number=bindparam("new_number"),
        version=func.max(func.coalesce(_t.c.version, 0), bindparam("new_version")),
    )
)
_INCIDENT_COLUMNS = [_t.c[name] for name in _incidents.field_names if name != "events"]
_UPSERT_INCIDENT = upsert(_t, "id", [name for name in _incidents.field_names if name != "events"])
# Events already stored are left as they are: the timeline only grows.
_INSERT_EVENT = insert(_e).on_conflict_do_nothing(index_elements=[_e.c.id])
_OPEN_STATUSES = [status.value for status in IncidentStatus if status.is_open]
_counters = schema.provisional_counters


_FREE_NUMBER = (
    update(_t).where(_t.c.number == bindparam("n"), _t.c.id != bindparam("i")).values(number=None)
)


class SqliteIncidentRepository:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def by_id(self, incident_id: str) -> Incident | None:
        found = self._load(select(*_INCIDENT_COLUMNS).where(_t.c.id == incident_id))
        return found[0] if found else None

    def open_incidents(self) -> Sequence[Incident]:
        return self._load(
            select(*_INCIDENT_COLUMNS)
            .where(_t.c.status.in_(_OPEN_STATUSES))
            .order_by(_t.c.opened_at, _t.c.id)
        )

    def opened_since(self, since: datetime) -> Sequence[Incident]:
        """Incidents opened at or after ``since``, in whatever status (closed included)."""
        return self._load(
            select(*_INCIDENT_COLUMNS)
            .where(_t.c.opened_at >= codec.encode_datetime(since))  # UTC text: time's order
            .order_by(_t.c.opened_at, _t.c.id)
        )

    def closed_promised_since(self, since: datetime) -> Sequence[Incident]:
        """A promise is often kept after the resolution: what may still be owed."""
        promised = select(_e.c.incident_id).where(
            _e.c.kind == EventKind.COMPENSATION_PROMISED.value,
            _e.c.at >= codec.encode_datetime(since),
        )
        return self._load(
            select(*_INCIDENT_COLUMNS)
            .where(_t.c.id.in_(promised), _t.c.status.not_in(_OPEN_STATUSES))
            .order_by(_t.c.opened_at, _t.c.id)
        )

    def for_kpis(self, since: datetime, until: datetime) -> Sequence[Incident]:
        """Stored in UTC with one format, so the text's order is the time's."""
        window = _t.c.opened_at.between(codec.encode_datetime(since), codec.encode_datetime(until))
        return self._load(
            select(*_INCIDENT_COLUMNS)
            .where(or_(window, _t.c.status.in_(_OPEN_STATUSES)))
            .order_by(_t.c.opened_at, _t.c.id)
        )

    def for_guest(self, guest_id: str) -> Sequence[Incident]:
        return self._load(
            select(*_INCIDENT_COLUMNS)
            .where(_t.c.guest_id == guest_id)
            .order_by(_t.c.opened_at.desc(), _t.c.id)
        )

    def last_opened(self, guest_ids: Sequence[str]) -> dict[str, datetime]:
        """When each guest's latest incident opened, for the guests with one (stored in
        UTC, so the text's order is the time's)."""
        found: dict[str, datetime] = {}
        for chunk in chunks(list(guest_ids)):
            query = (
                select(_t.c.guest_id, func.max(_t.c.opened_at))
                .where(_t.c.guest_id.in_(chunk))
                .group_by(_t.c.guest_id)
            )
            found.update(
                {guest: datetime.fromisoformat(at) for guest, at in self._conn.execute(query)}
            )
        return found

    def save(self, incident: Incident) -> None:
        self._conn.execute(_UPSERT_INCIDENT, _incident_row(incident))
        rows = _event_rows(incident, self._stored_events([incident.id]).get(incident.id, {}))
        if rows:
            self._conn.execute(_INSERT_EVENT, rows)

    def save_many(self, incidents: Iterable[Incident]) -> None:
        """Insert or update many incidents and their new events (demo data, sync)."""
        batch = list(incidents)
        if not batch:
            return
        numbered = [{"n": i.number, "i": i.id} for i in batch if i.number]
        if numbered:
            # The helpdesk's latest word on a number wins: another incident holding it
            # here holds a stale one (a helpdesk restored from a backup numbers again)
            # and gets its new number when its own change arrives.
            self._conn.execute(_FREE_NUMBER, numbered)
        self._conn.execute(_UPSERT_INCIDENT, [_incident_row(i) for i in batch])
        with_events = [i for i in batch if i.events]  # synced incidents come without
        if not with_events:
            return
        stored = self._stored_events([i.id for i in with_events])
        rows = [row for i in with_events for row in _event_rows(i, stored.get(i.id, {}))]
        if rows:
            self._conn.execute(_INSERT_EVENT, rows)

    def next_provisional_number(self, device_id: str) -> str:
        """``T-<device>-000042``: the device's counter, bumped in this transaction."""
        value = self._conn.execute(
            insert(_counters)
            .values(device_id=device_id, last_value=1)
            .on_conflict_do_update(
                index_elements=[_counters.c.device_id],
                set_={"last_value": _counters.c.last_value + 1},
            )
            .returning(_counters.c.last_value)
        ).scalar_one()
        return f"{device_id}-{value:04d}"

    def by_ids(self, incident_ids: Sequence[str], *, events: bool = True) -> dict[str, Incident]:
        found: dict[str, Incident] = {}
        for chunk in chunks(list(incident_ids)):
            query = select(*_INCIDENT_COLUMNS).where(_t.c.id.in_(chunk))
            for incident in self._load(query, events=events):
                found[incident.id] = incident
        return found

    def versions(self, incident_ids: Sequence[str]) -> dict[str, int | None]:
        found: dict[str, int | None] = {}
        for chunk in chunks(list(incident_ids)):
            rows = self._conn.execute(_VERSIONS, {"ids": chunk})
            found.update({row[0]: row[1] for row in rows})
        return found

    def add_events(self, events: Iterable[IncidentEvent]) -> int:
        """Append events from the helpdesk; ids already stored are skipped (idempotent)."""
        by_incident: dict[str, list[IncidentEvent]] = defaultdict(list)
        for event in events:
            by_incident[event.incident_id].append(event)
        if not by_incident:
            return 0
        stored = self._stored_events(list(by_incident))
        rows = []
        for incident_id, batch in by_incident.items():
            known = stored.get(incident_id, {})
            next_seq = max(known.values(), default=-1) + 1
            for event in batch:
                if event.id in known:
                    continue
                known[event.id] = next_seq
                rows.append({**_events.to_row(event), "seq": next_seq})
                next_seq += 1
        if rows:
            self._conn.execute(_INSERT_EVENT, rows)
        return len(rows)

    def set_server_identity(self, incident_id: str, number: str | None, version: int) -> None:
        self.set_server_identities([(incident_id, number, version)])

    def set_server_identities(self, identities: Sequence[tuple[str, str | None, int]]) -> None:
        params = [
            {"incident": incident_id, "new_number": number, "new_version": version}
            for incident_id, number, version in identities
        ]
        if params:
            self._conn.execute(_SET_SERVER_IDENTITY, params)

    def _stored_events(self, incident_ids: list[str]) -> dict[str, dict[str, int]]:
        """For each incident, the ids of its stored events and their positions."""
        stored: dict[str, dict[str, int]] = defaultdict(dict)
        for chunk in chunks(incident_ids):
            query = select(_e.c.incident_id, _e.c.id, _e.c.seq).where(_e.c.incident_id.in_(chunk))
            for incident_id, event_id, seq in self._conn.execute(query):
                stored[incident_id][event_id] = seq
        return stored

    def _load(self, query: Any, *, events: bool = True) -> list[Incident]:
        rows = self._conn.execute(query).mappings().all()
        if not events:
            return [_incidents.from_row(row, events=()) for row in rows]
        events_by_id = self._events_of([row["id"] for row in rows])
        return [_incidents.from_row(row, events=tuple(events_by_id[row["id"]])) for row in rows]

    def _events_of(self, incident_ids: list[str]) -> dict[str, list[IncidentEvent]]:
        """All timelines in one query per chunk, not one query per incident."""
        events: dict[str, list[IncidentEvent]] = defaultdict(list)
        for chunk in chunks(incident_ids):
            query = (
                select(_e).where(_e.c.incident_id.in_(chunk)).order_by(_e.c.incident_id, _e.c.seq)
            )
            for row in self._conn.execute(query).mappings().all():
                events[row["incident_id"]].append(_events.from_row(row))
        return events


def _incident_row(incident: Incident) -> dict[str, Any]:
    return _incidents.to_row(incident, exclude=frozenset({"events"}))


def _event_rows(incident: Incident, stored: dict[str, int]) -> list[dict[str, Any]]:
    """Rows for the events not stored yet, numbered after the stored ones.

    Matching by id rather than by position: a stale copy of the incident that
    gained a different event still appends it instead of losing it.
    """
    next_seq = max(stored.values(), default=-1) + 1
    rows = []
    for event in incident.events:
        if event.id in stored:
            continue
        if event.incident_id != incident.id:
            raise ValueError(f"event {event.id} belongs to {event.incident_id}, not {incident.id}")
        rows.append({**_events.to_row(event), "seq": next_seq})
        next_seq += 1
    return rows
