"""The outbox: changes waiting for the helpdesk, in the same file as the changes.

A row is written in the unit of work that makes the change, deleted in the one that
applies the helpdesk's answer, and kept as a dead letter when the helpdesk refuses it
for good. See ``app.sync.outbox`` for the kinds and payloads.
"""

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)

from app.sync.outbox import OutboxEntry, OutboxKind, OutboxState
from app.sync.sessions import SESSION_REFUSED
from app.wire import codec, fast_json
from offline_cache import schema

_o = schema.outbox
_PENDING = OutboxState.PENDING.value
_DEAD = OutboxState.DEAD.value

# Heads: per entity, the oldest pending row; an entity whose create was refused
# for good is blocked (its patches and events would only meet a 404).
_DUE_ENTITIES = """
SELECT o.entity_id FROM outbox AS o
WHERE o.state = 'pending'
  AND o.seq = (SELECT MIN(p.seq) FROM outbox AS p
               WHERE p.state = 'pending' AND p.entity_id = o.entity_id)
  AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= :now)
  AND NOT EXISTS (SELECT 1 FROM outbox AS d
                  WHERE d.state = 'dead' AND d.entity_id = o.entity_id
                    AND d.kind = 'incident.create')
  {exclude}
ORDER BY o.seq
LIMIT :limit
"""

# The replay's hot statements, built once (building one costs more than running it).
# pending_for names every state: the index leads with the state, and a bare entity_id
# would scan the whole outbox (10,000 rows after a long outage) for each incident.
_DUE_SESSIONS = text(
    "SELECT DISTINCT session_id FROM outbox WHERE state = 'pending' AND session_id != ''"
    " AND kind != 'audit.checkpoint' AND (next_attempt_at IS NULL OR next_attempt_at <= :now)"
)  # a checkpoint is signed by the device: no staff token
_PENDING_FOR = (
    select(_o)
    .where(_o.c.state.in_((_PENDING, _DEAD)), _o.c.entity_id == bindparam("entity"))
    .where(_o.c.seq > bindparam("after"))
    .order_by(_o.c.seq)
)
_PENDING_FOR_MANY = (
    select(_o)
    .where(
        _o.c.state.in_((_PENDING, _DEAD)),
        _o.c.entity_id.in_(bindparam("entities", expanding=True)),
    )
    .order_by(_o.c.seq)
)
_s = schema.outbox_sent
_JOURNALLED = (
    "seq",
    "idempotency_key",
    "kind",
    "entity_id",
    "actor_id",
    "payload",
    "base_version",
    "created_at",
    "session_id",
)
# A row the helpdesk took goes to the sent journal (kept seven days), then leaves.
_JOURNAL = insert(_s).from_select(
    [*_JOURNALLED, "sent_at"],
    select(*(_o.c[name] for name in _JOURNALLED), bindparam("sent_at")).where(
        _o.c.seq == bindparam("row")
    ),
)
_COMPLETE = delete(_o).where(_o.c.seq == bindparam("row"))
_PATCHES_OF = and_(
    _o.c.entity_id == bindparam("entity"),
    _o.c.state == _PENDING,
    _o.c.kind == OutboxKind.INCIDENT_PATCH.value,
)
_REBASE = (
    update(_o)
    .where(_PATCHES_OF, _o.c.base_version == bindparam("old"))
    .values(base_version=bindparam("new"))
)
_REBASE_UNPINNED = (
    update(_o).where(_PATCHES_OF, _o.c.base_version.is_(None)).values(base_version=bindparam("new"))
)


class SqliteOutbox:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        # The kinds queued in this unit of work: the store tells its listeners after commit.
        self.enqueued: set[OutboxKind] = set()

    def enqueue(
        self,
        kind: str,
        entity_id: str,
        payload: Mapping[str, Any],
        *,
        actor_id: str = "",
        base_version: int | None = None,
        at: datetime | None = None,
        session_id: str = "",
    ) -> OutboxEntry:
        kind = OutboxKind(kind)  # an unknown kind is a programming error: fail here
        if kind is OutboxKind.UNKNOWN:
            raise ValueError("an outbox row needs a kind this console can send")
        created = at or datetime.now(UTC)
        key = str(uuid.uuid4())
        seq = self._conn.execute(
            insert(_o)
            .values(
                idempotency_key=key,
                kind=kind.value,
                entity_id=entity_id,
                actor_id=actor_id,
                payload=codec.dumps(dict(payload)),
                base_version=base_version,
                created_at=codec.encode_datetime(created),
                state=_PENDING,
                attempts=0,
                last_error="",
                session_id=session_id,
            )
            .returning(_o.c.seq)
        ).scalar_one()
        self.enqueued.add(kind)
        return OutboxEntry(
            seq=seq,
            idempotency_key=key,
            kind=kind,
            entity_id=entity_id,
            actor_id=actor_id,
            payload=dict(payload),
            base_version=base_version,
            created_at=created,
            session_id=session_id,
        )

    def adopt(self, staff_id: str, session_id: str) -> int:
        refused = select(schema.staff_sessions.c.session_id).where(
            schema.staff_sessions.c.refused != ""
        )
        orphan = and_(
            _o.c.actor_id == staff_id, or_(_o.c.session_id == "", _o.c.session_id.in_(refused))
        )
        # A dead letter of a refused session was never applied: a fresh key is safe.
        self._conn.execute(
            update(_o)
            .where(orphan, _o.c.state == _DEAD, _o.c.last_error.startswith(SESSION_REFUSED))
            .values(state=_PENDING, attempts=0, next_attempt_at=None, failed_at=None)
            .values(idempotency_key=func.lower(func.hex(func.randomblob(16))))
        )
        moved = self._conn.execute(
            update(_o).where(orphan, _o.c.state == _PENDING).values(session_id=session_id)
        ).rowcount
        return int(moved or 0)

    def due_entities(self, now: datetime, limit: int, exclude: Iterable[str] = ()) -> list[str]:
        excluded = list(exclude)
        clause = "AND o.entity_id NOT IN :excluded" if excluded else ""
        statement = text(_DUE_ENTITIES.format(exclude=clause))
        params: dict[str, Any] = {"now": codec.encode_datetime(now), "limit": limit}
        if excluded:
            statement = statement.bindparams(bindparam("excluded", expanding=True))
            params["excluded"] = excluded
        return [row[0] for row in self._conn.execute(statement, params)]

    def due_sessions(self, now: datetime) -> list[str]:
        params = {"now": codec.encode_datetime(now)}
        return list(self._conn.execute(_DUE_SESSIONS, params).scalars())

    def pending_for(
        self, entity_id: str, *, after: int = 0, limit: int | None = None
    ) -> Sequence[OutboxEntry]:
        statement = _PENDING_FOR if limit is None else _PENDING_FOR.limit(limit)
        rows = self._conn.execute(statement, {"entity": entity_id, "after": after}).mappings()
        return [_entry(row) for row in rows]

    def pending_for_many(
        self, entity_ids: Sequence[str], limit: int | None = None
    ) -> dict[str, list[OutboxEntry]]:
        found: dict[str, list[OutboxEntry]] = {entity_id: [] for entity_id in entity_ids}
        ids = list(found)
        for start in range(0, len(ids), 500):
            params = {"entities": ids[start : start + 500]}
            for row in self._conn.execute(_PENDING_FOR_MANY, params).mappings():
                rows = found[row["entity_id"]]
                if limit is None or len(rows) < limit:  # the rest is not decoded
                    rows.append(_entry(row))
        return found

    def get(self, seq: int) -> OutboxEntry | None:
        row = self._conn.execute(select(_o).where(_o.c.seq == seq)).mappings().first()
        return None if row is None else _entry(row)

    def complete(self, seq: int) -> None:
        self.complete_many([seq])

    def complete_many(self, seqs: Sequence[int]) -> None:
        if not seqs:
            return
        sent_at = codec.encode_datetime(datetime.now(UTC))
        self._conn.execute(_JOURNAL, [{"row": seq, "sent_at": sent_at} for seq in seqs])
        self._conn.execute(_COMPLETE, [{"row": seq} for seq in seqs])

    def resend_sent(self, since: datetime) -> int:
        """Every row the helpdesk took since ``since`` back in the outbox, pending, under
        its own key and in its own place (its seq): for a helpdesk restored from a
        backup. What the backup held is answered from the stored answer to the key."""
        columns = [*_JOURNALLED, "state", "attempts", "last_error"]
        again = select(
            *(_s.c[name] for name in _JOURNALLED),
            literal(_PENDING),
            literal(0),
            literal(""),
        ).where(_s.c.sent_at >= codec.encode_datetime(since))
        moved = self._conn.execute(insert(_o).from_select(columns, again)).rowcount
        self._conn.execute(delete(_s))
        return int(moved or 0)

    def forget_sent(self, before: datetime) -> int:
        """The journal's rows older than the helpdesk's idempotency window go."""
        gone = self._conn.execute(delete(_s).where(_s.c.sent_at < codec.encode_datetime(before)))
        return int(gone.rowcount or 0)

    def retry_later(
        self, seq: int, *, at: datetime, status: int | None, error: str, count_attempt: bool = True
    ) -> None:
        self._conn.execute(
            update(_o)
            .where(_o.c.seq == seq)
            .values(
                attempts=_o.c.attempts + (1 if count_attempt else 0),
                next_attempt_at=codec.encode_datetime(at),
                last_status=status,
                last_error=error[:2000],
            )
        )

    def mark_dead(self, seq: int, *, at: datetime, status: int | None, error: str) -> None:
        self._conn.execute(
            update(_o)
            .where(_o.c.seq == seq)
            .values(
                state=_DEAD,
                attempts=_o.c.attempts + 1,
                last_status=status,
                last_error=error[:2000],
                failed_at=codec.encode_datetime(at),
                next_attempt_at=None,
            )
        )

    def rewrite(
        self, seq: int, *, payload: Mapping[str, Any], base_version: int | None, new_key: str
    ) -> None:
        self._conn.execute(
            update(_o)
            .where(_o.c.seq == seq)
            .values(
                payload=codec.dumps(dict(payload)),
                base_version=base_version,
                idempotency_key=new_key,
                next_attempt_at=None,
            )
        )

    def drop_entity(self, entity_id: str) -> list[OutboxEntry]:
        """Remove every row of ``entity_id`` (pending or dead); returns what went."""
        gone = list(self.pending_for(entity_id))
        self._conn.execute(delete(_o).where(_o.c.entity_id == entity_id))
        return gone

    def rebase(self, entity_id: str, from_version: int | None, to_version: int) -> int:
        statement = _REBASE_UNPINNED if from_version is None else _REBASE
        params = {"entity": entity_id, "old": from_version, "new": to_version}
        return int(self._conn.execute(statement, params).rowcount)

    def rebase_many(self, rebases: Sequence[tuple[str, int | None, int]]) -> None:
        params = [{"entity": entity, "old": old, "new": new} for entity, old, new in rebases]
        unpinned = [each for each in params if each["old"] is None]
        pinned = [each for each in params if each["old"] is not None]
        for statement, params in ((_REBASE_UNPINNED, unpinned), (_REBASE, pinned)):
            if params:
                self._conn.execute(statement, params)

    def pending_fields(self, entity_ids: Sequence[str]) -> dict[str, set[str]]:
        fields: dict[str, set[str]] = {}
        ids = list(entity_ids)
        for start in range(0, len(ids), 500):
            query = select(_o.c.entity_id, _o.c.payload).where(
                _o.c.state == _PENDING,
                _o.c.kind == OutboxKind.INCIDENT_PATCH.value,
                _o.c.entity_id.in_(ids[start : start + 500]),
            )
            for entity_id, payload in self._conn.execute(query):
                changes = json.loads(payload).get("changes", {})
                fields.setdefault(entity_id, set()).update(changes)
        return fields

    def release_unreachable(self) -> int:
        result = self._conn.execute(
            update(_o)
            .where(
                _o.c.state == _PENDING,
                _o.c.last_status.is_(None),
                _o.c.next_attempt_at.is_not(None),
            )
            .values(next_attempt_at=None)
        )
        return int(result.rowcount)

    def next_due_at(self) -> datetime | None:
        value = self._conn.execute(
            select(func.min(_o.c.next_attempt_at)).where(
                _o.c.state == _PENDING, _o.c.next_attempt_at.is_not(None)
            )
        ).scalar()
        return None if value is None else codec.decode_datetime(value)

    def counts(self) -> tuple[int, int]:
        rows: dict[str, int] = dict(
            self._conn.execute(select(_o.c.state, func.count()).group_by(_o.c.state)).all()
        )
        return int(rows.get(_PENDING, 0)), int(rows.get(_DEAD, 0))

    def oldest_pending_at(self) -> datetime | None:
        query = select(func.min(_o.c.created_at)).where(_o.c.state == _PENDING)
        value = self._conn.execute(query).scalar()
        return None if value is None else codec.decode_datetime(value)

    def dead_letters(self) -> Sequence[OutboxEntry]:
        query = select(_o).where(_o.c.state == _DEAD).order_by(_o.c.seq)
        return [_entry(row) for row in self._conn.execute(query).mappings()]

    def revive(self, seq: int) -> None:
        # A dead letter was refused, so not applied: a fresh key is safe, and needed
        # because the helpdesk may replay the stored refusal for the old one.
        self._conn.execute(
            update(_o)
            .where(and_(_o.c.seq == seq, _o.c.state == _DEAD))
            .values(
                state=_PENDING,
                attempts=0,
                next_attempt_at=None,
                failed_at=None,
                idempotency_key=str(uuid.uuid4()),
            )
        )

    def discard(self, seq: int) -> list[int]:
        row = self.get(seq)
        if row is None or not row.is_dead:
            return []
        if row.kind is OutboxKind.INCIDENT_CREATE:
            where = _o.c.entity_id == row.entity_id  # nothing of it can ever be applied
        else:
            where = _o.c.seq == seq
        gone = [int(s) for s in self._conn.execute(select(_o.c.seq).where(where)).scalars()]
        self._conn.execute(delete(_o).where(where))
        return gone


def _entry(row: Mapping[Any, Any]) -> OutboxEntry:
    def when(value: str | None) -> datetime | None:
        return None if value is None else codec.decode_datetime(value)

    created = codec.decode_datetime(row["created_at"])
    # msgspec: a third of json.loads's time, on the engine's store thread, which reads a
    # batch's incidents' rows back as it settles them while the GUI's thread waits for
    # the GIL (issue 15).
    payload = fast_json.loads(row["payload"])
    try:
        kind = OutboxKind(row["kind"])
    except ValueError:
        kind, payload = OutboxKind.UNKNOWN, {"kind": row["kind"], "payload": payload}
    return OutboxEntry(
        seq=int(row["seq"]),
        idempotency_key=row["idempotency_key"],
        kind=kind,
        entity_id=row["entity_id"],
        actor_id=row["actor_id"],
        payload=payload,
        base_version=row["base_version"],
        created_at=created,
        state=OutboxState(row["state"]),
        attempts=int(row["attempts"]),
        next_attempt_at=when(row["next_attempt_at"]),
        last_status=row["last_status"],
        last_error=row["last_error"],
        failed_at=when(row["failed_at"]),
        session_id=row["session_id"],
    )
