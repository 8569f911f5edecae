"""Unit of work: one transaction for a change and its audit row; the audit log is append-only."""

import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest

from app.ports import AuditEntry
from offline_cache import SqliteStore
from tests.unit.store_fixtures import T0, full_guest, full_incident, plain_guest, store

__all__ = ["store"]  # the fixture, imported for pytest


class Boom(Exception):
    pass


def audit_entry(action: str = "guest.edit", target: str = "g-1", minutes: int = 0) -> AuditEntry:
    return AuditEntry(
        at=T0 + timedelta(minutes=minutes),
        staff_id="H001",
        role="host",
        device_id="TAB-01",
        action=action,
        target=target,
        detail="tier VIP -> VVIP",
    )


def test_a_change_and_its_audit_row_are_committed_together(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save(full_guest())
        uow.audit.append(audit_entry())
    with store.unit_of_work() as uow:
        assert uow.guests.by_id("g-1") == full_guest()
        assert list(uow.audit.recent()) == [audit_entry()]


def test_an_exception_rolls_back_the_change_and_its_audit_row(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save(plain_guest("g-1", "1001", "Before"))
    with pytest.raises(Boom), store.unit_of_work() as uow:
        uow.guests.save(plain_guest("g-1", "1001", "After"))
        uow.guests.save(plain_guest("g-2", "1002", "New"))
        uow.incidents.save(full_incident())
        uow.incidents.next_provisional_number("TAB-01")
        uow.audit.append(audit_entry())
        raise Boom
    with store.unit_of_work() as uow:
        assert uow.guests.by_id("g-1") == plain_guest("g-1", "1001", "Before")
        assert uow.guests.by_id("g-2") is None
        assert uow.guests.search("After") == []  # the FTS index rolled back too
        assert uow.incidents.by_id("i-1") is None
        assert uow.audit.recent() == []
        # The counter bump was rolled back as well: numbering continues at 1.
        assert uow.incidents.next_provisional_number("TAB-01") == "TAB-01-0001"


def test_a_failed_statement_rolls_back_what_came_before_it(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save(plain_guest("g-1", "1001", "A"))
    with pytest.raises(Exception, match="UNIQUE"), store.unit_of_work() as uow:
        uow.audit.append(audit_entry())
        uow.guests.save(plain_guest("g-2", "1001", "Same card"))
    with store.unit_of_work() as uow:
        assert uow.audit.recent() == []


def test_changes_are_visible_to_later_units_of_work_only_after_commit(
    store: SqliteStore,
) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save(plain_guest("g-1", "1001", "A"))
        uow.audit.append(audit_entry())
    reopened_count = _count_with_sqlite3(store, "guests")
    assert reopened_count == 1
    assert _count_with_sqlite3(store, "audit_log") == 1


def test_recent_audit_entries_come_newest_first(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        for minute in range(5):
            uow.audit.append(audit_entry(target=f"g-{minute}", minutes=minute))
    with store.unit_of_work() as uow:
        recent = uow.audit.recent(limit=3)
    assert [entry.target for entry in recent] == ["g-4", "g-3", "g-2"]
    assert recent[0].at == T0 + timedelta(minutes=4)


def test_audit_rows_cannot_be_updated_or_deleted_even_with_raw_sql(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.audit.append(audit_entry())
    with sqlite3.connect(store.path) as raw:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("UPDATE audit_log SET detail = 'forged'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("DELETE FROM audit_log")
        raw.execute(
            "INSERT INTO audit_log (at, staff_id, role, device_id, action, target) "
            "VALUES ('2026-11-27T00:00:00.000000+00:00', 'H1', 'host', 'D', 'x', 'y')"
        )
    assert _count_with_sqlite3(store, "audit_log") == 2
    with store.unit_of_work() as uow:
        assert uow.audit.recent()[1] == audit_entry()


def test_incident_events_cannot_be_updated_or_deleted_with_raw_sql(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.incidents.save(full_incident())
    with sqlite3.connect(store.path) as raw:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("UPDATE incident_events SET detail = 'rewritten'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("DELETE FROM incident_events")


def test_naive_datetimes_are_refused(store: SqliteStore) -> None:
    naive = replace(audit_entry(), at=T0.replace(tzinfo=None))
    with pytest.raises(ValueError, match="naive"), store.unit_of_work() as uow:
        uow.audit.append(naive)


def test_a_unit_of_work_cannot_be_entered_twice_at_once(store: SqliteStore) -> None:
    uow = store.unit_of_work()
    with uow, pytest.raises(RuntimeError):
        uow.__enter__()


def _count_with_sqlite3(store: SqliteStore, table: str) -> int:
    raw = sqlite3.connect(store.path)
    try:
        return int(raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        raw.close()
