"""Small sync facts (cursor, device token, skew) and the field conflicts to settle."""

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from app.sync.outbox import FieldConflict
from app.wire import codec
from offline_cache import schema
from offline_cache.rows import upsert

_s = schema.sync_state
_c = schema.sync_conflicts
_UPSERT_STATE = upsert(_s, "key", ("key", "value"))


class SqliteSyncState:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def get(self, key: str) -> str | None:
        value = self._conn.execute(select(_s.c.value).where(_s.c.key == key)).scalar()
        return None if value is None else str(value)

    def set(self, key: str, value: str) -> None:
        self._conn.execute(_UPSERT_STATE, {"key": key, "value": value})

    def delete(self, key: str) -> None:
        self._conn.execute(delete(_s).where(_s.c.key == key))


class SqliteConflicts:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def add(
        self,
        incident_id: str,
        field: str,
        *,
        base_value: Any,
        local_value: Any,
        server_value: Any,
        server_version: int,
        at: datetime,
    ) -> None:
        self._conn.execute(
            insert(_c).values(
                incident_id=incident_id,
                field=field,
                base_value=codec.dumps(base_value),
                local_value=codec.dumps(local_value),
                server_value=codec.dumps(server_value),
                server_version=server_version,
                detected_at=codec.encode_datetime(at),
                resolution="",
            )
        )

    def open_conflicts(self) -> Sequence[FieldConflict]:
        query = select(_c).where(_c.c.resolved_at.is_(None)).order_by(_c.c.id)
        return [_conflict(row) for row in self._conn.execute(query).mappings()]

    def get(self, conflict_id: int) -> FieldConflict | None:
        row = self._conn.execute(select(_c).where(_c.c.id == conflict_id)).mappings().first()
        return None if row is None else _conflict(row)

    def resolve(self, conflict_id: int, resolution: str, at: datetime) -> None:
        self._conn.execute(
            update(_c)
            .where(_c.c.id == conflict_id)
            .values(resolved_at=codec.encode_datetime(at), resolution=resolution)
        )

    def count_open(self) -> int:
        query = select(func.count()).select_from(_c).where(_c.c.resolved_at.is_(None))
        return int(self._conn.execute(query).scalar_one())


def _conflict(row: Mapping[Any, Any]) -> FieldConflict:
    resolved = row["resolved_at"]
    return FieldConflict(
        id=int(row["id"]),
        incident_id=row["incident_id"],
        field=row["field"],
        base_value=json.loads(row["base_value"]),
        local_value=json.loads(row["local_value"]),
        server_value=json.loads(row["server_value"]),
        server_version=int(row["server_version"]),
        detected_at=codec.decode_datetime(row["detected_at"]),
        resolved_at=None if resolved is None else codec.decode_datetime(resolved),
        resolution=row["resolution"],
    )
