"""The helpdesk's KPIs for the whole property, for ``KpiService.online`` (``GET /v1/kpis``,
the full report) and ``KpiService.online_strip`` (``GET /v1/kpis/strip``, the strip's
three figures).

Asked on the console's loop (the engine's), with the signed-in staff member's token, and
given up on after ``KPI_WAIT_S``: a slow or absent helpdesk means the console's own
figures, never a frozen page. Any answer but a well-formed one is None (the caller falls
back on the store) and a line in the log, never an error on screen.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from app.actor import Actor
from app.kpis import KpiReport, StripFigures, from_json, strip_from_json
from app.wire.contract import MalformedResponse, format_time

if TYPE_CHECKING:
    from app.sync.engine import SyncEngine

log = logging.getLogger(__name__)

KPI_WAIT_S = 3.0  # the page shows within the 5 s of a write even when this times out

T = TypeVar("T")


class HelpdeskKpis:
    """``OnlineKpis`` over a sync engine (and ``strip``, an ``OnlineStrip``): None unless
    its link is up."""

    def __init__(self, engine: SyncEngine, wait_s: float = KPI_WAIT_S) -> None:
        self._engine = engine
        self._wait_s = wait_s

    async def __call__(self, actor: Actor, since: datetime, until: datetime) -> KpiReport | None:
        return await self._get(actor, "/kpis", _period(since, until), from_json)

    async def strip(self, actor: Actor, since: datetime, until: datetime) -> StripFigures | None:
        return await self._get(actor, "/kpis/strip", _period(since, until), strip_from_json)

    async def _get(
        self,
        actor: Actor,
        path: str,
        params: dict[str, str],
        parse: Callable[[Mapping[str, Any]], T],
    ) -> T | None:
        engine = self._engine
        transport, tokens = engine.transport, engine.tokens
        if not engine.status.online or transport is None or tokens is None:
            return None
        # Loaded with the engine's link to the helpdesk (transport set), not at start.
        from app.sync.staff_tokens import SessionRefused, SessionUnavailable
        from app.sync.transport import Unreachable

        try:
            async with asyncio.timeout(self._wait_s):
                token = await tokens.for_session(actor.session_id)
                answer = await transport.request("GET", path, params=params, staff_token=token)
        except (TimeoutError, Unreachable, SessionRefused, SessionUnavailable) as error:
            log.info("KPIs from the helpdesk unavailable (%s): the console's own", error)
            return None
        except MalformedResponse as error:
            log.warning("KPIs from the helpdesk unreadable: %s", error)
            return None
        if not answer.ok:
            log.info("KPIs from the helpdesk refused: HTTP %d %s", answer.status, answer.detail())
            return None
        try:
            return parse(answer.json())
        except (MalformedResponse, KeyError, TypeError, ValueError) as error:
            log.warning("KPIs from the helpdesk malformed: %s", error)
            return None


def _period(since: datetime, until: datetime) -> dict[str, str]:
    return {"since": format_time(since), "until": format_time(until)}
