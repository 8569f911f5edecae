"""The idle clock (app.session) on a fake clock."""

from datetime import UTC, datetime, timedelta

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import Role
from app.policy import load_policy, loads_policy
from app.policy.loader import PolicyError, default_policy_text
from app.session import IdleLock, Unlock

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


def test_no_timeout_never_locks() -> None:
    never = IdleLock.starting(None, T0)
    assert not never.due(T0 + timedelta(days=1))


def test_the_timeout_follows_the_role_in_the_policy() -> None:
    policy = load_policy(None)
    reaction = max(s.wall for s in policy.onsite.reaction.values())
    lock = IdleLock.starting(None, T0)
    lock.follow(policy.session, BOSS)
    # A pit boss reaching a table must not come back to a locked console.
    assert lock.timeout == timedelta(minutes=10) > reaction
    lock.follow(policy.session, HOST)
    assert lock.timeout == timedelta(minutes=5)
    assert lock.due(T0 + timedelta(minutes=5)) and not lock.due(T0 + timedelta(seconds=299))


def _with_session(table: str) -> str:
    return default_policy_text().replace(
        "idle_lock_minutes = { host = 5, pit_boss = 10, vip_desk = 5, concierge = 5, "
        "duty_manager = 5 }",
        table,
    )


def test_a_property_sets_each_roles_timeout() -> None:
    text = _with_session(
        "idle_lock_minutes = { host = 3, pit_boss = 15, vip_desk = 4, concierge = 2 }"
    )
    session = loads_policy(text).session
    # A file written before the duty manager's role: theirs is the default.
    expected = (3, 15, 4, 2, 5)
    assert [session.idle_lock_for(r) for r in Role] == [timedelta(minutes=m) for m in expected]


def test_a_property_sets_the_duty_managers_timeout_too() -> None:
    text = _with_session(
        "idle_lock_minutes = { host = 3, pit_boss = 15, vip_desk = 4, concierge = 2, "
        "duty_manager = 7 }"
    )
    assert loads_policy(text).session.idle_lock_for(Role.DUTY_MANAGER) == timedelta(minutes=7)


@pytest.mark.parametrize(
    ("table", "named"),
    [
        (
            "idle_lock_minutes = { host = 5, pit_boss = 2, vip_desk = 5, concierge = 5 }",
            "session.idle_lock_minutes.pit_boss: must be longer than the onsite reaction",
        ),
        (
            "idle_lock_minutes = { host = 5, pit_boss = 10, vip_desk = 5 }",
            "session.idle_lock_minutes.concierge: missing",
        ),
        (
            "idle_lock_minutes = { host = 0, pit_boss = 10, vip_desk = 5, concierge = 5 }",
            "session.idle_lock_minutes.host: expected a positive number",
        ),
        ("idle_minutes = 5", "session.idle_minutes: unknown key"),
    ],
)
def test_a_bad_session_table_is_refused_with_its_key(table: str, named: str) -> None:
    with pytest.raises(PolicyError, match=named):
        loads_policy(_with_session(table))
