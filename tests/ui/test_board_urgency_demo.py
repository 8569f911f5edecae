"""Issue 14, as a new user saw it on the demo property: 17 incidents, 7-10 rows solid red,
a fresh P1 with 1:50 left ninth under hours-old breaches, a P2 81 s from its breach in
plain grey. On the real console at 1280×800 and 1024×768: what can still be saved comes
first, a breach is a marked clock cell, and the P2 about to go is amber.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from app.domain import Category, Channel, Priority
from app.services.incidents import IncidentDraft
from app.sla import Urgency
from tests.ui.demo_console import Console, in_view, sign_in
from tests.ui.waits import WAIT_MS
from ui.board.model import ID_ROLE, Col
from ui.incident.labels import BREACH_MARKER, SOON_MARKER

BACKGROUND = Qt.ItemDataRole.BackgroundRole


def _rows(board) -> list[int]:  # noqa: ANN001 - the BoardView; source rows in screen order
    proxy = board.proxy
    return [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]


def _reload(console: Console, page, count: int) -> None:  # noqa: ANN001
    console.window.guard.activity()  # the pit boss is at the tablet: it does not lock
    console.shell.reload_board()
    console.qtbot.waitUntil(lambda: page.board.model.rowCount() == count, timeout=WAIT_MS)


def test_what_needs_a_person_next_leads_and_breaches_stay_readable(
    console: Console, tmp_path: Path
) -> None:
    sign_in(console, "P001")
    page = console.shell.page("board")
    board, model = page.board, page.board.model
    console.qtbot.waitUntil(lambda: model.rowCount() >= 15, timeout=WAIT_MS)
    before = model.rowCount()

    # The P2 nearest its deadline, 81 s before it: amber, not a plain grey row.
    order = _rows(board)
    now = console.clock.now()
    p2 = min(
        (
            r
            for r in order
            if model.row_at(r).priority is Priority.P2 and (model.row_at(r).breach_at or now) > now
        ),
        key=lambda r: model.row_at(r).breach_at,
    )
    console.clock.set(model.row_at(p2).breach_at - timedelta(seconds=81))
    console.window.guard.activity()
    board.tick_at(console.clock.now())
    assert model.urgency(p2) is Urgency.SOON
    assert model.index(p2, Col.TIME_TO_BREACH).data() == (
        f"{SOON_MARKER} 01:21 breach within 15 min"
    )
    assert model.index(p2, Col.TIME_TO_BREACH).data(BACKGROUND) is not None

    boss = console.window.actor
    fresh = console.context.incidents.open(
        boss, IncidentDraft(Priority.P1, Category.GAME_UNAVAILABLE, channel=Channel.PHONE)
    )
    console.clock.advance(timedelta(minutes=13, seconds=10))  # stabilise: 1:50 left
    _reload(console, page, before + 1)
    board.tick_at(console.clock.now())

    order = _rows(board)
    states = [model.urgency(r) for r in order]
    breached = [r for r in order if model.urgency(r) is Urgency.BREACHED]
    assert len(breached) >= 5  # the old breaches are still there...
    at = next(i for i, r in enumerate(order) if model.row_at(r).incident_id == fresh.id)
    # ...but below every clock that can still be won; the fresh P1 leads those due later.
    assert Urgency.BREACHED not in states[:at]
    assert all(model.seconds_to_breach(r) <= 110 for r in order[:at])
    assert model.urgency(order[at]) is Urgency.SOON
    text = model.index(order[at], Col.TIME_TO_BREACH).data()
    assert text == f"{SOON_MARKER} 01:50 breach within 10 min"

    # No solid red row: colour only in the clock cell; each breach says how old and where.
    for r in order:
        for col in Col:
            if col is not Col.TIME_TO_BREACH:
                assert model.index(r, col).data(BACKGROUND) is None, (r, col)
    for r in breached:
        clock = model.index(r, Col.TIME_TO_BREACH).data()
        assert clock.startswith(f"{BREACH_MARKER} Breached ") and " ago · L" in clock
    in_view(console.window, board.table)
    shot = tmp_path / f"board-urgency-{console.window.width()}x{console.window.height()}.png"
    assert console.window.grab().save(str(shot))
    assert board.proxy.index(0, 0).data(ID_ROLE) in {model.row_at(r).incident_id for r in order}


def test_the_floor_map_is_coloured_by_breach_state(console: Console, tmp_path: Path) -> None:
    from ui.floor.scene import URGENCY_COLOURS

    sign_in(console, "P001")
    floor = console.shell.show_page("floor")
    items = floor.scene.items_by_table
    console.qtbot.waitUntil(lambda: floor.scene.loaded, timeout=WAIT_MS)
    floor.tick()
    busy = [item for item in items.values() if item.state is not None]
    assert busy
    for item in busy:  # each busy table's fill is its breach state, not its priority
        assert item.colour() == URGENCY_COLOURS[item.urgency]
    breached = [item for item in busy if item.urgency is Urgency.BREACHED]
    assert breached and all(item.state.breached or item.state.nearest_due for item in breached)
    in_view(console.window, floor.map)
    shot = tmp_path / f"floor-urgency-{console.window.width()}x{console.window.height()}.png"
    assert console.window.grab().save(str(shot))
