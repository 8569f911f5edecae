"""The one HTTP client of the console: requests to the helpdesk, answers checked.

Every request goes through one shared ``httpx.AsyncClient`` (connection reuse, one
place for timeouts and headers). Answers are read with a size limit; their
``X-Server-Time`` feeds the skew estimate; transport failures and answers are
reported to ``on_contact`` so the engine knows whether the helpdesk is reachable.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import ssl
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import httpx

from app.security.tls import client_verify_for
from app.wire import fast_json

if importlib.util.find_spec("sniffio") is None:
    # httpcore tries ``import sniffio`` on every request and falls back to asyncio; a
    # missing module is searched for on disk each time (~1 ms). None makes it fail fast.
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

from app.clock import Clock, SystemClock
from app.sync.backoff import parse_retry_after
from app.sync.outbox_report import OutboxReport
from app.sync.skew import ClockSkew
from app.sync.status import UPDATE_THE_HELPDESK
from app.wire.contract import MalformedResponse, parse_time

log = logging.getLogger(__name__)
# httpx logs every request at INFO: a 10,000-change replay would flood the console's log.
logging.getLogger("httpx").setLevel(logging.WARNING)

API = "/v1"
MAX_ANSWER_BYTES = 1 << 20  # a write's answer: one incident, well under 1 MiB
MAX_PAGE_BYTES = 32 << 20  # a page of 1,000 changes


def load_async_backend() -> None:
    """httpcore loads anyio's asyncio backend at the first request: some 35 ms of imports
    on the event loop's thread (the GUI's, in the console). Called on a worker thread
    before the first request, so that one finds it loaded; only a warm-up."""
    import importlib

    try:
        importlib.import_module("anyio._backends._asyncio")
    except ImportError:  # another anyio: the first request loads what it needs
        log.debug("anyio's asyncio backend not found ahead", exc_info=True)


class Unreachable(Exception):
    """No answer at all: refused, reset, timed out, or cut off mid-answer."""


class HelpdeskRestored(Unreachable):
    """The helpdesk answered from another database generation (restored from a backup):
    nothing more is taken from it until this console has queued again what it sent."""


GENERATION_HEADER = "x-helpdesk-generation"
GenerationListener = Callable[[str, bool], None]  # (generation, restored)


class OversizedResponse(MalformedResponse):
    """An answer over the size this console accepts for it."""


CONTRACT = 2
CONTRACT_HEADER = "x-helpdesk-contract"


class HelpdeskTooOld(MalformedResponse):
    """The helpdesk does not speak this console's contract: nothing it answers is taken,
    every change waits (as for a lost answer) until the helpdesk is updated."""


UNPARSED: Any = object()
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: httpx.Headers
    body: bytes
    parsed: Any = UNPARSED  # a body already decoded (one operation of a batch)
    # What the request's ``prepare`` made of that body, off the event loop (batching)
    prepared: Any = UNPARSED
    # What the batcher's ``settle_many`` made of it, before its writer woke (batching)
    settled: Any = None

    def prepared_or(self, prepare: Callable[[Any], T]) -> T:
        """``prepare(self.json())``, unless the batcher already made it off the loop."""
        if self.prepared is not UNPARSED:
            result: T = self.prepared
            return result
        return prepare(self.json())

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def retry_after(self) -> float | None:
        return parse_retry_after(self.headers.get("retry-after"))

    def json(self, apart: str | None = None) -> Any:
        """The body as JSON; a non-JSON or undecodable body is a malformed answer.
        ``apart``: an object's long list, each item parsed in a call of its own, so the
        thread parsing it never holds the GIL long (``fast_json.loads_items_apart``)."""
        if self.parsed is not UNPARSED:
            return self.parsed
        content_type = self.headers.get("content-type", "")
        if "json" not in content_type:
            raise MalformedResponse(f"HTTP {self.status}: expected JSON, got {content_type!r:.60}")
        try:
            if apart is not None:
                return fast_json.loads_items_apart(self.body, apart)
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise MalformedResponse(f"HTTP {self.status}: body is not JSON: {error}") from error

    def detail(self) -> str:
        """The helpdesk's explanation of a refusal, for the user and the log."""
        try:
            data = self.parsed if self.parsed is not UNPARSED else json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            return self.body[:300].decode("utf-8", "replace") or f"HTTP {self.status}"
        if isinstance(data, dict) and "detail" in data:
            detail = data["detail"]
            return detail if isinstance(detail, str) else json.dumps(detail)[:500]
        return f"HTTP {self.status}"


# (answered, what happened, refused: no connection could even be opened)
ContactListener = Callable[[bool, str, bool], None]


class HelpdeskTransport:
    def __init__(
        self,
        base_url: str,
        *,
        skew: ClockSkew | None = None,
        clock: Clock | None = None,
        timeout_s: float = 10.0,
        on_contact: ContactListener | None = None,
        client: httpx.AsyncClient | None = None,
        verify: bool | ssl.SSLContext | None = None,
    ) -> None:
        """``verify``: the client's certificate check, made ahead (off the GUI's thread:
        ``SyncEngine``); by default ``client_verify_for`` the address, made here."""
        self.base_url = base_url.rstrip("/")
        self.skew = skew or ClockSkew()
        self._clock = clock or SystemClock()
        self._on_contact = on_contact
        self.device_token: str | None = None
        self.skew_changed = False
        self.outbox_report = OutboxReport(self._clock)  # on each request (its metrics)
        # The helpdesk database's generation this console synced with (None: not known
        # yet) and who hears of another one (app/sync/restored.py).
        self.generation: str | None = None
        self.on_generation: GenerationListener | None = None
        self._client = client or httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0)),
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
            headers={"User-Agent": "vip-console-sync"},
            trust_env=False,  # loopback and the property LAN: never a system proxy
            # Certificates always checked off loopback; plain http only on loopback.
            verify=client_verify_for(self.base_url) if verify is None else verify,
            follow_redirects=False,  # a redirect could lead off the checked address
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    def _headers(
        self, staff_token: str | None, idempotency_key: str | None, if_match: int | None
    ) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.device_token:
            headers["Authorization"] = f"Bearer {self.device_token}"
            headers.update(self.outbox_report.headers())
        if staff_token:
            headers["X-Staff-Token"] = staff_token
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        if if_match is not None:
            headers["If-Match"] = str(if_match)
        return headers

    async def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        content: bytes | None = None,
        content_type: str | None = None,
        params: dict[str, Any] | None = None,
        staff_token: str | None = None,
        idempotency_key: str | None = None,
        if_match: int | None = None,
        max_bytes: int = MAX_ANSWER_BYTES,
    ) -> Answer:
        """Send one request; raises ``Unreachable``, ``OversizedResponse`` or
        ``HelpdeskTooOld``. ``staff_token``: the session the request acts in."""
        headers = self._headers(staff_token, idempotency_key, if_match)
        generation = self.generation
        if content_type:
            headers["Content-Type"] = content_type
        if self._client.is_closed:  # the engine stopped: a read still under way gives up
            raise Unreachable("the sync stopped: its connection is closed")
        sent_wall, sent = self._clock.now(), time.perf_counter()
        try:
            async with self._client.stream(
                method, API + path, json=json_body, content=content, params=params, headers=headers
            ) as response:
                body = await _read_limited(response, max_bytes)
        except httpx.TransportError as error:
            raise self._unreachable(error) from error
        received = sent_wall + timedelta(seconds=time.perf_counter() - sent)
        self._observe_time(response.headers, sent_wall, received)
        self._contact(True, f"HTTP {response.status_code}")
        _check_contract(response)
        self.check_generation(response.headers, generation)
        return Answer(response.status_code, response.headers, body)

    def check_generation(self, headers: httpx.Headers, expected: str | None) -> None:
        """Adopt the first generation seen; raise ``HelpdeskRestored`` on an answer from
        another generation than the one the request was sent to (``expected``): a
        request sent before this console queued again what it sent must not count."""
        seen = headers.get(GENERATION_HEADER)
        if seen is None or seen == expected or len(seen) > 40:
            return
        if expected is None:
            if self.generation is None:  # the first answer this console ever reads
                self.generation = seen
                if self.on_generation is not None:
                    self.on_generation(seen, False)
                return
            if seen == self.generation:
                return
        if seen != self.generation and self.on_generation is not None:
            self.on_generation(seen, True)
        raise HelpdeskRestored(f"the helpdesk was restored (generation {seen})")

    @asynccontextmanager
    async def open_stream(
        self,
        path: str,
        *,
        headers: dict[str, str],
        read_timeout_s: float,
        staff_token: str | None = None,
    ) -> AsyncIterator[httpx.Response]:
        """A streaming GET (the SSE feed); transport errors become ``Unreachable``."""
        all_headers = {**self._headers(staff_token, None, None), **headers}
        generation = self.generation
        timeout = httpx.Timeout(read_timeout_s, connect=5.0)
        if self._client.is_closed:  # the engine stopped: a read still under way gives up
            raise Unreachable("the sync stopped: its connection is closed")
        sent_wall, sent = self._clock.now(), time.perf_counter()
        try:
            async with self._client.stream(
                "GET", API + path, headers=all_headers, timeout=timeout
            ) as response:
                received = sent_wall + timedelta(seconds=time.perf_counter() - sent)
                self._observe_time(response.headers, sent_wall, received)
                self._contact(True, f"HTTP {response.status_code}")
                _check_contract(response)
                self.check_generation(response.headers, generation)
                yield response
        except httpx.TransportError as error:
            raise self._unreachable(error) from error

    def _observe_time(self, headers: httpx.Headers, sent: datetime, received: datetime) -> None:
        stamp = headers.get("x-server-time")
        if stamp is None:
            return
        try:
            server_time = parse_time(stamp, "X-Server-Time")
        except MalformedResponse:
            log.warning("ignoring a malformed X-Server-Time header: %r", stamp[:60])
            return
        if self.skew.observe(sent, received, server_time):
            self.skew_changed = True

    def _unreachable(self, error: httpx.TransportError) -> Unreachable:
        what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        refused = isinstance(error, httpx.ConnectError | httpx.ConnectTimeout)
        self._contact(False, what, refused)
        return Unreachable(what)

    def _contact(self, answered: bool, what: str, refused: bool = False) -> None:
        if self._on_contact is not None:
            self._on_contact(answered, what, refused)


# Refusals only the helpdesk gives: of who asks (401, 403), of what was sent (409, 412,
# 422: an older helpdesk's strict bodies refused this contract's fields with a 422).
HELPDESK_REFUSALS = frozenset({401, 403, 409, 412, 422})


def _check_contract(response: httpx.Response) -> None:
    """A helpdesk's own answer (a success, or one of its refusals) names its contract;
    other errors may come from anything on the way (a proxy's 404, 429 or 502)."""
    code = response.status_code
    if not (200 <= code < 300 or code in HELPDESK_REFUSALS):
        return
    if response.headers.get(CONTRACT_HEADER, "").strip() != str(CONTRACT):
        raise HelpdeskTooOld(UPDATE_THE_HELPDESK)


async def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise OversizedResponse(
            f"HTTP {response.status_code}: answer of {declared} bytes is over {max_bytes}"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise OversizedResponse(
                f"HTTP {response.status_code}: answer over {max_bytes} bytes, refused"
            )
        chunks.append(chunk)
    return b"".join(chunks)
