"""The floor, incidents, acts and the sync review on the real console (tests/ui/screens.py
adds them to ``SCREENS``): the floor map, the incident form and view with their tabs,
a photo, the TTR prompt, the act dialog and viewer, the post-incident report form, and
the review of what the helpdesk refused."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.domain import Category, IncidentStatus, Priority, Satisfaction
from app.services.incidents import IncidentDraft
from tests.ui.demo_console import Console, acts_in_process, sign, sign_in, swipe
from tests.ui.screens_base import CARD, DECISION, REFUSED, wait
from ui.board.model import ID_ROLE


def floor(console: Console) -> QWidget:
    sign_in(console, "P001")
    page = console.shell.show_page("floor")
    rows = console.context.incidents.board(console.window.actor)
    page.show_rows(rows)
    page.select_table(next(r.incident.table_id for r in rows if r.incident.table_id))
    wait(console, lambda: not page.table_title.text().rstrip().endswith("·"))  # its game
    return page


def incident_form(console: Console) -> QWidget:
    sign_in(console, "P001")
    console.shell.new_incident(None)
    form = console.shell.page("incident.new")
    swipe(console, CARD)
    wait(console, lambda: form.guest_id is not None)
    return form


def incident_form_details(console: Console) -> QWidget:
    form = incident_form(console)
    form.more_button.click()
    return form


def _incident(console: Console, staff: str = "P001", breached: bool = True) -> Any:
    sign_in(console, staff)
    board = console.shell.page("board").board
    wait(console, lambda: board.model.rowCount() > 0)
    rows = range(board.model.rowCount())
    row = next(r for r in rows if board.model.is_breached(r) == breached)
    console.shell.open_incident(board.model.index(row, 0).data(ID_ROLE))
    view = console.shell.page("incident.view")
    wait(console, lambda: view.detail is not None)
    return view


def incident_view(console: Console) -> QWidget:
    return _incident(console)


def incident_confirm(console: Console) -> QWidget:
    view = _incident(console, breached=False)
    view.buttons["escalate"].click()
    return view


def incident_satisfaction(console: Console) -> QWidget:
    """Resolve, then the tablet turned to the guest: five faces and "Not asked"."""
    view = _incident(console, breached=False)
    view.buttons["resolve"].click()
    view.confirm_yes.click()
    wait(console, lambda: view.detail.incident.status is IncidentStatus.RESOLVED)
    wait(console, lambda: view.satisfaction_dialog is not None)
    dialog = view.satisfaction_dialog
    wait(console, dialog.isVisible)
    return dialog


def incident_resolved(console: Console) -> QWidget:
    dialog = incident_satisfaction(console)
    view = console.shell.page("incident.view")
    dialog.buttons[Satisfaction.VERY_HAPPY].click()
    wait(console, lambda: view.detail.incident.satisfaction is Satisfaction.VERY_HAPPY)
    return view


def incident_tabs(tab: int) -> Callable[[Console], QWidget]:
    def build(console: Console) -> QWidget:
        view = _incident(console)
        view.tabs.setCurrentIndex(tab)
        return view

    return build


def incident_photo(console: Console) -> Any:
    """A photo attached to the incident: its thumbnail on the photos tab."""
    from app.domain.attachment import AttachmentKind
    from tests.unit.test_attachments import png

    view = _incident(console)
    incident_id = view.detail.incident.id
    photo = png(b"chips on the felt")
    console.context.attachments.attach(
        console.window.actor, incident_id, photo, AttachmentKind.PHOTO
    )
    view.load(incident_id)
    wait(console, lambda: view.photos.list.count() == 1)
    view.tabs.setCurrentIndex(2)
    return view


def incident_photo_note(console: Console) -> QWidget:
    """The note the attachment wrote on the incident's timeline."""
    view = incident_photo(console)
    view.tabs.setCurrentIndex(0)
    return view


def photo_viewer(console: Console) -> QWidget:
    photos = incident_photo(console).photos
    photos.list.itemClicked.emit(photos.list.item(0))
    wait(console, lambda: photos.viewer is not None and photos.viewer.isVisible())
    return photos.viewer


def incident_desk(console: Console) -> QWidget:
    return _incident(console, "D001")


def ttr_prompt(console: Console) -> QWidget:
    sign_in(console, "P001")
    draft = IncidentDraft(
        Priority.P2, Category.PAYMENT_FAILED, amount=Decimal("12000"), currency="AUD"
    )
    opened = console.context.incidents.open(console.window.actor, draft)
    console.shell.open_incident(opened.id)
    view = console.shell.page("incident.view")
    wait(console, lambda: view.detail is not None)
    view.ttr_button.click()
    wait(console, lambda: isinstance(view.property("ttrPrompt"), QDialog))
    prompt = view.property("ttrPrompt")
    wait(console, prompt.isVisible)
    return prompt


def act_dialog(console: Console) -> QWidget:
    acts_in_process(console)
    view = incident_resolved(console)
    dialog = view.open_act_form()
    wait(console, dialog.isVisible)
    dialog.form.decision.setPlainText(DECISION)
    return dialog


def act_signed(console: Console) -> QWidget:
    dialog = act_dialog(console)
    sign(dialog.form.staff_pad)
    sign(dialog.form.guest_pad)
    with console.qtbot.waitSignal(dialog.form.act_recorded, timeout=30_000):  # type: ignore[attr-defined]
        dialog.form.sign_button.click()
    return dialog


def act_viewer(console: Console) -> QWidget:
    dialog = act_signed(console)
    view = console.shell.page("incident.view")
    dialog.view_button.click()
    wait(console, lambda: view.copies.viewer is not None)
    viewer = view.copies.viewer
    wait(console, viewer.isVisible)
    return viewer


def report_form(console: Console) -> QWidget:
    acts_in_process(console)
    view = incident_resolved(console)
    dialog = view.open_report_form()
    wait(console, dialog.isVisible)
    return dialog


def _to_review(console: Console) -> None:
    """What the review lists: changes the helpdesk refused, fields changed on two tablets,
    records of the helpdesk set aside (written in the store as the sync writes them)."""
    from app.sync.outbox import OutboxKind
    from app.sync.set_aside import NewSetAside, SetAsideKind

    at = console.clock.now()
    with console.context.store.unit_of_work() as uow:
        patch = uow.outbox.enqueue(
            OutboxKind.INCIDENT_PATCH,
            "i-1",
            {"changes": {"status": "closed", "priority": "P1"}, "base": {}},
            actor_id="P001",
            at=at,
        )
        uow.outbox.mark_dead(patch.seq, at=at, status=422, error=REFUSED[0])
        event = uow.outbox.enqueue(
            OutboxKind.INCIDENT_EVENT, "i-2", {"kind": "reacted"}, actor_id="P001", at=at
        )
        uow.outbox.mark_dead(event.seq, at=at, status=403, error=REFUSED[1])
        conflicts = (("status", "new", "waiting", "resolved"), ("manual_escalation_level", 1, 2, 3))
        for field, base, mine, theirs in conflicts:
            uow.conflicts.add(
                "i-3",
                field,
                base_value=base,
                local_value=mine,
                server_value=theirs,
                server_version=3,
                at=at,
            )
        for kind, item_type in (
            (SetAsideKind.MALFORMED, "guest"),
            (SetAsideKind.UNAPPLIABLE, "incident"),
            (SetAsideKind.ORPHAN_EVENT, "incident_event"),
        ):
            uow.set_aside.add(NewSetAside(kind, item_type, "x-1", "{}", "as the sync says"), at)


def sync_review_tab(tab: int) -> Callable[[Console], QWidget]:
    def build(console: Console) -> QWidget:
        from ui.sync.wiring import SyncAttachment

        _to_review(console)
        sign_in(console, "P001")
        attachment = SyncAttachment(console.window, console.context.sync(None), console.window._ops)
        console.window.sync = attachment
        attachment.open_review()
        review = attachment.review
        wait(console, lambda: review.set_aside.rowCount() == 3)
        review.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        return review

    return build
