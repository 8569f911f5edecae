"""The duty manager's screens for ``make screenshots`` (tools/screenshots.py calls
``take_duty_manager``): the board with a report waiting for their sign-off, the
escalations in their alert inbox, the KPI dashboard, the sign-off form."""

from __future__ import annotations

from app.acts.model import ReportDraft
from app.acts.strokes import DrawnSignature, InputKind, StrokeRecorder
from app.bootstrap import ConsoleContext
from app.demo.generator import DEMO_PIN
from app.domain import Category, IncidentStatus, Priority
from app.services.incidents import IncidentDraft
from tools.screenshots import SMALL, TABLET, Shots, draw_signature, sign_in


def _a_signature() -> DrawnSignature:
    recorder = StrokeRecorder(400, 150)
    recorder.begin(40, 80, 0, None, InputKind.TOUCH)
    for i in range(40):
        recorder.add(40 + i * 8, 80 + (i % 5) * 6, i * 8, None)
    recorder.end()
    return recorder.signature()


def take_duty_manager(shots: Shots, context: ConsoleContext) -> None:
    boss = context.auth.sign_in("P001", DEMO_PIN)
    draft = IncidentDraft(Priority.P1, Category.PAYMENT_FAILED, summary="Cash-out refused twice")
    opened = context.incidents.open(boss, draft)
    context.incidents.change_status(boss, opened.id, IncidentStatus.RESOLVED)
    report = ReportDraft(
        opened.id,
        "Card terminal lost its link to the cage",
        ("Second terminal on a separate line",),
        _a_signature(),
    )
    context.acts.record_report(boss, report)

    shell = sign_in(shots.window, "M001")
    shots.window.reload_board()
    board = shell.page("board")
    board.sign_offs.refresh()
    shots.grab("console_duty_manager", TABLET, SMALL)
    shell.show_page("alerts")
    shots.grab("duty_manager_alerts", TABLET, SMALL)
    kpis = shell.show_page("kpis")
    kpis.feed.read_now()
    shots.grab("kpi_dashboard", TABLET, SMALL)
    shell.show_page("board")
    dialog = board.sign_offs.sign_off()
    dialog.form.review.setPlainText("Agreed; test the second line at the next P1 drill.")
    draw_signature(dialog.form.pad)
    shots.grab_dialog("sign_off_form", dialog, TABLET, SMALL)
    dialog.reject()
