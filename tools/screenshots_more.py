"""The rest of ``make screenshots`` (tools/screenshots.py runs it after the first screens).

``take_more``: the screens a user meets later in a shift (help, the board's other
columns and its report reminder, an escalation asked, a resolved incident, the TTR
decision, an act signed and viewed, a photo), at 1280 x 800, the narrow ones also at
1024 x 768. ``take_french``: the key screens again in French at both sizes (``*_fr.png``,
``*_fr_1024.png``), signed in as staff who tapped Français on the sign-in screen.
``take_sync``: the sync banner and its review of refused changes, conflicts and records
set aside, last (the banner stays above every screen once it is attached).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog

from app.bootstrap import ConsoleContext
from app.demo.generator import DEMO_PIN
from app.domain import Category, IncidentStatus, Priority, Satisfaction
from app.domain.attachment import AttachmentKind
from app.services.incidents import IncidentDraft
from tools.screenshots import (
    SMALL,
    TABLET,
    Shots,
    draw_signature,
    first_guest,
    read_kpi_strip,
    settle,
    sign_in,
)
from ui.incident.satisfaction import SatisfactionDialog
from ui.main_window import MainWindow
from ui.shell.console import ConsoleShell

FRENCH = "fr"


def _incident_view(shell: ConsoleShell, incident_id: str) -> Any:
    shell.open_incident(incident_id)
    view = shell.page("incident.view")
    view.stop()  # the clocks stand still for the picture
    return view


def _open_one(context: ConsoleContext, shell: ConsoleShell, draft: IncidentDraft) -> Any:
    assert shell.actor is not None
    opened = context.incidents.open(shell.actor, draft)
    return _incident_view(shell, opened.id)


def take_more(shots: Shots, context: ConsoleContext) -> None:
    window = shots.window
    shell = sign_in(window, "D001")
    shell.show_help()
    shots.grab("help")
    shell.help.hide()

    shell = sign_in(window, "P001")
    window.reload_board()
    board = shell.page("board")
    window.setFixedSize(SMALL)
    QApplication.processEvents()
    if board.board.more_columns.isVisible():
        board.board.more_columns.click()
    shots.grab("board_more_columns", SMALL)

    assert shell.actor is not None
    wait = IncidentDraft(Priority.P2, Category.SERVICE_WAIT, summary="Table for six, no wait")
    view = _open_one(context, shell, wait)
    view.buttons["escalate"].click()
    shots.grab("incident_confirm", TABLET, SMALL)
    view.confirm_bar.hide()
    view.buttons["resolve"].click()
    view.confirm_yes.click()
    settle()  # resolved: the tablet turns to the guest
    ask = view.satisfaction_dialog
    if isinstance(ask, SatisfactionDialog):
        shots.grab_dialog("incident_satisfaction", ask, TABLET, SMALL)
        ask.buttons[Satisfaction.VERY_HAPPY].click()
        settle()
    shots.grab("incident_resolved", TABLET, SMALL)
    act = view.open_act_form()
    act.form.decision.setPlainText("Table reserved for the guest's next visit.")
    draw_signature(act.form.staff_pad)
    draw_signature(act.form.guest_pad)
    act.form.sign_button.click()
    shots.grab_dialog("act_signed", act, TABLET, SMALL)
    act.view_button.click()
    viewer = view.copies.viewer
    shots.grab_dialog("act_viewer", viewer, TABLET, SMALL)
    viewer.accept()
    act.accept()

    shell.show_page("board")
    board.reminder.refresh()
    shots.grab("report_reminder", TABLET, SMALL)

    money = IncidentDraft(
        Priority.P2, Category.PAYMENT_FAILED, amount=Decimal("12000"), currency="AUD"
    )
    view = _open_one(context, shell, money)
    view.ttr_button.click()
    prompt = view.property("ttrPrompt")
    if isinstance(prompt, QDialog):
        shots.grab_over("ttr_prompt", prompt, TABLET, SMALL)
        prompt.reject()

    photo = felt_photo()
    context.attachments.attach(shell.actor, view.detail.incident.id, photo, AttachmentKind.PHOTO)
    view.load(view.detail.incident.id)
    view.tabs.setCurrentIndex(2)
    shots.grab("incident_photo", TABLET, SMALL)
    view.tabs.setCurrentIndex(0)


def felt_photo() -> bytes:
    """A picture of a table's felt with a stack of chips, as the camera would give it."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter

    from ui.incident.camera import jpeg_bytes

    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#1d5c3a"))
    painter = QPainter(image)
    for n, colour in enumerate(("#b3202a", "#f2f2f2", "#1f3f8f", "#111111", "#d9a520")):
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QRect(220 + n * 8, 300 - n * 26, 200, 70))
    painter.end()
    return jpeg_bytes(image)


def sign_in_speaking(window: MainWindow, staff_id: str, language: str) -> ConsoleShell:
    """Signed in as ``staff_id`` after tapping ``language`` on the sign-in screen (it
    becomes theirs, as it does for staff)."""
    window.sign_out()
    window.sign_in.language_buttons[language].click()
    window.sign_in.staff_edit.setText(staff_id)
    window.sign_in.pin_edit.setText(DEMO_PIN)
    window.sign_in.submit()
    assert window.actor is not None and window.shell is not None
    read_kpi_strip(window.shell)
    return window.shell


def take_french(shots: Shots, context: ConsoleContext) -> None:
    """The key screens in French, at both sizes."""
    window = shots.window
    both = (TABLET, SMALL)
    plain = first_guest(
        context, lambda g: not g.quiet.enabled and bool(g.room) and not g.rg.self_excluded
    )
    excluded = first_guest(context, lambda g: g.rg.self_excluded and not g.quiet.enabled)
    window.sign_out()
    window.sign_in.language_buttons[FRENCH].click()
    shots.grab("sign_in_fr", *both)

    shell = sign_in_speaking(window, "H001", FRENCH)
    shell.route_swipe(plain.card_number)
    shots.grab("console_fr", *both)
    shell.show_page("host.my_guests")
    host = shell.page("host.my_guests")
    mine = first_guest(context, lambda g: g.host_id == "H001" and not g.quiet.enabled)
    host.open_guest(mine.id)
    shots.grab("host_my_guests_fr", *both)
    host.tabs.setCurrentIndex(3)
    shots.grab("recovery_proposal_fr", *both)
    window.lookup.search_edit.setText(plain.name.split()[0])
    window.lookup._search()
    shots.grab("search_fr", *both)
    window.lookup.lookup_card("9009999988887777")
    shots.grab("card_not_found_fr", *both)
    window.lookup.walk_in_button.click()
    shell.page("desk.walk_in").name_edit.setText("Sofia Marchetti")
    shots.grab("walk_in_fr", *both)
    window.lock()
    shots.grab("lock_screen_fr", *both)

    shell = sign_in_speaking(window, "P001", FRENCH)
    window.reload_board()
    shell.route_swipe(excluded.card_number)
    shots.grab("console_pit_boss_fr", *both)
    shell.new_incident(None)
    shots.grab("pit_boss_incident_form_fr", *both)
    assert shell.actor is not None
    rows = context.incidents.board(shell.actor)
    view = _incident_view(shell, rows[0].incident.id)
    shots.grab("incident_view_fr", *both)
    act = view.open_act_form()
    act.form.decision.setPlainText("Main rejouée à la table voisine avec l'accord du client.")
    draw_signature(act.form.staff_pad)
    draw_signature(act.form.guest_pad)
    shots.grab_dialog("act_form_fr", act, *both)
    act.reject()
    shell.show_page("floor")
    floor = shell.page("floor")
    floor.show_rows(rows)
    floor.select_table(next(r.incident.table_id for r in rows if r.incident.table_id))
    shots.grab("floor_map_fr", *both)

    shell = sign_in_speaking(window, "D001", FRENCH)
    shell.show_page("desk.guests")
    shell.route_swipe(plain.card_number)
    shell.page("desk.guests").open_request.click()
    shots.grab("desk_request_fr", *both)


def take_sync(shots: Shots, context: ConsoleContext) -> None:
    """The sync banner over the console and its review, in English and in French."""
    from app.sync.outbox import OutboxKind
    from app.sync.set_aside import NewSetAside, SetAsideKind
    from app.sync.status import Link
    from ui.sync.wiring import SyncAttachment

    window = shots.window
    at = context.clock.now()
    rows = context.incidents.board(context.auth.sign_in("P001", DEMO_PIN))
    first, second = rows[0].incident, rows[1].incident
    with context.store.unit_of_work() as uow:
        patch = uow.outbox.enqueue(
            OutboxKind.INCIDENT_PATCH,
            first.id,
            {"changes": {"status": "closed"}, "base": {"status": first.status.value}},
            actor_id="P001",
            at=at,
        )
        uow.outbox.mark_dead(patch.seq, at=at, status=422, error="HTTP 422: no such transition")
        uow.conflicts.add(
            second.id,
            "status",
            base_value=IncidentStatus.NEW.value,
            local_value=IncidentStatus.WAITING.value,
            server_value=IncidentStatus.RESOLVED.value,
            server_version=3,
            at=at,
        )
        uow.set_aside.add(
            NewSetAside(SetAsideKind.UNAPPLIABLE, "guest", "g-1", "{}", "tier unknown"), at
        )
    attachment = SyncAttachment(window, context.sync(None), window._ops)
    for language, suffix in (("en", ""), (FRENCH, "_fr")):
        sign_in_speaking(window, "P001", language)
        # The counts the engine's status loop reads from the store once it runs.
        seen = replace(attachment.bridge.status, link=Link.ONLINE, last_sync_at=at, live=True)
        attachment.banner.show_status(replace(seen, dead=1, conflicts=1, set_aside=1))
        shots.grab(f"sync_banner{suffix}")
        attachment.open_review()
        review = attachment.review
        assert review is not None
        shots.grab_dialog(f"sync_review{suffix}", review, TABLET, SMALL)
        review.tabs.setCurrentIndex(1)
        shots.grab_dialog(f"sync_conflicts{suffix}", review, TABLET)
        review.close()
