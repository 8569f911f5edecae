"""Sending the guest rows of the outbox (``guest.create``, ``guest.patch``).

A create is idempotent by the guest's UUID (and the row's key); a patch is applied
last-writer-wins by the helpdesk. Either answer only removes the row: the guest as
the helpdesk stores it comes back through the change feed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.sync.outbox import OutboxEntry, OutboxKind

if TYPE_CHECKING:
    from app.sync.replay import OutboxReplayer, Step

GUEST_KINDS = frozenset({OutboxKind.GUEST_CREATE, OutboxKind.GUEST_PATCH})


async def send_guest_row(replayer: OutboxReplayer, row: OutboxEntry) -> Step:
    from app.sync.replay import Step

    if row.kind is OutboxKind.GUEST_CREATE:
        method, path, body = "POST", "/guests", row.payload
    else:
        method, path, body = "PATCH", f"/guests/{row.entity_id}", row.payload.get("changes", {})
    answer = await replayer._transport.request(  # noqa: SLF001 (the replayer's own parts)
        method, path, json_body=body, staff_id=row.actor_id, idempotency_key=row.idempotency_key
    )
    if answer.status in (200, 201):
        await replayer._complete(row, lambda uow: uow.outbox.complete(row.seq))
        return Step.NEXT
    return await replayer._refused(row, answer)
