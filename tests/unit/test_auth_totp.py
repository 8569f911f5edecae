"""Sign-in with the TOTP second factor (policy ``require_totp``) on the real SQLite store."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.clock import FakeClock
from app.domain import Role, Staff
from app.security.secrets import DEMO_PIN_COST, hash_demo_pin
from app.security.totp import decode_secret, generate_secret, totp
from app.services.auth import AuthService
from app.services.errors import AccountLocked, SecondFactorRequired, SignInFailed
from app.settings import Settings
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 3, 14, 22, 0, tzinfo=UTC)
PIN = "4821"
SECRET = generate_secret()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = open_store(tmp_path)
    with store.unit_of_work() as uow:
        for staff_id in ("H001", "H002"):
            pin_hash = hash_demo_pin(PIN, cost=DEMO_PIN_COST)
            uow.staff.save(Staff(id=staff_id, name="Ana Host", role=Role.HOST, pin_hash=pin_hash))
        uow.staff.set_totp_secret("H001", SECRET)  # H002 never enrolled
    yield store
    store.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def auth(store: SqliteStore, clock: FakeClock) -> AuthService:
    return AuthService(store, clock, "tab-7", require_totp=True)  # secrets from the store


def code(at: datetime) -> str:
    return totp(decode_secret(SECRET), at)


def failures(store: SqliteStore, staff_id: str) -> int:
    with store.unit_of_work() as uow:
        return uow.staff.pin_state(staff_id).failed_attempts


def test_the_policy_is_a_declared_setting_off_by_default() -> None:
    assert Settings({}).get("require_totp") is False
    assert Settings({"require_totp": True}).get("require_totp") is True


def test_without_the_policy_the_pin_is_enough(store: SqliteStore, clock: FakeClock) -> None:
    actor = AuthService(store, clock, "tab-7").sign_in("H001", PIN)
    assert actor.staff_id == "H001"


@pytest.mark.parametrize("pin", [PIN, "0000"], ids=["right PIN", "wrong PIN"])
def test_the_code_is_asked_for_before_the_pin_is_looked_at(
    auth: AuthService, store: SqliteStore, pin: str
) -> None:
    """The same answer whether the PIN is right or not: it tells a guesser nothing."""
    with pytest.raises(SecondFactorRequired) as raised:
        auth.sign_in("H001", pin)
    assert raised.value.invalid is False
    assert failures(store, "H001") == 0  # nothing was checked, nothing counted


def test_right_pin_and_code_sign_in_and_clear_the_count(
    auth: AuthService, store: SqliteStore
) -> None:
    with pytest.raises(SignInFailed):
        auth.sign_in("H001", "0000", code(T0))
    actor = auth.sign_in("H001", PIN, code(T0))
    assert actor.staff_id == "H001"
    assert failures(store, "H001") == 0


@pytest.mark.parametrize(
    "typed",
    ["000000", "12345", "abcdef", code(T0 - timedelta(minutes=5))],
    ids=["wrong", "short", "letters", "too old"],
)
def test_a_bad_code_is_a_failed_sign_in_like_a_wrong_pin(auth: AuthService, typed: str) -> None:
    if typed == code(T0):
        pytest.skip("the random secret happens to give this code now")
    with pytest.raises(SignInFailed) as raised:
        auth.sign_in("H001", PIN, typed)
    assert raised.value.attempts_left == 4


def test_a_code_is_accepted_once(auth: AuthService) -> None:
    auth.sign_in("H001", PIN, code(T0))
    with pytest.raises(SignInFailed):
        auth.sign_in("H001", PIN, code(T0))


def test_a_wrong_pin_never_reveals_the_second_step(auth: AuthService) -> None:
    with pytest.raises(SignInFailed):
        auth.sign_in("H001", "0000", code(T0))


def test_staff_without_an_enrolled_secret_cannot_sign_in(auth: AuthService) -> None:
    with pytest.raises(SignInFailed):
        auth.sign_in("H002", PIN, "123456")


def test_wrong_codes_count_toward_the_lockout(auth: AuthService) -> None:
    for _ in range(4):
        with pytest.raises(SignInFailed):
            auth.sign_in("H001", PIN, "000000" if code(T0) != "000000" else "111111")
    with pytest.raises(AccountLocked):
        auth.sign_in("H001", "0000", "000000")
    with pytest.raises(AccountLocked):  # locked: even the right code is refused
        auth.sign_in("H001", PIN, code(T0))


def test_a_used_code_stays_used_after_a_restart(store: SqliteStore, clock: FakeClock) -> None:
    AuthService(store, clock, "tab-7", require_totp=True).sign_in("H001", PIN, code(T0))
    restarted = AuthService(store, clock, "tab-7", require_totp=True)
    with pytest.raises(SignInFailed):
        restarted.sign_in("H001", PIN, code(T0))


def test_the_secret_is_kept_in_the_store_not_in_a_file(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        assert uow.staff.totp_secret("H001") == SECRET
        assert uow.staff.totp_secret("H002") is None
