"""Sending the guest rows of the outbox (``guest.create``, ``guest.patch``).

A create is idempotent by the guest's UUID and its create body (a retry under any
key answers 200); a patch is applied last-writer-wins by the helpdesk. Either answer
only removes the row: the guest as the helpdesk stores it comes back through the
change feed.
"""

from __future__ import annotations

from app.sync.outbox import OutboxEntry, OutboxKind
from app.sync.replay_steps import RowOutcomes, Step

GUEST_KINDS = frozenset({OutboxKind.GUEST_CREATE, OutboxKind.GUEST_PATCH})


async def send_guest_row(outcomes: RowOutcomes, row: OutboxEntry) -> Step:
    if row.kind is OutboxKind.GUEST_CREATE:
        method, path, body = "POST", "/guests", row.payload
    else:
        method, path, body = "PATCH", f"/guests/{row.entity_id}", row.payload.get("changes", {})
    answer = await outcomes.transport.request(
        method,
        path,
        json_body=body,
        staff_token=await outcomes.staff_token(row),
        idempotency_key=row.idempotency_key,
    )
    if answer.status in (200, 201):
        return await outcomes.done(row)
    return await outcomes.refused(row, answer)
