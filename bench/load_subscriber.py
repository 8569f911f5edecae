"""A simulated console's live feed for ``bench.helpdesk_load``, over a bare socket: every
subscriber keeps the sequence number of every event it receives; a probe also notes
when each incident arrived (its id found at its place in the event, not by parsing
the whole of its JSON)."""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from functools import partial

import httpx

# An event's seq, found by its literal start: six times cheaper than scanning for line
# starts (40 us of the load generator's CPU per chunk of ten incidents, times a
# thousand streams).
SEQ_AFTER_NEWLINE = re.compile(rb"\nid: (\d+)\n")
# An incident's id where the feed puts it: the change's envelope (helpdesk.changes
# ``item_json``), then the incident's first key (helpdesk.incident_json).
INCIDENT_ID = re.compile(
    rb'\ndata: \{"seq":\d+,"type":"incident","op":"\w+","data":\{"id":"([^"]+)"'
)
INCIDENT = re.compile(rb'\ndata: (\{"seq":\d+,"type":"incident",[^\n]*)')


@dataclass
class Subscriber:
    probe: bool
    seqs: list[int] = field(default_factory=list)
    arrivals: dict[str, float] = field(default_factory=dict)  # incident id -> when (probes)
    reconnects: int = 0
    dropped_at: list[float] = field(default_factory=list)  # when a stream ended unasked
    connected: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self, client: httpx.AsyncClient, stop: asyncio.Event) -> None:
        """The stream until ``stop``, reconnecting with ``Last-Event-ID`` as a console
        does. A protocol's callback takes each chunk (no stream reader, no task woken
        per chunk, no HTTP client's parsing): httpx's cost per chunk, times a thousand
        streams, made the load generator the ceiling it measured, and it shares the two
        cores with the helpdesk it measures."""
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
                self.dropped_at.append(time.perf_counter())
                await asyncio.sleep(0.2)

    def took(self, text: bytes, end: int, now: float) -> None:
        """The whole events in ``text[:end]`` (each after a newline), received at ``now``."""
        self.seqs.extend(map(int, SEQ_AFTER_NEWLINE.findall(text, 0, end)))
        if not self.probe:
            return
        found = INCIDENT_ID.findall(text, 0, end)
        if len(found) != len(INCIDENT.findall(text, 0, end)):  # another key order: parse
            found = [json.loads(m)["data"]["id"].encode() for m in INCIDENT.findall(text, 0, end)]
        for incident_id in found:
            self.arrivals.setdefault(incident_id.decode(), now)


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
        now = time.perf_counter()
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
        self.subscriber.took(text, end + 1, now)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(None)
