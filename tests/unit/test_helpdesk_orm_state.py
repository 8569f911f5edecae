"""helpdesk.orm_state: a row made or read through its state reads as the ORM's does."""

from datetime import UTC, datetime

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from helpdesk import orm_state
from helpdesk.models import Base, IncidentRow

NOW = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)
VALUES = {"id": "inc-1", "number": "VIP-1", "version": 1, "opened_at": NOW, "priority": "P2"}


def test_a_transient_row_reads_as_a_constructed_one() -> None:
    made = orm_state.transient(IncidentRow, VALUES, status="new")
    built = IncidentRow(**VALUES, status="new")
    names = orm_state.column_names(IncidentRow)
    assert [getattr(made, name) for name in names] == [getattr(built, name) for name in names]
    assert dict(orm_state.columns(made)).items() >= {**VALUES, "status": "new"}.items()


def test_columns_read_a_loaded_row_and_one_expired() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine, tables=[IncidentRow.__table__])  # type: ignore[list-item]
    row = orm_state.transient(IncidentRow, VALUES, status="new")
    values = {name: getattr(row, name) for name in orm_state.column_names(IncidentRow)}
    values.update(create_sha256="0" * 64, provisional_number="P", device_id="D", opened_by="S")
    values.update(category="other", channel="phone", summary="", location="", game="")
    values.update(machine="", currency="AUD", transaction_ref="", desired_outcome="")
    values.update(manual_escalation_level=0, created_at=NOW, updated_at=NOW, property_id=1)
    with Session(engine) as session:
        session.execute(IncidentRow.__table__.insert(), values)
        loaded = session.get(IncidentRow, "inc-1")
        assert loaded is not None
        names = orm_state.column_names(IncidentRow)
        assert [orm_state.columns(loaded)[name] for name in names] == [values[n] for n in names]
        session.expire(loaded, ["summary"])
        assert orm_state.columns(loaded)["summary"] == ""
