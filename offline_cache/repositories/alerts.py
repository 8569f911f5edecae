"""Each person's alert inbox on this console (migration 0011_alerts)."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.dialects.sqlite import insert

from app.alerts import Alert, AlertKind
from app.domain.enums import Category, Priority
from app.wire import codec
from offline_cache import schema
from offline_cache.rows import upsert

_t = schema.alerts
_marks = schema.alert_marks
_MARK = upsert(_marks, "staff_id", ("staff_id", "checked_until"))


class SqliteAlerts:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def add(self, alerts: Iterable[Alert]) -> int:
        """Keep the alerts not kept yet (same id: same event, same person); how many."""
        added = 0
        for alert in alerts:
            values = {
                "id": alert.id,
                "recipient_id": alert.recipient_id,
                "kind": alert.kind.value,
                "incident_id": alert.incident_id,
                "at": codec.encode_datetime(alert.at),
                "ticket": alert.ticket,
                "priority": alert.priority.value,
                "category": alert.category.value,
                "level": alert.level,
                "guest_name": alert.guest_name,
                "read_at": None,
                "announced_at": None,
            }
            result = self._conn.execute(insert(_t).values(**values).on_conflict_do_nothing())
            added += result.rowcount
        return added

    def inbox(self, recipient_id: str, limit: int = 200) -> list[Alert]:
        query = (
            select(_t)
            .where(_t.c.recipient_id == recipient_id)
            .order_by(_t.c.at.desc(), _t.c.id)
            .limit(limit)
        )
        return [_alert(row) for row in self._conn.execute(query).mappings()]

    def unread_count(self, recipient_id: str) -> int:
        query = select(func.count()).where(
            _t.c.recipient_id == recipient_id, _t.c.read_at.is_(None)
        )
        return int(self._conn.execute(query).scalar_one())

    def mark_read(self, recipient_id: str, alert_ids: Iterable[str], at: datetime) -> int:
        ids = list(alert_ids)
        query = (
            update(_t)
            .where(_t.c.recipient_id == recipient_id, _t.c.id.in_(ids), _t.c.read_at.is_(None))
            .values(read_at=codec.encode_datetime(at))
        )
        return self._conn.execute(query).rowcount

    def kept(self, recipient_id: str, alert_ids: Iterable[str]) -> set[str]:
        """Those of ``alert_ids`` already in ``recipient_id``'s inbox."""
        ids = list(alert_ids)
        if not ids:
            return set()
        query = select(_t.c.id).where(_t.c.recipient_id == recipient_id, _t.c.id.in_(ids))
        return set(self._conn.execute(query).scalars())

    def unannounced(self, recipient_id: str) -> list[Alert]:
        """Unread and never shown to their person, oldest first."""
        query = (
            select(_t)
            .where(
                _t.c.recipient_id == recipient_id,
                _t.c.read_at.is_(None),
                _t.c.announced_at.is_(None),
            )
            .order_by(_t.c.at, _t.c.id)
        )
        return [_alert(row) for row in self._conn.execute(query).mappings()]

    def mark_announced(self, recipient_id: str, alert_ids: Iterable[str], at: datetime) -> int:
        query = (
            update(_t)
            .where(
                _t.c.recipient_id == recipient_id,
                _t.c.id.in_(list(alert_ids)),
                _t.c.announced_at.is_(None),
            )
            .values(announced_at=codec.encode_datetime(at))
        )
        return self._conn.execute(query).rowcount

    def checked_until(self, staff_id: str) -> datetime | None:
        query = select(_marks.c.checked_until).where(_marks.c.staff_id == staff_id)
        found: str | None = self._conn.execute(query).scalar_one_or_none()
        return None if found is None else codec.decode_datetime(found)

    def told_until(self, staff_id: str, at: datetime) -> None:
        """``staff_id`` was told of their alerts up to ``at`` (signed out then, maybe on
        another device): the mark moves there unless it is later already."""
        mark = self.checked_until(staff_id)
        if mark is None or mark < at:
            self.set_checked_until(staff_id, at)

    def set_checked_until(self, staff_id: str, at: datetime) -> None:
        values = {"staff_id": staff_id, "checked_until": codec.encode_datetime(at)}
        self._conn.execute(_MARK, values)


def _alert(row: Mapping[Any, Any]) -> Alert:
    read_at = row["read_at"]
    return Alert(
        id=row["id"],
        recipient_id=row["recipient_id"],
        kind=AlertKind(row["kind"]),
        incident_id=row["incident_id"],
        at=codec.decode_datetime(row["at"]),
        ticket=row["ticket"],
        priority=Priority(row["priority"]),
        category=Category(row["category"]),
        level=int(row["level"]),
        guest_name=row["guest_name"],
        read_at=None if read_at is None else codec.decode_datetime(read_at),
    )
