"""A long read leaves the store's write lock free: a host's list re-read at every change
must never keep a swipe's audit row waiting (``Store.reading``)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from app.actor import Actor
from app.domain import Role
from app.services import audit
from offline_cache import engine as store_engine
from offline_cache import open_store

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
HOST = Actor("H001", Role.HOST, "TAB-TEST", name="Hana Host")


@pytest.fixture(autouse=True)
def _short_busy_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 200)  # a held lock fails fast


def test_a_write_commits_while_a_reading_unit_is_open(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data")
    try:
        with store.reading() as reader:
            reader.guests.by_host("H001")  # the reader holds its snapshot from here
            with store.unit_of_work() as writer:  # "database is locked" if it held the lock
                audit.record(writer, HOST, "guest.viewed", "g-1", at=NOW)
    finally:
        store.close()


def test_a_writing_unit_holds_the_lock_from_its_start(tmp_path: Path) -> None:
    """What ``reading`` avoids: an ordinary unit takes the write lock at once."""
    store = open_store(tmp_path / "data")
    try:
        with store.unit_of_work() as first:
            first.guests.by_host("H001")
            with pytest.raises(OperationalError, match="locked"), store.unit_of_work():
                pass
    finally:
        store.close()
