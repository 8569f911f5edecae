"""Session safety: the idle clock that locks a console, and who may unlock it.

Qt-free: the window feeds ``touch(now)`` on every key, mouse, touch or tablet event
and asks ``due(now)`` once a second; both take ``now`` from an ``app.clock.Clock``,
so tests drive the policy with a fake clock. How long a console may sit idle depends
on who is signed in: the SLA policy's ``[session]`` table (``SessionPolicy``), set
with ``follow(policy, actor)`` at each sign-in. Unlocking goes through the same
``AuthService.sign_in`` (and its lockout rules) as signing in; unlocking as another
staff member is switching user.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.actor import Actor
from app.policy import SessionPolicy


class Unlock(StrEnum):
    SAME_USER = "same_user"  # back where they were
    SWITCHED_USER = "switched_user"  # another staff member: pages rebuilt for their role


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

    def follow(self, policy: SessionPolicy, actor: Actor) -> None:
        """The timeout of ``actor``'s role (at sign-in, unlock or switch of user)."""
        self.timeout = policy.idle_lock_for(actor.role)

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
