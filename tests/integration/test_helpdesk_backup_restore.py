"""Backup while serving, then the worst case: the helpdesk's database lost and restored
from that backup while two consoles keep working. Everything written after the backup
comes back from the consoles; nothing is lost, nothing written twice (real helpdesk
on 127.0.0.1, the real `backup` and `restore` commands)."""

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpdesk.config import Settings
from helpdesk.server import start_in_thread
from tests.integration.conftest import (
    HelpdeskService,
    database_url_for,
    query_helpdesk,
    start_service,
)
from tests.integration.sync_consoles import Console, all_synced, eventually, make_console

ROOT = Path(__file__).resolve().parents[2]
SYNC_TIMEOUT_S = 90.0


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "helpdesk", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def _helpdesk_rows(db_path: Path) -> tuple[list[str], list[str], list[str]]:
    url = database_url_for(db_path)
    incidents = [row[0] for row in query_helpdesk(url, "SELECT id FROM incidents")]
    numbers = [row[0] for row in query_helpdesk(url, "SELECT number FROM incidents")]
    events = [row[0] for row in query_helpdesk(url, "SELECT id FROM incident_events")]
    return incidents, numbers, events


@pytest.fixture
def service(tmp_path: Path) -> Iterator[HelpdeskService]:
    started = start_service(tmp_path / "helpdesk.db")
    yield started
    started.server.stop()


def test_backup_while_serving_then_restore_loses_and_duplicates_nothing(
    service: HelpdeskService, tmp_path: Path
) -> None:
    db_path = tmp_path / "helpdesk.db"
    backup_file = tmp_path / "backups" / "helpdesk-backup.db"
    port = urlsplit(service.url).port
    assert port is not None

    async def scenario() -> None:
        a = make_console(tmp_path, "alpha", service.url, issuer=service)
        b = make_console(tmp_path, "bravo", service.url, issuer=service)
        consoles = (a, b)
        for console in consoles:
            await console.engine.start()
        try:
            before = [c.open_incident(f"{c.name} before the backup") for c in consoles]
            await eventually(all_synced(a, b), "the first incidents sent", SYNC_TIMEOUT_S)

            taken = _cli("backup", "--db", database_url_for(db_path), "--out", str(backup_file))
            assert taken.returncode == 0, taken.stderr

            after = [c.open_incident(f"{c.name} after the backup") for c in consoles]
            for console, incident in zip(consoles, after, strict=True):
                console.incidents.add_note(console.actor, incident.id, "note after the backup")
            await eventually(lambda: a.incident(before[1].id) is not None, "bravo's on alpha")
            a.incidents.add_note(a.actor, before[1].id, "alpha's note on bravo's incident")
            await eventually(all_synced(a, b), "the later writes sent", SYNC_TIMEOUT_S)
            lost_ids, _, lost_events = _helpdesk_rows(db_path)

            # The database is lost; IT restores last night's backup and restarts.
            service.server.stop()
            restored = _cli(
                "restore", str(backup_file), "--db", database_url_for(db_path), "--replace"
            )
            assert restored.returncode == 0, restored.stderr
            held_ids, _, _ = _helpdesk_rows(db_path)
            assert {i.id for i in after}.isdisjoint(held_ids)  # the backup lacks them
            written_while_down = a.open_incident("alpha while the helpdesk was down")
            settings = Settings(db_url=database_url_for(db_path), heartbeat_seconds=0.2)
            service.server = start_in_thread(settings, port=port)

            await eventually(all_synced(a, b), "the consoles to send again", SYNC_TIMEOUT_S)
            ids, numbers, events = _helpdesk_rows(db_path)
            assert sorted(ids) == sorted({*lost_ids, written_while_down.id})
            assert len(set(numbers)) == len(numbers)
            assert len(events) == len(set(events))
            assert set(lost_events) <= set(events)

            def each_console_holds_everything() -> bool:
                return all(_holds(console, ids) for console in consoles)

            await eventually(each_console_holds_everything, "both consoles to hold all", 60)
            for console in consoles:
                assert not await console.engine.dead_letters()
        finally:
            for console in consoles:
                await console.engine.stop()
                console.store.close()

    asyncio.run(scenario())


def _holds(console: Console, ids: list[str]) -> bool:
    return all(
        (incident := console.incident(incident_id)) is not None and incident.number is not None
        for incident_id in ids
    )


def test_restore_refuses_to_overwrite_without_replace(tmp_path: Path) -> None:
    database = database_url_for(tmp_path / "helpdesk.db")
    running = start_in_thread(Settings(db_url=database))
    running.stop()
    backup_file = tmp_path / "copy.db"
    assert _cli("backup", "--db", database, "--out", str(backup_file)).returncode == 0
    refused = _cli("restore", str(backup_file), "--db", database)
    assert refused.returncode == 1 and "--replace" in refused.stderr
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    unwritable = _cli("backup", "--db", database, "--out", str(blocked / "copy.db"))
    assert unwritable.returncode == 1 and "cannot write there" in unwritable.stderr
    missing = _cli("restore", str(tmp_path / "none.db"), "--db", database)
    assert missing.returncode == 1 and "no such backup file" in missing.stderr
