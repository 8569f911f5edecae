"""A fault-injecting HTTP proxy of our own, on 127.0.0.1, between a console and a service.

App-independent: it knows HTTP/1.1 framing and nothing of the helpdesk. Each
request is read whole, then ``plan(method, path)`` picks what happens to it:

- ``None``: forwarded; the answer is relayed as it streams (SSE included);
- ``Fault.DROP``: the connection is cut before anything reaches the service;
- ``Fault.ERROR_500`` / ``Fault.SLOW_DOWN``: answered by the proxy (429 with
  ``Retry-After``), the service never sees the request;
- ``Fault.DELAY``: forwarded after ``delay_s``;
- ``Fault.SLOW_ANSWER``: forwarded, the whole answer read, relayed after ``delay_s``
  (the service has committed while the client still waits: a crash window);
- ``Fault.DROP_AFTER_COMMIT``: forwarded, the whole answer read from the service
  (so it did the work), then the connection is cut: the client never learns;
- ``Fault.GARBAGE`` / ``Fault.OVERSIZED``: forwarded, then answered with a
  malformed / oversized 200 instead of the service's answer.
- ``Fault.OLD_CONTRACT``: forwarded, the answer relayed without its
  ``X-Helpdesk-Contract`` header (a helpdesk on the contract before staff tokens).

``down = True`` cuts every connection at once (the service looks unreachable).
``seen`` keeps every request read (method, path, headers, body), faulted or not.
Runs its own event loop in a thread, so any client loop (asyncio, qasync) works.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit


class Fault(Enum):
    DROP = "drop"
    ERROR_500 = "500"
    SLOW_DOWN = "429"
    DELAY = "delay"
    SLOW_ANSWER = "slow-answer"
    DROP_AFTER_COMMIT = "drop-after-commit"
    GARBAGE = "garbage"
    OVERSIZED = "oversized"
    NOT_FOUND = "404"  # a route this helpdesk does not have
    OLD_CONTRACT = "old-contract"


Plan = Callable[[str, str], Fault | None]
STREAMING_PATHS = ("/v1/feed",)
# Faults made on the service's whole answer, read first: a streaming request drops instead.
WHOLE_FIRST = frozenset(
    {Fault.DROP_AFTER_COMMIT, Fault.GARBAGE, Fault.OVERSIZED, Fault.SLOW_ANSWER, Fault.OLD_CONTRACT}
)


class FaultProxy:
    def __init__(self, upstream: str, *, retry_after_s: int = 1, delay_s: float = 0.2) -> None:
        parts = urlsplit(upstream)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.retry_after_s = retry_after_s
        self.delay_s = delay_s
        self.down = False
        self.plan: Plan = lambda method, path: None
        self.counts: Counter[str] = Counter()  # what happened, by fault name or "forwarded"
        self.seen: list[SeenRequest] = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.AbstractServer | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="fault-proxy")
        self._writers: set[asyncio.StreamWriter] = set()
        self._handlers: set[asyncio.Task[None]] = set()
        self.url = ""

    # Control (from the test's thread) ------------------------------------------------------

    def start(self) -> FaultProxy:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._listen(), self._loop)
        self.url = future.result(10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def fail_randomly(
        self,
        rate: float,
        faults: Collection[Fault] = tuple(Fault),
        *,
        seed: int = 0,
        paths: tuple[str, ...] = ("/v1/",),
    ) -> None:
        """Fault ``rate`` of the requests whose path starts with one of ``paths``: each
        kind once (in a shuffled order) before any is drawn at random, so a run with as
        many faults as kinds has met every kind whatever the order its requests came in
        (a replay in fewer requests drew no ``garbage`` one run in six)."""
        rng = random.Random(seed)
        kinds = list(faults)
        first = rng.sample(kinds, len(kinds))

        def plan(method: str, path: str) -> Fault | None:
            if not path.startswith(paths):
                return None
            with self._lock:
                if rng.random() >= rate:
                    return None
                # A streaming request makes a whole-answer fault a drop: dealt there, a
                # kind would be spent without ever happening.
                streaming = path.startswith(STREAMING_PATHS)
                fits = [kind for kind in first if not (streaming and kind in WHOLE_FIRST)]
                if fits:
                    first.remove(fits[-1])
                    return fits[-1]
                return rng.choice(kinds)

        self.plan = plan

    def cut_streams(self) -> None:
        """Cut every open connection now (e.g. the live feed), as a network blip would."""
        self._loop.call_soon_threadsafe(self._cut_all)

    # The proxy itself ----------------------------------------------------------------------

    async def _listen(self) -> str:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def _close(self) -> None:
        if self._server is not None:
            self._server.close()
        self._cut_all()
        for task in list(self._handlers):
            task.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    def _cut_all(self) -> None:
        for writer in list(self._writers):
            writer.transport.abort()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
        try:
            while not self.down:
                request = await _read_request(reader)
                if request is None:
                    return
                if not await self._handle(request, writer):
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self._writers.discard(writer)
            if task is not None:
                self._handlers.discard(task)
            writer.transport.abort()

    async def _handle(self, request: _Request, writer: asyncio.StreamWriter) -> bool:
        """One request; returns whether the client connection may carry another."""
        if self.down:
            self._count("down")
            return False
        with self._lock:
            self.seen.append(
                SeenRequest(request.method, request.path, request.header_map(), request.body)
            )
        fault = self.plan(request.method, request.path)
        streaming = request.path.startswith(STREAMING_PATHS)
        if fault in WHOLE_FIRST and streaming:
            fault = Fault.DROP  # an endless answer cannot be read whole first
        self._count(fault.value if fault else "forwarded")
        if fault is Fault.DROP:
            return False
        if fault is Fault.ERROR_500:
            await _answer(writer, 500, b'{"detail":"injected failure"}')
            return False
        if fault is Fault.NOT_FOUND:
            await _answer(writer, 404, b'{"detail":"Not Found"}')
            return False
        if fault is Fault.SLOW_DOWN:
            extra = f"Retry-After: {self.retry_after_s}\r\n"
            await _answer(writer, 429, b'{"detail":"slow down"}', extra)
            return False
        if fault is Fault.DELAY:
            await asyncio.sleep(self.delay_s)
        up_reader, up_writer = await asyncio.open_connection(*self._upstream)
        try:
            up_writer.write(request.forwarded())
            await up_writer.drain()
            if fault in WHOLE_FIRST:
                answer = await up_reader.read()  # the service's whole answer: the work is done
                if fault is Fault.SLOW_ANSWER:
                    await asyncio.sleep(self.delay_s)
                    writer.write(answer)
                    await writer.drain()
                elif fault is Fault.GARBAGE:
                    await _answer(writer, 200, b'{"id": 42, "number": [')
                elif fault is Fault.OVERSIZED:
                    await _answer(writer, 200, b'{"pad":"' + b"x" * (3 << 20) + b'"}')
                elif fault is Fault.OLD_CONTRACT:
                    head, _, body = answer.partition(b"\r\n\r\n")
                    lines = head.split(b"\r\n")
                    kept = [h for h in lines if not h.lower().startswith(b"x-helpdesk-contract:")]
                    writer.write(b"\r\n".join(kept) + b"\r\n\r\n" + body)
                    await writer.drain()
                return False
            while chunk := await up_reader.read(65536):
                writer.write(chunk)
                await writer.drain()
            return False  # the service closed (Connection: close): so do we
        finally:
            up_writer.transport.abort()

    def _count(self, what: str) -> None:
        with self._lock:
            self.counts[what] += 1


@dataclass(frozen=True)
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes


class _Request:
    def __init__(self, head: bytes, body: bytes) -> None:
        lines = head.decode("latin-1").split("\r\n")
        self.method, self.path, _ = lines[0].split(" ", 2)
        self.headers = [line for line in lines[1:] if line]
        self.body = body

    def header_map(self) -> dict[str, str]:
        pairs = (line.partition(":") for line in self.headers)
        return {name.strip().lower(): value.strip() for name, _, value in pairs}

    def forwarded(self) -> bytes:
        kept = [h for h in self.headers if not h.lower().startswith(("connection:", "keep-alive:"))]
        head = "\r\n".join([f"{self.method} {self.path} HTTP/1.1", *kept, "Connection: close"])
        return head.encode("latin-1") + b"\r\n\r\n" + self.body


async def _read_request(reader: asyncio.StreamReader) -> _Request | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    length = 0
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return _Request(head[:-4], body)


async def _answer(writer: asyncio.StreamWriter, status: int, body: bytes, extra: str = "") -> None:
    head = (
        f"HTTP/1.1 {status} Injected\r\nContent-Type: application/json\r\n"
        "X-Helpdesk-Contract: 2\r\n"  # injected as the helpdesk (contract 2) would
        f"Content-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n"
    )
    writer.write(head.encode("latin-1") + body)
    await writer.drain()
