"""The incident list (``GET /v1/incidents``): the incidents of the properties a read
covers (helpdesk/property_scope.py), newest opened first, each labelled with its
property's code and cut to the reader's role as every incident answer is (amounts
only to roles that may see them). Paged by an opaque cursor naming the last row sent
(its opening time and id), so rows opened meanwhile never shift a page.
"""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import HTTPException, status
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.domain import IncidentStatus
from helpdesk import views
from helpdesk.db import iso
from helpdesk.incident_json import incident_dict
from helpdesk.models import IncidentRow
from helpdesk.property_scope import ReadScope

OPEN_STATUSES = tuple(s.value for s in IncidentStatus if s.is_open)
_BAD_CURSOR = "after: not a cursor this service issued"


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    open_only: bool = False
    priority: str | None = None  # P1..P4
    limit: int = 100
    after: str | None = None  # the cursor of the page before


def page(
    session: Session, scope: ReadScope, actor: Actor, wanted: IncidentFilter
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of rows and the cursor of the next (None: this was the last)."""
    query = select(IncidentRow)
    if scope.property_ids is not None:
        query = query.where(IncidentRow.property_id.in_(scope.property_ids))
    if wanted.open_only:
        query = query.where(IncidentRow.status.in_(OPEN_STATUSES))
    if wanted.priority is not None:
        query = query.where(IncidentRow.priority == wanted.priority)
    if wanted.after is not None:
        opened, last_id = _decode(wanted.after)
        query = query.where(
            or_(
                IncidentRow.opened_at < opened,
                and_(IncidentRow.opened_at == opened, IncidentRow.id < last_id),
            )
        )
    query = query.order_by(IncidentRow.opened_at.desc(), IncidentRow.id.desc())
    rows = list(session.scalars(query.limit(wanted.limit + 1)))
    more = len(rows) > wanted.limit
    rows = rows[: wanted.limit]
    items = [
        {**views.incident_for(actor, incident_dict(row)), "property": scope.codes[row.property_id]}
        for row in rows
    ]
    return items, _encode(rows[-1]) if more else None


def _encode(row: IncidentRow) -> str:
    text = f"{iso(row.opened_at)}|{row.id}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, str]:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        opened, _, last_id = text.partition("|")
        at = datetime.fromisoformat(opened)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, _BAD_CURSOR) from None
    if at.tzinfo is None or not last_id or len(last_id) > 36:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, _BAD_CURSOR)
    return at, last_id
