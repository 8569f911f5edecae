"""Photos and receipts on an incident: attach, list, read back.

``attach`` checks the role (``incident.note``: whoever may write on the incident may
add what they saw), that the bytes are a JPEG, PNG or PDF within the helpdesk's limit,
then in one unit of work: the bytes and their row in the encrypted store, the hash
on the incident, a note on its timeline (which the helpdesk gets as an event), the
``attachment.upload`` outbox row (sent by SHA-256, as acts are) and the audit row.
Reading the bytes back is audited too (``attachment.view``).
"""

import hashlib
from dataclasses import replace
from datetime import datetime

from app.actor import Actor
from app.domain import Incident
from app.domain.attachment import (
    MAX_ATTACHMENT_BYTES,
    AttachmentInfo,
    AttachmentKind,
    detect_content_type,
)
from app.domain.incident import add_note
from app.messages import english
from app.permissions import Action
from app.ports import UnitOfWork
from app.services import audit
from app.services.base import AuditedService
from app.services.errors import ServiceError
from app.services.incidents import IncidentNotFound
from app.sync.enqueue import queue_incident_changes
from app.sync.outbox import OutboxKind

STORED_IN = "attachments"  # the upload's bytes are in the store's table, not a file
_NOTES = {
    AttachmentKind.PHOTO: "note.photo_attached",
    AttachmentKind.RECEIPT: "note.receipt_attached",
}


class InvalidAttachment(ServiceError):
    """Bytes the console will not attach, with what to do instead."""


class AttachmentService(AuditedService):
    def attach(
        self, actor: Actor, incident_id: str, data: bytes, kind: AttachmentKind
    ) -> AttachmentInfo:
        if not data:
            raise InvalidAttachment("attachment.empty")
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise InvalidAttachment(
                "attachment.too_large", size_mb=len(data) >> 20, max_mb=MAX_ATTACHMENT_BYTES >> 20
            )
        content_type = detect_content_type(data)
        if content_type is None:
            raise InvalidAttachment("attachment.unsupported")
        sha = hashlib.sha256(data).hexdigest()

        def work(uow: UnitOfWork, now: datetime) -> AttachmentInfo:
            self._require(uow, actor, Action.INCIDENT_NOTE, incident_id, now)
            before = _incident(uow, incident_id)
            info = AttachmentInfo(
                incident_id, sha, kind, content_type, len(data), now, actor.staff_id
            )
            if not uow.attachments.add(info, data):
                return next(a for a in uow.attachments.for_incident(incident_id) if a.sha256 == sha)
            note = english(_NOTES[kind], {"sha": sha[:12]})
            after = add_note(before, note, actor.staff_id, now)
            if sha not in after.attachments:
                after = replace(after, attachments=(*after.attachments, sha))
            uow.incidents.save(after)
            queue_incident_changes(uow, before, after, actor, now)
            uow.outbox.enqueue(
                OutboxKind.ATTACHMENT_UPLOAD,
                incident_id,
                {"sha256": sha, "stored": STORED_IN, "content_type": content_type},
                actor_id=actor.staff_id,
                at=now,
                session_id=actor.session_id,  # sent under its author's staff token
            )
            detail = f"{kind.value} {content_type} {len(data)} B {sha[:12]}"
            audit.record(uow, actor, "incident.attach", incident_id, at=now, detail=detail)
            return info

        return self._run(work)

    def read(self, actor: Actor, incident_id: str) -> list[tuple[AttachmentInfo, bytes]]:
        """Every attachment of the incident with its bytes (to show); audited once."""

        def work(uow: UnitOfWork, now: datetime) -> list[tuple[AttachmentInfo, bytes]]:
            self._require(uow, actor, Action.INCIDENT_VIEW, incident_id, now)
            found = []
            for info in uow.attachments.for_incident(incident_id):
                data = uow.attachments.data(incident_id, info.sha256)
                if data is not None:
                    found.append((info, data))
            detail = " ".join(info.sha256[:12] for info, _ in found)
            audit.record(uow, actor, "attachment.view", incident_id, at=now, detail=detail)
            return found

        return self._run(work)


def _incident(uow: UnitOfWork, incident_id: str) -> Incident:
    incident = uow.incidents.by_id(incident_id)
    if incident is None:
        raise IncidentNotFound(incident_id)
    return incident
