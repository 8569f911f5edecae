"""``/v1/audit/checkpoints``: the consoles' signed audit-chain heads, held off the device.

A console sends a checkpoint (outbox kind ``audit.checkpoint``) every N audit rows and
at sign-out / close. The key it signs with was bound to the device at enrolment
(helpdesk/enrolment.py), never taken from a checkpoint: one signed with another key,
from a device enrolled without one, or contradicting one held (same entry, different
hash) is refused. A console's log that ends before the latest checkpoint held here was
truncated: ``GET .../latest`` is what ``vip-console audit verify`` checks against.
"""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, status
from fastapi.responses import JSONResponse
from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from app.security.audit_chain import Checkpoint, signature_valid
from helpdesk.auth import AuthDevice
from helpdesk.context import Context, get_context
from helpdesk.db import utcnow
from helpdesk.edge import EdgeRoute
from helpdesk.models import Base, Device, UtcDateTime
from helpdesk.schemas import CheckpointCreate

router = APIRouter(prefix="/v1/audit", tags=["audit"], route_class=EdgeRoute)
Ctx = Annotated[Context, Depends(get_context)]


class AuditCheckpointRow(Base):
    __tablename__ = "audit_checkpoints"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    entry_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[str] = mapped_column(String(40), nullable=False)
    public_key: Mapped[str] = mapped_column(String(64), nullable=False)
    signature: Mapped[str] = mapped_column(Text, nullable=False)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)


def _checkpoint(row: AuditCheckpointRow) -> Checkpoint:
    return Checkpoint(
        entry_id=row.entry_id,
        hash=row.hash,
        at=row.at,
        device_id=row.device_id,
        public_key=row.public_key,
        signature=row.signature,
    )


@router.post("/checkpoints")
def post_checkpoint(body: CheckpointCreate, context: Ctx, device: AuthDevice) -> JSONResponse:
    """Store a signed chain head; the same one again answers 200."""
    checkpoint = Checkpoint(**body.model_dump())
    if checkpoint.device_id != device:
        raise HTTPException(403, "device_id: not the authenticated device")
    with context.db.write(lock_changes=False) as session:
        bound = session.scalar(select(Device.checkpoint_public_key).where(Device.id == device))
        if bound is None:
            raise HTTPException(403, "public_key: no checkpoint key was bound at enrolment")
        if checkpoint.public_key != bound:
            raise HTTPException(403, "public_key: not the key bound to this device at enrolment")
        if not signature_valid(checkpoint, bound):
            raise HTTPException(422, "signature: does not verify with the device's key")
        existing = session.get(AuditCheckpointRow, (device, checkpoint.entry_id))
        if existing is not None:
            if existing.hash != checkpoint.hash:
                raise HTTPException(409, "hash: contradicts the checkpoint held for this entry")
            return JSONResponse(checkpoint.to_json(), status_code=status.HTTP_200_OK)
        session.add(AuditCheckpointRow(**checkpoint.to_json(), received_at=utcnow()))
    return JSONResponse(checkpoint.to_json(), status_code=status.HTTP_201_CREATED)


@router.get("/checkpoints/{device_id}/latest")
def latest_checkpoint(
    device_id: Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")],
    context: Ctx,
    _device: AuthDevice,
) -> dict[str, object]:
    """The newest checkpoint held for ``device_id``; 404 when there is none."""
    with context.db.read() as session:
        # A device provisioned again has a new key: its earlier checkpoints are kept,
        # but the latest is the latest under the key bound now.
        bound = select(Device.checkpoint_public_key).where(Device.id == device_id)
        row = session.scalar(
            select(AuditCheckpointRow)
            .where(AuditCheckpointRow.device_id == device_id)
            .where(AuditCheckpointRow.public_key == bound.scalar_subquery())
            .order_by(AuditCheckpointRow.entry_id.desc())
            .limit(1)
        )
        if row is None:
            raise HTTPException(404, "no checkpoint held for this device")
        return _checkpoint(row).to_json()
