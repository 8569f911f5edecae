"""Acts in the UI: the signature pad's input kinds, the act form, the paper copy, the reminder."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.acts.layout import MARGIN, InkOp
from app.acts.post_incident import DueReport
from app.acts.strokes import PAD_HEIGHT, PAD_WIDTH, InputKind
from app.clock import FakeClock
from tests.ui.waits import WAIT_MS
from tests.unit.acts_fixtures import CJK_NAME, CONCIERGE, PIT_BOSS, T0, ActsEnv, open_env, pdftotext
from ui.acts.act_form import ActForm
from ui.acts.print_copy import print_copy
from ui.acts.report_reminder import ReportReminder, ReportReminderBanner
from ui.acts.signature_pad import SignaturePad


@pytest.fixture
def acts_env(tmp_path: Path) -> Iterator[ActsEnv]:
    with open_env(tmp_path / "data") as env:
        yield env


def drag(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def scribble(pad: SignaturePad) -> None:
    drag(pad, [(40 + i * 8, 60 + (i % 5) * 9) for i in range(30)])


def test_mouse_strokes_have_no_pressure(qtbot, themed_app) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(600, 200)
    pad.show()
    with qtbot.waitSignal(pad.changed) as blocker:
        scribble(pad)
    assert blocker.args == [True]
    (stroke,) = pad.signature().strokes
    assert stroke.input is InputKind.MOUSE
    assert len(stroke.points) > 10 and all(p.pressure is None for p in stroke.points)
    pad.clear()
    assert pad.is_empty


def test_a_pen_records_its_pressure(qtbot, themed_app) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(600, 200)
    pad.show()
    pen = QPointingDevice(
        "test pen",
        4242,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )

    def send(kind, x: float, pressure: float) -> None:
        pos = QPointF(x, 100)
        event = QTabletEvent(
            kind,
            pen,
            pos,
            QPointF(pad.mapToGlobal(pos)),
            pressure,
            0,
            0,
            0,
            0,
            0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )
        QApplication.sendEvent(pad, event)
        assert event.isAccepted()

    send(QTabletEvent.Type.TabletPress, 50, 0.2)
    for i, pressure in enumerate((0.4, 0.6, 0.9)):
        send(QTabletEvent.Type.TabletMove, 80 + i * 30, pressure)
    send(QTabletEvent.Type.TabletRelease, 200, 0.9)
    (stroke,) = pad.signature().strokes
    assert stroke.input is InputKind.PEN
    assert [p.pressure for p in stroke.points][:4] == pytest.approx([0.2, 0.4, 0.6, 0.9])


def test_touch_without_pressure_records_none(qtbot, themed_app) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(600, 200)
    pad.show()
    screen = QTest.createTouchDevice(
        QInputDevice.DeviceType.TouchScreen, QInputDevice.Capability.Position
    )
    QTest.touchEvent(pad, screen).press(0, QPoint(60, 60)).commit()
    QTest.touchEvent(pad, screen).move(0, QPoint(120, 90)).commit()
    QTest.touchEvent(pad, screen).move(0, QPoint(180, 70)).commit()
    QTest.touchEvent(pad, screen).release(0, QPoint(180, 70)).commit()
    strokes = pad.signature().strokes
    assert len(strokes) == 1 and strokes[0].input is InputKind.TOUCH
    assert all(p.pressure is None for p in strokes[0].points)


def test_the_pad_keeps_the_shape_of_the_acts_ink_box(qtbot, themed_app) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    assert pad.hasHeightForWidth()
    assert pad.heightForWidth(600) == round(600 * PAD_HEIGHT / PAD_WIDTH)
    pad.resize(480, pad.heightForWidth(480))
    pad.show()
    # At its own shape the whole widget is the pad: every pixel takes ink.
    assert pad.pad_rect().toAlignedRect() == pad.rect()


def test_a_stroke_from_the_left_edge_lands_at_the_left_edge_of_the_act(
    qtbot, ops, acts_env: ActsEnv
) -> None:
    form = ActForm(ops, acts_env.service.record_act, PIT_BOSS, "i-2")
    qtbot.addWidget(form)
    form.resize(1000, 620)  # the act form on a 1024x768 tablet
    form.show()
    pad = form.staff_pad
    box = pad.pad_rect()
    assert box.width() / pad.width() > 0.99  # the paper drawn is all the widget, all ink
    y = round(box.center().y())
    drag(pad, [(round(box.left()) + 1, y), (round(box.center().x()), y + 10), (pad.width() - 2, y)])
    (stroke,) = pad.signature().strokes
    xs = [p.x for p in stroke.points]
    assert min(xs) < 3 and max(xs) > PAD_WIDTH - 4  # the whole width, not a bar at x = 0
    assert len({round(x) for x in xs}) == 3
    form.decision.setPlainText("Hand replayed.")
    form.guest_absent.setChecked(True)
    with qtbot.waitSignal(form.act_recorded, timeout=20_000) as blocker:
        form.submit()
    layout = acts_env.service.view_copy(PIT_BOSS, blocker.args[0].act.id).layout
    staff_ink = next(op for ops_ in layout.pages for op in ops_ if isinstance(op, InkOp))
    left = min(min(s.x1, s.x2) for s in staff_ink.segments)
    right = max(max(s.x1, s.x2) for s in staff_ink.segments)
    ink_box = MARGIN + 4  # the staff box's inner left edge on the page
    assert left == pytest.approx(ink_box, abs=2.0)
    assert right - left > 230  # the stroke spans the box on paper too


def test_clear_empties_one_pad_and_cancel_asks_before_discarding(
    qtbot, ops, acts_env: ActsEnv
) -> None:
    from ui.acts.act_dialog import ActDialog

    form = ActForm(ops, acts_env.service.record_act, PIT_BOSS, "i-2")
    dialog = ActDialog(form, "Incident act", lambda recorded: recorded.act.number)
    qtbot.addWidget(dialog)
    dialog.show()
    scribble(form.staff_pad)
    scribble(form.guest_pad)
    qtbot.mouseClick(form.guest_clear, Qt.MouseButton.LeftButton)
    assert form.guest_pad.is_empty and not form.staff_pad.is_empty
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.discard_bar.isVisible() and dialog.isVisible()  # ink would be lost: ask
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not form.staff_pad.is_empty
    qtbot.mouseClick(form.staff_clear, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()  # nothing entered: closes at once
    assert dialog.result() == ActDialog.DialogCode.Rejected


def test_the_dialog_confirms_with_the_act_number(qtbot, ops, acts_env: ActsEnv) -> None:
    from ui.acts.act_dialog import ActDialog

    form = ActForm(ops, acts_env.service.record_act, PIT_BOSS, "i-2")
    dialog = ActDialog(form, "Incident act", lambda recorded: f"Act {recorded.act.number} signed")
    qtbot.addWidget(dialog)
    dialog.show()
    form.decision.setPlainText("Hand replayed.")
    scribble(form.staff_pad)
    form.guest_declines.setChecked(True)
    with qtbot.waitSignal(form.act_recorded, timeout=20_000) as blocker:
        qtbot.mouseClick(form.sign_button, Qt.MouseButton.LeftButton)
    number = blocker.args[0].act.number
    assert number.endswith("-A1")
    assert dialog.done_text.isVisible() and dialog.done_text.text() == f"Act {number} signed"
    assert dialog.view_button.isVisible() and dialog.print_button.isVisible()
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ActDialog.DialogCode.Accepted


def test_the_form_signs_through_the_executor(qtbot, ops, acts_env: ActsEnv) -> None:
    form = ActForm(ops, acts_env.service.record_act, PIT_BOSS, "i-2")
    qtbot.addWidget(form)
    form.resize(900, 1000)
    form.show()
    form.decision.setPlainText("Table closed for ten minutes; hand replayed.")
    scribble(form.staff_pad)
    form.guest_declines.setChecked(True)
    form.guest_note.setText("Refuses to sign")
    with qtbot.waitSignal(form.act_recorded, timeout=20_000) as blocker:
        qtbot.mouseClick(form.sign_button, Qt.MouseButton.LeftButton)
        assert not form.sign_button.isEnabled()  # busy at once
    recorded = blocker.args[0]
    assert recorded.act.guest_status.value == "declined"
    assert acts_env.service.files.get(recorded.revision.sha256) == recorded.pdf
    qtbot.waitUntil(form.sign_button.isEnabled)


def test_the_form_shows_the_cores_refusal(qtbot, ops, acts_env: ActsEnv) -> None:
    form = ActForm(ops, acts_env.service.record_act, CONCIERGE, "i-1")
    qtbot.addWidget(form)
    form.show()
    form.decision.setPlainText("x")
    scribble(form.staff_pad)
    form.guest_absent.setChecked(True)
    qtbot.mouseClick(form.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.message.isVisible(), timeout=10_000)
    assert "may not" in form.message.text()
    assert ops.errors == []


def test_a_tablet_without_its_signing_certificate_says_so_in_the_form(
    qtbot, ops, acts_env: ActsEnv
) -> None:
    """Before the helpdesk issued one (or once it expired): a refusal, not a crash."""
    from app.acts.device_cert import CHAIN_KEY

    with acts_env.store.unit_of_work() as uow:
        uow.sync_state.delete(CHAIN_KEY)
    form = ActForm(ops, acts_env.service.record_act, PIT_BOSS, "i-1")
    qtbot.addWidget(form)
    form.resize(1280, 800)
    form.show()
    form.decision.setPlainText("Refund the last hand.")
    scribble(form.staff_pad)
    form.guest_absent.setChecked(True)
    qtbot.mouseClick(form.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.message.isVisible(), timeout=10_000)
    assert "no act-signing certificate yet" in form.message.text()
    assert ops.errors == []


def test_the_paper_copy_prints_the_act(
    qtbot, themed_app, acts_env: ActsEnv, tmp_path: Path
) -> None:
    from tests.unit.acts_fixtures import act_draft

    recorded = acts_env.service.record_act(PIT_BOSS, act_draft("i-2"))
    copy = acts_env.service.guest_copy(PIT_BOSS, recorded.act.id)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "copy.pdf"
    printer.setOutputFileName(str(out))
    print_copy(printer, copy)
    text = pdftotext(out)
    assert CJK_NAME in text
    assert "Paper copy" in text and recorded.revision.sha256[:16] in text


def test_the_paper_copy_prints_a_hash_letter_for_letter(
    qtbot, themed_app, acts_env: ActsEnv, tmp_path: Path
) -> None:
    # "ff" in a hash must not become a ligature glyph: the reference is read back
    # (by eye or by a text search) letter for letter.
    from dataclasses import replace

    from tests.unit.acts_fixtures import act_draft

    recorded = acts_env.service.record_act(PIT_BOSS, act_draft("i-2"))
    copy = acts_env.service.guest_copy(PIT_BOSS, recorded.act.id)
    copy = replace(copy, revision=replace(copy.revision, sha256="0ff1ffe" + "f" * 57))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "copy.pdf"
    printer.setOutputFileName(str(out))
    print_copy(printer, copy)
    assert "0ff1ffefffffffff" in pdftotext(out)


def test_the_reminder_banner_shows_reports_due(qtbot, ops) -> None:
    clock = FakeClock(T0 + timedelta(hours=26))
    due = DueReport("i-9", "VIP-20512", "P1", T0, T0 + timedelta(hours=24), overdue=True)
    reminder = ReportReminder(ops, lambda actor: [due], PIT_BOSS)
    banner = ReportReminderBanner(reminder, clock)
    qtbot.addWidget(banner)
    with qtbot.waitSignal(reminder.changed):
        reminder.refresh()
    assert not banner.isHidden()
    text = banner.text.text()
    assert "VIP-20512" in text and "overdue: \u22122:00:00" in text  # the one countdown format
    assert banner.write_button.isHidden()  # no act service: nothing to write it with
    reminder._show([])
    assert banner.isHidden()


def test_the_reminder_opens_the_report_and_a_signed_report_settles_it(
    qtbot, ops, acts_env: ActsEnv
) -> None:
    from app.domain import IncidentStatus
    from tests.unit.acts_fixtures import incident

    resolved = incident("i-p1", status=IncidentStatus.RESOLVED)
    with acts_env.store.unit_of_work() as uow:
        uow.incidents.save(resolved)
    acts_env.clock.set(resolved.events[-1].at + timedelta(hours=2))
    service = acts_env.service
    reminder = ReportReminder(ops, service.due_reports, PIT_BOSS, acts=lambda: service)
    banner = ReportReminderBanner(reminder, acts_env.clock)
    qtbot.addWidget(banner)
    with qtbot.waitSignal(reminder.changed):
        reminder.refresh()
    first = reminder.summary.next_due.incident_id  # the most urgent of two P1s due
    assert reminder.summary.due == 2 and f"TAB-TEST01-{first} (prov.)" in banner.text.text()
    qtbot.mouseClick(banner.write_button, Qt.MouseButton.LeftButton)
    dialog = banner.dialog
    assert dialog is not None and dialog.isVisible()
    form = dialog.form
    form.root_cause.setPlainText("Shoe sensor misread the cards")
    form.measures.setPlainText("Replace the sensor\nTrain dealers on manual reads")
    scribble(form.pad)
    with qtbot.waitSignal(reminder.changed, timeout=20_000):
        with qtbot.waitSignal(form.act_recorded, timeout=20_000) as blocker:
            qtbot.mouseClick(form.sign_button, Qt.MouseButton.LeftButton)
        assert blocker.args[0].act.number == f"TAB-TEST01-{first}-R1"
        assert f"TAB-TEST01-{first}-R1" in dialog.done_text.text()
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    with acts_env.store.unit_of_work() as uow:
        (report,) = uow.acts.for_incident(first)
    assert report.kind.value == "post_incident_report"
    assert reminder.summary.due == 1 and reminder.summary.next_due.incident_id != first


def off_the_loop(fn, *args):
    """A blocking core call from a test whose qasync loop runs (signing runs its own)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


def pdf_printer(out: Path):
    """A print function that prints the guest's copy into ``out`` (no dialog)."""

    def printed(copy, _parent) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        print_copy(printer, copy)

    return printed


def test_the_guest_timeline_views_and_prints_an_act(
    qtbot, ops, acts_env: ActsEnv, tmp_path: Path
) -> None:
    from app.services.timeline import TimelineService
    from tests.unit.acts_fixtures import act_draft
    from ui.guest.timeline import GuestTimelineView

    recorded = off_the_loop(acts_env.service.record_act, PIT_BOSS, act_draft("i-2"))
    timeline = TimelineService(acts_env.store, acts_env.clock)
    view = GuestTimelineView(timeline, ops, acts=lambda: acts_env.service)
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    view.load(PIT_BOSS, "g-cjk")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=WAIT_MS)
    buttons = view.act_buttons
    assert buttons.view_button.isVisible() and not buttons.view_button.isEnabled()
    act_row = next(r for r in range(view.model.rowCount()) if view.model.row_at(r).act_id)
    view.table.selectRow(act_row)
    assert buttons.view_button.isEnabled() and buttons.print_button.isEnabled()
    qtbot.mouseClick(buttons.view_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.copies.viewer is not None, timeout=10_000)
    viewer = view.copies.viewer
    assert viewer.copy.act.id == recorded.act.id and len(viewer.page_labels) == 2
    page = viewer.page_labels[0]
    assert page.pixmap().width() <= viewer.page_scroll.viewport().width()  # no sideways scroll
    viewer.accept()
    out = tmp_path / "guest-copy.pdf"
    view.copies._print = pdf_printer(out)
    qtbot.mouseClick(buttons.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert recorded.revision.sha256[:16] in pdftotext(out)
    with acts_env.store.unit_of_work() as uow:
        actions = [entry.action for entry in uow.audit.recent(5)]
    assert "act.view" in actions and "act.copy" in actions  # each read audited
