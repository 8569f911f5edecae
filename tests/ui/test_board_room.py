"""Text at 150 % and 200 % on a 1280 x 800 and a 1024 x 768 tablet, with a report due
and an alert in the status bar: the board keeps its incident rows (what stands above
it gives way, ui/shell/board_room.py), the alert keeps its lines (ui/fitted_label.py),
and neither choice comes and goes while nothing changes (docs/accessibility.md)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from app.demo.generator import DEMO_PIN
from tests.ui.demo_console import Console, acts_in_process, in_view
from tests.ui.fit_checks import chrome_fits, cut_texts, settle
from tests.ui.screens import report_due
from tests.ui.screens_base import wait
from tests.ui.screens_duty import DUTY_MANAGER, _report_filed
from tools.screenshots_readable import LOOKS
from ui.theme import apply_theme

ROWS = 3  # "a few incident rows", whole, however large the text
ALERT = ("TAB-DEMO-0002 (P1) escalated to L3", 6)  # "(+6 more)": three lines at 1024, 200 %


@pytest.fixture(params=["text_150", "text_200"])
def look(request, themed_app: QApplication) -> Iterator[str]:
    apply_theme(themed_app, *LOOKS[request.param])
    yield request.param
    apply_theme(themed_app)


def _sign_in(console: Console, staff: str) -> None:
    """Typed in, not tapped: the sign-in keypad is not what these tests are about."""
    screen = console.window.sign_in
    screen.staff_edit.setText(staff)
    screen.pin_edit.setText(DEMO_PIN)
    screen.submit()
    wait(console, lambda: console.window.actor is not None)


def _pit_boss_with_a_report_due(console: Console) -> QWidget:
    acts_in_process(console)
    _sign_in(console, "P001")
    return report_due(console)


def _duty_manager_with_a_sign_off(console: Console) -> QWidget:
    _report_filed(console)
    _sign_in(console, DUTY_MANAGER)
    page = console.shell.page("board")
    wait(console, lambda: page.sign_offs is not None and page.sign_offs.isVisible())
    return page


BOARDS = {"pit_boss": _pit_boss_with_a_report_due, "duty": _duty_manager_with_a_sign_off}


def _with_an_alert(console: Console, board: str) -> QWidget:
    page = BOARDS[board](console)
    wait(console, lambda: page.board.model.rowCount() > ROWS)
    kpis = page.kpis  # at its height once read (a strip that gave way reads nothing)
    wait(console, lambda: not kpis.isVisible() or kpis.feed.latest is not None)
    console.shell.alert_banner.show_alert(*ALERT)
    return page


def rows_in_view(table: QTableView) -> int:
    """The rows shown whole in the table's viewport."""
    height = table.viewport().height()
    return sum(
        1
        for row in range(table.model().rowCount())
        if 0 <= table.rowViewportPosition(row)
        and table.rowViewportPosition(row) + table.rowHeight(row) <= height
    )


def _alert_whole(console: Console) -> bool:
    label = console.shell.alert_banner.text
    return label.height() >= label.heightForWidth(label.width())


@pytest.mark.parametrize("board", list(BOARDS))
def test_the_board_keeps_its_rows_under_a_report_due_and_an_alert(
    look: str, console: Console, board: str
) -> None:
    page = _with_an_alert(console, board)
    table = page.board.table
    notices = [page.findChild(QWidget, "reportReminder"), page.sign_offs]
    notices = [n for n in notices if n is not None]

    def settled() -> bool:  # layouts follow a text or a part that gave way in a turn or two
        cut = [c for n in notices if n.isVisible() for c in cut_texts(n)]
        return rows_in_view(table) >= ROWS and _alert_whole(console) and not cut

    settle(console, settled)
    assert rows_in_view(table) >= ROWS, (table.height(), page.height())
    in_view(console.window, table)
    for notice in notices:
        if notice.isVisible():
            in_view(console.window, notice)
            assert list(cut_texts(notice)) == []
    top = page.board.summary
    assert top.height() >= top.heightForWidth(top.width()), "the board's summary is cut"
    chrome_fits(console)


@pytest.mark.parametrize("console", ["1024x768"], indirect=True)
def test_an_alert_keeps_its_lines_in_the_status_bar(look: str, console: Console) -> None:
    _with_an_alert(console, "pit_boss")
    banner = console.shell.alert_banner
    settle(console, lambda: _alert_whole(console))
    label = banner.text
    need = label.heightForWidth(label.width())
    assert label.height() >= need, (label.text(), need, label.height())
    assert label.height() < need + label.fontMetrics().lineSpacing()  # and no more
    in_view(console.window, banner.open_button)


class _Toggles(QObject):
    """Counts a widget's Show and Hide events."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.count += 1
        return False


@pytest.mark.parametrize("console", ["1280x800"], indirect=True)
def test_what_gave_way_stays_so_while_nothing_changes(look: str, console: Console) -> None:
    page = _with_an_alert(console, "pit_boss")
    settle(console, lambda: rows_in_view(page.board.table) >= ROWS and _alert_whole(console))
    console.qtbot.wait(300)  # the strip's figures laid out
    state = (page.kpis.isVisible(), page.reminder_banner.compact)
    toggles = _Toggles(page.kpis)
    for _ in range(3):  # the board reloaded, its clock ticked, the same alert again
        console.window.reload_board()
        page.board.tick()
        console.shell.alert_banner.show_alert(*ALERT)
        console.qtbot.wait(150)
    assert toggles.count == 0
    assert (page.kpis.isVisible(), page.reminder_banner.compact) == state
    assert rows_in_view(page.board.table) >= ROWS
