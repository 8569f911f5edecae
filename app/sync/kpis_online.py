"""The helpdesk's KPIs for the whole property (``GET /v1/kpis``), for ``KpiService.online``.

Asked on the console's loop (the engine's), with the signed-in staff member's token, and
given up on after ``KPI_WAIT_S``: a slow or absent helpdesk means the console's own
figures, never a frozen page. Any answer but a well-formed report is None (the caller
falls back on the store) and a line in the log, never an error on screen.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import TYPE_CHECKING

from app.actor import Actor
from app.kpis import KpiReport, from_json
from app.sync.staff_tokens import SessionRefused, SessionUnavailable
from app.sync.transport import Unreachable
from app.wire.contract import MalformedResponse, format_time

if TYPE_CHECKING:
    from app.sync.engine import SyncEngine

log = logging.getLogger(__name__)

KPI_WAIT_S = 3.0  # the page shows within the 5 s of a write even when this times out


class HelpdeskKpis:
    """``OnlineKpis`` over a sync engine: None unless its link is up."""

    def __init__(self, engine: SyncEngine, wait_s: float = KPI_WAIT_S) -> None:
        self._engine = engine
        self._wait_s = wait_s

    async def __call__(self, actor: Actor, since: datetime, until: datetime) -> KpiReport | None:
        engine = self._engine
        transport, tokens = engine.transport, engine.tokens
        if not engine.status.online or transport is None or tokens is None:
            return None
        params = {"since": format_time(since), "until": format_time(until)}
        try:
            async with asyncio.timeout(self._wait_s):
                token = await tokens.for_session(actor.session_id)
                answer = await transport.request("GET", "/kpis", params=params, staff_token=token)
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
            return from_json(answer.json())
        except (MalformedResponse, KeyError, TypeError, ValueError) as error:
            log.warning("KPIs from the helpdesk malformed: %s", error)
            return None
