"""Board rows from the real store and the real SLA engine."""

from datetime import timedelta

from app.clock import FakeClock
from app.domain import Category, Channel, Incident, IncidentStatus, Priority
from app.policy import load_policy
from app.services.incidents import IncidentService
from tests.ui.conftest import HOST
from tests.ui.demo_objects import NOW, demo_guests
from ui.board.feed import ServiceBoardSource
from ui.board.model import BoardModel, Col

M = timedelta(minutes=1)


def _incident(n: int, priority: Priority, minutes_ago: int, guest_id: str | None) -> Incident:
    return Incident(
        id=f"00000000-0000-0000-0000-{n:012d}",
        provisional_number=f"TAB-{n:04d}",
        opened_at=NOW - minutes_ago * M,
        opened_by="P001",
        priority=priority,
        category=Category.GAME_UNAVAILABLE,
        channel=Channel.ONSITE,
        summary="table down",
        guest_id=guest_id,
        table_id="BJ-07",
        location="Pit 2",
        status=IncidentStatus.NEW,
    )


def test_rows_come_from_the_store_with_sla_deadlines(qtbot, store) -> None:
    guests = demo_guests()
    quiet = guests[3]
    with store.unit_of_work() as uow:
        uow.incidents.save(_incident(1, Priority.P1, 40, quiet.id))
        uow.incidents.save(_incident(2, Priority.P3, 5, None))
    service = IncidentService(store, FakeClock(NOW), load_policy())
    rows = ServiceBoardSource(service).rows(HOST, NOW)
    by_ticket = {r.ticket: r for r in rows}
    p1 = by_ticket["TAB-0001"]
    assert p1.provisional and p1.guest_name == "Mr. Lotus"  # the alias, on a public board
    assert p1.location == "Pit 2"
    assert p1.breach_at is not None or p1.paused_remaining is not None
    model = BoardModel(NOW)
    model.set_rows(rows, NOW)
    r = model.row_for(p1.incident_id)
    assert r is not None
    assert model.is_breached(r)  # 40 minutes in, a P1's 15-minute stabilise target is gone
    assert (
        "Breached" in model.index(r, Col.TIME_TO_BREACH).data()
        or "missed" in model.index(r, Col.TIME_TO_BREACH).data()
    )
    assert model.index(r, Col.LEVEL).data() in {"L2", "L3", "L4"}
