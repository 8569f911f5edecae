"""Opening the store: data directory, pragmas, migrations, integrity check and recovery."""

import logging
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.clock import FakeClock
from offline_cache import open_store, resolve_data_dir
from offline_cache.encryption import dbapi2
from offline_cache.migrations import HEAD_REVISION
from offline_cache.schema import metadata
from tests.unit.store_fixtures import full_guest

MOMENT = datetime(2026, 11, 27, 4, 18, 0, tzinfo=UTC)


def test_data_dir_prefers_the_argument_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIP_CONSOLE_DATA_DIR", str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert resolve_data_dir(None) == tmp_path / "from-env"


def test_data_dir_falls_back_to_the_platform_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VIP_CONSOLE_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("sys.platform", "linux")
    assert resolve_data_dir(None) == tmp_path / "xdg" / "vip-console"


def test_a_fresh_directory_gets_a_migrated_wal_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "data"
    store = open_store(data_dir)
    try:
        assert store.path == data_dir / "store.db"
        assert store.recovered_from is None and store.recovery_notice is None
        with store.unit_of_work() as uow:
            assert uow.guests.count() == 0
    finally:
        store.close()
    raw = sqlite3.connect(data_dir / "store.db")
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
    finally:
        raw.close()


def test_connections_enforce_foreign_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        with pytest.raises(Exception, match="FOREIGN KEY"), store.unit_of_work() as uow:
            connection = uow.guests._conn  # type: ignore[attr-defined]
            connection.exec_driver_sql(
                "INSERT INTO incident_events (id, incident_id, seq, at, kind, actor_id) "
                "VALUES ('e', 'no-such-incident', 0, 'x', 'note', 'a')"
            )
        with store.unit_of_work() as uow:
            pragmas = {
                name: uow.guests._conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # type: ignore[attr-defined]
                for name in ("foreign_keys", "synchronous", "busy_timeout")
            }
        assert pragmas == {"foreign_keys": 1, "synchronous": 1, "busy_timeout": 5000}
    finally:
        store.close()


def test_reopening_keeps_data_and_does_not_migrate_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = open_store(tmp_path)
    with store.unit_of_work() as uow:
        uow.guests.save(full_guest())
    store.close()
    with caplog.at_level(logging.INFO, logger="offline_cache"):
        reopened = open_store(tmp_path)
    try:
        assert not [r for r in caplog.records if "Upgrading" in r.getMessage()]
        with reopened.unit_of_work() as uow:
            assert uow.guests.by_id("g-1") == full_guest()
    finally:
        reopened.close()


def test_an_unversioned_store_is_migrated_at_open(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.close()
    raw = sqlite3.connect(tmp_path / "store.db")
    raw.execute("DROP TABLE alembic_version")
    for table in list(metadata.tables) + ["guest_search"]:
        raw.execute(f"DROP TABLE {table}")
    raw.commit()
    raw.close()
    reopened = open_store(tmp_path)
    try:
        with reopened.unit_of_work() as uow:
            uow.guests.save(full_guest())
            assert uow.guests.search("Zoe") == [full_guest()]
    finally:
        reopened.close()


def test_the_head_revision_constant_matches_the_migration_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from offline_cache.migrate import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD_REVISION]


def test_every_schema_column_exists_in_a_migrated_store(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    raw = sqlite3.connect(tmp_path / "store.db")
    try:
        for table in metadata.tables.values():
            found = {row[1] for row in raw.execute(f"PRAGMA table_info({table.name})")}
            assert {column.name for column in table.columns} == found, table.name
    finally:
        raw.close()


def _assert_recovered(
    data_dir: Path, original_bytes: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="offline_cache"):
        store = open_store(data_dir, clock=FakeClock(MOMENT))
    try:
        moved = data_dir / "store.db.corrupt-20261127T041800Z"
        assert store.recovered_from == moved
        assert moved.read_bytes() == original_bytes  # kept as it was, never rewritten
        assert store.recovery_notice is not None and str(moved) in store.recovery_notice
        assert "integrity check" in store.recovery_notice
        assert any("moved aside" in r.getMessage() for r in caplog.records)
        with store.unit_of_work() as uow:  # a fresh, usable store took its place
            assert uow.guests.count() == 0
            uow.guests.save(full_guest())
    finally:
        store.close()


def test_a_file_that_is_not_a_database_is_moved_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    garbage = b"this is not a database at all\n" * 300
    (tmp_path / "store.db").write_bytes(garbage)
    (tmp_path / "store.db-wal").write_bytes(b"stale wal")
    _assert_recovered(tmp_path, garbage, caplog)
    assert (tmp_path / "store.db.corrupt-20261127T041800Z-wal").read_bytes() == b"stale wal"


def test_a_truncated_store_is_moved_aside(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = open_store(tmp_path)
    with store.unit_of_work() as uow:
        uow.guests.save_many(full_guest(f"g-{n}", str(n), f"Guest {n}") for n in range(400))
    store.close()
    path = tmp_path / "store.db"
    assert (
        not (tmp_path / "store.db-wal").exists() or (tmp_path / "store.db-wal").stat().st_size == 0
    )
    truncated = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(truncated)
    _assert_recovered(tmp_path, truncated, caplog)


def test_a_second_recovery_in_the_same_second_keeps_the_first_copy(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "store.db").write_bytes(b"garbage one" * 100)
    open_store(tmp_path, clock=FakeClock(MOMENT)).close()
    (tmp_path / "store.db").write_bytes(b"garbage two" * 100)
    with caplog.at_level(logging.WARNING, logger="offline_cache"):
        store = open_store(tmp_path, clock=FakeClock(MOMENT))
    store.close()
    assert (tmp_path / "store.db.corrupt-20261127T041800Z").read_bytes() == b"garbage one" * 100
    assert store.recovered_from == tmp_path / "store.db.corrupt-20261127T041800Z-2"
    assert store.recovered_from.read_bytes() == b"garbage two" * 100


def test_a_healthy_store_is_not_moved(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    store = open_store(tmp_path)
    store.close()
    assert store.recovered_from is None
    assert sorted(p.name for p in tmp_path.iterdir() if "corrupt" in p.name) == []


def test_an_unreadable_store_is_an_error_not_a_corruption(tmp_path: Path) -> None:
    (tmp_path / "store.db").mkdir()  # cannot be opened at all: not evidence of damage
    # SQLCipher's driver (offline_cache/encryption.py) raises its own OperationalError.
    with pytest.raises((sqlite3.OperationalError, dbapi2.OperationalError)):
        open_store(tmp_path)
    assert (tmp_path / "store.db").is_dir()
    assert not [p for p in tmp_path.iterdir() if "corrupt" in p.name]


def test_opening_an_up_to_date_store_does_not_import_alembic(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from offline_cache import open_store\n"
        f"open_store(Path({str(tmp_path)!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_store_left_by_a_crash_opens_with_its_committed_data(tmp_path: Path) -> None:
    script = (
        "import os\n"
        "from pathlib import Path\n"
        "from offline_cache import open_store\n"
        "from tests.unit.store_fixtures import full_guest\n"
        f"store = open_store(Path({str(tmp_path)!r}))\n"
        "with store.unit_of_work() as uow:\n"
        "    uow.guests.save(full_guest())\n"
        "os._exit(0)  # no close: the write-ahead log is left behind\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    assert (tmp_path / "store.db-wal").stat().st_size > 0
    store = open_store(tmp_path)
    try:
        assert store.recovered_from is None
        with store.unit_of_work() as uow:
            assert uow.guests.by_id("g-1") == full_guest()
    finally:
        store.close()
