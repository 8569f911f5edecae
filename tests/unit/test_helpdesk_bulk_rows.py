"""helpdesk.bulk_rows: rows handed to SQLite as tuples are stored as SQLAlchemy stores them."""

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select, text
from sqlalchemy.orm import Session

from helpdesk import bulk_rows
from helpdesk.models import UtcDateTime

META = MetaData()
ROWS = Table(
    "rows",
    META,
    Column("id", Integer, primary_key=True),
    Column("name", String),
    Column("at", UtcDateTime),
)
WITH_DEFAULT = Table(
    "with_default",
    META,
    Column("id", Integer, primary_key=True),
    Column("name", String, default=lambda: "made per row"),
)
AT = datetime(2026, 12, 6, 1, 2, 3, 456789, tzinfo=timezone(timedelta(hours=10)))


def _stored(session: Session, table: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in session.execute(text(f"SELECT * FROM {table} ORDER BY id"))]


def test_rows_are_stored_as_session_execute_stores_them() -> None:
    engine = create_engine("sqlite://")
    META.create_all(engine)
    rows = [{"id": n, "name": f"row {n}", "at": AT + timedelta(seconds=n)} for n in range(3)]
    with Session(engine) as session:
        session.execute(insert(ROWS), rows)
        expected = _stored(session, "rows")
        session.execute(ROWS.delete())
        bulk_rows.executemany(session, insert(ROWS), rows)
        assert _stored(session, "rows") == expected
        assert session.scalars(select(ROWS.c.at)).first() == AT.astimezone(UTC)


def test_a_default_made_per_row_goes_through_sqlalchemy() -> None:
    engine = create_engine("sqlite://")
    META.create_all(engine)
    with Session(engine) as session:
        bulk_rows.executemany(session, insert(WITH_DEFAULT), [{"id": 1}, {"id": 2}])
        assert _stored(session, "with_default") == [(1, "made per row"), (2, "made per row")]


def test_rows_with_other_keys_go_through_sqlalchemy() -> None:
    engine = create_engine("sqlite://")
    META.create_all(engine)
    rows = [{"id": 1, "name": "a", "at": None}, {"id": 2, "at": AT, "name": "b"}]
    with Session(engine) as session:
        bulk_rows.executemany(session, insert(ROWS), rows)
        names = session.scalars(select(ROWS.c.name).order_by(ROWS.c.id)).all()
        assert names == ["a", "b"]
