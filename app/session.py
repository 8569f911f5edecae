"""Session safety: the idle clock that locks a console, and who may unlock it.

Qt-free: the window feeds ``touch(now)`` on every key, mouse, touch or tablet event
and asks ``due(now)`` once a second; both take ``now`` from an ``app.clock.Clock``,
so tests drive the policy with a fake clock. Unlocking goes through the same
``AuthService.sign_in`` (and its lockout rules) as signing in; unlocking as another
staff member is switching user.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.actor import Actor

DEFAULT_IDLE = timedelta(minutes=2)  # tablets on the floor (settings: idle_lock_minutes)


class Unlock(StrEnum):
    SAME_USER = "same_user"  # back where they were
    SWITCHED_USER = "switched_user"  # another staff member: pages rebuilt for their role


def idle_timeout(minutes: int | None) -> timedelta | None:
    """``idle_lock_minutes`` as a timeout; 0 or less turns the auto-lock off."""
    if minutes is None:
        return DEFAULT_IDLE
    if minutes <= 0:
        return None
    return timedelta(minutes=minutes)


@dataclass
class IdleLock:
    """Locks after ``timeout`` without input; ``timeout`` None: never by itself."""

    timeout: timedelta | None
    last_input: datetime
    locked: bool = False
    actor: Actor | None = None  # who was signed in when it locked

    @classmethod
    def starting(cls, timeout: timedelta | None, now: datetime) -> "IdleLock":
        return cls(timeout=timeout, last_input=now)

    def touch(self, now: datetime) -> None:
        """User input: the idle clock starts again (ignored while locked)."""
        if not self.locked and now > self.last_input:
            self.last_input = now

    def idle_for(self, now: datetime) -> timedelta:
        return max(now - self.last_input, timedelta(0))

    def remaining(self, now: datetime) -> timedelta | None:
        if self.timeout is None:
            return None
        return max(self.timeout - self.idle_for(now), timedelta(0))

    def due(self, now: datetime) -> bool:
        """Whether the console must lock now (not already locked, idle long enough)."""
        return not self.locked and self.timeout is not None and self.idle_for(now) >= self.timeout

    def lock(self, actor: Actor | None) -> None:
        self.locked = True
        self.actor = actor

    def unlock(self, who: Actor, now: datetime) -> Unlock:
        """``who`` proved their PIN: same staff member, or a switch of user."""
        previous = self.actor
        self.locked = False
        self.actor = who
        self.last_input = now
        if previous is not None and previous.staff_id == who.staff_id:
            return Unlock.SAME_USER
        return Unlock.SWITCHED_USER
