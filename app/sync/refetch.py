"""Incidents whose local copy must be read again from the helpdesk.

A patch's answer can arrive after the feed brought a newer version of its incident
(someone changed it right after us, or our answer was lost and replayed later).
While the patch waited, that newer version was stored with *our* values of the
patched fields (``merge_incidents`` keeps pending fields), so the local copy is not
the helpdesk's. The incident is marked here, in the store (a restart keeps the
mark), in the transaction that settles the row, and read again (``GET``) right after;
a read that fails stays marked and is tried at the next replay pass.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from functools import partial

from app.domain import Incident
from app.ports import UnitOfWork
from app.sync.apply import merge_incidents
from app.sync.storeio import StoreWorker
from app.sync.transport import HelpdeskTransport
from app.wire.contract import decode_incident

log = logging.getLogger(__name__)

REFETCH_KEY = "refetch"


def mark(uow: UnitOfWork, incident_id: str) -> None:
    ids = set(marked(uow))
    ids.add(incident_id)
    uow.sync_state.set(REFETCH_KEY, json.dumps(sorted(ids)))


def marked(uow: UnitOfWork) -> list[str]:
    text = uow.sync_state.get(REFETCH_KEY)
    if not text:
        return []
    value = json.loads(text)
    return [str(i) for i in value] if isinstance(value, list) else []


def _take(uow: UnitOfWork, incident: Incident) -> None:
    merge_incidents(uow, [incident], refresh=True)
    _clear(uow, incident.id)


def _clear(uow: UnitOfWork, incident_id: str) -> None:
    ids = [i for i in marked(uow) if i != incident_id]
    if ids:
        uow.sync_state.set(REFETCH_KEY, json.dumps(ids))
    else:
        uow.sync_state.delete(REFETCH_KEY)


async def refetch_marked(
    worker: StoreWorker,
    transport: HelpdeskTransport,
    staff_token: Callable[[], Awaitable[str | None]],
) -> int:
    """Read every marked incident again, with the token ``staff_token()`` gives (asked
    only when one is marked); returns how many are still marked."""
    ids = await worker.run(marked)
    if not ids:
        return 0
    token = await staff_token()
    left = 0
    for incident_id in ids:
        path = f"/incidents/{incident_id}"
        answer = await transport.request("GET", path, staff_token=token)
        if answer.status == 200:
            await worker.run(partial(_take, incident=decode_incident(answer.json()).incident))
        elif answer.status == 404:  # nothing to take: the mark has no more use
            await worker.run(partial(_clear, incident_id=incident_id))
        else:
            log.info("incident %s: read again later (HTTP %s)", incident_id, answer.status)
            left += 1
    return left
