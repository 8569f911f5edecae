"""Changes from the helpdesk set aside for review (``app.sync.set_aside``)."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from app.sync.set_aside import SUPERSEDABLE, NewSetAside, Resolution, SetAside, SetAsideKind
from app.wire import codec
from offline_cache import schema

_t = schema.sync_set_aside
_OPEN = _t.c.resolved_at.is_(None)
_CHUNK = 500


class SqliteSetAside:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def add(self, item: NewSetAside, at: datetime) -> int:
        values = {
            "kind": item.kind.value,
            "item_type": item.item_type,
            "entity_id": item.entity_id,
            "seq": item.seq,
            "data": item.data,
            "reason": item.reason[:2000],
            "local_id": item.local_id,
            "repointed": item.repointed,
            "detected_at": codec.encode_datetime(at),
            "resolution": "",
        }
        return int(self._conn.execute(insert(_t).values(**values).returning(_t.c.id)).scalar_one())

    def open_items(self, kinds: Iterable[SetAsideKind] = ()) -> Sequence[SetAside]:
        query = select(_t).where(_OPEN).order_by(_t.c.id)
        wanted = [kind.value for kind in kinds]
        if wanted:
            query = query.where(_t.c.kind.in_(wanted))
        return [_item(row) for row in self._conn.execute(query).mappings()]

    def get(self, item_id: int) -> SetAside | None:
        row = self._conn.execute(select(_t).where(_t.c.id == item_id)).mappings().first()
        return None if row is None else _item(row)

    def count_open(self) -> int:
        query = select(func.count()).select_from(_t).where(_OPEN)
        return int(self._conn.execute(query).scalar_one())

    def resolve(self, item_id: int, resolution: str, at: datetime) -> bool:
        result = self._conn.execute(
            update(_t)
            .where(_t.c.id == item_id, _OPEN)
            .values(resolved_at=codec.encode_datetime(at), resolution=resolution)
        )
        return bool(result.rowcount)

    def orphans_of(self, incident_ids: Sequence[str]) -> Sequence[SetAside]:
        """Open orphan events whose incident is one of ``incident_ids`` (``local_id``)."""
        found: list[SetAside] = []
        ids = list(incident_ids)
        for start in range(0, len(ids), _CHUNK):
            query = select(_t).where(
                _OPEN,
                _t.c.kind == SetAsideKind.ORPHAN_EVENT.value,
                _t.c.local_id.in_(ids[start : start + _CHUNK]),
            )
            found.extend(_item(row) for row in self._conn.execute(query).mappings())
        return found

    def supersede(self, item_type: str, entity_ids: Sequence[str], at: datetime) -> int:
        """Settle the open malformed or refused items of records that just applied."""
        settled = 0
        ids = list(entity_ids)
        for start in range(0, len(ids), _CHUNK):
            result = self._conn.execute(
                update(_t)
                .where(
                    _OPEN,
                    _t.c.item_type == item_type,
                    _t.c.kind.in_([kind.value for kind in SUPERSEDABLE]),
                    _t.c.entity_id.in_(ids[start : start + _CHUNK]),
                )
                .values(
                    resolved_at=codec.encode_datetime(at), resolution=Resolution.SUPERSEDED.value
                )
            )
            settled += int(result.rowcount)
        return settled


def _item(row: Mapping[Any, Any]) -> SetAside:
    resolved = row["resolved_at"]
    return SetAside(
        id=int(row["id"]),
        kind=SetAsideKind(row["kind"]),
        item_type=row["item_type"],
        entity_id=row["entity_id"],
        seq=row["seq"],
        data=row["data"],
        reason=row["reason"],
        local_id=row["local_id"],
        repointed=int(row["repointed"]),
        detected_at=codec.decode_datetime(row["detected_at"]),
        resolved_at=None if resolved is None else codec.decode_datetime(resolved),
        resolution=row["resolution"],
    )
