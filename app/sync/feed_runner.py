"""The feed's loop: pull to the head, follow live; on trouble back off and pull again.

Its parts are in ``app.sync.feed`` (``ChangeFeed``: the pull and the live stream).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from app.sync.backoff import Backoff, wait_for
from app.sync.enrolment import Enrolment, EnrolmentRefused, NotProvisioned
from app.sync.feed import ChangeFeed, FeedRefused, LiveFeedUnavailable
from app.sync.staff_tokens import NobodySignedIn, SessionUnavailable, StaffTokens
from app.sync.transport import HelpdeskTooOld, Unreachable
from app.wire.contract import MalformedResponse

log = logging.getLogger(__name__)

LIVE_FEED_SETTLED_S = 5.0  # a live feed that ended sooner counts as a failure


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
