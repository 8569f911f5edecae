"""``/v1/audit/checkpoints``: the consoles' signed audit-chain heads, held off the device.

A console sends a checkpoint (outbox kind ``audit.checkpoint``) every N audit rows and
at sign-out / close. The key it signs with was bound to the device at enrolment
(helpdesk/enrolment.py), never taken from a checkpoint: one signed with another key,
from a device enrolled without one, or contradicting one held (same entry, different
hash) is refused. A console's log that ends before the latest checkpoint held here was
truncated: ``GET .../latest`` is what ``vip-console audit verify`` checks against.

Each checkpoint also brings the hash of every row since the one before (``rows``): the
helpdesk keeps them and checks the chain's continuity per device
(``helpdesk.audit_continuity``); a gap, a fork or a rollback is refused (409) and
raises an alert (``GET /v1/audit/alerts``, and a warning in the log).
``GET /v1/audit/rows/{device_id}`` serves the hashes held, for ``vip-console audit
verify --against-helpdesk``. ``GET /v1/audit/cross-property-reads``: the reads group duty
managers made beyond their property (``helpdesk.cross_property_audit``).
"""

import logging
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, status
from fastapi.responses import JSONResponse
from pydantic import Field, StringConstraints
from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from app.domain import Role
from app.security.audit_chain import Checkpoint, signature_valid
from helpdesk import cross_property_audit
from helpdesk.audit_continuity import AuditAlert, Finding, Link, held_links, judge, keep
from helpdesk.auth import AuthDevice, AuthProperty, AuthStaff
from helpdesk.context import Context, get_context
from helpdesk.db import utcnow
from helpdesk.edge import EdgeRoute, Strict
from helpdesk.models import Base, Device, PropertyRow, UtcDateTime
from helpdesk.property_scope import is_group_reader
from helpdesk.schemas import CheckpointCreate

log = logging.getLogger(__name__)
MAX_ROWS = 1000  # per checkpoint: a console signs at least every 100 rows
Sha = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class RowLink(Strict):
    """One audit row's place in the chain (never its content)."""

    id: Annotated[int, Field(ge=1, le=2**31 - 1, strict=True)]
    prev_hash: Sha
    hash: Sha


class CheckpointWithRows(CheckpointCreate):
    rows: Annotated[list[RowLink], Field(max_length=MAX_ROWS)] | None = None


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
def post_checkpoint(body: CheckpointWithRows, context: Ctx, device: AuthDevice) -> JSONResponse:
    """Store a signed chain head and the row hashes since the one before; the same one
    again answers 200; one that does not continue the device's chain 409, alerted."""
    links = [Link(r.id, r.prev_hash, r.hash) for r in body.rows or ()]
    checkpoint = Checkpoint(**body.model_dump(exclude={"rows"}))
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
            if existing.hash == checkpoint.hash:
                return JSONResponse(checkpoint.to_json(), status_code=status.HTTP_200_OK)
        finding = judge(session, device, bound, links, (checkpoint.entry_id, checkpoint.hash))
        if finding is None and existing is not None:  # no rows held to tell more
            finding = Finding("fork", checkpoint.entry_id, "contradicts the checkpoint held")
        if finding is None:
            keep(session, device, bound, links)
            session.add(AuditCheckpointRow(**checkpoint.to_json(), received_at=utcnow()))
    if finding is not None:
        _alert(context, device, finding)
        raise HTTPException(
            409, f"audit chain: {finding.kind} at entry {finding.entry_id}: {finding.detail}"
        )
    return JSONResponse(checkpoint.to_json(), status_code=status.HTTP_201_CREATED)


def _alert(context: Context, device: str, finding: Finding) -> None:
    """Kept apart from the refused checkpoint: the alert stays."""
    if finding.kind == "malformed":
        return  # a console's bug, not a rewritten log: the 409 says it
    log.warning(
        "AUDIT ALERT: device %s, %s at entry %d: %s",
        device,
        finding.kind,
        finding.entry_id,
        finding.detail,
    )
    with context.db.write(lock_changes=False) as session:
        session.add(
            AuditAlert(
                device_id=device,
                kind=finding.kind,
                entry_id=finding.entry_id,
                detail=finding.detail,
                raised_at=utcnow(),
            )
        )


@router.get("/rows/{device_id}")
def row_hashes(
    device_id: Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")],
    context: Ctx,
    _device: AuthDevice,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 10_000,
) -> dict[str, object]:
    """The row hashes held for ``device_id`` under the key bound to it now."""
    with context.db.read() as session:
        bound = session.scalar(select(Device.checkpoint_public_key).where(Device.id == device_id))
        links = held_links(session, device_id, bound, after, limit) if bound else []
    return {"device_id": device_id, "rows": [[x.id, x.prev_hash, x.hash] for x in links]}


@router.get("/alerts")
def alerts(
    context: Ctx, _device: AuthDevice, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> dict[str, object]:
    """The newest audit-chain alerts, every device (gap, fork, rollback)."""
    with context.db.read() as session:
        rows = session.scalars(select(AuditAlert).order_by(AuditAlert.id.desc()).limit(limit))
        found = [
            {
                "device_id": a.device_id,
                "kind": a.kind,
                "entry_id": a.entry_id,
                "detail": a.detail,
                "raised_at": a.raised_at.isoformat(),
            }
            for a in rows
        ]
    return {"alerts": found}


@router.get("/cross-property-reads")
def cross_property_reads(
    context: Ctx,
    staff: AuthStaff,
    property_id: AuthProperty,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    staff_id: Annotated[str | None, Query(max_length=32)] = None,
) -> dict[str, object]:
    """The newest reads across properties (ids only, no record content), for a duty
    manager: of their property's records, or every one for a group duty manager."""
    if staff.role is not Role.DUTY_MANAGER:
        log.warning(
            "audit: staff %s (%s) asked for the reads across properties: refused",
            staff.staff_id,
            staff.role.value,
        )
        raise HTTPException(status.HTTP_403_FORBIDDEN, "audit: duty managers only")
    with context.db.read() as session:
        own = session.get(PropertyRow, property_id)
        about = None if is_group_reader(session, staff) or own is None else own.code
        return {"reads": cross_property_audit.recent(session, limit, staff_id, about)}


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
