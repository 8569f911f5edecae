"""Sending ``audit.checkpoint`` rows: ``POST /v1/audit/checkpoints``.

201 (stored) and 200 (held already) complete the row; anything else is refused like
every other row (a dead letter the user sees: a contradicted checkpoint matters).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.sync.outbox import OutboxEntry

if TYPE_CHECKING:
    from app.sync.replay import OutboxReplayer, Step


async def send_audit_row(replayer: OutboxReplayer, row: OutboxEntry) -> Step:
    from app.sync.replay import Step

    answer = await replayer._transport.request(  # noqa: SLF001 (the replayer's own parts)
        "POST",
        "/audit/checkpoints",
        json_body=row.payload,
        staff_id=row.actor_id,
        idempotency_key=row.idempotency_key,
    )
    if answer.status in (200, 201):
        await replayer._complete(row, lambda uow: uow.outbox.complete(row.seq))
        return Step.NEXT
    return await replayer._refused(row, answer)
