"""Reading the helpdesk's changes: cursor pull, then the live SSE feed, else polling.

``pull`` reads ``/v1/changes`` pages up to the head, fetching and parsing (on a
thread of their own) a few pages ahead while earlier ones are applied on the store
thread; the pages that arrived while the store was busy are applied with the last
one's cursor in one transaction. ``listen`` follows ``/v1/feed`` from the last
applied sequence (``Last-Event-ID``); heartbeats keep the read timeout from
firing, so a silent, dead connection is noticed. When the feed fails, the loop
(``app.sync.feed_runner``) goes back to pulling: polling until the live feed can be
opened again.

Both carry the staff token of whoever is signed in (the helpdesk sends what that
role may see) and wait while nobody is. When the signed-in staff sees another view
than the one the store holds (``app.permissions.device_view``: another role, or
another host), the feed is read again from the start and every record replaced by
the new view's (incidents at the same version too): what a more privileged role
left on the device is overwritten as soon as a less privileged one signs in.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from app.gc_rest import cyclic_gc_paused
from app.ports import UnitOfWork
from app.sync.apply import CURSOR_KEY, LAST_SEQ_KEY, PageRefused, applying, retry_set_aside
from app.sync.decode import Page, parse_page
from app.sync.echoes import OwnEchoes
from app.sync.live_apply import LiveApplier
from app.sync.staff_tokens import (
    StaffTokens,
    staff_token_refused,
)
from app.sync.storeio import StoreWorker
from app.sync.transport import (
    MAX_PAGE_BYTES,
    Answer,
    HelpdeskTransport,
)
from app.wire.contract import MalformedResponse

log = logging.getLogger(__name__)
T = TypeVar("T")

PAGES_PER_TRANSACTION = 4  # pages that arrived while the store was busy, applied together
PAGES_AHEAD = 3  # fetched and parsed pages waiting for the store (memory: a few MB each)
VIEW_KEY = "feed_view"  # whose view of the records the store holds


class FeedRefused(Exception):
    """The helpdesk answered the feed with an error status."""

    def __init__(
        self,
        answer_status: int,
        detail: str,
        challenge: str | None = None,
        *,
        staff_token: bool = False,
    ) -> None:
        super().__init__(f"HTTP {answer_status}: {detail}")
        self.status = answer_status
        self.challenge = challenge  # WWW-Authenticate of a 401
        self.staff_token = staff_token  # the staff token was refused, not the device's


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
        on_set_aside: Callable[[int], None] = lambda count: None,
        on_live: Callable[[bool], None] = lambda live: None,
        tokens: StaffTokens | None = None,
        echoes: OwnEchoes | None = None,
    ) -> None:
        self._worker = worker
        self._transport = transport
        self._tokens = tokens
        self._echoes = echoes
        self._refresh = False  # this pull replaces what is held (read from the start)
        self.pulled_view: str | None = None  # the view the last complete pull read
        self._page_limit = page_limit
        self._read_timeout_s = read_timeout_s
        self._on_applied = on_applied
        self._on_set_aside = on_set_aside
        self._on_live = on_live

    async def pull(self) -> int:
        """Apply every change up to the head; returns how many items were applied."""
        view = self._tokens.view if self._tokens is not None else None
        token = await self._staff_token()
        cursor, retried = await self._worker.run(lambda uow: _starting_pull(uow, view))
        if retried:
            self._on_set_aside(0)  # fewer to review now
        self._refresh = cursor is None  # from the start: replace what is held, versions too
        if not self._refresh:
            return await self._pull_pages(cursor, token, view)
        # A page's objects outlive its parse until it is applied: with the collector on,
        # a pass over the young ones walked them all (stalls of the GUI loop of 70 ms
        # and more). What they hold is freed by reference counts; cycles made meanwhile
        # wait for the end of the pull.
        with cyclic_gc_paused():
            return await self._pull_pages(cursor, token, view)

    async def _pull_pages(self, cursor: str | None, token: str | None, view: str | None) -> int:
        total = 0
        ready: asyncio.Queue[tuple[Page, bool] | Exception] = asyncio.Queue(PAGES_AHEAD)
        fetching = asyncio.ensure_future(self._fetch_pages(cursor, token, ready))
        try:
            while True:
                pages, failure = await _arrived(ready)
                counts = [page.changes.count for page, _ in pages]  # before they are released
                applied = await self._apply_pages(pages)
                for (page, _), count, aside in zip(pages, counts, applied, strict=True):
                    if aside:
                        self._on_set_aside(aside)
                    total += count
                    self._on_applied(count)
                    if page.end_of_stream:
                        self.pulled_view = view
                        return total
                if failure is not None:
                    raise failure
        except Exception:
            await self._resume_search_index()  # what this pull applied is searchable
            raise
        finally:
            if not fetching.done():
                fetching.cancel()
                await asyncio.gather(fetching, return_exceptions=True)

    async def _fetch_pages(
        self,
        cursor: str | None,
        token: str | None,
        ready: asyncio.Queue[tuple[Page, bool] | Exception],
    ) -> None:
        """Fetch and parse pages up to the head while earlier ones apply (each with
        whether it reads from the start); a failure ends the line."""
        try:
            while True:
                page = await self._fetch(cursor, token)
                await ready.put((page, self._refresh))
                if page.end_of_stream:
                    return
                cursor = page.next_cursor
        except Exception as error:
            await ready.put(error)

    async def _apply_pages(self, pages: list[tuple[Page, bool]]) -> list[int]:
        """Pages that arrived while the store was busy, in one transaction (a commit
        rewrites every index page the rows touched: fewer commits, less written); if
        the store refuses them together, each alone. Returns each page's set-aside count."""
        if len(pages) > 1:
            works = [_page_work(page, refresh, whole=True) for page, refresh in pages]
            try:
                return await self._worker.run(
                    lambda uow: _released([p for p, _ in pages], [work(uow) for work in works])
                )
            except PageRefused as refused:
                log.warning("%d change pages did not apply together (%s)", len(pages), refused)
        return [await self._apply_page(page, refresh) for page, refresh in pages]

    async def _apply_page(self, page: Page, refresh: bool) -> int:
        """The page whole in one transaction; refused, again with the per-item fallback."""
        try:
            return await self._worker.run(_page_work(page, refresh, whole=True, release=True))
        except PageRefused as refused:
            log.warning("a change page did not apply whole (%s); applying item by item", refused)
        return await self._worker.run(_page_work(page, refresh, whole=False, release=True))

    async def _resume_search_index(self) -> None:
        try:
            await self._worker.run(lambda uow: uow.guests.resume_search_index())
        except Exception:  # the store's own trouble: the next open rebuilds it
            log.exception("could not rebuild the guests' name index after a failed pull")

    async def _staff_token(self) -> str | None:
        return await self._tokens.current_token() if self._tokens is not None else None

    async def _fetch(self, cursor: str | None, token: str | None) -> Page:
        params: dict[str, Any] = {"limit": self._page_limit}
        if cursor:
            params["cursor"] = cursor
        answer = await self._transport.request(
            "GET", "/changes", params=params, max_bytes=MAX_PAGE_BYTES, staff_token=token
        )
        if answer.status in (400, 410, 422) and cursor:
            # The helpdesk no longer knows our cursor (or it was another view's): read
            # from the start (idempotent), replacing what is held.
            log.warning("cursor refused (%s); reading the changes from the start", answer.status)
            await self._worker.run(lambda uow: uow.sync_state.delete(CURSOR_KEY))
            self._refresh = True
            return await self._fetch(None, token)
        if answer.status != 200:
            refused = staff_token_refused(answer)
            challenge = answer.headers.get("www-authenticate")
            raise FeedRefused(answer.status, answer.detail(), challenge, staff_token=refused)
        _check_json(answer)
        return await self._worker.decode(lambda: self._parse_and_prepare(answer.body))

    def _parse_and_prepare(self, body: bytes) -> Page:
        """The page parsed, its guests made into the store's rows: the store thread
        then only writes them."""
        page = parse_page(body)
        if page.changes.guests:
            page.changes.prepared_guests = self._worker.prepare_guests(page.changes.guests)
        return page

    async def listen(self) -> None:
        """Follow the live feed until it ends; raises when it cannot be followed."""
        last_seq = await self._worker.run(lambda uow: uow.sync_state.get(LAST_SEQ_KEY))
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-store"}
        if last_seq:
            headers["Last-Event-ID"] = last_seq
        applier = LiveApplier(self._worker, self._on_applied, self._on_set_aside, self._echoes)
        token = await self._staff_token()
        async with self._transport.open_stream(
            "/feed", headers=headers, read_timeout_s=self._read_timeout_s, staff_token=token
        ) as response:
            if response.status_code != 200:
                body = await response.aread()
                if response.status_code in (404, 405, 501):
                    raise LiveFeedUnavailable(f"HTTP {response.status_code}")
                refused = Answer(response.status_code, response.headers, body)
                raise FeedRefused(
                    refused.status,
                    body[:200].decode("utf-8", "replace"),
                    response.headers.get("www-authenticate"),
                    staff_token=staff_token_refused(refused),
                )
            kind = response.headers.get("content-type", "").partition(";")[0].strip()
            if kind != "text/event-stream":
                raise LiveFeedUnavailable(f"the feed answered {kind or 'no content type'}")
            self._on_live(True)
            try:
                async for text in response.aiter_text():
                    applier.add(text)  # cut into events, parsed and decoded off this thread
            except BaseException:
                self._on_live(False)
                await applier.drain(raising=False)  # the error on its way is the one
                raise
            self._on_live(False)
            await applier.drain()


async def _arrived(
    ready: asyncio.Queue[tuple[Page, bool] | Exception],
) -> tuple[list[tuple[Page, bool]], Exception | None]:
    """The next page, with those already waiting behind it (up to a transaction's
    worth), and the failure that ended the line if it is among them."""
    pages: list[tuple[Page, bool]] = []
    arrived = await ready.get()
    while True:
        if isinstance(arrived, Exception):
            return pages, arrived
        pages.append(arrived)
        if len(pages) == PAGES_PER_TRANSACTION or arrived[0].end_of_stream or ready.empty():
            return pages, None
        arrived = ready.get_nowait()


def _released(pages: list[Page], result: T) -> T:
    """``result``, the pages' records let go of (they applied: not needed again)."""
    for page in pages:
        page.changes.release()
    return result


def _page_work(
    page: Page, refresh: bool, *, whole: bool, release: bool = False
) -> Callable[[UnitOfWork], int]:
    """Applying ``page``: reading from the start, the guests' name index is paused until
    the last page (offline_cache.search_index: rebuilt once, not kept row by row).
    ``release``: its records let go of once it applied (``_released``)."""
    index = {"pause_index": refresh, "resume_index": page.end_of_stream}
    work = applying(page.changes, page.next_cursor, refresh, whole, **index)
    if not release:
        return work
    return lambda uow: _released([page], work(uow))


def _starting_pull(uow: UnitOfWork, view: str | None) -> tuple[str | None, int]:
    """The cursor, after one more try of what the store refused before (if anything).
    A store holding another view's records reads from the start (no cursor)."""
    if view is not None and uow.sync_state.get(VIEW_KEY) != view:
        uow.sync_state.delete(CURSOR_KEY)
        uow.sync_state.delete(LAST_SEQ_KEY)
        uow.sync_state.set(VIEW_KEY, view)
    retried = retry_set_aside(uow) if uow.set_aside.count_open() else 0
    return uow.sync_state.get(CURSOR_KEY), retried


def _check_json(answer: Answer) -> None:
    if "json" not in answer.headers.get("content-type", ""):
        raise MalformedResponse(
            f"changes page: expected JSON, got {answer.headers.get('content-type')!r:.60}"
        )
