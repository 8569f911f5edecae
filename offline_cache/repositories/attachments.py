"""Incidents' photos and receipts (migration 0007_attachments): insert and read only."""

from collections.abc import Sequence

from sqlalchemy import Connection, insert, select

from app.domain.attachment import AttachmentInfo
from offline_cache import schema
from offline_cache.rows import RowMapper

_infos = RowMapper(AttachmentInfo)
_t = schema.attachments
_INFO_COLUMNS = [_t.c[name] for name in _infos.field_names]


class SqliteAttachmentRepository:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def add(self, info: AttachmentInfo, data: bytes) -> bool:
        """Store the bytes once per incident; False when they were there already."""
        if self.data(info.incident_id, info.sha256) is not None:
            return False
        self._conn.execute(insert(_t), {**_infos.to_row(info), "data": data})
        return True

    def for_incident(self, incident_id: str) -> Sequence[AttachmentInfo]:
        query = (
            select(*_INFO_COLUMNS)
            .where(_t.c.incident_id == incident_id)
            .order_by(_t.c.created_at, _t.c.sha256)
        )
        return [_infos.from_row(row) for row in self._conn.execute(query).mappings()]

    def data(self, incident_id: str, sha256: str) -> bytes | None:
        query = select(_t.c.data).where(_t.c.incident_id == incident_id, _t.c.sha256 == sha256)
        found = self._conn.execute(query).scalar_one_or_none()
        return None if found is None else bytes(found)
