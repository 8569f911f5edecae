"""The helpdesk's UTC datetimes reach SQLite as SQLAlchemy's own DATETIME would write them."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, DateTime, MetaData, Table, create_engine, insert, select
from sqlalchemy.dialects import sqlite

from helpdesk.models import UtcDateTime, sqlite_text

OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
AWARE = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC) | OFFSETS
)


def sqlalchemy_text(value: datetime) -> str:
    """What the column wrote before: the decorator's UTC value, then SQLite's DATETIME."""
    dialect = sqlite.dialect()
    utc = UtcDateTime().process_bind_param(value, dialect)
    process = DateTime(timezone=True).dialect_impl(dialect).bind_processor(dialect)
    assert process is not None
    return str(process(utc))


@given(AWARE)
def test_the_text_is_sqlalchemys(value: datetime) -> None:
    assert sqlite_text(value) == sqlalchemy_text(value)


def test_the_column_binds_through_it_on_sqlite() -> None:
    dialect = sqlite.dialect()
    process = UtcDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert process is sqlite_text
    assert sqlite_text(None) is None


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        sqlite_text(datetime(2026, 12, 6, 8, 0))


def test_a_stored_value_reads_back_in_utc(tmp_path: Path) -> None:
    table = Table("t", MetaData(), Column("at", UtcDateTime()))
    engine = create_engine(f"sqlite:///{tmp_path / 'h.db'}")
    table.metadata.create_all(engine)
    paris = timezone(timedelta(hours=1))
    with engine.begin() as connection:
        connection.execute(
            insert(table), [{"at": datetime(2026, 12, 6, 9, 30, 0, 120, tzinfo=paris)}]
        )
        stored = connection.exec_driver_sql("SELECT at FROM t").scalar_one()
        read = connection.execute(select(table.c.at)).scalar_one()
    assert stored == "2026-12-06 08:30:00.000120"
    assert read == datetime(2026, 12, 6, 8, 30, 0, 120, tzinfo=UTC)
