"""Reading the helpdesk's changes: cursor pull, then the live SSE feed, else polling.

``pull`` reads ``/v1/changes`` pages up to the head, fetching the next page while
the current one is applied; each page is parsed and applied on the store thread,
with its cursor, in one transaction. ``listen`` follows ``/v1/feed`` from the last
applied sequence (``Last-Event-ID``); heartbeats keep the read timeout from
firing, so a silent, dead connection is noticed. When the feed fails, the loop
goes back to pulling: polling until the live feed can be opened again.

Both carry the staff token of whoever is signed in (the helpdesk sends what that
role may see) and wait while nobody is. When the signed-in staff sees another view
than the one the store holds (``app.permissions.device_view``: another role, or
another host), the feed is read again from the start and every record replaced by
the new view's (incidents at the same version too): what a more privileged role
left on the device is overwritten as soon as a less privileged one signs in.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from httpx_sse import EventSource, SSEError

from app.ports import UnitOfWork
from app.sync.apply import CURSOR_KEY, LAST_SEQ_KEY, PageRefused, applying, retry_set_aside
from app.sync.backoff import Backoff, wait_for
from app.sync.decode import Page, cyclic_gc_paused, parse_page
from app.sync.enrolment import Enrolment, EnrolmentRefused, NotProvisioned
from app.sync.live_apply import LiveApplier
from app.sync.staff_tokens import (
    NobodySignedIn,
    SessionUnavailable,
    StaffTokens,
    staff_token_refused,
)
from app.sync.storeio import StoreWorker
from app.sync.transport import (
    MAX_ANSWER_BYTES,
    MAX_PAGE_BYTES,
    Answer,
    HelpdeskTooOld,
    HelpdeskTransport,
    Unreachable,
)
from app.wire.contract import MalformedResponse

log = logging.getLogger(__name__)

LIVE_FEED_SETTLED_S = 5.0  # a live feed that ended sooner counts as a failure
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
    ) -> None:
        self._worker = worker
        self._transport = transport
        self._tokens = tokens
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
        fetching = asyncio.ensure_future(self._fetch(cursor, token))
        try:
            while True:
                page = await fetching
                if not page.end_of_stream:  # the next page travels while this one applies
                    fetching = asyncio.ensure_future(self._fetch(page.next_cursor, token))
                aside = await self._apply_page(page)
                if aside:
                    self._on_set_aside(aside)
                total += page.changes.count
                self._on_applied(page.changes.count)
                if page.end_of_stream:
                    self.pulled_view = view
                    return total
        except Exception:
            await self._resume_search_index()  # what this pull applied is searchable
            raise
        finally:
            if not fetching.done():
                fetching.cancel()
                await asyncio.gather(fetching, return_exceptions=True)

    async def _apply_page(self, page: Page) -> int:
        """The page whole in one transaction; refused, again with the per-item fallback.
        Reading from the start, the guests' name index is paused until the last page
        (offline_cache.search_index: rebuilt once, not kept row by row)."""
        changes, cursor, refresh = page.changes, page.next_cursor, self._refresh
        index = {"pause_index": refresh, "resume_index": page.end_of_stream}
        try:
            return await self._worker.run(applying(changes, cursor, refresh, True, **index))
        except PageRefused as refused:
            log.warning("a change page did not apply whole (%s); applying item by item", refused)
        return await self._worker.run(applying(changes, cursor, refresh, **index))

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
        return await self._worker.call(lambda: parse_page(answer.body))

    async def listen(self) -> None:
        """Follow the live feed until it ends; raises when it cannot be followed."""
        last_seq = await self._worker.run(lambda uow: uow.sync_state.get(LAST_SEQ_KEY))
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-store"}
        if last_seq:
            headers["Last-Event-ID"] = last_seq
        applier = LiveApplier(self._worker, self._on_applied, self._on_set_aside)
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
                    applier.add(item)
            except SSEError as error:
                raise LiveFeedUnavailable(str(error)) from error
            finally:
                self._on_live(False)
                await applier.drain()


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


class FeedRunner:
    """The feed's loop: pull to the head, follow live; on trouble back off and pull again.

    Without a working live feed it polls every ``poll_interval_s`` and tries the live
    feed again every tenth poll. Never a busy loop: a feed that ends at once backs off.
    """

    def __init__(
        self,
        feed: ChangeFeed,
        enrolment: Enrolment,
        backoff: Backoff,
        wake: asyncio.Event,
        *,
        tokens: StaffTokens | None = None,
        live_feed: bool,
        poll_interval_s: float,
        on_error: Callable[[str], None],
        on_synced: Callable[[], None],
        on_feed_error: Callable[[str], None] = lambda error: None,
    ) -> None:
        """``on_feed_error(text)``: changes the helpdesk has could not be taken (a
        refusal, a malformed page, a bug), not merely unreachable; ``""`` once a
        pull went through again."""
        self._feed, self._enrolment, self._backoff, self._wake = feed, enrolment, backoff, wake
        self._live_feed, self._poll_interval_s = live_feed, poll_interval_s
        self._on_error, self._on_synced = on_error, on_synced
        self._on_feed_error = on_feed_error
        self._tokens = tokens

    async def run(self) -> None:
        failures, polls = 0, 0
        live_allowed = self._live_feed
        while True:
            self._wake.clear()
            try:
                await self._enrolment.ensure()
                if self._tokens is not None:
                    await self._tokens.refresh_verifiers()  # every few minutes
                await self._feed.pull()
                self._on_feed_error("")
                self._on_synced()
                if live_allowed:
                    opened_at = time.monotonic()
                    # Returns when the helpdesk ends the stream, or someone else signs in.
                    if await self._listen_while_signed_in():
                        continue  # another staff member: pull for them at once
                    if time.monotonic() - opened_at > LIVE_FEED_SETTLED_S:
                        failures = 0
                        continue
                    failures += 1
                    await wait_for(self._wake, self._backoff.delay(failures) + 0.05)
                    continue
                failures, polls = 0, polls + 1
                if polls >= 10 and self._live_feed:
                    live_allowed, polls = True, 0  # try the live feed again
                await wait_for(self._wake, self._poll_interval_s)
                continue
            except asyncio.CancelledError:
                raise
            except NobodySignedIn:
                await self._wake.wait()  # a sign-in wakes the feed
                continue
            except SessionUnavailable as error:
                if error.status == 401:
                    await self._enrolment.renew(error.challenge)
                self._on_error(f"no staff token yet: {error}")
            except LiveFeedUnavailable as error:
                log.warning("live feed unavailable (%s); polling instead", error)
                live_allowed, polls = False, 0
                continue
            except NotProvisioned:  # the status says so; nothing is asked until IT provisions it
                await wait_for(self._wake, None)
                continue
            except FeedRefused as error:
                if error.staff_token:
                    self._tokens_forget()  # the signed-in session's token: ask again
                elif error.status == 401:
                    await self._enrolment.renew(error.challenge)
                self._failed(str(error))
                log.warning("change feed refused: %s", error)
            except EnrolmentRefused as error:
                self._failed(str(error))
                log.warning("enrolment refused: %s", error)
            except Unreachable as error:
                self._on_error(str(error))
            except HelpdeskTooOld as error:
                self._failed(str(error))  # the banner asks for the helpdesk's update
                log.warning("change feed: %s", error)
            except MalformedResponse as error:
                self._failed(f"malformed answer: {error}")
                log.error("change feed: %s; nothing applied", error)
            except Exception as error:  # a bug must not end sync for the rest of the shift
                log.exception("change feed failed")
                self._failed(f"changes could not be applied: {type(error).__name__}")
            failures += 1
            pause = min(self._backoff.delay(failures) + 0.05, self._poll_interval_s)
            await wait_for(self._wake, pause)

    async def _listen_while_signed_in(self) -> bool:
        """Follow the live feed; True when it stopped because the signed-in staff
        member changed (their stream carries their view, not the next one's)."""
        if self._tokens is None:
            await self._feed.listen()
            return False
        changed = self._tokens.changed
        changed.clear()
        if self._tokens.view != self._feed.pulled_view:
            return True  # signed in while the pull ran: pull for them first
        listening = asyncio.ensure_future(self._feed.listen())
        waiting = asyncio.ensure_future(changed.wait())
        try:
            await asyncio.wait({listening, waiting}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (listening, waiting):
                task.cancel()
            await asyncio.gather(listening, waiting, return_exceptions=True)
        if not listening.cancelled() and listening.exception() is not None:
            raise listening.exception()  # type: ignore[misc]
        return changed.is_set()

    def _tokens_forget(self) -> None:
        current = self._tokens.current if self._tokens is not None else None
        if self._tokens is not None and current is not None:
            self._tokens.forget(current.session_id)

    def _failed(self, error: str) -> None:
        self._on_error(error)
        self._on_feed_error(error)
