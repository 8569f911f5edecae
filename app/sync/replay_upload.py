"""Sending a signed act to the helpdesk (``attachment.upload``).

The file is read off the event loop and checked against the hash recorded when the
act was stored (a changed or oversized file is a dead letter, never sent); the
helpdesk deduplicates by SHA-256, and the answer links the hash to the incident.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from app.ports import UnitOfWork
from app.sync.outbox import OutboxEntry
from app.sync.replay_steps import RowOutcomes, Step

MAX_UPLOAD_BYTES = 20 << 20


async def send_upload_row(outcomes: RowOutcomes, row: OutboxEntry) -> Step:
    sha, path = row.payload.get("sha256"), row.payload.get("path")
    if not isinstance(sha, str) or not isinstance(path, str):
        await outcomes.dead(row, None, "attachment.upload needs sha256 and path")
        return Step.NEXT
    content_type = str(row.payload.get("content_type", "application/pdf"))
    file = Path(path) if outcomes.data_dir is None else outcomes.data_dir / path
    try:
        data = await outcomes.worker.call(file.read_bytes)
    except OSError as error:
        await outcomes.dead(row, None, f"cannot read {path}: {error}")
        return Step.NEXT
    if len(data) > MAX_UPLOAD_BYTES or hashlib.sha256(data).hexdigest() != sha.lower():
        await outcomes.dead(row, None, f"{path} is over 20 MiB or no longer matches {sha}")
        return Step.NEXT
    answer = await outcomes.transport.request(
        "PUT",
        f"/incidents/{row.entity_id}/attachments/{sha.lower()}",
        content=data,
        content_type=content_type,
        staff_token=await outcomes.staff_token(row),
        idempotency_key=row.idempotency_key,
    )
    if answer.status in (200, 201):

        def link(uow: UnitOfWork) -> None:
            uow.outbox.complete(row.seq)
            incident = uow.incidents.by_id(row.entity_id)
            if incident is not None and sha.lower() not in incident.attachments:
                attachments = (*incident.attachments, sha.lower())
                uow.incidents.save(replace(incident, attachments=attachments))

        await outcomes.complete(row, link)
        return Step.NEXT
    return await outcomes.refused(row, answer)
