"""The sync banner and the review of refused changes and conflicts, through their widgets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.actor import Actor
from app.domain import Role
from app.sync.engine import SyncConfig, SyncEngine
from app.sync.outbox import OutboxKind
from app.sync.status import Link, SyncStatus
from offline_cache import SqliteStore, open_store
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
    assert banner.review_button.isHidden() is not status.needs_attention


def test_the_review_button_names_what_needs_the_user(qtbot) -> None:
    banner = SyncStatusBanner(SyncStatus(Link.ONLINE))
    qtbot.addWidget(banner)
    banner.show_status(SyncStatus(Link.ONLINE, dead=2, conflicts=1, last_error="HTTP 403"))
    assert banner.review_button.text() == "Review: 2 refused, 1 to settle"
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
    qtbot.waitUntil(done.done, timeout=5000)


def test_refused_changes_and_conflicts_are_listed_with_their_reasons(qtbot, ops, engine) -> None:
    dialog = SyncReviewDialog(engine, ops, lambda: HOST)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 1, timeout=5000)
    letter = [dialog.letters.data(dialog.letters.index(0, c)) for c in range(4)]
    assert letter[1] == "New incident: Shoe jammed" and letter[3] == "HTTP 403: unknown staff"
    conflict = [dialog.conflicts.data(dialog.conflicts.index(0, c)) for c in range(4)]
    assert conflict[1:] == ["status", "waiting", "resolved"]


def test_a_refused_change_can_be_sent_again(qtbot, ops, engine, sync_store) -> None:
    dialog = SyncReviewDialog(engine, ops, lambda: HOST)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 1, timeout=5000)
    dialog.letters_view.selectRow(0)
    dialog.retry_button.click()
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 0, timeout=5000)
    with sync_store.unit_of_work() as uow:
        assert uow.outbox.counts() == (2, 0)


def test_discarding_a_refused_create_takes_its_later_changes_too(
    qtbot, ops, engine, sync_store, monkeypatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog = SyncReviewDialog(engine, ops, lambda: HOST)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 1, timeout=5000)
    dialog.letters_view.selectRow(0)
    dialog.discard_button.click()
    qtbot.waitUntil(lambda: dialog.letters.rowCount() == 0, timeout=5000)
    with sync_store.unit_of_work() as uow:
        assert uow.outbox.counts() == (0, 0)


def test_settling_a_conflict_records_the_choice(qtbot, ops, engine, sync_store) -> None:
    dialog = SyncReviewDialog(engine, ops, lambda: HOST)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.conflicts.rowCount() == 1, timeout=5000)
    dialog.conflicts_view.selectRow(0)
    dialog.theirs_button.click()
    qtbot.waitUntil(lambda: dialog.conflicts.rowCount() == 0, timeout=5000)
    with sync_store.unit_of_work() as uow:
        assert uow.conflicts.count_open() == 0
        assert uow.audit.recent(1)[0].action == "sync.conflict.settle"
