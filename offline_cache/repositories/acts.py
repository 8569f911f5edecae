"""Acts and their PDF revisions (migration 0003_acts): insert and read, never change.

The PDFs themselves are files (``app.acts.store``); these rows index them by act and
incident, keep each revision's PAdES level and the revision it was appended to.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, bindparam, func, insert, select, text

from app.acts.model import ActKind, ActRecord, ActRevision, SignatureLevel
from app.wire import codec
from offline_cache import schema
from offline_cache.rows import RowMapper

_acts = RowMapper(ActRecord)
_revisions = RowMapper(ActRevision)
_a = schema.acts
_r = schema.act_revisions
_ACT_COLUMNS = [_a.c[name] for name in _acts.field_names]
_REVISION_COLUMNS = [_r.c[name] for name in _revisions.field_names]

# Resolved or closed since :since, P1/P2 now or at any time before, no report yet.
_REPORT_CANDIDATES = text(
    """
    SELECT i.id FROM incidents AS i
    WHERE i.status IN ('resolved', 'closed')
      AND (i.priority IN ('P1', 'P2') OR EXISTS (
            SELECT 1 FROM incident_events AS p
            WHERE p.incident_id = i.id AND p.kind = 'priority_changed'
              AND (p.from_value IN ('P1', 'P2') OR p.to_value IN ('P1', 'P2'))))
      AND EXISTS (
            SELECT 1 FROM incident_events AS s
            WHERE s.incident_id = i.id AND s.kind = 'status_changed'
              AND s.to_value IN ('resolved', 'closed') AND s.at >= :since)
      AND NOT EXISTS (
            SELECT 1 FROM acts AS a
            WHERE a.incident_id = i.id AND a.kind = 'post_incident_report')
    ORDER BY i.opened_at
    """
)

# Per act, its newest revision, when that one is below the wanted level.
_BELOW_LEVEL = text(
    """
    SELECT r.sha256 FROM act_revisions AS r
    WHERE r.seq = (SELECT MAX(x.seq) FROM act_revisions AS x WHERE x.act_id = r.act_id)
      AND r.level IN :levels
    ORDER BY r.created_at, r.act_id
    LIMIT :limit
    """
)


class SqliteActRepository:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def add(self, act: ActRecord) -> None:
        self._conn.execute(insert(_a), _acts.to_row(act))

    def add_revision(self, revision: ActRevision) -> None:
        self._conn.execute(insert(_r), _revisions.to_row(revision))

    def by_id(self, act_id: str) -> ActRecord | None:
        row = self._conn.execute(select(*_ACT_COLUMNS).where(_a.c.id == act_id)).mappings().first()
        return None if row is None else _acts.from_row(row)

    def for_incident(self, incident_id: str) -> Sequence[ActRecord]:
        query = (
            select(*_ACT_COLUMNS)
            .where(_a.c.incident_id == incident_id)
            .order_by(_a.c.created_at, _a.c.id)
        )
        return [_acts.from_row(row) for row in self._conn.execute(query).mappings()]

    def count_for_incident(self, incident_id: str, kind: ActKind) -> int:
        query = (
            select(func.count())
            .select_from(_a)
            .where(_a.c.incident_id == incident_id, _a.c.kind == kind.value)
        )
        return int(self._conn.execute(query).scalar_one())

    def revisions(self, act_id: str) -> Sequence[ActRevision]:
        query = select(*_REVISION_COLUMNS).where(_r.c.act_id == act_id).order_by(_r.c.seq)
        return [_revisions.from_row(row) for row in self._conn.execute(query).mappings()]

    def revision(self, sha256: str) -> ActRevision | None:
        query = select(*_REVISION_COLUMNS).where(_r.c.sha256 == sha256)
        row = self._conn.execute(query).mappings().first()
        return None if row is None else _revisions.from_row(row)

    def latest_revision(self, act_id: str) -> ActRevision | None:
        found = self.revisions(act_id)
        return found[-1] if found else None

    def below_level(self, level: SignatureLevel, limit: int = 50) -> Sequence[ActRevision]:
        """Newest revisions of acts not yet at ``level``, oldest act first."""
        lower = [lv.value for lv in SignatureLevel if lv.rank < level.rank]
        if not lower:
            return []
        statement = _BELOW_LEVEL.bindparams(bindparam("levels", expanding=True))
        shas = [row[0] for row in self._conn.execute(statement, {"levels": lower, "limit": limit})]
        found = [self.revision(sha) for sha in shas]
        return [r for r in found if r is not None]

    def report_candidates(self, since: datetime) -> Sequence[str]:
        """Incidents that may owe a post-incident report (see ``app.acts.post_incident``)."""
        rows = self._conn.execute(_REPORT_CANDIDATES, {"since": codec.encode_datetime(since)})
        return [row[0] for row in rows]

    def of_kind_since(self, kind: ActKind, since: datetime) -> Sequence[ActRecord]:
        query = (
            select(*_ACT_COLUMNS)
            .where(_a.c.kind == kind.value, _a.c.created_at >= codec.encode_datetime(since))
            .order_by(_a.c.created_at, _a.c.id)
        )
        return [_acts.from_row(row) for row in self._conn.execute(query).mappings()]
