"""Sending ``audit.checkpoint`` rows: ``POST /v1/audit/checkpoints``.

201 (stored) and 200 (held already) complete the row; anything else is refused like
every other row (a dead letter the user sees: a contradicted checkpoint matters).
The device signs checkpoints itself: they need no staff token.

Checkpoints waiting one after another (a shift's work replayed after hours offline:
one per action) go as one request: the last of them, with the row hashes of all of
them. It proves what each of them would have, since every row links to the one
before; the helpdesk keeps the latest head, which is what a truncated log is
checked against. If that request is refused for good, the first row goes alone, so
the refusal is settled on the row it belongs to; an answer that means "not now" (5xx,
429, a token refused) makes the first row wait as it would alone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.sync.outbox import OutboxEntry, OutboxKind
from app.sync.replay_steps import TRANSIENT_STATUSES, RowOutcomes, Step

log = logging.getLogger(__name__)

MAX_LINKS = 1000  # row hashes per checkpoint: the helpdesk's limit


def checkpoints_together(rows: Sequence[OutboxEntry], index: int, now: datetime) -> int:
    """How many rows from ``rows[index]`` (a checkpoint) can go in one request."""
    links = 0
    count = 0
    for row in rows[index:]:
        due = row.next_attempt_at is None or row.next_attempt_at <= now
        carried = row.payload.get("rows")
        if row.kind is not OutboxKind.AUDIT_CHECKPOINT or row.is_dead or not due:
            break
        if not isinstance(carried, list) or links + len(carried) > MAX_LINKS:
            break
        links += len(carried)
        count += 1
    return max(1, count)


async def send_audit_rows(outcomes: RowOutcomes, rows: Sequence[OutboxEntry]) -> Step:
    """Send ``rows`` (checkpoints in order) as one: NEXT when only the first was
    settled, RELOAD when all of them were (the caller reads what is left)."""
    if len(rows) > 1:
        head = rows[-1]
        payload: dict[str, Any] = {**head.payload, "rows": _links_of(rows)}
        answer = await _post(outcomes, payload, head.idempotency_key)
        if answer.status in (200, 201):
            await outcomes.done_together(rows)
            return Step.RELOAD
        if not _permanent(answer.status):  # not now: the first row waits, as alone
            return await outcomes.refused(rows[0], answer)
        log.info("%d checkpoints together: HTTP %d; the first goes alone", len(rows), answer.status)
    return await send_audit_row(outcomes, rows[0])


async def send_audit_row(outcomes: RowOutcomes, row: OutboxEntry) -> Step:
    answer = await _post(outcomes, row.payload, row.idempotency_key)
    if answer.status in (200, 201):
        return await outcomes.done(row)
    return await outcomes.refused(row, answer)


async def _post(outcomes: RowOutcomes, payload: dict[str, Any], key: str) -> Any:
    return await outcomes.transport.request(
        "POST", "/audit/checkpoints", json_body=payload, idempotency_key=key
    )


def _permanent(status: int) -> bool:
    return status < 500 and status != 401 and status not in TRANSIENT_STATUSES


def _links_of(rows: Sequence[OutboxEntry]) -> list[Any]:
    links: list[Any] = []
    for row in rows:
        links.extend(row.payload["rows"])
    return links
