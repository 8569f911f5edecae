"""Sending a signed act, a photo or a receipt to the helpdesk (``attachment.upload``).

An act's PDF is a sealed file (``"stored": "acts"``: opened with the key in the
encrypted store, ``app.acts.store``; rows queued before sealing name its ``path``
under ``acts/``, read the same way); a photo's or a receipt's bytes are in the
encrypted store (``"stored": "attachments"``). Each is read off the event loop, in a
unit of work, and checked against the hash recorded when it was stored (changed,
missing or oversized bytes are a dead letter, never sent); the helpdesk deduplicates
by SHA-256, and the answer links the hash to the incident.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from app.acts.store import STORED_IN as ACTS_STORED
from app.acts.store import ActFileCorrupt, ActFileMissing, read_sealed
from app.ports import UnitOfWork
from app.services.attachments import STORED_IN
from app.sync.outbox import OutboxEntry
from app.sync.replay_steps import RowOutcomes, Step

MAX_UPLOAD_BYTES = 20 << 20


async def send_upload_row(outcomes: RowOutcomes, row: OutboxEntry) -> Step:
    sha, path = row.payload.get("sha256"), row.payload.get("path")
    stored = row.payload.get("stored")
    if not isinstance(sha, str) or not (
        isinstance(path, str) or stored in (STORED_IN, ACTS_STORED)
    ):
        await outcomes.dead(row, None, "attachment.upload needs sha256 and a path or the store")
        return Step.NEXT
    content_type = str(row.payload.get("content_type", "application/pdf"))
    if stored == STORED_IN:
        held = await outcomes.worker.run(lambda uow: uow.attachments.data(row.entity_id, sha))
        if held is None:
            await outcomes.dead(row, None, f"attachment {sha[:12]} is not in the store")
            return Step.NEXT
        data = held
        path = f"{STORED_IN}/{sha}"
    elif stored == ACTS_STORED:
        path = f"{ACTS_STORED}/{sha[:12]}"
        sealed = await _sealed_act(outcomes, row, sha, path)
        if sealed is None:
            return Step.NEXT
        data = sealed
    else:
        assert isinstance(path, str)
        file = Path(path) if outcomes.data_dir is None else outcomes.data_dir / path
        try:
            data = await outcomes.worker.call(file.read_bytes)
        except FileNotFoundError as error:
            if not path.startswith("acts/"):
                await outcomes.dead(row, None, f"cannot read {path}: {error}")
                return Step.NEXT
            # Queued before acts were sealed: the plain file is sealed now.
            sealed = await _sealed_act(outcomes, row, sha, path)
            if sealed is None:
                return Step.NEXT
            data = sealed
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


async def _sealed_act(outcomes: RowOutcomes, row: OutboxEntry, sha: str, path: str) -> bytes | None:
    """A sealed act's plain bytes (None: the row is a dead letter now)."""
    try:
        data: bytes = await outcomes.worker.run(
            lambda uow: read_sealed(uow, outcomes.data_dir, sha.lower())
        )
    except (ActFileMissing, ActFileCorrupt, OSError, ValueError) as error:
        await outcomes.dead(row, None, f"cannot read {path}: {error}")
        return None
    return data
