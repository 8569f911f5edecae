"""Sending ``audit.checkpoint`` rows: ``POST /v1/audit/checkpoints``.

201 (stored) and 200 (held already) complete the row; anything else is refused like
every other row (a dead letter the user sees: a contradicted checkpoint matters).
The device signs checkpoints itself: they need no staff token.
"""

from __future__ import annotations

from app.sync.outbox import OutboxEntry
from app.sync.replay_steps import RowOutcomes, Step


async def send_audit_row(outcomes: RowOutcomes, row: OutboxEntry) -> Step:
    answer = await outcomes.transport.request(
        "POST",
        "/audit/checkpoints",
        json_body=row.payload,
        idempotency_key=row.idempotency_key,
    )
    if answer.status in (200, 201):
        return await outcomes.done(row)
    return await outcomes.refused(row, answer)
