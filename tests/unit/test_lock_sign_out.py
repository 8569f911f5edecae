"""Signing out of a locked console: the locked staff member's PIN or a supervisor's,
audited; nobody else (SPEC §10: least privilege, every action logged)."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Role, Staff
from app.security.secrets import DEMO_PIN_COST, hash_demo_pin
from app.services.auth import AuthService
from app.services.errors import PermissionDenied, SignInFailed
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 3, 14, 22, 0, tzinfo=UTC)
PIN = "4821"
LOCKED = Actor("H001", Role.HOST, "tab-7", name="Ana Host")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = open_store(tmp_path)
    pin = hash_demo_pin(PIN, cost=DEMO_PIN_COST)
    with store.unit_of_work() as uow:
        uow.staff.save(Staff("H001", "Ana Host", Role.HOST, pin))
        uow.staff.save(Staff("H002", "Ben Host", Role.HOST, pin))
        uow.staff.save(Staff("P001", "Pat Boss", Role.PIT_BOSS, pin))
        uow.staff.save(Staff("C001", "Cleo Concierge", Role.CONCIERGE, pin))
    yield store
    store.close()


@pytest.fixture
def auth(store: SqliteStore) -> AuthService:
    return AuthService(store, FakeClock(T0), device_id="tab-7")


def _last(store: SqliteStore) -> tuple[str, str, str]:
    with store.unit_of_work() as uow:
        row = uow.audit.recent(1)[0]
    return row.staff_id, row.action, row.detail


@pytest.mark.parametrize("who", ["H001", "P001"], ids=["the same staff", "a supervisor"])
def test_the_same_staff_or_a_supervisor_signs_out_a_locked_console(
    auth: AuthService, store: SqliteStore, who: str
) -> None:
    proof = auth.sign_out_locked(LOCKED, who, PIN)
    assert proof.staff_id == who
    assert _last(store) == ("H001", "auth.sign_out", f"from the lock screen by {who}")


@pytest.mark.parametrize("who", ["H002", "C001"])
def test_another_colleague_may_not_sign_out_a_locked_console(
    auth: AuthService, store: SqliteStore, who: str
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        auth.sign_out_locked(LOCKED, who, PIN)
    assert refused.value.action == "session.end_others"
    assert _last(store)[:2] == (who, "permission.denied")


def test_a_wrong_pin_counts_like_a_sign_in(auth: AuthService, store: SqliteStore) -> None:
    with pytest.raises(SignInFailed):
        auth.sign_out_locked(LOCKED, "H001", "0000")
    assert _last(store)[:2] == ("H001", "auth.sign_in_failed")
    with store.unit_of_work() as uow:
        assert uow.staff.pin_state("H001").failed_attempts == 1
