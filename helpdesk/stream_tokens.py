"""Whether the staff tokens of a worker's open feed streams still hold: one query for
all of them.

A stream ends when its staff token no longer holds: signed out, expired, the staff
member deactivated, moved off the device or to another property (``staff.resolve``
asks the same). Each stream asking every ``SIGNED_IN_SECONDS`` made a thousand
streams 200 resolutions a second, five queries each: half a worker's CPU at a
floor's load (``bench.helpdesk_load``). Now the streams of a worker share the check:
the first stream due starts one query over every token watched, the others wait for
its verdict. A stream's token is held from the moment it is watched (it was resolved
as the stream began) until a check finds otherwise.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from helpdesk.db import Database, utcnow
from helpdesk.models import ALL_DEVICES, Device, StaffDevice, StaffRow, StaffSession
from helpdesk.tokens import token_hash

SIGNED_IN_SECONDS = 5.0
CHUNK = 500  # tokens per query: well under any backend's limit of parameters

Key = tuple[str, str]  # (device id, SHA-256 of the staff token)
StillSignedIn = Callable[[], Awaitable[bool]]


def holding(session: Session, keys: Collection[Key], now: datetime) -> set[Key]:
    """Those of ``keys`` whose token ``staff.resolve`` would still accept on its device."""
    assigned = (
        select(StaffDevice.staff_id)
        .where(
            StaffDevice.staff_id == StaffSession.staff_id,
            or_(
                StaffDevice.device_id == StaffSession.device_id,
                StaffDevice.device_id == ALL_DEVICES,
            ),
        )
        .exists()
    )
    found: set[Key] = set()
    hashes = sorted({sha for _device, sha in keys})
    for start in range(0, len(hashes), CHUNK):
        query = (
            select(StaffSession.device_id, StaffSession.token_sha256)
            .join(StaffRow, StaffRow.id == StaffSession.staff_id)
            .join(
                Device,
                and_(
                    Device.id == StaffSession.device_id, Device.property_id == StaffRow.property_id
                ),
            )
            .where(
                StaffSession.token_sha256.in_(hashes[start : start + CHUNK]),
                StaffSession.revoked_at.is_(None),
                StaffSession.expires_at > now,
                StaffRow.active.is_(True),
                assigned,
            )
        )
        found.update((str(device), str(sha)) for device, sha in session.execute(query))
    return found & set(keys)


class StreamTokens:
    """The tokens of this worker's streams, checked together (one per worker process)."""

    def __init__(
        self,
        db: Database,
        max_age: float = SIGNED_IN_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self.max_age = max_age  # seconds a verdict stands
        self._clock = clock
        self._watched: Counter[Key] = Counter()  # streams per token
        self._held: set[Key] = set()
        self._checked_at = clock()
        self._checking: asyncio.Task[None] | None = None
        self.checks = 0  # queries made (the tests count them)

    @contextmanager
    def watch(self, device: str, token: str) -> Iterator[StillSignedIn]:
        """For a stream whose token was just resolved: ``await still_signed_in()``."""
        key = (device, token_hash(token))
        self._watched[key] += 1
        self._held.add(key)

        async def still_signed_in() -> bool:
            if self._clock() - self._checked_at >= self.max_age:
                await self._check()
            return key in self._held

        try:
            yield still_signed_in
        finally:
            self._watched[key] -= 1
            if self._watched[key] <= 0:
                del self._watched[key]
                self._held.discard(key)

    async def _check(self) -> None:
        task = self._checking
        if task is None or task.get_loop() is not asyncio.get_running_loop():
            task = self._checking = asyncio.ensure_future(self._query_all())
        await asyncio.shield(task)

    async def _query_all(self) -> None:
        try:
            started = self._clock()
            keys = set(self._watched)
            found = await asyncio.to_thread(self._query, keys)
            self.checks += 1
            # Tokens watched since the query began were resolved after it: still held.
            watched = set(self._watched)
            self._held = (found & watched) | (watched - keys)
            self._checked_at = started
        finally:
            self._checking = None

    def _query(self, keys: set[Key]) -> set[Key]:
        with self._db.read() as session:
            return holding(session, keys, utcnow())
