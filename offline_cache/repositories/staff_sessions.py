"""Sign-ins on this device and their staff tokens (``app.sync.sessions``)."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from app.sync.sessions import StaffSession
from app.wire import codec
from offline_cache import schema

_t = schema.staff_sessions


class SqliteStaffSessions:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def add(self, session: StaffSession) -> None:
        self._conn.execute(
            insert(_t).values(
                session_id=session.session_id,
                staff_id=session.staff_id,
                device_id=session.device_id,
                signed_in_at=session.signed_in_at,
                public_key=session.public_key,
                signature=session.signature,
                token=session.token,
                token_expires_at=_when(session.token_expires_at),
                ended_at=_when(session.ended_at),
                refused=session.refused,
            )
        )

    def get(self, session_id: str) -> StaffSession | None:
        row = self._conn.execute(select(_t).where(_t.c.session_id == session_id)).mappings()
        found = row.first()
        return None if found is None else _session(found)

    def set_token(self, session_id: str, token: str | None, expires_at: datetime | None) -> None:
        values = {"token": token, "token_expires_at": _when(expires_at)}
        self._conn.execute(update(_t).where(_t.c.session_id == session_id).values(**values))

    def refuse(self, session_id: str, reason: str) -> None:
        values = {"refused": reason[:500], "token": None, "token_expires_at": None}
        self._conn.execute(update(_t).where(_t.c.session_id == session_id).values(**values))

    def end(self, session_id: str, at: datetime) -> None:
        self._conn.execute(
            update(_t).where(_t.c.session_id == session_id).values(ended_at=_when(at))
        )

    def latest_for(self, staff_id: str) -> StaffSession | None:
        query = (
            select(_t)
            .where(_t.c.staff_id == staff_id, _t.c.refused == "")
            .order_by(_t.c.signed_in_at.desc())
            .limit(1)
        )
        found = self._conn.execute(query).mappings().first()
        return None if found is None else _session(found)


def _when(value: datetime | None) -> str | None:
    return None if value is None else codec.encode_datetime(value)


def _session(row: Mapping[Any, Any]) -> StaffSession:
    def when(value: str | None) -> datetime | None:
        return None if value is None else codec.decode_datetime(value)

    return StaffSession(
        session_id=row["session_id"],
        staff_id=row["staff_id"],
        device_id=row["device_id"],
        signed_in_at=row["signed_in_at"],
        public_key=row["public_key"],
        signature=row["signature"],
        token=row["token"],
        token_expires_at=when(row["token_expires_at"]),
        ended_at=when(row["ended_at"]),
        refused=row["refused"],
    )
