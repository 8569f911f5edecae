"""The idle clock (app.session) on a fake clock."""

from datetime import UTC, datetime, timedelta

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Role
from app.session import DEFAULT_IDLE, IdleLock, Unlock, idle_timeout

T0 = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
HOST = Actor("H001", Role.HOST, "TAB-1")
BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1")


def test_locks_after_the_timeout_without_input() -> None:
    clock = FakeClock(T0)
    lock = IdleLock.starting(timedelta(minutes=2), clock.now())
    clock.advance(timedelta(seconds=119))
    assert not lock.due(clock.now())
    assert lock.remaining(clock.now()) == timedelta(seconds=1)
    clock.advance(timedelta(seconds=1))
    assert lock.due(clock.now())


def test_input_restarts_the_idle_clock() -> None:
    clock = FakeClock(T0)
    lock = IdleLock.starting(timedelta(minutes=2), clock.now())
    clock.advance(timedelta(seconds=90))
    lock.touch(clock.now())
    clock.advance(timedelta(seconds=90))
    assert not lock.due(clock.now())


def test_locked_is_not_due_again_and_input_while_locked_does_not_count() -> None:
    clock = FakeClock(T0)
    lock = IdleLock.starting(timedelta(minutes=2), clock.now())
    clock.advance(timedelta(minutes=3))
    lock.lock(HOST)
    assert not lock.due(clock.now())
    before = lock.last_input
    lock.touch(clock.now())
    assert lock.last_input == before


def test_unlock_by_the_same_staff_or_switch_user() -> None:
    clock = FakeClock(T0)
    lock = IdleLock.starting(timedelta(minutes=2), clock.now())
    lock.lock(HOST)
    assert lock.unlock(HOST, clock.now()) is Unlock.SAME_USER
    lock.lock(HOST)
    assert lock.unlock(BOSS, clock.now()) is Unlock.SWITCHED_USER
    assert lock.actor == BOSS and not lock.locked


def test_settings_minutes_and_off() -> None:
    assert idle_timeout(None) == DEFAULT_IDLE == timedelta(minutes=2)
    assert idle_timeout(5) == timedelta(minutes=5)
    assert idle_timeout(0) is None
    never = IdleLock.starting(None, T0)
    assert not never.due(T0 + timedelta(days=1))
