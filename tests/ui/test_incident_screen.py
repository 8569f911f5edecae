"""The incident screen follows the incident's state, shows its timeline and notes, one
ticket number, paused clocks standing still, and its photos and receipts."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain import Category, IncidentStatus, Priority
from app.services.incidents import IncidentDraft
from tests.ui.shell_fixtures import actor, make_context, make_window
from tests.ui.waits import WAIT_MS
from tests.unit.test_attachments import png

BOSS = actor("P001")


@pytest.fixture
def context(tmp_path, clock):
    context = make_context(tmp_path, clock)
    yield context
    context.close()


@pytest.fixture
def window(qtbot, context, ops, clock):
    window = make_window(context, ops, clock)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    window.open_console(BOSS)
    yield window
    window.sign_out()


def open_view(qtbot, window, incident_id: str):
    view = window.shell.page("incident.view")
    window.shell.open_incident(incident_id)
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.incident.id == incident_id, timeout=WAIT_MS
    )
    return view


def shown(view) -> set[str]:
    return {key for key, button in view.buttons.items() if button.isVisible()}


def tap(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_after_resolve_only_what_a_resolved_incident_allows(qtbot, window, context) -> None:
    incident = context.incidents.open(
        BOSS, IncidentDraft(Priority.P1, Category.TABLE_DISPUTE, table_id="BAC-101")
    )
    view = open_view(qtbot, window, incident.id)
    assert {"reached", "decided", "escalate", "resolve", "act"} <= shown(view)
    assert view.buttons["escalate"].text() == "Escalate to L2"
    tap(qtbot, view.buttons["resolve"])
    tap(qtbot, view.confirm_yes)
    qtbot.waitUntil(lambda: view.detail.incident.status is IncidentStatus.RESOLVED, timeout=WAIT_MS)
    # The guest's faces are up; until answered, asking them stays a step.
    assert view.satisfaction_dialog is not None and view.satisfaction_dialog.isVisible()
    assert shown(view) == {"satisfaction", "reopen", "close", "act", "report"}
    assert "Resolved" in view.heading.text()


def test_a_level_four_incident_offers_no_escalation(qtbot, window, context, clock) -> None:
    incident = context.incidents.open(BOSS, IncidentDraft(Priority.P1, Category.GAME_UNAVAILABLE))
    clock.advance(timedelta(minutes=61))  # the ladder: L4 after an hour
    view = open_view(qtbot, window, incident.id)
    assert view.detail.sla.escalation.level == 4
    assert "escalate" not in shown(view)
    assert "L4" in view.facts.text() and "N4" not in view.facts.text()


def test_the_timeline_shows_the_steps_and_takes_notes(qtbot, window, context) -> None:
    incident = context.incidents.open(
        BOSS, IncidentDraft(Priority.P2, Category.TABLE_DISPUTE, table_id="BAC-102")
    )
    view = open_view(qtbot, window, incident.id)
    tap(qtbot, view.buttons["reached"])
    qtbot.waitUntil(
        lambda: view.detail.incident.status is IncidentStatus.IN_PROGRESS, timeout=WAIT_MS
    )
    history = view.history
    history.note.setText("Dealer swapped; guest calm")
    tap(qtbot, history.add_button)
    # The note's own answer empties the field; a board refresh read meanwhile may show
    # the row a moment before it (two reads in the executor at once).
    qtbot.waitUntil(lambda: history.note.text() == "", timeout=WAIT_MS)
    assert history.model.rowCount() == 4
    newest = [history.model.index(0, c).data() for c in range(4)]
    assert (
        newest[1] == "Note"
        and newest[2] == "Маркус Ли"
        and newest[3] == "Dealer swapped; guest calm"
    )
    texts = [history.model.index(r, 3).data() for r in range(history.model.rowCount())]
    assert "New → In progress" in texts  # reaching the table moved the status
    # At 1024 x 768 the body scrolls: the timeline keeps room for entries, not one row.
    table = history.table
    three_rows = sum(table.rowHeight(row) for row in range(3))
    assert table.viewport().height() >= three_rows, (table.viewport().height(), three_rows)
    with context.store.unit_of_work() as uow:
        assert uow.incidents.by_id(incident.id).events[-1].detail == "Dealer swapped; guest calm"


def test_a_refresh_read_while_a_note_is_written_does_not_take_the_note_away(
    qtbot, window, context
) -> None:
    incident = context.incidents.open(
        BOSS, IncidentDraft(Priority.P2, Category.TABLE_DISPUTE, table_id="BAC-102")
    )
    view = open_view(qtbot, window, incident.id)
    history = view.history
    rows = history.model.rowCount()
    before = context.incidents.detail(BOSS, incident.id)  # what the refresh will have read
    incidents = context.incidents
    add_note, read_detail = incidents.add_note, incidents.detail
    reading, written, may_answer, answered, own_read, later = (threading.Event() for _ in range(6))

    def slow_note(*args):
        reading.wait(WAIT_MS / 1000)  # written once the refresh has read
        add_note(*args)
        written.set()

    def detail(actor, incident_id):
        if not written.is_set():  # the refresh: read before the note, answered last
            reading.set()
            may_answer.wait(WAIT_MS / 1000)
            answered.set()
            return before
        if not own_read.is_set():  # the note's own read, after it was written
            own_read.set()
            return read_detail(actor, incident_id)
        later.wait(WAIT_MS / 1000)  # the reloads the note brings: held till the end
        return read_detail(actor, incident_id)

    incidents.add_note, incidents.detail = slow_note, detail
    history.note.setText("Dealer swapped; guest calm")
    tap(qtbot, history.add_button)  # the note is being written...
    view.set_board_rows(None, None)  # ...when the board reloads: the view reads again
    qtbot.waitUntil(lambda: history.note.text() == "", timeout=WAIT_MS)
    assert history.model.rowCount() == rows + 1
    may_answer.set()
    qtbot.waitUntil(answered.is_set, timeout=WAIT_MS)
    qtbot.wait(200)  # its answer delivered to the screen
    assert history.model.rowCount() == rows + 1
    later.set()


def test_a_waiting_incident_clock_stands_still(qtbot, window, context, clock) -> None:
    incident = context.incidents.open(BOSS, IncidentDraft(Priority.P2, Category.BILLING_ERROR))
    view = open_view(qtbot, window, incident.id)
    tap(qtbot, view.buttons["waiting"])
    qtbot.waitUntil(lambda: view.detail.incident.status is IncidentStatus.WAITING, timeout=WAIT_MS)
    before = view.nearest.value.text()
    clock.advance(timedelta(minutes=5))
    view.tick()
    assert view.nearest.value.text() == before and before.startswith("\u23f8")
    assert view.nearest.state.text() == "paused"


def test_one_ticket_number_provisional_until_the_helpdesk_gives_its_own(
    qtbot, window, context
) -> None:
    incident = context.incidents.open(BOSS, IncidentDraft(Priority.P3, Category.OTHER))
    view = open_view(qtbot, window, incident.id)
    assert view.heading.text().startswith(f"{incident.provisional_number} (prov.)")
    with context.store.unit_of_work() as uow:  # the helpdesk's answer, as the sync applies it
        uow.incidents.set_server_identity(incident.id, "VIP-20016", 1)
    window.reload_board()  # the board reloads: the screen on show follows
    qtbot.waitUntil(lambda: view.heading.text().startswith("VIP-20016 ·"), timeout=WAIT_MS)
    board = window.board
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=WAIT_MS)
    assert board.model.row_at(0).ticket == "VIP-20016"


def test_a_photo_is_attached_and_shown_as_a_thumbnail(
    qtbot, window, context, tmp_path: Path
) -> None:
    incident = context.incidents.open(BOSS, IncidentDraft(Priority.P2, Category.TABLE_DISPUTE))
    view = open_view(qtbot, window, incident.id)
    photos = view.photos
    view.tabs.setCurrentWidget(photos)
    assert photos.empty.isVisible()
    picture = tmp_path / "table.png"
    picture.write_bytes(png(b"chips on the felt"))
    photos.use_camera = False  # no camera here: the file picker
    photos.pick_file = lambda _parent: picture
    tap(qtbot, photos.photo_button)
    qtbot.waitUntil(lambda: photos.list.count() == 1, timeout=WAIT_MS)
    assert view.tabs.tabText(2) == "Photos and receipts (1)"
    item = photos.list.item(0)
    assert not item.icon().isNull() and item.text().startswith("Photo")
    with context.store.unit_of_work() as uow:
        (info,) = uow.attachments.for_incident(incident.id)
        assert uow.attachments.data(incident.id, info.sha256) == picture.read_bytes()
    photos._open(item)
    assert photos.viewer is not None and photos.viewer.isVisible()
    photos.viewer.accept()


def test_a_file_that_is_no_photo_is_refused_with_a_message(
    qtbot, window, context, tmp_path: Path
) -> None:
    incident = context.incidents.open(BOSS, IncidentDraft(Priority.P2, Category.TABLE_DISPUTE))
    view = open_view(qtbot, window, incident.id)
    photos = view.photos
    view.tabs.setCurrentWidget(photos)
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a picture")
    photos.use_camera = False
    photos.pick_file = lambda _parent: bogus
    tap(qtbot, photos.receipt_button)
    qtbot.waitUntil(photos.message.isVisible, timeout=WAIT_MS)
    assert "JPEG or PNG" in photos.message.text()


def test_an_incident_behind_another_page_does_not_tick_until_it_shows(
    qtbot, window, context, clock
) -> None:
    incident = context.incidents.open(BOSS, IncidentDraft(Priority.P2, Category.BILLING_ERROR))
    view = open_view(qtbot, window, incident.id)
    assert view.timer.isActive()
    before = view.nearest.value.text()
    window.shell.show_page("board")
    clock.advance(timedelta(minutes=1))
    view.timer.timeout.emit()  # a second went by behind the board
    assert view.nearest.value.text() == before
    window.shell.show_page(view.property("pageKey"))
    assert view.nearest.value.text() != before  # the minute shows the moment it is back
