"""Sign-in against the real SQLite store: PINs, lockout, no enumeration, audit."""

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.clock import FakeClock
from app.domain import Role, Staff
from app.ports import AuditEntry, PinState, Store
from app.security.secrets import DEMO_PIN_COST, hash_demo_pin
from app.services.auth import AuthService, lockout_duration
from app.services.errors import AccountLocked, SignInFailed
from offline_cache import SqliteStore, open_store
from tests.unit.failing_store import FailingStore

T0 = datetime(2026, 3, 14, 22, 0, tzinfo=UTC)
PIN = "4821"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = open_store(tmp_path)
    with store.unit_of_work() as uow:
        uow.staff.save(
            Staff(
                id="H001",
                name="Ana Host",
                role=Role.HOST,
                pin_hash=hash_demo_pin(PIN, cost=DEMO_PIN_COST),
                tables=("BJ-07",),
                covering_for=("H002",),
            )
        )
        uow.staff.save(
            Staff(
                id="C009",
                name="Former Staff",
                role=Role.CONCIERGE,
                pin_hash=hash_demo_pin(PIN, cost=DEMO_PIN_COST),
                active=False,
            )
        )
        uow.staff.save(Staff(id="P003", name="Broken", role=Role.PIT_BOSS, pin_hash="garbage"))
    yield store
    store.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def auth(store: SqliteStore, clock: FakeClock) -> AuthService:
    return AuthService(store, clock, device_id="tab-7")


def audit_rows(store: Store) -> list[AuditEntry]:
    with store.unit_of_work() as uow:
        return list(reversed(uow.audit.recent(1000)))


def pin_state(store: Store, staff_id: str) -> PinState:
    with store.unit_of_work() as uow:
        return uow.staff.pin_state(staff_id)


def fail(auth: AuthService, staff_id: str = "H001", pin: str = "0000") -> SignInFailed:
    with pytest.raises(SignInFailed) as caught:
        auth.sign_in(staff_id, pin)
    return caught.value


def test_right_pin_signs_in_and_is_audited(auth: AuthService, store: SqliteStore) -> None:
    actor = auth.sign_in("H001", PIN)
    assert (actor.staff_id, actor.role, actor.device_id) == ("H001", Role.HOST, "tab-7")
    assert actor.covering_for == ("H002",) and actor.tables == ("BJ-07",)
    assert actor.name == "Ana Host"
    (row,) = audit_rows(store)
    assert (row.action, row.staff_id, row.role, row.device_id) == (
        "auth.sign_in",
        "H001",
        "host",
        "tab-7",
    )
    assert row.at == T0


def test_staff_id_is_trimmed_and_case_insensitive(auth: AuthService) -> None:
    assert auth.sign_in("  h001 ", PIN).staff_id == "H001"


def test_wrong_pins_count_down_then_lock_at_exactly_the_fifth(
    auth: AuthService, store: SqliteStore
) -> None:
    assert [fail(auth).attempts_left for _ in range(4)] == [4, 3, 2, 1]
    assert pin_state(store, "H001") == PinState(failed_attempts=4)
    with pytest.raises(AccountLocked) as caught:
        auth.sign_in("H001", "0000")
    assert caught.value.locked_until == T0 + timedelta(minutes=5)
    assert "locked until" in str(caught.value)
    actions = [row.action for row in audit_rows(store)]
    assert actions == ["auth.sign_in_failed"] * 4 + ["auth.account_locked"]


def test_failure_message_says_how_many_attempts_are_left(auth: AuthService) -> None:
    assert "4 attempts left" in str(fail(auth))
    fail(auth), fail(auth)
    assert "1 attempt left" in str(fail(auth))


def test_fourth_failure_then_right_pin_resets_the_count(
    auth: AuthService, store: SqliteStore
) -> None:
    for _ in range(4):
        fail(auth)
    auth.sign_in("H001", PIN)
    assert pin_state(store, "H001") == PinState()
    assert fail(auth).attempts_left == 4


def test_locked_account_refuses_even_the_right_pin_without_counting(
    auth: AuthService, store: SqliteStore, clock: FakeClock
) -> None:
    for _ in range(4):
        fail(auth)
    with pytest.raises(AccountLocked):
        auth.sign_in("H001", "0000")
    clock.advance(timedelta(minutes=4, seconds=59))
    with pytest.raises(AccountLocked) as caught:
        auth.sign_in("H001", PIN)
    assert caught.value.locked_until == T0 + timedelta(minutes=5)
    assert pin_state(store, "H001").failed_attempts == 5
    assert audit_rows(store)[-1].action == "auth.sign_in_refused"

    clock.set(T0 + timedelta(minutes=5))
    assert auth.sign_in("H001", PIN).staff_id == "H001"


def test_repeated_lockouts_double(auth: AuthService, clock: FakeClock) -> None:
    locks = []
    for _ in range(3):
        attempts_left = [fail(auth).attempts_left for _ in range(4)]
        assert attempts_left == [4, 3, 2, 1]  # counting restarts towards each lock
        with pytest.raises(AccountLocked) as caught:
            auth.sign_in("H001", "0000")
        locks.append(caught.value.locked_until - clock.now())
        clock.set(caught.value.locked_until)
    assert locks == [timedelta(minutes=5), timedelta(minutes=10), timedelta(minutes=20)]


@pytest.mark.parametrize(
    ("failures", "lock"),
    [(5, timedelta(minutes=5)), (10, timedelta(minutes=10)), (20, timedelta(minutes=40))]
    + [(35, timedelta(minutes=320)), (40, timedelta(hours=8)), (10**6, timedelta(hours=8))],
)
def test_lockout_durations(failures: int, lock: timedelta) -> None:
    assert lockout_duration(failures) == lock


def test_lockout_survives_a_restart(tmp_path: Path, store: SqliteStore, clock: FakeClock) -> None:
    auth = AuthService(store, clock, "tab-7")
    for _ in range(4):
        fail(auth)
    store.close()
    reopened = open_store(tmp_path)
    try:
        with pytest.raises(AccountLocked):
            AuthService(reopened, clock, "tab-7").sign_in("H001", "0000")
    finally:
        reopened.close()


def test_unknown_staff_id_looks_exactly_like_a_wrong_pin(
    auth: AuthService, store: SqliteStore
) -> None:
    for _ in range(3):
        known, unknown = fail(auth, "H001"), fail(auth, "Z999", PIN)
        assert str(known) == str(unknown)
        assert known.attempts_left == unknown.attempts_left
    fail(auth, "Z999", PIN)
    with pytest.raises(AccountLocked):
        auth.sign_in("Z999", PIN)


def test_unknown_id_is_audited_under_a_pseudonym_never_as_typed(
    auth: AuthService, store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    typed = "93175"  # someone typed their PIN into the staff id field
    fail(auth, typed, "1111")
    (row,) = audit_rows(store)
    assert row.action == "auth.sign_in_failed" and "unknown staff id" in row.detail
    assert row.staff_id.startswith("unknown-") and row.role == ""
    assert typed not in repr(row) and typed not in caplog.text
    assert pin_state(store, row.staff_id).failed_attempts == 1
    assert pin_state(store, typed) == PinState()


def test_inactive_staff_cannot_sign_in_even_with_the_right_pin(
    auth: AuthService, store: SqliteStore
) -> None:
    assert fail(auth, "C009", PIN).attempts_left == 4
    assert "inactive" in audit_rows(store)[-1].detail


@pytest.mark.allow_error_log  # a corrupt PIN hash is logged at ERROR for IT: the log is the point
def test_corrupt_pin_hash_fails_like_a_wrong_pin(
    auth: AuthService, caplog: pytest.LogCaptureFixture
) -> None:
    assert fail(auth, "P003", "1234").attempts_left == 4
    assert "corrupt PIN hash" in caplog.text


@pytest.mark.parametrize("bad_pin", ["", "12", "abcd", "123456789"])
def test_malformed_pins_count_as_wrong(auth: AuthService, bad_pin: str) -> None:
    assert fail(auth, "H001", bad_pin).attempts_left == 4


def test_nothing_secret_reaches_the_audit_log_or_the_log(
    auth: AuthService, store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fail(auth, "H001", "7777")
    auth.sign_in("H001", PIN)
    for row in audit_rows(store):
        assert "7777" not in repr(row) and PIN not in repr(row)
    assert "7777" not in caplog.text and PIN not in caplog.text


def test_sign_out_is_audited(auth: AuthService, store: SqliteStore) -> None:
    auth.sign_out(auth.sign_in("H001", PIN))
    assert [r.action for r in audit_rows(store)] == ["auth.sign_in", "auth.sign_out"]


def test_failure_count_and_audit_row_commit_together(store: SqliteStore, clock: FakeClock) -> None:
    broken = AuthService(FailingStore(store, "audit", RuntimeError("disk full")), clock, "tab-7")
    with pytest.raises(RuntimeError, match="disk full"):
        broken.sign_in("H001", "0000")
    # The audit row could not be written, so the counted failure was rolled back too.
    assert pin_state(store, "H001") == PinState()
    assert audit_rows(store) == []
