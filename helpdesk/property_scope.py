"""Which properties a read covers: the device's own, or, for a group duty manager only,
the property asked for (``?property=CODE``) or the whole group (``?property=ALL``).

One rule for every read that may cross properties (the KPIs, the incident list, an
incident, a guest). A group reader is a staff member whose row says ``scope`` "group"
*and* whose token's role is the duty manager's: a scope left on another role (a row
edited by hand, a role changed since) reads nothing beyond its property. Everyone else
asking for another property is refused (403) and the refusal logged, staff and device
by id and the code asked for, nothing of any record. Writes never come here: they are
always the device's property's (helpdesk/properties.py).
"""

import logging
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import HTTPException, Query, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.domain import Role
from helpdesk.db import Database
from helpdesk.models import PropertyRow, StaffRow
from helpdesk.properties import ALL, GROUP_SCOPE, by_code, owned

log = logging.getLogger("helpdesk.properties")  # with the other property-scope refusals

Row = TypeVar("Row")

# ``?property=``, as every read that may cross properties takes it.
AskedProperty = Annotated[
    str | None,
    Query(
        alias="property",
        max_length=16,
        description="a property's code, or ALL (group-scoped duty managers only; "
        "default: the device's property)",
    ),
]


@dataclass(frozen=True, slots=True)
class ReadScope:
    own_property: int  # the device's
    property_ids: tuple[int, ...] | None  # None: every property of the group
    label: str  # a property's code, or ALL
    codes: dict[int, str]  # every property's code by id (to label rows)

    @property
    def crosses(self) -> bool:
        """Reaches beyond the device's property: such a read is audited."""
        return self.property_ids != (self.own_property,)

    def covers(self, property_id: int) -> bool:
        return self.property_ids is None or property_id in self.property_ids

    def counted(self) -> list[int] | None:
        """The property ids as the KPI sums take them (None: every one)."""
        return None if self.property_ids is None else list(self.property_ids)


def is_group_reader(session: Session, actor: Actor) -> bool:
    if actor.role is not Role.DUTY_MANAGER:
        return False
    scope = session.scalar(select(StaffRow.scope).where(StaffRow.id == actor.staff_id))
    return scope == GROUP_SCOPE


def read_scope(
    db: Database, actor: Actor, property_id: int, asked: str | None, what: str
) -> ReadScope:
    """The properties a read of ``what`` (for the log: "KPIs", "incidents", …) covers:
    the device's, unless a group reader asked for another property or ``ALL``.
    403 for anyone else asking beyond their property; 404 for an unknown code."""
    with db.read() as session:
        rows = session.execute(select(PropertyRow.id, PropertyRow.code))
        codes = {row.id: row.code for row in rows}
        own_code = codes.get(property_id, str(property_id))
        wanted = None if asked is None else asked.strip().upper()
        if wanted is None or wanted == own_code:
            return ReadScope(property_id, (property_id,), own_code, codes)
        if not is_group_reader(session, actor):
            log.warning(
                "property scope: staff %s on device %s asked for %s of %s: refused",
                actor.staff_id,
                actor.device_id,
                what,
                wanted[:16],
            )
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, "property: only group-scoped staff read other properties"
            )
        if wanted == ALL:
            return ReadScope(property_id, None, ALL, codes)
        other = by_code(session, wanted)
        if other is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "property: no property by that code")
        return ReadScope(property_id, (other.id,), other.code, codes)


def scoped_row(
    session: Session, model: type[Row], key: Any, scope: ReadScope, device: str
) -> Row | None:
    """The row of ``model`` at ``key`` if it belongs to a property the read covers. Of
    the device's property alone, as ``owned`` has it: another's is refused and logged."""
    if not scope.crosses:
        return owned(session, model, key, scope.own_property, device)
    row: Row | None = session.get(model, key)
    found = None if row is None else int(getattr(row, "property_id"))  # noqa: B009
    return row if found is not None and scope.covers(found) else None
