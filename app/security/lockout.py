"""The sign-in back-off, the same on a console and at the helpdesk (SPEC §10).

The 5th consecutive wrong attempt locks the staff id for 5 minutes; every further
5th failure locks it again for twice as long as the previous lock (5, 10, 20, 40 min
...), at most 8 hours. A success clears the count. While locked, attempts are
refused without checking anything and do not count.

An unknown staff id is counted and audited under a pseudonym (``unknown-<hash>``),
never the text typed (people type their PIN into the id field), and is checked
against a decoy verifier so it costs the same time as a wrong PIN.
"""

import functools
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.security.secrets import hash_pin

MAX_FAILED_ATTEMPTS = 5
BASE_LOCKOUT = timedelta(minutes=5)
MAX_LOCKOUT = timedelta(hours=8)


def lockout_duration(failed_attempts: int) -> timedelta:
    """How long the lock set at ``failed_attempts`` (a multiple of 5) lasts."""
    lock_number = max(failed_attempts // MAX_FAILED_ATTEMPTS, 1)
    if lock_number > 16:  # far past the cap; avoid a huge power of two
        return MAX_LOCKOUT
    return min(BASE_LOCKOUT * (1 << (lock_number - 1)), MAX_LOCKOUT)


@dataclass(frozen=True, slots=True)
class Failure:
    """What one more wrong attempt makes of a count: the new count and lock."""

    failed: int
    locked_until: datetime | None
    attempts_left: int


def after_failure(failed_before: int, locked_until: datetime | None, now: datetime) -> Failure:
    failed = failed_before + 1
    if failed % MAX_FAILED_ATTEMPTS == 0:
        return Failure(failed, now + lockout_duration(failed), 0)
    return Failure(failed, locked_until, MAX_FAILED_ATTEMPTS - failed % MAX_FAILED_ATTEMPTS)


@functools.cache
def decoy_pin_hash() -> str:
    """Verified against when the staff id is unknown, so that case costs the same time."""
    return hash_pin("00000000")


def pseudonym(typed_staff_id: str) -> str:
    digest = hashlib.sha256(b"vip-console unknown staff id\0" + typed_staff_id.casefold().encode())
    return "unknown-" + digest.hexdigest()[:16]
