"""The device's enrolment with the helpdesk, with the code IT issued for it.

A console enrols once: with the single-use code of ``vip-console helpdesk device add``
(the provisioning screen, or ``--enrol CODE``), or on a demo data directory with the
demo helpdesk's published code. It sends its audit-checkpoint public key, which the
helpdesk binds to the device. The device token it gets is kept in the store's sync
state (the store is encrypted).

There is never a built-in code: without a token and without a code, the console does
not sync and its status says the tablet must be provisioned. When the helpdesk
refuses the token itself (``WWW-Authenticate: Bearer realm="device"``: revoked,
unknown), a used code cannot enrol again: the console says the tablet must be
provisioned again and stops asking, instead of retrying in a loop. A helpdesk on an
older contract (its answers without ``X-Helpdesk-Contract: 2``) is named by the
transport (``HelpdeskTooOld``): the status says to update it, nothing is enrolled.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from app.ports import UnitOfWork
from app.sync.device_token import REFUSED_KEY, TOKEN_KEY
from app.sync.storeio import StoreWorker
from app.sync.transport import HelpdeskTransport
from app.wire.contract import MalformedResponse

if TYPE_CHECKING:
    from app.sync.engine import SyncConfig

log = logging.getLogger(__name__)

NONCE_KEY = "enrolment_nonce"  # the same on every retry: a lost answer is no "used code"
DEVICE_REALM = 'realm="device"'  # the helpdesk's challenge when the device token is refused
RENEW_AT_MOST_EVERY_S = 5.0  # many 401s at once: one new enrolment


class Provisioning(StrEnum):
    """Why the console cannot sync until IT provisions it ("" when it can)."""

    OK = ""
    NEEDED = "needed"  # never enrolled, and no code to enrol with
    AGAIN = "again"  # the helpdesk refused our token (revoked): a new code is needed
    CODE_REFUSED = "code_refused"  # the code was refused (used, expired, another id…)


class NotProvisioned(Exception):
    def __init__(self, need: Provisioning, detail: str = "") -> None:
        super().__init__(f"this tablet must be provisioned ({need}): {detail}".rstrip(": "))
        self.need, self.detail = need, detail


class EnrolmentRefused(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"enrolment refused (HTTP {status}): {detail}")
        self.status = status


def device_token_refused(challenge: str | None) -> bool:
    """A 401 whose challenge is about the device token (not, say, a staff token)."""
    return challenge is not None and DEVICE_REALM in challenge


class Enrolment:
    def __init__(
        self,
        worker: StoreWorker,
        transport: HelpdeskTransport,
        config: SyncConfig,
        on_provisioning: Callable[[Provisioning, str], None] = lambda need, detail: None,
    ):
        """``on_provisioning(need, detail)``: the console can (``OK``) or cannot sync."""
        self._worker = worker
        self._transport = transport
        self._device_id = config.device_id
        self._code = config.enrolment_code
        self._public_key = config.checkpoint_public_key
        self._on_provisioning = on_provisioning
        self._ready = asyncio.Event()
        self._lock = asyncio.Lock()
        self._renewed_at = 0.0
        self._stuck: NotProvisioned | None = None  # until IT provisions the tablet

    async def wait(self) -> None:
        await self._ready.wait()

    async def ensure(self) -> None:
        """A device token in hand; enrols when there is none. Raises when it cannot
        (NotProvisioned, EnrolmentRefused, Unreachable…)."""
        if self._transport.device_token:
            return
        async with self._lock:
            if self._transport.device_token:
                return
            if self._stuck is not None:
                raise self._stuck
            token, refused = await self._worker.run(
                lambda uow: (uow.sync_state.get(TOKEN_KEY), uow.sync_state.get(REFUSED_KEY))
            )
            if token is None or refused is not None:
                if self._code is None:
                    need = Provisioning.NEEDED if refused is None else Provisioning.AGAIN
                    raise self._give_up(need, refused or "")
                token, _scope = await self._enrol()
            self._held(token)

    async def renew(self, challenge: str | None) -> bool:
        """The helpdesk answered 401 with ``challenge`` (its WWW-Authenticate). When it
        refused our device token, enrol again if a code allows it. True: a new token."""
        if not device_token_refused(challenge):
            return False
        async with self._lock:
            if self._stuck is not None:
                return False
            if time.monotonic() - self._renewed_at < RENEW_AT_MOST_EVERY_S:
                return self._transport.device_token is not None
            self._renewed_at = time.monotonic()
            self._transport.device_token = None
            self._ready.clear()
            log.warning("the helpdesk refused device %s's token", self._device_id)
            refused = "the helpdesk refused this tablet's device token (revoked?)"
            await self._worker.run(lambda uow: uow.sync_state.set(REFUSED_KEY, refused))
            if self._code is None:
                self._give_up(Provisioning.AGAIN, refused)
                return False
            try:
                self._held((await self._enrol())[0])
            except Exception as error:  # unreachable, refused, malformed: say why
                log.warning("could not enrol again: %s", error)
                if self._stuck is not None and self._stuck.need is Provisioning.CODE_REFUSED:
                    self._give_up(Provisioning.AGAIN, refused)  # our code was spent already
                return False
            return True

    async def enrol_now(self) -> tuple[str, ...]:
        """Enrol with the code at once (the provisioning screen); the roles it allows."""
        async with self._lock:
            token, scope = await self._enrol()
            self._held(token)
            return scope

    def _held(self, token: str) -> None:
        self._transport.device_token = token
        self._stuck = None
        self._ready.set()
        self._on_provisioning(Provisioning.OK, "")

    def _give_up(self, need: Provisioning, detail: str) -> NotProvisioned:
        self._stuck = NotProvisioned(need, detail)
        log.warning("%s", self._stuck)
        self._on_provisioning(need, detail)
        return self._stuck

    async def _enrol(self) -> tuple[str, tuple[str, ...]]:
        assert self._code is not None
        nonce = await self._worker.run(_nonce)
        answer = await self._transport.request(
            "POST",
            "/devices/enrol",
            json_body={
                "device_id": self._device_id,
                "enrolment_code": self._code,
                "checkpoint_public_key": self._public_key,
                "enrolment_nonce": nonce,
            },
        )
        if answer.status in (403, 409, 422):  # the code will not do: IT must look
            raise self._give_up(Provisioning.CODE_REFUSED, answer.detail())
        if answer.status not in (200, 201):
            raise EnrolmentRefused(answer.status, answer.detail())
        body = answer.json()
        token = body.get("device_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token or len(token) > 4096:
            raise MalformedResponse("enrolment answer without a device token")
        scope = body.get("role_scope")
        if not isinstance(scope, list):
            raise MalformedResponse("enrolment answer without the device's role scope")

        def keep(uow: UnitOfWork) -> None:
            uow.sync_state.set(TOKEN_KEY, token)
            uow.sync_state.delete(REFUSED_KEY)
            uow.sync_state.delete(NONCE_KEY)

        await self._worker.run(keep)
        log.info("device %s enrolled with the helpdesk", self._device_id)
        return token, tuple(str(role) for role in scope)


def _nonce(uow: UnitOfWork) -> str:
    """This console's enrolment secret, kept until an enrolment answer arrives."""
    nonce = uow.sync_state.get(NONCE_KEY)
    if nonce is None:
        nonce = secrets.token_urlsafe(24)
        uow.sync_state.set(NONCE_KEY, nonce)
    return nonce
