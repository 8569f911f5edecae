"""Pure ASGI middleware (no ``BaseHTTPMiddleware``: it would buffer the SSE feed).

- ``ServerTime``: ``X-Server-Time`` on every response, errors included.
- ``BodyLimit``: 413 for a body over the limit, decided from ``Content-Length``
  before a byte is read, and enforced again while reading for bodies sent without
  one (chunked): reading stops at the limit, the rest is never buffered.
"""

import json
import re
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from helpdesk.db import iso_ms, utcnow

_ATTACHMENT_PATH = re.compile(r"^/v1/incidents/[^/]+/attachments/[^/]+$")


CONTRACT = 2
"""The sync contract's version, in ``X-Helpdesk-Contract`` on every answer. 2: staff
tokens (``X-Staff-Token``) and roles enforced here. A console on contract 2 that meets
an answer without it tells the user to update the helpdesk."""


GENERATION_HEADER = b"x-helpdesk-generation"


class ServerTime:
    """Every answer carries ``X-Server-Time`` (the skew estimate), the contract, and the
    database's generation (a console that knew another re-sends what it sent)."""

    def __init__(self, app: ASGIApp, generation: int) -> None:
        self.app = app
        self.generation = str(generation).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-server-time", iso_ms(utcnow()).encode()))
                headers.append((b"x-helpdesk-contract", str(CONTRACT).encode()))
                headers.append((GENERATION_HEADER, self.generation))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_time)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"body: larger than {limit} bytes")


class BodyLimit:
    def __init__(
        self, app: ASGIApp, default_limit: int, attachment_limit: int, batch_limit: int
    ) -> None:
        self.app = app
        self.default_limit = default_limit
        self.attachment_limit = attachment_limit
        self.batch_limit = batch_limit

    def limit_for(self, scope: Scope) -> int:
        if scope["method"] == "PUT" and _ATTACHMENT_PATH.match(scope["path"]):
            return self.attachment_limit
        if scope["method"] == "POST" and scope["path"] == "/v1/batch":
            return self.batch_limit
        return self.default_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _reject(send, 413, f"body: larger than {limit} bytes")
            return
        if declared == -1:
            await _reject(send, 400, "Content-Length: not a valid length")
            return
        received = 0
        started = False

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, capped_receive, tracking_send)
        except BodyTooLarge as error:  # raised where no exception handler caught it
            if started:
                raise
            await _reject(send, 413, str(error.detail))


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            valid = text.isascii() and text.isdigit() and len(text) < 19  # not "²"
            return int(text) if valid else -1
    return None


async def _reject(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers: list[Any] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
