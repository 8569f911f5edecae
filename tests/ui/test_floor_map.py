"""Floor map: tables laid out from the layout file, worst priority and countdown per table."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.domain import Category, Priority
from app.floor_layout import demo_layout, grid_layout, synthetic_tables
from app.services.incidents import IncidentDraft
from app.sla import Urgency
from tests.ui.shell_fixtures import actor, make_context, make_window, page_env
from tests.ui.waits import WAIT_MS
from ui.floor.pages import pages as floor_pages
from ui.floor.scene import URGENCY_COLOURS, WAITING_COLOUR, FloorScene
from ui.floor.state import TableState, table_urgency


@pytest.fixture
def context(tmp_path, clock):
    context = make_context(tmp_path, clock)
    yield context
    context.close()


def floor_of(qtbot, context, ops, clock, boss):
    """The console signed in as ``boss`` at 1400 x 900, on its floor page."""
    window = make_window(context, ops, clock)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.open_console(boss)
    return window, window.shell.show_page("floor")


def test_the_floor_shows_the_worst_priority_per_table(qtbot, context, ops, clock) -> None:
    boss = actor("P001")
    for priority, table in (
        (Priority.P3, "BAC-101"),
        (Priority.P1, "BAC-101"),
        (Priority.P4, "RL-401"),
    ):
        context.incidents.open(
            boss, IncidentDraft(priority, Category.TABLE_DISPUTE, table_id=table)
        )
    window, floor = floor_of(qtbot, context, ops, clock, boss)
    items = floor.scene.items_by_table
    assert len(items) == 48 and set(items) == set(demo_layout().table_ids())
    qtbot.waitUntil(lambda: items["BAC-101"].state is not None, timeout=WAIT_MS)
    assert items["BAC-101"].state.worst is Priority.P1 and items["BAC-101"].state.open_count == 2
    # Two minutes to the reaction clock: amber (inside P1's 10-minute window), P1 edge.
    assert items["BAC-101"].urgency is Urgency.SOON
    assert items["BAC-101"].colour() == URGENCY_COLOURS[Urgency.SOON]
    assert items["RL-401"].state.worst is Priority.P4
    assert items["BJ-301"].state is None
    assert items["BAC-101"].countdown == "02:00"  # the nearest: the reaction clock

    clock.advance(timedelta(seconds=30))
    assert floor.tick() == 2  # only the two tables with a countdown repaint
    assert items["BAC-101"].countdown == "01:30"
    assert floor.tick() == 0
    clock.advance(timedelta(seconds=91))  # the reaction clock is late: the table turns red
    floor.tick()
    assert items["BAC-101"].urgency is Urgency.BREACHED
    assert items["BAC-101"].colour() == URGENCY_COLOURS[Urgency.BREACHED]

    view = floor.map
    floor.tick()
    point = view.mapFromScene(items["BAC-101"].sceneBoundingRect().center())
    with qtbot.waitSignal(view.table_activated):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert floor.incidents.rowCount() == 2
    qtbot.mouseClick(floor.log_here, Qt.MouseButton.LeftButton)
    assert window.shell.current_key() == "incident.new"
    assert window.shell.page("incident.new").table_id() == "BAC-101"
    window.sign_out()


def test_the_floor_page_is_built_before_any_store_read_and_reads_off_the_gui_thread(
    qtbot, context, ops, clock, monkeypatch
) -> None:
    readers: list[threading.Thread] = []
    gate = threading.Event()

    def recording(real):  # noqa: ANN001, ANN202 - a writing or a reading unit
        def unit():  # noqa: ANN202
            readers.append(threading.current_thread())
            gate.wait(5)  # no read returns until the page is built: it must not need one
            return real()

        return unit

    for kind in ("unit_of_work", "reading"):
        monkeypatch.setattr(context.store, kind, recording(getattr(context.store, kind)))
    [spec] = floor_pages(page_env(context.services, ops, actor("P001")))
    page = spec.build()
    qtbot.addWidget(page)
    page.set_board_rows([], clock.now())  # as the board's reload does
    assert threading.main_thread() not in readers
    table = page.scene.items_by_table["BAC-101"]
    assert table.game == "" and not table.known and table.colour() == WAITING_COLOUR
    assert not page.map.isEnabled()  # no tap on a table not read yet
    assert page.tick() == 0

    gate.set()
    qtbot.waitUntil(lambda: table.game == "Baccarat" and table.known, timeout=WAIT_MS)
    qtbot.waitUntil(page.map.isEnabled, timeout=WAIT_MS)
    assert len(readers) == 2 and threading.main_thread() not in readers  # games, rows
    assert table.state is None and table.colour() != WAITING_COLOUR
    assert ops.errors == []


def test_two_hundred_tables_update_only_what_changed(qtbot, clock) -> None:
    layout = grid_layout(synthetic_tables(200), per_row=5, pits_per_row=5)
    scene = FloorScene(layout, {})
    assert len(scene.items_by_table) == 200
    assert scene.tick(clock.now()) == 0


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1280, 800), (1920, 1080)])
def test_the_floor_text_is_readable_and_never_scrolls_sideways(
    qtbot, context, ops, clock, width: int, height: int
) -> None:
    from ui.floor.scene import SMALLEST_PX

    window = make_window(context, ops, clock)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    window.open_console(actor("P001"))  # BAC-101..103: Pit 1
    floor = window.shell.show_page("floor")
    view = floor.map
    qtbot.waitUntil(lambda: view.viewport().width() > 0)
    view.fit()
    assert SMALLEST_PX * view.text_scale >= 12  # px at 96 dpi, the smallest text drawn
    assert view.horizontalScrollBar().maximum() == 0
    own = floor.scene.items_by_table["BAC-101"].sceneBoundingRect()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(own)  # the pit boss's own pit is in view without scrolling
    for item in floor.scene.items_by_table.values():  # every table: up or down only
        assert item.sceneBoundingRect().right() <= view.sceneRect().right()
    window.sign_out()


@pytest.mark.parametrize(
    ("due_in", "soon_in", "breached", "expected"),
    [
        (timedelta(minutes=30), timedelta(minutes=20), False, Urgency.ON_TRACK),
        (timedelta(minutes=5), timedelta(minutes=-5), False, Urgency.SOON),
        (timedelta(seconds=-1), timedelta(minutes=-11), False, Urgency.BREACHED),
        (timedelta(minutes=30), timedelta(minutes=20), True, Urgency.BREACHED),  # missed
        (None, None, False, Urgency.PAUSED),
    ],
)
def test_a_table_is_coloured_by_its_breach_state(due_in, soon_in, breached, expected) -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 3, 5, 1, 0, tzinfo=UTC)
    state = TableState(
        "BJ-301",
        1,
        Priority.P2,
        None if due_in is None else now + due_in,
        breached,
        ("i1",),
        soon_at=None if soon_in is None else now + soon_in,
    )
    assert table_urgency(state, now) is expected
    assert table_urgency(None, now) is Urgency.NONE


def test_the_floor_ticks_only_while_it_shows(qtbot, context, ops, clock) -> None:
    """Behind the board the map's second ticks do nothing; shown again, it is current."""
    boss = actor("P001")
    context.incidents.open(
        boss, IncidentDraft(Priority.P1, Category.TABLE_DISPUTE, table_id="BAC-101")
    )
    window, floor = floor_of(qtbot, context, ops, clock, boss)
    item = floor.scene.items_by_table["BAC-101"]
    qtbot.waitUntil(lambda: item.countdown == "02:00", timeout=WAIT_MS)
    assert floor.timer.isActive()
    window.shell.show_page("board")
    clock.advance(timedelta(seconds=30))
    floor.timer.timeout.emit()  # a second went by behind the board
    assert item.countdown == "02:00"  # not ticked: nothing of it is on screen
    window.shell.show_page("floor")
    assert item.countdown == "01:30"  # ticked the moment it shows
    clock.advance(timedelta(seconds=30))
    floor.timer.timeout.emit()
    assert item.countdown == "01:00"
