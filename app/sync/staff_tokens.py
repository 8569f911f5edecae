"""Staff tokens on a console: one per session, asked for and kept, never shared.

- ``sign_in``: the online half of a sign-in (``POST /v1/staff/sessions``), called
  by ``AuthService`` through the engine; its token is the session's.
- ``for_session``: the token an outbox row is sent with, the token of the session
  it was written in. A session signed in offline, or whose token expired, exchanges
  its signed assertion for one (``POST /v1/staff/sessions/assertion``); one the
  helpdesk refuses is marked refused, and its rows become dead letters
  (``SessionRefused``) until their author signs in again.
- ``current_token``: the token of whoever is signed in now, for the change feed
  (which carries what that staff member's role may see); ``NobodySignedIn`` else.
- ``refresh_verifiers``: the PIN verifiers (and authenticator secrets) of the staff
  assigned to this device, kept in the encrypted store for offline sign-in.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from app.actor import Actor
from app.clock import Clock
from app.domain import Staff
from app.permissions import device_view
from app.ports import UnitOfWork
from app.services.auth import Online, OnlineVerdict
from app.sync.enrolment import device_token_refused
from app.sync.storeio import StoreWorker
from app.sync.transport import Answer, HelpdeskTransport, Unreachable
from app.wire import codec
from app.wire.contract import MalformedResponse, parse_time

log = logging.getLogger(__name__)

VERIFIERS_EVERY_S = 300.0
MAX_TOKEN_LENGTH = 400


class SessionRefused(Exception):
    """The helpdesk will not act on this session: its rows are dead letters."""

    def __init__(self, status: int | None, detail: str) -> None:
        super().__init__(detail)
        self.status = status


class SessionUnavailable(Exception):
    """No token now (the helpdesk answered an error that may pass): try again later.
    A 401 whose ``challenge`` names the device realm: the device's own token was
    refused (enrol again, or be provisioned again)."""

    def __init__(self, status: int, detail: str, challenge: str | None = None) -> None:
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status
        self.challenge = challenge  # WWW-Authenticate of a 401


class NobodySignedIn(Exception):
    """The feed waits for a sign-in: it carries what the signed-in role may see."""


def staff_token_refused(answer: Answer) -> bool:
    """A 401 about the staff token (not the device's): ``"error": "staff_token"``."""
    if answer.status != 401:
        return False
    try:
        body = answer.json()
    except MalformedResponse:
        return False
    return isinstance(body, dict) and body.get("error") == "staff_token"


class StaffTokens:
    def __init__(self, worker: StoreWorker, transport: HelpdeskTransport, clock: Clock) -> None:
        self._worker = worker
        self._transport = transport
        self._clock = clock
        self._cache: dict[str, tuple[str, datetime | None]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._ahead: dict[str, asyncio.Task[str]] = {}  # asked for before a row needed it
        self._verifiers_at = 0.0
        self._current: Actor | None = None
        self.changed = asyncio.Event()  # set when someone else is signed in (the feed's cue)

    @property
    def current(self) -> Actor | None:
        """Who is signed in now: the feed reads with their token, for their view."""
        return self._current

    @current.setter
    def current(self, actor: Actor | None) -> None:
        if actor != self._current:
            self._current = actor
            self.changed.set()

    @property
    def view(self) -> str | None:
        return None if self.current is None else device_view(self.current)

    async def sign_in(
        self, staff_id: str, pin: str, code: str | None, session_id: str
    ) -> OnlineVerdict:
        """The helpdesk's word on a sign-in this console just checked."""
        body: dict[str, Any] = {"staff_id": staff_id, "pin": pin, "session_id": session_id}
        if code:
            body["totp_code"] = code
        try:
            answer = await self._transport.request("POST", "/staff/sessions", json_body=body)
        except (Unreachable, MalformedResponse) as error:
            log.info("online sign-in unavailable (%s): signing in offline", error)
            return OnlineVerdict(Online.UNREACHABLE)
        if answer.status == 200:
            token, expires = _token_of(answer)
            self._cache[session_id] = (token, expires)
            last_out = _last_signed_out(answer)
            if last_out is not None:  # on another tablet, maybe: their alerts start there
                await self._worker.run(lambda uow: uow.alerts.told_until(staff_id, last_out))
            return OnlineVerdict(Online.GRANTED, token, expires)
        if answer.status == 429:
            wait = answer.retry_after or 300.0
            until = self._clock.now() + timedelta(seconds=wait)
            return OnlineVerdict(Online.LOCKED, locked_until=until)
        if answer.status == 401 and not staff_token_refused(answer):
            if device_token_refused(answer.headers.get("www-authenticate")):
                return OnlineVerdict(Online.UNREACHABLE)  # the device's token: not the staff's
            return OnlineVerdict(Online.REFUSED)
        log.warning("online sign-in answered HTTP %d; signing in offline", answer.status)
        return OnlineVerdict(Online.UNREACHABLE)

    async def current_token(self) -> str:
        actor = self.current
        if actor is None or not actor.session_id:
            raise NobodySignedIn
        return await self.for_session(actor.session_id)

    async def for_session(self, session_id: str) -> str:
        """The token to send a row of ``session_id`` with; raises ``SessionRefused``,
        ``SessionUnavailable`` or ``Unreachable``."""
        if not session_id:
            raise SessionRefused(None, "written before its author's sign-in was recorded")
        cached = self._cache.get(session_id)
        now = self._clock.now()
        if cached is not None and (cached[1] is None or now < cached[1]):
            return cached[0]
        ahead = self._ahead.pop(session_id, None)
        if ahead is not None:  # this row's own fetch, started early: its outcome
            return await ahead
        return await self._locked_fetch(session_id)

    def ask_ahead(self, session_ids: Iterable[str]) -> None:
        """Ask for these sessions' tokens now, while the replay reads the rows that
        will need them; the first row of each session to ask takes the outcome (token
        or refusal) as if it had asked itself. ``drop_ahead`` ends what nobody took."""
        now = self._clock.now()
        for session_id in session_ids:
            cached = self._cache.get(session_id)
            if cached is not None and (cached[1] is None or now < cached[1]):
                continue
            if session_id and session_id not in self._ahead:
                task = asyncio.ensure_future(self._locked_fetch(session_id))
                task.add_done_callback(_outcome_kept)
                self._ahead[session_id] = task

    def drop_ahead(self) -> None:
        for task in self._ahead.values():
            task.cancel()
        self._ahead.clear()

    async def _locked_fetch(self, session_id: str) -> str:
        async with self._locks.setdefault(session_id, asyncio.Lock()):
            return await self._fetch(session_id)

    def forget(self, session_id: str) -> None:
        """The helpdesk refused the token: exchange the assertion again next time."""
        self._cache.pop(session_id, None)

    async def _fetch(self, session_id: str) -> str:
        now = self._clock.now()
        cached = self._cache.get(session_id)
        if cached is not None and (cached[1] is None or now < cached[1]):
            return cached[0]  # another row fetched it while this one waited
        session = await self._worker.run(lambda uow: uow.staff_sessions.get(session_id))
        if session is None:
            raise SessionRefused(None, "no such sign-in on this device")
        if session.refused:
            raise SessionRefused(None, session.refused)
        if session.token_valid_at(now) and cached is None and session.token is not None:
            self._cache[session_id] = (session.token, session.token_expires_at)
            return session.token
        if not session.vouched:
            raise SessionRefused(None, "signed in without a device key: nothing vouches for it")
        answer = await self._transport.request(
            "POST", "/staff/sessions/assertion", json_body=session.assertion().to_json()
        )
        if answer.status == 200:
            token, expires = _token_of(answer)
            await self._worker.run(
                lambda uow: uow.staff_sessions.set_token(session_id, token, expires)
            )
            self._cache[session_id] = (token, expires)
            return token
        if answer.status in (403, 404, 422):
            reason = f"HTTP {answer.status}: {answer.detail()}"
            await self._worker.run(lambda uow: uow.staff_sessions.refuse(session_id, reason))
            log.warning("the helpdesk refused session %s: %s", session_id, reason)
            raise SessionRefused(answer.status, reason)
        challenge = answer.headers.get("www-authenticate") if answer.status == 401 else None
        raise SessionUnavailable(answer.status, answer.detail(), challenge)

    async def refresh_verifiers(self, *, force: bool = False) -> int:
        """Keep the verifiers of this device's own staff (every few minutes)."""
        if not force and time.monotonic() - self._verifiers_at < VERIFIERS_EVERY_S:
            return 0
        answer = await self._transport.request("GET", "/staff/verifiers")
        if answer.status != 200:
            log.warning("staff verifiers not refreshed: HTTP %d", answer.status)
            return 0
        data = answer.json()
        items = data.get("staff") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise MalformedResponse("staff verifiers: expected a list of staff")
        assigned = [_assigned(item) for item in items]
        count = await self._worker.run(lambda uow: _keep_verifiers(uow, assigned))
        self._verifiers_at = time.monotonic()
        return count


def _outcome_kept(task: asyncio.Task[str]) -> None:
    """A token asked for ahead that no row took: its failure is not an error of its own."""
    if not task.cancelled():
        task.exception()


def _token_of(answer: Answer) -> tuple[str, datetime | None]:
    body = answer.json()
    token = body.get("staff_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        raise MalformedResponse("sign-in answer without a staff token")
    expires = body.get("expires_at")
    return token, parse_time(expires, "expires_at") if isinstance(expires, str) else None


def _last_signed_out(answer: Answer) -> datetime | None:
    """When the person last signed out on any device (helpdesks before it: not said)."""
    body = answer.json()
    last = body.get("last_signed_out_at") if isinstance(body, dict) else None
    return parse_time(last, "last_signed_out_at") if isinstance(last, str) else None


def _assigned(item: Any) -> tuple[Staff, str | None]:
    if not isinstance(item, dict):
        raise MalformedResponse("staff verifiers: an item is not an object")
    try:
        staff = codec.decode(item.get("staff"), Staff)
    except codec.DecodeError as error:
        raise MalformedResponse(f"staff verifiers: {error}") from error
    secret = item.get("totp_secret")
    return staff, secret if isinstance(secret, str) and secret else None


def _keep_verifiers(uow: UnitOfWork, assigned: list[tuple[Staff, str | None]]) -> int:
    """Store this device's staff with their verifiers; anyone no longer assigned here
    loses theirs (they can no longer sign in on this device, offline either)."""
    ids = {staff.id for staff, _ in assigned}
    for member in uow.staff.all():
        if member.id not in ids and member.pin_hash:
            uow.staff.save(replace(member, pin_hash=""))
    for staff, secret in assigned:
        uow.staff.save(staff)
        if secret is not None and uow.staff.totp_secret(staff.id) != secret:
            uow.staff.set_totp_secret(staff.id, secret)  # a new secret: steps start again
    return len(assigned)


SIGN_IN_WAIT_S = 8.0  # then the sign-in goes on offline (the session waits for its token)


def ask_from_thread(
    loop: asyncio.AbstractEventLoop | None,
    tokens: StaffTokens | None,
    staff_id: str,
    pin: str,
    code: str | None,
    session_id: str,
) -> OnlineVerdict:
    """``StaffTokens.sign_in`` on ``loop``, asked from the thread that signs in (never
    ``loop``'s own), within ``SIGN_IN_WAIT_S``; no tokens (offline): unreachable."""
    if loop is None or loop.is_closed() or tokens is None:
        return OnlineVerdict(Online.UNREACHABLE)
    try:
        if asyncio.get_running_loop() is loop:
            return OnlineVerdict(Online.UNREACHABLE)  # never block the loop on itself
    except RuntimeError:
        pass  # no loop in this thread: the usual case (an executor thread)
    future = asyncio.run_coroutine_threadsafe(tokens.sign_in(staff_id, pin, code, session_id), loop)
    try:
        verdict: OnlineVerdict = future.result(SIGN_IN_WAIT_S)
    except Exception as error:  # slow or failing helpdesk: sign in offline
        future.cancel()
        log.warning("online sign-in check did not answer (%s)", type(error).__name__)
        return OnlineVerdict(Online.UNREACHABLE)
    return verdict
