"""The device's enrolment with the helpdesk: once, on first contact; again on a 401.

The device token is kept in the store's sync state for now (issue 6 moves it to
the OS keystore).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

from app.sync.storeio import StoreWorker
from app.sync.transport import HelpdeskTransport
from app.wire.contract import MalformedResponse

if TYPE_CHECKING:
    from app.sync.engine import SyncConfig

log = logging.getLogger(__name__)

TOKEN_KEY = "device_token"
RENEW_AT_MOST_EVERY_S = 5.0  # many 401s at once: one new enrolment


class EnrolmentRefused(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"enrolment refused (HTTP {status}): {detail}")
        self.status = status


class Enrolment:
    def __init__(self, worker: StoreWorker, transport: HelpdeskTransport, config: SyncConfig):
        self._worker = worker
        self._transport = transport
        self._device_id = config.device_id
        self._code = config.enrolment_code
        self._ready = asyncio.Event()
        self._lock = asyncio.Lock()
        self._renewed_at = 0.0

    async def wait(self) -> None:
        await self._ready.wait()

    async def ensure(self) -> None:
        """A device token in hand; enrols when there is none. Raises when it cannot."""
        if self._transport.device_token:
            return
        async with self._lock:
            if self._transport.device_token:
                return
            token = await self._worker.run(lambda uow: uow.sync_state.get(TOKEN_KEY))
            if token is None:
                token = await self._enrol()
            self._transport.device_token = token
            self._ready.set()

    async def renew(self) -> bool:
        """The helpdesk refused our token: enrol again. True when we hold a new one."""
        async with self._lock:
            if time.monotonic() - self._renewed_at < RENEW_AT_MOST_EVERY_S:
                return self._transport.device_token is not None
            self._renewed_at = time.monotonic()
            self._transport.device_token = None
            try:
                self._transport.device_token = await self._enrol()
            except Exception as error:  # unreachable, refused, malformed: say why
                log.warning("could not enrol again: %s", error)
                return False
            return True

    async def _enrol(self) -> str:
        answer = await self._transport.request(
            "POST",
            "/devices/enrol",
            json_body={"device_id": self._device_id, "enrolment_code": self._code},
        )
        if answer.status not in (200, 201):
            raise EnrolmentRefused(answer.status, answer.detail())
        body = answer.json()
        token = body.get("device_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token or len(token) > 4096:
            raise MalformedResponse("enrolment answer without a device token")
        await self._worker.run(lambda uow: uow.sync_state.set(TOKEN_KEY, token))
        log.info("device %s enrolled with the helpdesk", self._device_id)
        return token
