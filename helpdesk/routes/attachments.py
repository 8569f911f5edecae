"""Attachments by SHA-256: uploaded once, linked to any number of incidents."""

import hashlib
import logging
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends, Header, HTTPException, Path, Request, status
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.permissions import Action
from helpdesk import changes, roles
from helpdesk.auth import AuthDevice, AuthProperty, AuthStaff
from helpdesk.context import Context, get_context
from helpdesk.db import utcnow, writing_property
from helpdesk.idempotency import json_response
from helpdesk.models import AttachmentBlob, AttachmentLink, IncidentRow
from helpdesk.properties import owned, refused
from helpdesk.schemas import AttachmentOut, ErrorOut, UuidStr
from helpdesk.sealing import opened, sealed

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1", tags=["attachments"])

Ctx = Annotated[Context, Depends(get_context)]
Sha256 = Annotated[str, Path(pattern=r"^[0-9a-fA-F]{64}$", description="lower-case hex")]

# What the first bytes of each accepted type are (its signature, "magic number").
SIGNATURES = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}
CONTENT_TYPES = frozenset(SIGNATURES)
# (to upload: any one of, to read) each kind: a PDF is a signed act, a report or a duty
# manager's sign-off of one; a photo is part of a note.
ACTIONS_BY_TYPE: dict[str, tuple[tuple[Action, ...], Action]] = {
    "application/pdf": ((Action.INCIDENT_SIGN_ACT, Action.REPORT_SIGN_OFF), Action.ACT_READ),
    "image/jpeg": ((Action.INCIDENT_NOTE,), Action.INCIDENT_VIEW),
    "image/png": ((Action.INCIDENT_NOTE,), Action.INCIDENT_VIEW),
}
SERVED_HEADERS = {
    "X-Content-Type-Options": "nosniff",  # a browser takes the declared type, never guesses
    "Cache-Control": "private, max-age=31536000",
}


def _media_type(header: str | None) -> str:
    media = (header or "").split(";")[0].strip().lower()
    if media not in CONTENT_TYPES:
        allowed = ", ".join(sorted(CONTENT_TYPES))
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"Content-Type: must be one of {allowed}"
        )
    return media


def _check_signature(media: str, content: bytes) -> None:
    """The bytes are what the Content-Type says: a "PDF" holding HTML is refused."""
    if not content.startswith(SIGNATURES[media]):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"body: does not start as {media} does"
        )


def _link(session: Session, incident_id: str, sha: str, size: int) -> None:
    now = utcnow()
    link = AttachmentLink(incident_id=incident_id, sha256=sha, created_at=now)
    link.property_id = writing_property(session)
    session.add(link)
    session.flush()
    data = {"sha256": sha, "incident_id": incident_id, "size": size}
    changes.append(session, "attachment", f"{incident_id}:{sha}", data, now)


@router.put(
    "/incidents/{incident_id}/attachments/{sha256}",
    responses={
        200: {"model": AttachmentOut, "description": "the service already had these bytes"},
        201: {"model": AttachmentOut, "description": "new bytes stored"},
        404: {"model": ErrorOut, "description": "unknown incident"},
        413: {"model": ErrorOut, "description": "over the attachment limit"},
        422: {"model": ErrorOut, "description": "SHA-256 mismatch or unsupported Content-Type"},
    },
    openapi_extra={"requestBody": {"content": {"application/pdf": {}}, "required": True}},
)
async def put_attachment(
    incident_id: UuidStr,
    sha256: Sha256,
    request: Request,
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    content_type: Annotated[str | None, Header()] = None,
) -> Response:
    """Upload the raw bytes; the service checks their SHA-256 and deduplicates by it.

    Idempotent by nature (content-addressed), so ``Idempotency-Key`` is not needed.
    A PDF is a signed act: only a role that signs acts or signs off reports uploads
    one; a photo goes with a note (``incident.note``)."""
    media = _media_type(content_type)
    roles.require_any(staff, ACTIONS_BY_TYPE[media][0])
    sha = sha256.lower()
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    async for chunk in request.stream():  # capped by the BodyLimit middleware
        digest.update(chunk)
        chunks.append(chunk)
    if digest.hexdigest() != sha:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "sha256: the body's SHA-256 does not match the path",
        )
    content = b"".join(chunks)
    _check_signature(media, content)

    def store() -> int:
        with context.db.write(property_id) as session:
            if owned(session, IncidentRow, incident_id, property_id, device) is None:
                raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident {incident_id}")
            blob = session.get(AttachmentBlob, sha)
            created = blob is None
            if blob is None:
                session.add(
                    AttachmentBlob(
                        sha256=sha,
                        size=len(content),
                        content_type=media,
                        content=sealed(context.settings.blob_key, sha, content),
                        created_at=utcnow(),
                    )
                )
                session.flush()
            if session.get(AttachmentLink, (incident_id, sha)) is None:
                _link(session, incident_id, sha, len(content))
        return status.HTTP_201_CREATED if created else status.HTTP_200_OK

    def store_once_more_on_race() -> int:
        try:
            return store()
        except IntegrityError:  # a concurrent upload of the same bytes won; now we dedupe
            return store()

    code = await anyio.to_thread.run_sync(store_once_more_on_race)
    log.info(
        "PUT attachment %s on incident %s -> %d by staff %s on device %s",
        sha,
        incident_id,
        code,
        staff.staff_id,
        device,
    )
    body = {"sha256": sha, "incident_id": incident_id, "size": len(content)}
    return json_response(code, changes.dumps(body))


@router.get(
    "/attachments/{sha256}",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}},
        403: {"description": "the role may not read acts"},
        404: {"description": "unknown"},
    },
)
def get_attachment(
    sha256: Sha256, context: Ctx, device: AuthDevice, property_id: AuthProperty, staff: AuthStaff
) -> Response:
    """The bytes of an attachment: a signed act (PDF) to roles that may read acts, a
    photo to roles that see incidents; linked to an incident of the device's property."""
    with context.db.read() as session:
        blob = session.get(AttachmentBlob, sha256.lower())
        linked = session.scalar(
            select(AttachmentLink.incident_id).where(
                AttachmentLink.sha256 == sha256.lower(), AttachmentLink.property_id == property_id
            )
        )
        if blob is not None and linked is None:
            refused("AttachmentBlob", sha256.lower(), property_id, None, device)
        if blob is None or linked is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "sha256: no such attachment")
        roles.require(staff, ACTIONS_BY_TYPE[blob.content_type][1])
        return Response(
            opened(context.settings.blob_key, blob.sha256, blob.content),
            media_type=blob.content_type,
            headers={"ETag": f'"{blob.sha256}"', **SERVED_HEADERS},
        )
