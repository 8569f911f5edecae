"""Each staff member's language on this console (migration 0008_staff_languages)."""

from sqlalchemy import Connection, select

from offline_cache import schema
from offline_cache.rows import upsert

_t = schema.staff_languages
_UPSERT = upsert(_t, "staff_id", ("staff_id", "language"))


class SqliteStaffLanguages:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def language(self, staff_id: str) -> str | None:
        query = select(_t.c.language).where(_t.c.staff_id == staff_id)
        found: str | None = self._conn.execute(query).scalar_one_or_none()
        return found

    def set_language(self, staff_id: str, language: str) -> None:
        self._conn.execute(_UPSERT, {"staff_id": staff_id, "language": language})
