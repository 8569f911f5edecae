"""A simulated console's live feed for ``bench.helpdesk_load``: a probe reads every
event's data (when each incident arrived), the others count sequence numbers only,
over a bare socket."""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from functools import partial

import httpx

SEQ = re.compile(rb"^id: (\d+)$", re.MULTILINE)
# The same, found by its literal start: six times cheaper than scanning for line starts
# (40 us of the load generator's CPU per chunk of ten incidents, times a thousand streams).
SEQ_AFTER_NEWLINE = re.compile(rb"\nid: (\d+)\n")


def whole_events(text: bytes) -> tuple[bytes, bytes]:
    """``text`` cut after its last whole event: (the whole events, the rest, to wait)."""
    end = text.rfind(b"\n\n")
    return (b"", text) if end < 0 else (text[: end + 2], text[end + 2 :])


@dataclass
class Subscriber:
    probe: bool
    seqs: list[int] = field(default_factory=list)
    arrivals: dict[str, float] = field(default_factory=dict)  # incident id -> when (probes)
    reconnects: int = 0
    connected: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self, client: httpx.AsyncClient, stop: asyncio.Event) -> None:
        if not self.probe:
            return await self.count(client, stop)
        while not stop.is_set():
            headers = {"Last-Event-ID": str(self.seqs[-1])} if self.seqs else {}
            try:
                async with client.stream("GET", "/v1/feed", headers=headers) as response:
                    response.raise_for_status()
                    self.connected.set()
                    await self._read(response, stop)
            except httpx.HTTPError:
                pass
            if not stop.is_set():
                self.reconnects += 1
                await asyncio.sleep(0.2)

    async def count(self, client: httpx.AsyncClient, stop: asyncio.Event) -> None:
        """The stream over a bare socket, its sequence numbers only: httpx's cost per
        chunk, times a thousand streams, made the load generator the ceiling it measured.
        A protocol's callback takes each chunk (no stream reader, no task woken per
        chunk): the generator shares the two cores with the helpdesk it measures."""
        url = client.base_url
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            headers = {**client.headers, "Host": f"{url.host}:{url.port}"}
            if self.seqs:
                headers["Last-Event-ID"] = str(self.seqs[-1])
            request = "GET /v1/feed HTTP/1.1\r\n" + "".join(
                f"{name}: {value}\r\n" for name, value in headers.items()
            )
            transport = None
            try:
                transport, protocol = await loop.create_connection(
                    partial(_Counting, self, loop.create_future()), url.host, url.port
                )
                transport.write(request.encode("latin-1") + b"\r\n")
                await protocol.closed
            except (OSError, ConnectionError):
                pass
            finally:
                if transport is not None:
                    transport.close()
            if not stop.is_set():
                self.reconnects += 1
                await asyncio.sleep(0.2)

    async def _read(self, response: httpx.Response, stop: asyncio.Event) -> None:
        tail = b""
        async for chunk in response.aiter_bytes():
            now = time.perf_counter()
            whole, tail = whole_events(tail + chunk)
            if not whole:
                continue
            self.seqs.extend(int(m) for m in SEQ.findall(whole))
            if self.probe:
                for line in whole.split(b"\n"):
                    if line.startswith(b"data: "):
                        item = json.loads(line[6:])
                        if item.get("type") == "incident":
                            self.arrivals.setdefault(item["data"]["id"], now)
            if stop.is_set():
                return


class _Counting(asyncio.Protocol):
    """A feed's bytes as they come: the head checked, then every event's seq kept."""

    def __init__(self, subscriber: Subscriber, closed: asyncio.Future[None]) -> None:
        self.subscriber = subscriber
        self.closed = closed
        self.head: bytes | None = b""  # None once the head was read
        self.tail = b"\n"
        self.transport: asyncio.BaseTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        if self.head is not None:
            self.head += data
            end = self.head.find(b"\r\n\r\n")
            if end < 0:
                return
            if self.head.split(b" ", 2)[1] != b"200":
                assert self.transport is not None
                self.transport.close()
                return
            data, self.head = self.head[end + 4 :], None
            self.subscriber.connected.set()
        text = self.tail + data
        end = text.rfind(b"\n\n")
        if end < 0:
            self.tail = text
            return
        self.tail = text[end + 1 :]  # from the newline the next event's first line follows
        self.subscriber.seqs.extend(map(int, SEQ_AFTER_NEWLINE.findall(text, 0, end + 1)))

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(None)
