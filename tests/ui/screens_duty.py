"""The duty manager's screens on the real console (tests/ui/screens.py adds them to
``SCREENS``): the board read-only with the reports waiting for their sign-off, the alert
inbox of escalations, an incident read, and the sign-off itself.

Built from tests/ui/demo_console.py only, so this module and screens.py do not import
each other in a circle."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtWidgets import QWidget

from app.acts.model import ReportDraft
from app.demo.generator import DEMO_PIN
from app.domain import Category, IncidentStatus, Priority
from app.services.incidents import IncidentDraft
from tests.ui.demo_console import Console, acts_in_process, sign, sign_in
from tests.ui.waits import WAIT_MS
from tests.unit.acts_fixtures import drawn
from ui.board.model import ID_ROLE

DUTY_MANAGER = "M001"
ROOT_CAUSE = "Card terminal lost its link to the cage"
MEASURE = "Second terminal on a separate line"
REVIEW = "Agreed; test the second line at the next P1 drill"
TYPED = frozenset({ROOT_CAUSE, MEASURE, REVIEW})


def _wait(console: Console, condition: Callable[[], Any]) -> None:
    console.qtbot.waitUntil(condition, timeout=WAIT_MS)  # type: ignore[attr-defined]


def _report_filed(console: Console) -> None:
    """A resolved P1 whose post-incident report a pit boss filed: the duty manager's to
    sign off."""
    acts_in_process(console)
    context = console.context
    boss = context.auth.sign_in("P001", DEMO_PIN)
    opened = context.incidents.open(boss, IncidentDraft(Priority.P1, Category.PAYMENT_FAILED))
    context.incidents.change_status(boss, opened.id, IncidentStatus.RESOLVED)
    draft = ReportDraft(opened.id, ROOT_CAUSE, (MEASURE,), drawn())
    # Signing runs off the GUI thread (its own event loop), as the console's executor runs it.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(context.acts.record_report, boss, draft).result()


def board_duty(console: Console) -> QWidget:
    _report_filed(console)
    sign_in(console, DUTY_MANAGER)
    page = console.shell.page("board")
    _wait(console, lambda: page.board.model.rowCount() > 0)
    _wait(console, lambda: page.sign_offs.isVisible())
    return page


def alerts_duty(console: Console) -> QWidget:
    """What reached the duty manager since the shift began: the ladder's escalations."""
    sign_in(console, DUTY_MANAGER)
    page = console.shell.show_page("alerts")
    _wait(console, lambda: page.items.rowCount() > 0)
    return page


def incident_duty(console: Console) -> QWidget:
    """A breached incident as the duty manager reads it: notes, no step of the floor's."""
    sign_in(console, DUTY_MANAGER)
    board = console.shell.page("board").board
    _wait(console, lambda: board.model.rowCount() > 0)
    row = next(r for r in range(board.model.rowCount()) if board.model.is_breached(r))
    console.shell.open_incident(board.model.index(row, 0).data(ID_ROLE))
    view = console.shell.page("incident.view")
    _wait(console, lambda: view.detail is not None)
    return view


def sign_off_form(console: Console) -> QWidget:
    page = board_duty(console)
    dialog = page.sign_offs.sign_off()
    _wait(console, dialog.isVisible)
    dialog.form.review.setPlainText(REVIEW)
    return dialog


def sign_off_signed(console: Console) -> QWidget:
    dialog = sign_off_form(console)
    sign(dialog.form.pad)
    with console.qtbot.waitSignal(dialog.form.act_recorded, timeout=30_000):  # type: ignore[attr-defined]
        dialog.form.sign_button.click()
    return dialog


def kpi_dashboard(console: Console) -> QWidget:
    """The duty manager's KPIs, read from the console's own store (no helpdesk here)."""
    sign_in(console, DUTY_MANAGER)
    page = console.shell.show_page("kpis")
    _wait(console, lambda: page.feed.latest is not None)
    return page


def board_kpis(console: Console) -> QWidget:
    """A pit boss's board with the strip of the three KPIs above it, read."""
    sign_in(console, "P001")
    page = console.shell.page("board")
    _wait(console, lambda: page.board.model.rowCount() > 0)
    _wait(console, lambda: page.kpis.feed.latest is not None)
    return page


DUTY_SCREENS: dict[str, Callable[[Console], QWidget]] = {
    "board_duty": board_duty,
    "alerts_duty": alerts_duty,
    "incident_duty": incident_duty,
    "sign_off_form": sign_off_form,
    "sign_off_signed": sign_off_signed,
    "kpi_dashboard": kpi_dashboard,
    "board_kpis": board_kpis,
}
