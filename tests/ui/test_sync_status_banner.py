"""The sync banner and the review of refused changes and conflicts, through their widgets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.actor import Actor
from app.domain import Role
from app.sync.engine import SyncConfig, SyncEngine
from app.sync.outbox import OutboxKind
from app.sync.set_aside import NewSetAside, SetAsideKind
from app.sync.status import UPDATE_THE_HELPDESK, Link, SyncStatus
from offline_cache import SqliteStore, open_store
from tests.ui.waits import WAIT_MS
from ui.sync.review import SyncReviewDialog
from ui.sync.status_banner import SyncStatusBanner, clock_time, describe

AT = datetime(2026, 11, 27, 4, 18, tzinfo=UTC)
HOST = Actor("H001", Role.HOST, "TAB-TEST-01")

ROWS = [
    # status, state, headline starts with, detail contains
    (SyncStatus(Link.DISABLED, pending=3), "offline", "Offline mode", "3 change(s) waiting"),
    (SyncStatus(Link.CONNECTING), "busy", "Connecting", "0 change(s)"),
    (
        SyncStatus(Link.OFFLINE, offline_since=AT, pending=12, last_sync_at=AT),
        "offline",
        f"Offline since {clock_time(AT)}",
        f"12 change(s) waiting · last sync {clock_time(AT)}",
    ),
    (SyncStatus(Link.ONLINE, pending=5, last_sync_at=AT), "busy", "Sending", "5 change(s)"),
    (SyncStatus(Link.ONLINE, last_sync_at=AT, live=True), "ok", "Synced", "· live"),
    (SyncStatus(Link.ONLINE, last_sync_at=AT), "ok", "Synced", "· polling"),
    (SyncStatus(Link.ONLINE, dead=1), "attention", "Synced", "last sync —"),
    (SyncStatus(Link.OFFLINE, conflicts=2), "attention", "Offline since", "0 change(s)"),
    (SyncStatus(Link.ONLINE, set_aside=1), "attention", "Synced", "last sync"),
    (
        SyncStatus(Link.ONLINE, feed_error="malformed answer: x"),
        "attention",
        "Not up to date",
        "Changes from the helpdesk not received",
    ),
    (
        SyncStatus(Link.ONLINE, pending=4, feed_error=UPDATE_THE_HELPDESK),
        "attention",
        "Update the helpdesk",
        "It is older than this console · 4 change(s) waiting",
    ),
    (
        SyncStatus(Link.CONNECTING, pending=2, provisioning="needed"),
        "attention",
        "This tablet is not provisioned",
        "Ask IT for an enrolment code",
    ),
    (
        SyncStatus(Link.ONLINE, provisioning="again"),
        "attention",
        "This tablet must be provisioned again",
        "changes wait on this device",
    ),
    (
        SyncStatus(
            Link.ONLINE,
            provisioning="code_refused",
            provisioning_detail="enrolment_code: expired; ask IT for a new one",
        ),
        "attention",
        "The helpdesk refused the enrolment code",
        "expired",
    ),
]


@pytest.mark.parametrize(("status", "state", "headline", "detail"), ROWS)
def test_the_banner_says_where_the_sync_stands(
    qtbot, status: SyncStatus, state: str, headline: str, detail: str
) -> None:
    assert describe(status)[0] == state
    banner = SyncStatusBanner(status)
    qtbot.addWidget(banner)
    assert banner.state == state
    assert headline in banner.headline.text() and detail in banner.detail.text()
    to_review = bool(status.dead or status.conflicts or status.set_aside)
    assert banner.review_button.isHidden() is not to_review  # a feed error: nothing to review


def test_the_review_button_names_what_needs_the_user(qtbot) -> None:
    banner = SyncStatusBanner(SyncStatus(Link.ONLINE))
    qtbot.addWidget(banner)
    banner.show_status(
        SyncStatus(Link.ONLINE, dead=2, conflicts=1, set_aside=3, last_error="HTTP 403")
    )
    assert banner.review_button.text() == "Review: 2 refused, 1 to settle, 3 set aside"
    assert banner.toolTip() == "HTTP 403"
    with qtbot.waitSignal(banner.review_requested, timeout=1000):
        banner.review_button.click()


@pytest.fixture
def sync_store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = open_store(tmp_path / "data")
    with store.unit_of_work() as uow:
        create = uow.outbox.enqueue(
            OutboxKind.INCIDENT_CREATE, "i-1", {"summary": "Shoe jammed"}, actor_id="P001", at=AT
        )
        uow.outbox.enqueue(OutboxKind.INCIDENT_EVENT, "i-1", {"kind": "opened"}, at=AT)
        uow.outbox.mark_dead(create.seq, at=AT, status=403, error="HTTP 403: unknown staff")
        uow.conflicts.add(
            "i-2",
            "status",
            base_value="new",
            local_value="waiting",
            server_value="resolved",
            server_version=3,
            at=AT,
        )
    yield store
    store.close()


@pytest.fixture
def engine(qasync_loop, qtbot, sync_store: SqliteStore) -> Iterator[SyncEngine]:
    offline = SyncEngine(sync_store, SyncConfig(base_url=None, device_id="TAB-TEST-01"))
    yield offline
    done = qasync_loop.create_task(offline.stop())
    qtbot.waitUntil(done.done, timeout=WAIT_MS)


def test_refused_changes_and_conflicts_are_listed_with_their_reasons(qtbot, ops, engine) -> None:
    dialog = SyncReviewDialog(engine, ops, lambda: HOST)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 1, timeout=WAIT_MS)
    letter = [dialog.letters.data(dialog.letters.index(0, c)) for c in range(4)]
    assert letter[1] == "New incident: Shoe jammed"
    assert letter[3] == "The helpdesk does not allow it for this staff member (HTTP 403)"
    tip = dialog.letters.data(dialog.letters.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert tip == "HTTP 403: unknown staff"  # the helpdesk's own answer, for IT
    conflict = [dialog.conflicts.data(dialog.conflicts.index(0, c)) for c in range(4)]
    assert conflict[1:] == ["Status", "Waiting", "Resolved"]


def test_a_refused_change_can_be_sent_again(qtbot, ops, engine, sync_store) -> None:
    dialog = SyncReviewDialog(engine, ops, lambda: HOST)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 1, timeout=WAIT_MS)
    dialog.letters_view.selectRow(0)
    dialog.retry_button.click()
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 0, timeout=WAIT_MS)
    with sync_store.unit_of_work() as uow:
        assert uow.audit.recent(1)[0].action == "sync.retry"
    with sync_store.unit_of_work() as uow:
        assert uow.outbox.counts() == (2, 0)


def test_discarding_a_refused_create_takes_its_later_changes_too(
    qtbot, ops, engine, sync_store, monkeypatch
) -> None:
    asked: list[str] = []

    def question(_parent, _title, text):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = SyncReviewDialog(engine, ops, lambda: HOST)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 1, timeout=WAIT_MS)
    dialog.letters_view.selectRow(0)
    dialog.discard_button.click()
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 0, timeout=WAIT_MS)
    with sync_store.unit_of_work() as uow:
        assert uow.outbox.counts() == (0, 0)
        assert uow.audit.recent(1)[0].action == "sync.discard"
    # Asked first, and told plainly what stays.
    assert len(asked) == 1 and "stays on this tablet only" in asked[0]


def test_a_concierge_may_not_give_a_change_up(qtbot, ops, engine, sync_store, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    concierge = Actor("C001", Role.CONCIERGE, "TAB-TEST-01")
    dialog = SyncReviewDialog(engine, ops, lambda: concierge)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 1, timeout=WAIT_MS)
    dialog.letters_view.selectRow(0)
    dialog.discard_button.click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=WAIT_MS)
    assert "concierge may not" in dialog.error.text()
    with sync_store.unit_of_work() as uow:
        assert uow.outbox.counts() == (1, 1)  # nothing given up


def test_a_change_set_aside_from_the_helpdesk_is_shown_and_can_be_marked_read(
    qtbot, ops, engine, sync_store
) -> None:
    data = {"local": {"name": "Mateo Garcia"}, "helpdesk_guest": {"id": "g", "name": "M. García"}}
    with sync_store.unit_of_work() as uow:
        uow.set_aside.add(
            NewSetAside(
                SetAsideKind.CARD_TAKEN, "guest", "g", json.dumps(data), "card", repointed=2
            ),
            AT,
        )
    dialog = SyncReviewDialog(engine, ops, lambda: HOST)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.set_aside.rowCount() == 1, timeout=WAIT_MS)
    text = dialog.set_aside.data(dialog.set_aside.index(0, 1))
    assert "Mateo Garcia" in text and "M. García" in text and "2" in text
    dialog.set_aside_view.selectRow(0)
    dialog.acknowledge_button.click()
    qtbot.waitUntil(lambda: dialog.set_aside.rowCount() == 0, timeout=WAIT_MS)
    with sync_store.unit_of_work() as uow:
        assert uow.set_aside.count_open() == 0
        assert uow.audit.recent(1)[0].action == "sync.acknowledge"


def test_settling_a_conflict_records_the_choice(qtbot, ops, engine, sync_store) -> None:
    dialog = SyncReviewDialog(engine, ops, lambda: HOST)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.conflicts.rowCount() == 1, timeout=WAIT_MS)
    dialog.conflicts_view.selectRow(0)
    dialog.theirs_button.click()
    qtbot.waitUntil(lambda: dialog.conflicts.rowCount() == 0, timeout=WAIT_MS)
    with sync_store.unit_of_work() as uow:
        assert uow.conflicts.count_open() == 0
        assert uow.audit.recent(1)[0].action == "sync.conflict.settle"


def test_the_review_stays_on_the_tab_the_user_works_in(qtbot, ops, engine, sync_store) -> None:
    with sync_store.unit_of_work() as uow:  # a second field to settle
        uow.conflicts.add(
            "i-2",
            "priority",
            base_value="P3",
            local_value="P2",
            server_value="P1",
            server_version=3,
            at=AT,
        )
    dialog = SyncReviewDialog(engine, ops, lambda: HOST)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.conflicts.rowCount() == 2, timeout=WAIT_MS)
    assert dialog.tabs.currentIndex() == 0  # opened on the refused change
    dialog.tabs.setCurrentIndex(1)
    dialog.conflicts_view.selectRow(0)
    dialog.mine_button.click()
    qtbot.waitUntil(lambda: dialog.conflicts.rowCount() == 1, timeout=WAIT_MS)
    assert dialog.tabs.currentIndex() == 1  # the next conflict, not back to the first tab
    dialog.conflicts_view.selectRow(0)
    dialog.mine_button.click()
    qtbot.waitUntil(lambda: dialog.conflicts.rowCount() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: dialog.tabs.currentIndex() == 0, timeout=WAIT_MS)  # what is left
