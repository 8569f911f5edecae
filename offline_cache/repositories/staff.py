"""Staff members, their failed sign-in attempts, and gaming tables."""

from collections.abc import Sequence

from sqlalchemy import Connection, select, update

from app.domain import GamingTable, Staff
from app.ports import PinState
from app.wire import codec
from offline_cache import schema
from offline_cache.rows import RowMapper, upsert

_staff = RowMapper(Staff)
_tables = RowMapper(GamingTable)


_UPSERT_STAFF = upsert(schema.staff, "id", _staff.field_names)
_UPSERT_TABLE = upsert(schema.gaming_tables, "id", _tables.field_names)
_UPSERT_PIN = upsert(schema.pin_states, "staff_id", ("staff_id", "failed_attempts", "locked_until"))
_UPSERT_TOTP = upsert(schema.staff_totp, "staff_id", ("staff_id", "secret", "last_step"))


class SqliteStaffRepository:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def by_id(self, staff_id: str) -> Staff | None:
        t = schema.staff
        row = self._conn.execute(select(t).where(t.c.id == staff_id)).mappings().first()
        return None if row is None else _staff.from_row(row)

    def all(self) -> Sequence[Staff]:
        t = schema.staff
        rows = self._conn.execute(select(t).order_by(t.c.id)).mappings()
        return [_staff.from_row(row) for row in rows]

    def save(self, staff: Staff) -> None:
        self._conn.execute(_UPSERT_STAFF, _staff.to_row(staff))

    def pin_state(self, staff_id: str) -> PinState:
        t = schema.pin_states
        row = self._conn.execute(select(t).where(t.c.staff_id == staff_id)).mappings().first()
        if row is None:
            return PinState()
        locked_until = row["locked_until"]
        return PinState(
            failed_attempts=row["failed_attempts"],
            locked_until=None if locked_until is None else codec.decode_datetime(locked_until),
        )

    def set_pin_state(self, staff_id: str, state: PinState) -> None:
        locked_until = state.locked_until
        self._conn.execute(
            _UPSERT_PIN,
            {
                "staff_id": staff_id,
                "failed_attempts": state.failed_attempts,
                "locked_until": None if locked_until is None else codec.encode(locked_until),
            },
        )

    # -- second factor (TOTP) --------------------------------------------------------

    def totp_secret(self, staff_id: str) -> str | None:
        t = schema.staff_totp
        return self._conn.execute(select(t.c.secret).where(t.c.staff_id == staff_id)).scalar()

    def set_totp_secret(self, staff_id: str, secret: str) -> None:
        """Enrol (or re-enrol) a staff member: a new secret forgets the used steps."""
        self._conn.execute(
            _UPSERT_TOTP, {"staff_id": staff_id, "secret": secret, "last_step": None}
        )

    def last_used_step(self, staff_id: str) -> int | None:
        t = schema.staff_totp
        step = self._conn.execute(select(t.c.last_step).where(t.c.staff_id == staff_id)).scalar()
        return None if step is None else int(step)

    def record_used_step(self, staff_id: str, step: int) -> None:
        t = schema.staff_totp
        self._conn.execute(update(t).where(t.c.staff_id == staff_id).values(last_step=step))


class SqliteTableRepository:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def all(self) -> Sequence[GamingTable]:
        t = schema.gaming_tables
        rows = self._conn.execute(select(t).order_by(t.c.pit, t.c.id)).mappings()
        return [_tables.from_row(row) for row in rows]

    def by_id(self, table_id: str) -> GamingTable | None:
        t = schema.gaming_tables
        row = self._conn.execute(select(t).where(t.c.id == table_id)).mappings().first()
        return None if row is None else _tables.from_row(row)

    def save(self, table: GamingTable) -> None:
        self._conn.execute(_UPSERT_TABLE, _tables.to_row(table))
