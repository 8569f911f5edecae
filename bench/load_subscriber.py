"""A simulated console's live feed for ``bench.helpdesk_load``: a probe reads every
event's data (when each incident arrived), the others count sequence numbers only,
over a bare socket."""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field

import httpx

SEQ = re.compile(rb"^id: (\d+)$", re.MULTILINE)


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
        chunk, times a thousand streams, made the load generator the ceiling it measured."""
        url = client.base_url
        while not stop.is_set():
            headers = {**client.headers, "Host": f"{url.host}:{url.port}"}
            if self.seqs:
                headers["Last-Event-ID"] = str(self.seqs[-1])
            request = "GET /v1/feed HTTP/1.1\r\n" + "".join(
                f"{name}: {value}\r\n" for name, value in headers.items()
            )
            writer = None
            try:
                reader, writer = await asyncio.open_connection(url.host, url.port)
                writer.write(request.encode("latin-1") + b"\r\n")
                head = await reader.readuntil(b"\r\n\r\n")
                if head.split(b" ", 2)[1] != b"200":
                    raise ConnectionError(head[:80])
                self.connected.set()
                tail = b""
                while chunk := await reader.read(1 << 16):
                    whole, tail = whole_events(tail + chunk)
                    self.seqs.extend(int(m) for m in SEQ.findall(whole))
            except (OSError, asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                if writer is not None:
                    writer.close()
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
