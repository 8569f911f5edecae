"""The audit log: append-only (the table's triggers refuse UPDATE and DELETE)."""

from collections.abc import Sequence

from sqlalchemy import Connection, insert, select

from app.ports import AuditEntry
from offline_cache import schema
from offline_cache.rows import RowMapper

_mapper = RowMapper(AuditEntry)
_t = schema.audit_log
_COLUMNS = [_t.c[name] for name in _mapper.field_names]


class SqliteAuditLog:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def append(self, entry: AuditEntry) -> None:
        self._conn.execute(insert(_t), _mapper.to_row(entry))

    def recent(self, limit: int = 100) -> Sequence[AuditEntry]:
        """Newest first."""
        query = select(*_COLUMNS).order_by(_t.c.id.desc()).limit(limit)
        return [_mapper.from_row(row) for row in self._conn.execute(query).mappings()]
