"""The tamper-evident audit log: an edited row, a recomputed chain, a deleted tail."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.ports import AuditEntry
from app.security.audit_chain import (
    CHECKPOINT_EVERY,
    GENESIS,
    Checkpoint,
    row_hash,
    verify_chain,
)
from app.sync.outbox import OutboxKind
from offline_cache import encryption, open_store
from offline_cache.audit_verify import verify_store
from offline_cache.repositories.audit import SqliteAuditLog

KEY = bytes(range(32))
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def _entry(n: int) -> AuditEntry:
    return AuditEntry(
        at=T0 + timedelta(seconds=n),
        staff_id="host-1",
        role="host",
        device_id="tab-7",
        action="guest.view",
        target=f"guest-{n}",
        detail="card",
    )


def _fill(data_dir: Path, count: int) -> list[Checkpoint]:
    store = open_store(data_dir, key=KEY)
    for n in range(count):
        with store.unit_of_work() as uow:
            uow.audit.append(_entry(n))
    with store.unit_of_work() as uow:
        audit = uow.audit
        assert isinstance(audit, SqliteAuditLog)
        held = audit.checkpoints()
    store.dispose()
    return held


def _raw(data_dir: Path) -> Any:
    """An attacker with raw file access: the append-only triggers dropped."""
    # Holding the store key too: the file is encrypted with it (docs/security.md).
    connection = encryption.connect(data_dir / "store.db", KEY)
    connection.isolation_level = None
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("DROP TRIGGER audit_log_no_delete")
    return connection


def test_an_intact_log_verifies_and_checkpoints_are_queued(data_dir: Path) -> None:
    held = _fill(data_dir, CHECKPOINT_EVERY + 5)
    assert [c.entry_id for c in held] == [CHECKPOINT_EVERY]
    report = verify_store(data_dir, key=KEY, external=held)
    assert report.ok, report.describe()
    store = open_store(data_dir, key=KEY)
    with store.unit_of_work() as uow:
        kinds = [row.kind for row in uow.outbox.pending_for("audit:tab-7")]
    store.close()  # signs the head at close
    assert kinds == [OutboxKind.AUDIT_CHECKPOINT]
    store = open_store(data_dir, key=KEY)
    with store.unit_of_work() as uow:
        assert len(uow.outbox.pending_for("audit:tab-7")) == 2
    store.dispose()


def test_the_store_refuses_updates_and_deletes(data_dir: Path) -> None:
    _fill(data_dir, 3)
    # Holding the store key too: the file is encrypted with it (docs/security.md).
    connection = encryption.connect(data_dir / "store.db", KEY)
    connection.isolation_level = None
    with pytest.raises(encryption.dbapi2.DatabaseError, match="append-only"):
        connection.execute("UPDATE audit_log SET detail = 'x' WHERE id = 2")
    with pytest.raises(encryption.dbapi2.DatabaseError, match="append-only"):
        connection.execute("DELETE FROM audit_log WHERE id = 3")
    connection.close()


def test_an_edited_row_is_caught(data_dir: Path) -> None:
    _fill(data_dir, 10)
    connection = _raw(data_dir)
    connection.execute("UPDATE audit_log SET target = 'guest-other' WHERE id = 4")
    connection.close()
    report = verify_store(data_dir, key=KEY)
    assert not report.ok
    assert report.broken_at == 4


def test_a_recomputed_chain_is_caught_by_the_signed_checkpoint(data_dir: Path) -> None:
    _fill(data_dir, CHECKPOINT_EVERY + 2)
    connection = _raw(data_dir)
    connection.execute("UPDATE audit_log SET action = 'nothing' WHERE id = 7")
    rows = connection.execute(
        "SELECT id, at, staff_id, role, device_id, action, target, detail FROM audit_log "
        "ORDER BY id"
    ).fetchall()
    prev = GENESIS
    for row in rows:
        digest = row_hash(*row, prev)
        connection.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row[0])
        )
        prev = digest
    connection.close()
    report = verify_store(data_dir, key=KEY)
    assert not report.ok
    assert report.broken_at == CHECKPOINT_EVERY
    assert "signed checkpoint" in report.reason


def test_a_forged_checkpoint_does_not_verify(data_dir: Path) -> None:
    _fill(data_dir, CHECKPOINT_EVERY)
    connection = _raw(data_dir)
    connection.execute("DROP TRIGGER audit_checkpoints_no_update")
    connection.execute("UPDATE audit_checkpoints SET hash = ?", ("ab" * 32,))
    connection.close()
    report = verify_store(data_dir, key=KEY)
    assert not report.ok
    assert "signature" in report.reason


def test_a_deleted_tail_is_caught_against_a_checkpoint_held_elsewhere(data_dir: Path) -> None:
    store = open_store(data_dir, key=KEY)
    for n in range(12):
        with store.unit_of_work() as uow:
            uow.audit.append(_entry(n))
    with store.unit_of_work() as uow:
        audit = uow.audit
        assert isinstance(audit, SqliteAuditLog)
        held_elsewhere = audit.checkpoint()  # sign-out: sent to the helpdesk, put in acts
    store.dispose()
    assert held_elsewhere is not None and held_elsewhere.entry_id == 12
    connection = _raw(data_dir)
    connection.execute("DROP TRIGGER audit_checkpoints_no_delete")
    connection.execute("DELETE FROM audit_log WHERE id > 9")
    connection.execute("DELETE FROM audit_checkpoints")
    connection.close()
    assert verify_store(data_dir, key=KEY).ok  # locally consistent ...
    report = verify_store(data_dir, key=KEY, external=[held_elsewhere])
    assert not report.ok  # ... but not against the copy held elsewhere
    assert report.broken_at == 12
    assert "deleted" in report.reason


def test_a_checkpoint_signed_with_another_key_is_refused(data_dir: Path) -> None:
    held = _fill(data_dir, CHECKPOINT_EVERY)
    report = verify_chain([], held, public_key="A" * 43 + "=")
    assert not report.ok


def test_the_migration_hashes_existing_rows_in_order(data_dir: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from offline_cache.migrate import MIGRATIONS_DIR

    _fill(data_dir, 5)
    store = open_store(data_dir, key=KEY)
    with store._engine.connect() as connection:  # noqa: SLF001
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.downgrade(config, "0003_acts")
        connection.commit()
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(audit_log)")]
        assert "hash" not in columns
    store.dispose()
    assert verify_store(data_dir, key=KEY).ok  # re-opening migrates and hashes the 5 rows
    store = open_store(data_dir, key=KEY)
    with store.unit_of_work() as uow:
        audit = uow.audit
        assert isinstance(audit, SqliteAuditLog)
        assert [row.id for row in audit.chain_rows()] == [1, 2, 3, 4, 5]
    store.dispose()


def test_the_cli_reports_ok_or_the_first_broken_entry(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import main

    monkeypatch.setenv("VIP_CONSOLE_STORE_KEY", KEY.hex())

    _fill(data_dir, 4)
    assert main(["audit", "verify", "--data-dir", str(data_dir)]) == 0
    assert "OK" in capsys.readouterr().out
    connection = _raw(data_dir)
    connection.execute("UPDATE audit_log SET detail = 'edited' WHERE id = 3")
    connection.close()
    assert main(["audit", "verify", "--data-dir", str(data_dir)]) == 1
    assert "BROKEN at entry 3" in capsys.readouterr().out
