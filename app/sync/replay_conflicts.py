"""A patch the helpdesk refused with 412 (someone changed the incident since): each
field changed on both sides is put to the user as a conflict; what only we changed is
sent again on top of their version, under a new key (the 412 proves the old request
was not applied); the incident is shown as the helpdesk holds it meanwhile.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace

from app.domain import Incident
from app.ports import UnitOfWork
from app.sync.apply import merge_incidents
from app.sync.conflicts import resolve
from app.sync.outbox import OutboxEntry
from app.sync.replay_steps import RowOutcomes, Step
from app.sync.transport import Answer
from app.wire.contract import MalformedResponse, current_fields, decode_incident

log = logging.getLogger(__name__)


async def settle_version_conflict(outcomes: RowOutcomes, row: OutboxEntry, answer: Answer) -> Step:
    body = answer.json()
    if not isinstance(body, dict) or "current" not in body:
        raise MalformedResponse("412 without the current incident")
    current = decode_incident(body["current"]).incident
    changes = dict(row.payload.get("changes", {}))
    base = dict(row.payload.get("base", {}))
    resolution = resolve(changes, base, current_fields(current))
    now = outcomes.clock.now()
    server_version = current.version or 0

    def work(uow: UnitOfWork) -> Step:
        for name, was, ours, theirs in resolution.conflicts:
            uow.conflicts.add(
                row.entity_id,
                name,
                base_value=was,
                local_value=ours,
                server_value=theirs,
                server_version=server_version,
                at=now,
            )
        if resolution.reapply:
            # The 412 proves the old request was not applied: a new body, a new key.
            payload = {"changes": resolution.reapply, "base": resolution.reapply_base}
            uow.outbox.rewrite(
                row.seq, payload=payload, base_version=server_version, new_key=_new_key()
            )
        else:
            uow.outbox.complete(row.seq)
        # The feed may have stored this version already while our change was pending,
        # keeping our values: take it again now that the row is settled or rewritten
        # (fields still to send stay ours); while a conflict is open, show theirs.
        merge_incidents(uow, [current], refresh=True)
        _show_server_values(uow, current, [c[0] for c in resolution.conflicts])
        return Step.RELOAD if resolution.reapply else Step.NEXT

    step = await outcomes.worker.batched(work)
    outcomes.stats.conflicts += len(resolution.conflicts)
    if resolution.conflicts:
        log.warning(
            "incident %s: %s changed on both sides; put to the user",
            row.entity_id,
            ", ".join(c[0] for c in resolution.conflicts),
        )
    outcomes.changed()
    return step


def _new_key() -> str:
    return str(uuid.uuid4())


def _show_server_values(uow: UnitOfWork, current: Incident, names: list[str]) -> None:
    if not names:
        return
    local = uow.incidents.by_ids([current.id], events=False).get(current.id)
    if local is not None:
        theirs = {name: getattr(current, name) for name in names}
        uow.incidents.save_many([replace(local, events=(), **theirs)])
