"""The incident board: what needs a person next first, cheap ticks, readable breaches."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from app.clock import FakeClock
from app.domain import Category, IncidentStatus, Priority
from tests.ui.demo_objects import NOW, demo_board_rows, demo_guests
from ui import theme
from ui.board.countdown_cell import LINE_SEPARATOR
from ui.board.model import ID_ROLE, P1_MARKER, Col
from ui.board.rows import BoardRow
from ui.board.view import BoardView
from ui.incident.labels import BREACH_MARKER, PAUSE_MARKER, SOON_MARKER

M = timedelta(minutes=1)
S = timedelta(seconds=1)


def row(n: int, breach_in: timedelta, priority: Priority = Priority.P3, **kw) -> BoardRow:
    values = dict(
        incident_id=f"i{n}",
        ticket=f"VIP-{n}",
        provisional=False,
        priority=priority,
        category=Category.OTHER,
        guest_name=f"Guest {n}",
        location="BJ-07",
        status=IncidentStatus.IN_PROGRESS,
        escalation_level=1,
        breach_at=NOW + breach_in,
        next_update_at=NOW + 5 * M,
    )
    values.update(kw)
    return BoardRow(**values)


@pytest.fixture
def board(qtbot):
    view = BoardView(clock=FakeClock(NOW))
    qtbot.addWidget(view)
    return view


def _visible_ids(view: BoardView) -> list[str]:
    proxy = view.proxy
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]


def test_rows_are_sorted_winnable_first_then_breached(board) -> None:
    board.model.set_rows([row(1, 50 * M), row(2, -3 * M), row(3, 5 * M), row(4, 2 * 60 * M)], NOW)
    assert _visible_ids(board) == ["i3", "i1", "i4", "i2"]
    board.model.upsert(row(5, 1 * M))
    assert _visible_ids(board) == ["i5", "i3", "i1", "i4", "i2"]
    board.model.upsert(row(6, -1 * M, escalation_level=4))  # breached higher up the ladder
    assert _visible_ids(board)[-2:] == ["i6", "i2"]


def test_tick_changes_the_countdown_and_only_the_countdown_columns(board) -> None:
    model = board.model
    model.set_rows([row(1, 10 * M), row(2, 20 * M)], NOW)
    ttb = model.index(0, Col.TIME_TO_BREACH)
    assert ttb.data() == "10:00"
    changes: list[tuple[int, int, int, int, list]] = []
    model.dataChanged.connect(
        lambda tl, br, roles: changes.append((tl.row(), tl.column(), br.row(), br.column(), roles))
    )
    model.tick(NOW + 75 * S)
    assert ttb.data() == "08:45"
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole]
    assert changes == [
        (0, Col.TIME_TO_BREACH, 1, Col.TIME_TO_BREACH, roles),
        (0, Col.NEXT_UPDATE, 1, Col.NEXT_UPDATE, roles),
    ]  # one range per column: a range spanning both would repaint all between them
    assert model.index(0, Col.NEXT_UPDATE).data() == "in 03:45"


def test_the_boards_own_tick_repaints_its_cells_without_model_signals(board) -> None:
    model = board.model
    model.set_rows([row(1, 10 * M), row(2, 20 * M)], NOW)
    changes: list[object] = []
    model.dataChanged.connect(lambda *args: changes.append(args))
    board.tick_at(NOW + 75 * S)
    assert model.index(0, Col.TIME_TO_BREACH).data() == "08:45"
    assert changes == []  # the view updates just the visible countdown cells itself


def test_breached_row_is_marked_in_text_colour_and_weight(board) -> None:
    model = board.model
    model.set_rows([row(1, 30 * S)], NOW)
    breaches: list[str] = []
    model.breach_started.connect(breaches.append)
    assert not model.is_breached(0)
    model.tick(NOW + 3 * M + 42 * S)
    text = model.index(0, Col.TIME_TO_BREACH).data()
    assert text == f"{BREACH_MARKER} Breached 3 min ago · L1"
    assert breaches == ["i1"]
    assert model.is_breached(0)
    clock = model.index(0, Col.TIME_TO_BREACH)
    assert clock.data(Qt.ItemDataRole.BackgroundRole) == theme.BREACHED_BACKGROUND
    assert clock.data(Qt.ItemDataRole.ForegroundRole) == theme.BREACHED_FOREGROUND
    assert clock.data(Qt.ItemDataRole.FontRole).bold()
    # The rest of the row stays as it was: readable, not a solid red bar.
    assert model.index(0, Col.GUEST).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, Col.GUEST).data(Qt.ItemDataRole.ForegroundRole) is None
    model.tick(NOW + 4 * M)
    assert breaches == ["i1"]  # announced once
    model.set_rows([row(1, -(2 * 60 + 5) * M, escalation_level=3)], NOW)
    assert (
        model.index(0, Col.TIME_TO_BREACH).data() == f"{BREACH_MARKER} Breached 2 h 05 min ago · L3"
    )


@pytest.mark.parametrize(
    ("priority", "left", "amber"),
    [(Priority.P2, 81 * S, True), (Priority.P2, 16 * M, False), (Priority.P1, 110 * S, True)],
)
def test_a_clock_about_to_breach_turns_amber(board, priority, left, amber) -> None:
    model = board.model
    window = {Priority.P1: 10 * M, Priority.P2: 15 * M}[priority]
    model.set_rows([row(1, left, priority, warn_before=window)], NOW)
    clock = model.index(0, Col.TIME_TO_BREACH)
    background = clock.data(Qt.ItemDataRole.BackgroundRole)
    if amber:
        minutes = int(window.total_seconds() // 60)
        assert clock.data().endswith(f"breach within {minutes} min")
        assert clock.data().startswith(SOON_MARKER)
        assert background == theme.SOON_BACKGROUND
    else:
        assert clock.data() == "16:00" and background is None


def test_a_row_turns_amber_on_the_tick_its_window_opens(board) -> None:
    model = board.model
    model.set_rows([row(1, 20 * M, Priority.P2, warn_before=15 * M)], NOW)
    looks: list[int] = []
    model.dataChanged.connect(lambda tl, br, roles: looks.append(tl.row()) if roles else None)
    model.tick(NOW + 4 * M)
    assert model.urgency(0).value == "on_track"
    model.tick(NOW + 5 * M)
    assert model.urgency(0).value == "soon"
    assert 0 in looks


def test_p1_row_has_a_text_marker_and_strong_roles(board) -> None:
    model = board.model
    model.set_rows([row(1, 10 * M, Priority.P1), row(2, 20 * M, Priority.P2)], NOW)
    assert model.index(0, Col.PRIORITY).data() == f"{P1_MARKER} P1"
    assert model.index(0, Col.TICKET).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, Col.TICKET).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, Col.PRIORITY).data() == "P2"
    assert model.index(1, Col.TICKET).data(Qt.ItemDataRole.BackgroundRole) is None


def test_provisional_ticket_level_and_paused_clock(board) -> None:
    model = board.model
    model.set_rows(
        [
            row(1, 10 * M, provisional=True, escalation_level=3),
            row(2, 0 * M, status=IncidentStatus.WAITING, paused_remaining=12 * M, breach_at=None),
        ],
        NOW,
    )
    assert model.index(0, Col.TICKET).data() == "VIP-1 (prov.)"
    assert model.index(0, Col.LEVEL).data() == "L3"
    model.tick(NOW + 5 * M)
    assert model.index(1, Col.TIME_TO_BREACH).data() == f"{PAUSE_MARKER} 12:00 paused"


def test_sla_refresh_is_requested_when_the_engine_said_so(board) -> None:
    model = board.model
    model.set_rows([row(1, 60 * M, next_change_at=NOW + 15 * M)], NOW)
    due: list[list[str]] = []
    model.sla_refresh_due.connect(due.append)
    model.tick(NOW + 14 * M)
    assert due == []
    model.tick(NOW + 15 * M)
    assert due == [["i1"]]


def test_activating_a_row_emits_its_incident(qtbot, board) -> None:
    board.model.set_rows(demo_board_rows(demo_guests()), NOW)
    board.show()
    first = board.proxy.index(0, 0)
    with qtbot.waitSignal(board.incident_activated) as blocker:
        board.table.activated.emit(first)
    assert blocker.args == [first.data(ID_ROLE)]


def test_remove_and_thousand_rows(board) -> None:
    model = board.model
    model.set_rows([row(n, (n - 500) * S) for n in range(1000)], NOW)
    assert model.rowCount() == 1000
    model.tick(NOW + S)  # the benchmark's call; no timing asserted here
    model.remove("i10")
    assert model.rowCount() == 999 and model.row_for("i10") is None
    assert model.row_at(model.row_for("i999")).incident_id == "i999"
    assert sorted(model.row_for(f"i{n}") for n in range(1000) if n != 10) == list(range(999))
    assert not QModelIndex().isValid()


def test_ticks_never_resort_the_proxy_until_a_deadline_passes(board) -> None:
    board.model.set_rows([row(n, (n - 5) * 20 * S) for n in range(20)], NOW)
    relayouts: list[bool] = []
    board.proxy.layoutChanged.connect(lambda *a: relayouts.append(True))
    order = _visible_ids(board)
    for seconds in range(1, 20):
        board.model.tick(NOW + seconds * S)
    assert relayouts == [] and _visible_ids(board) == order  # no deadline passed
    board.model.tick(NOW + 21 * S)  # i6's deadline (20 s) passed: it joins the breached
    assert relayouts == [True]
    assert _visible_ids(board)[0] == "i7" and "i6" in _visible_ids(board)[-7:]


def test_a_resort_keeps_the_selection_and_the_scroll_position(qtbot, board) -> None:
    board.model.set_rows([row(n, (n - 5) * 20 * S) for n in range(60)], NOW)
    board.resize(900, 500)
    board.show()
    qtbot.waitExposed(board)
    table = board.table
    table.verticalScrollBar().setValue(6)
    chosen = board.proxy.index(20, 0).data(ID_ROLE)
    table.selectRow(20)
    scrolled = table.verticalScrollBar().value()
    assert scrolled > 0
    board.tick_at(NOW + 21 * S)  # a deadline passes: the rows re-sort
    selected = table.selectionModel().selectedRows()
    assert [i.data(ID_ROLE) for i in selected] == [chosen]
    assert table.verticalScrollBar().value() == scrolled


@pytest.mark.parametrize("width", [530, 700, 1040])
def test_the_board_never_scrolls_sideways_and_every_column_is_a_tap_away(
    qtbot, board, width: int
) -> None:
    board.model.set_rows(demo_board_rows(demo_guests()), NOW)
    board.resize(width, 600)
    board.show()
    qtbot.waitUntil(lambda: board.table.viewport().width() > 0)
    board.fit_columns()
    table = board.table
    seen: set[Col] = set()
    for _page in range(len(board.pages)):
        shown = board.shown_columns()
        assert {Col.PRIORITY, Col.TIME_TO_BREACH} <= set(shown)  # always in view
        assert table.horizontalScrollBar().maximum() == 0
        assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()
        seen |= set(shown)
        if len(board.pages) > 1:
            assert board.more_columns.isVisible()
        board.next_columns()
    assert seen == set(Col)


def test_a_desk_screen_shows_every_column_at_once(qtbot, board) -> None:
    board.model.set_rows(demo_board_rows(demo_guests()), NOW)
    board.resize(1900, 700)
    board.show()
    board.fit_columns()
    assert set(board.shown_columns()) == set(Col)
    assert not board.more_columns.isVisible()


def _cell_text(board: BoardView, row: int) -> str:
    """The time-to-breach cell's text as its delegate paints it."""
    index = board.proxy.index(row, Col.TIME_TO_BREACH)
    option = QStyleOptionViewItem()
    option.initFrom(board.table)
    option.rect = board.table.visualRect(index)
    board.countdown_cells.initStyleOption(option, index)
    return option.text


@pytest.mark.parametrize(("width", "lines"), [(480, 2), (1900, 1)])
def test_a_narrow_board_shows_a_breach_on_two_lines_and_keeps_the_word(
    qtbot, board, width: int, lines: int
) -> None:
    rows = [*demo_board_rows(demo_guests()), row(99, -3 * M, location="Pit 5, PK-508")]
    board.model.set_rows(rows, NOW)
    board.resize(width, 600)
    board.show()
    qtbot.waitUntil(lambda: board.table.viewport().width() > 0)
    board.fit_columns()
    at = next(
        r for r in range(board.proxy.rowCount()) if board.proxy.index(r, 0).data(ID_ROLE) == "i99"
    )
    assert _cell_text(board, at).split(LINE_SEPARATOR) == (
        [f"{BREACH_MARKER} Breached · L1", "3 min ago"]
        if lines == 2
        else [f"{BREACH_MARKER} Breached 3 min ago · L1"]
    )
    running = next(
        r
        for r in range(board.proxy.rowCount())
        if not board.model.is_breached(board.proxy.mapToSource(board.proxy.index(r, 0)).row())
    )
    assert LINE_SEPARATOR not in _cell_text(board, running)  # a running clock: one line
    # What the narrow column gives back goes to the table: it is shown beside the clocks.
    assert Col.LOCATION in board.shown_columns()
    assert (
        board.table.verticalHeader().defaultSectionSize()
        >= 2 * QFontMetrics(board.table.font()).lineSpacing()
    )


def test_the_measured_widths_follow_the_rows_and_the_font(qtbot, board) -> None:
    """The column widths are measured once per change of rows or font, not at every
    ask (a swipe asks twice): a longer text or a larger font is measured again."""
    board.model.set_rows([row(1, 5 * M, location="BJ-07")], NOW)
    short = board.natural_widths()[Col.LOCATION]
    assert board.natural_widths() == board.natural_widths()
    board.model.set_rows([row(1, 5 * M, location="Salon Privé, table BJ-07")], NOW)
    longer = board.natural_widths()[Col.LOCATION]
    assert longer > short
    font = board.table.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    board.table.setFont(font)
    assert board.natural_widths()[Col.LOCATION] > longer
