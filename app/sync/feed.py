"""Reading the helpdesk's changes: cursor pull, then the live SSE feed, else polling.

``pull`` reads ``/v1/changes`` pages up to the head, fetching the next page while
the current one is applied; each page is parsed and applied on the store thread,
with its cursor, in one transaction. ``listen`` follows ``/v1/feed`` from the last
applied sequence (``Last-Event-ID``); heartbeats keep the read timeout from
firing, so a silent, dead connection is noticed. When the feed fails, the loop
goes back to pulling: polling until the live feed can be opened again.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any

from httpx_sse import EventSource, SSEError

from app.ports import UnitOfWork
from app.sync.apply import (
    CURSOR_KEY,
    LAST_SEQ_KEY,
    DecodedChanges,
    Page,
    apply_changes,
    decode_items,
    parse_page,
)
from app.sync.storeio import StoreWorker
from app.sync.transport import MAX_ANSWER_BYTES, MAX_PAGE_BYTES, Answer, HelpdeskTransport
from app.sync.wire import MalformedResponse

log = logging.getLogger(__name__)

MAX_LIVE_BACKLOG = 64  # live items applying at once before the reader waits


class FeedRefused(Exception):
    """The helpdesk answered the feed with an error status."""

    def __init__(self, answer_status: int, detail: str) -> None:
        super().__init__(f"HTTP {answer_status}: {detail}")
        self.status = answer_status


class LiveFeedUnavailable(Exception):
    """``/v1/feed`` is not a working event stream here: poll instead."""


class ChangeFeed:
    def __init__(
        self,
        worker: StoreWorker,
        transport: HelpdeskTransport,
        *,
        page_limit: int = 1000,
        read_timeout_s: float = 45.0,
        on_applied: Callable[[int], None] = lambda count: None,
        on_live: Callable[[bool], None] = lambda live: None,
    ) -> None:
        self._worker = worker
        self._transport = transport
        self._page_limit = page_limit
        self._read_timeout_s = read_timeout_s
        self._on_applied = on_applied
        self._on_live = on_live

    async def pull(self) -> int:
        """Apply every change up to the head; returns how many items were applied."""
        cursor = await self._worker.run(lambda uow: uow.sync_state.get(CURSOR_KEY))
        total = 0
        fetching = asyncio.ensure_future(self._fetch(cursor))
        try:
            while True:
                page = await fetching
                if not page.end_of_stream:  # the next page travels while this one applies
                    fetching = asyncio.ensure_future(self._fetch(page.next_cursor))
                await self._worker.run(_applying(page.changes, page.next_cursor))
                total += page.changes.count
                self._on_applied(page.changes.count)
                if page.end_of_stream:
                    return total
        finally:
            if not fetching.done():
                fetching.cancel()
                await asyncio.gather(fetching, return_exceptions=True)

    async def _fetch(self, cursor: str | None) -> Page:
        params: dict[str, Any] = {"limit": self._page_limit}
        if cursor:
            params["cursor"] = cursor
        answer = await self._transport.request(
            "GET", "/changes", params=params, max_bytes=MAX_PAGE_BYTES
        )
        if answer.status in (400, 410, 422) and cursor:
            # The helpdesk no longer knows our cursor: read from the start (idempotent).
            log.warning("cursor refused (%s); reading the changes from the start", answer.status)
            await self._worker.run(lambda uow: uow.sync_state.delete(CURSOR_KEY))
            return await self._fetch(None)
        if answer.status != 200:
            raise FeedRefused(answer.status, answer.detail())
        _check_json(answer)
        return await self._worker.call(lambda: parse_page(answer.body))

    async def listen(self) -> None:
        """Follow the live feed until it ends; raises when it cannot be followed."""
        last_seq = await self._worker.run(lambda uow: uow.sync_state.get(LAST_SEQ_KEY))
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-store"}
        if last_seq:
            headers["Last-Event-ID"] = last_seq
        applying: deque[asyncio.Future[None]] = deque()
        async with self._transport.open_stream(
            "/feed", headers=headers, read_timeout_s=self._read_timeout_s
        ) as response:
            if response.status_code != 200:
                body = await response.aread()
                if response.status_code in (404, 405, 501):
                    raise LiveFeedUnavailable(f"HTTP {response.status_code}")
                raise FeedRefused(response.status_code, body[:200].decode("utf-8", "replace"))
            self._on_live(True)
            try:
                async for event in EventSource(response).aiter_sse():
                    if event.event != "change":
                        continue
                    if len(event.data) > MAX_ANSWER_BYTES:
                        raise MalformedResponse(f"live item of {len(event.data)} bytes refused")
                    try:
                        item = json.loads(event.data)
                    except ValueError as error:
                        raise MalformedResponse(f"live item is not JSON: {error}") from error
                    changes = decode_items([item])
                    future = asyncio.ensure_future(self._worker.batched(_applying(changes)))
                    future.add_done_callback(partial(self._applied, count=changes.count))
                    applying.append(future)
                    while len(applying) > MAX_LIVE_BACKLOG or (applying and applying[0].done()):
                        await applying.popleft()
            except SSEError as error:
                raise LiveFeedUnavailable(str(error)) from error
            finally:
                self._on_live(False)
                if applying:
                    await asyncio.gather(*applying, return_exceptions=True)

    def _applied(self, future: asyncio.Future[None], count: int) -> None:
        if not future.cancelled() and future.exception() is None:
            self._on_applied(count)


def _applying(changes: DecodedChanges, cursor: str | None = None) -> Callable[[UnitOfWork], None]:
    def work(uow: UnitOfWork) -> None:
        apply_changes(uow, changes, cursor)

    return work


def _check_json(answer: Answer) -> None:
    if "json" not in answer.headers.get("content-type", ""):
        raise MalformedResponse(
            f"changes page: expected JSON, got {answer.headers.get('content-type')!r:.60}"
        )
