"""The permission table of ``app.permissions``, enforced on every helpdesk route.

The console checks each action before it writes; the helpdesk checks the same table
again against the staff token's role, and the fields a write names against the
token's identity: whoever holds a device token and a concierge's PIN gets a
concierge's rights, and acts only as that concierge, from that device.

A refusal is a 403 naming the field or the action (``{"detail", "error":
"forbidden"}``); a staff id that is no staff member is a 422.
"""

import json
from typing import Any

from fastapi import HTTPException, status
from sqlalchemy.orm import Session

from app.actor import Actor
from app.domain import EventKind, Guest, IncidentStatus
from app.permissions import Action, GuestField, allowed, visible_guest_fields
from app.recovery.delivery import read_delivery
from app.wire import codec
from helpdesk import incidents
from helpdesk.db import writing_property
from helpdesk.models import GuestRow, IncidentRow, StaffRow
from helpdesk.schemas import EventCreate, IncidentCreate, IncidentPatch

A = Action

# What each timeline entry is an act of (the console's services call the same actions).
EVENT_ACTIONS: dict[EventKind, Action] = {
    EventKind.OPENED: A.INCIDENT_OPEN,
    EventKind.STATUS_CHANGED: A.INCIDENT_CHANGE_STATUS,
    EventKind.PRIORITY_CHANGED: A.INCIDENT_ESCALATE,
    EventKind.ASSIGNED: A.INCIDENT_ASSIGN,
    EventKind.ESCALATED: A.INCIDENT_ESCALATE,
    EventKind.REACTED: A.INCIDENT_RECORD_MILESTONE,
    EventKind.DECIDED: A.INCIDENT_RECORD_MILESTONE,
    EventKind.STABILISED: A.INCIDENT_RECORD_MILESTONE,
    EventKind.NOTE: A.INCIDENT_NOTE,
    EventKind.COMPENSATION_PROMISED: A.COMPENSATION_OFFER,
    EventKind.COMPENSATION_DELIVERED: A.COMPENSATION_DELIVER,
    EventKind.CONFLICT_SETTLED: A.SYNC_RESOLVE,
    EventKind.SATISFACTION_RECORDED: A.INCIDENT_CHANGE_STATUS,  # part of resolving
}

# What changing each patchable incident field is an act of.
PATCH_ACTIONS: dict[str, Action] = {
    "status": A.INCIDENT_CHANGE_STATUS,
    "priority": A.INCIDENT_ESCALATE,
    "owner_id": A.INCIDENT_ASSIGN,
    "manual_escalation_level": A.INCIDENT_ESCALATE,
    "guest_id": A.INCIDENT_OPEN,  # linking the guest is part of filing (a walk-in re-pointed)
    "summary": A.INCIDENT_NOTE,
    "desired_outcome": A.INCIDENT_NOTE,
    "satisfaction": A.INCIDENT_CHANGE_STATUS,
}


def forbidden(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_403_FORBIDDEN, detail)


def require(actor: Actor, action: Action, *, guest: Guest | None = None, what: str = "") -> None:
    if not allowed(actor, action, guest=guest):
        where = f"{what}: " if what else ""
        raise forbidden(f"{where}the {actor.role.value} role may not {action.value}")


def require_any(actor: Actor, actions: tuple[Action, ...]) -> None:
    """One of ``actions`` is enough (a PDF: an act signed, or a report signed off)."""
    if not any(allowed(actor, action) for action in actions):
        names = " or ".join(action.value for action in actions)
        raise forbidden(f"the {actor.role.value} role may not {names}")


def _own(actor: Actor, value: str, name: str) -> None:
    if value != actor.staff_id:
        raise forbidden(f"{name}: must be the signed-in staff member")


def known_staff(session: Session, staff_id: str | None, name: str) -> None:
    """A staff id in a body names an active staff member of the writing transaction's
    property (422 otherwise)."""
    if staff_id is None:
        return
    # Kept for the transaction: the session's identity map holds rows weakly, and a
    # batch names the same few staff in every write.
    kept: dict[str, StaffRow | None] = session.info.setdefault("known_staff", {})
    if staff_id not in kept:
        kept[staff_id] = session.get(StaffRow, staff_id)
    row = kept[staff_id]
    if row is None or not row.active or row.property_id != writing_property(session):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"{name}: no active staff member by that id"
        )


def check_create(session: Session, actor: Actor, body: IncidentCreate) -> None:
    """An incident opened by the token's staff member, from the token's device."""
    require(actor, A.INCIDENT_OPEN)
    _own(actor, body.opened_by, "opened_by")
    if body.device_id != actor.device_id:
        raise forbidden("device_id: must be the authenticated device")
    if (body.amount is not None or body.transaction_ref) and not allowed(
        actor, A.INCIDENT_VIEW_AMOUNTS
    ):
        raise forbidden(f"amount: the {actor.role.value} role may not record amounts")
    if body.status is not IncidentStatus.NEW:
        require(actor, A.INCIDENT_CHANGE_STATUS, what="status")
    if body.manual_escalation_level:
        require(actor, A.INCIDENT_ESCALATE, what="manual_escalation_level")
    known_staff(session, body.owner_id, "owner_id")


def check_patch(session: Session, actor: Actor, body: IncidentPatch, row: IncidentRow) -> None:
    """Each field changed is an action of the token's role; an escalation only goes up."""
    changes = body.model_dump(exclude_unset=True)
    for name in changes:
        require(actor, PATCH_ACTIONS[name], what=name)
    level = changes.get("manual_escalation_level")
    if level is not None and level < row.manual_escalation_level:
        raise forbidden("manual_escalation_level: an escalation is never lowered")
    if "owner_id" in changes:
        known_staff(session, changes["owner_id"], "owner_id")


def check_event(actor: Actor, body: EventCreate) -> None:
    _own(actor, body.actor_id, "actor_id")
    require(actor, EVENT_ACTIONS[body.kind], what="kind")


def check_delivery(session: Session, incident_id: str, body: EventCreate) -> None:
    """A delivery names a promise recorded on its incident (422 otherwise): what the
    KPIs count as kept is a promise this helpdesk holds. A promise delivered twice (two
    consoles offline) is taken: the first delivery counts (``app.recovery.delivery``)."""
    if body.kind is not EventKind.COMPENSATION_DELIVERED:
        return
    delivery = read_delivery(body.detail)
    promised = {
        e.id
        for e in incidents.events_of(session, incident_id)
        if e.kind == EventKind.COMPENSATION_PROMISED.value
    }
    if delivery is None or delivery.promise_id not in promised:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "detail: names no compensation promise of this incident",
        )


def check_guest_create(session: Session, actor: Actor, guest: Guest) -> None:
    """A walk-in registered by a role that may, holding only what that role may see
    (a desk agent types no credit line, value figures or AML status)."""
    require(actor, A.WALKIN_REGISTER)
    if guest.host_id is not None:
        known_staff(session, guest.host_id, "host_id")
    blank = Guest(id=guest.id, name=guest.name, tier=guest.tier, card_number=guest.card_number)
    visible = visible_guest_fields(actor, guest)
    for field in GuestField:
        if field not in visible and _field_value(guest, field) != _field_value(blank, field):
            raise forbidden(f"{field.value}: the {actor.role.value} role may not set it")
    if guest.code_word_hash is not None and not allowed(actor, A.GUEST_VERIFY_CODE_WORD):
        raise forbidden(f"code_word_hash: the {actor.role.value} role may not set it")


def check_guest_patch(session: Session, actor: Actor, guest_id: str) -> None:
    """Preference edits: a role that may, on a guest it may edit (a host: their own)."""
    row = session.get(GuestRow, guest_id)
    guest = None if row is None else _guest(row.data)
    require(actor, A.GUEST_EDIT_PREFERENCES, guest=guest)


def _guest(data: str) -> Guest:
    decoded = codec.decode(json.loads(data), Guest)
    assert isinstance(decoded, Guest)
    return decoded


def _field_value(guest: Guest, field: GuestField) -> Any:
    value: Any = guest
    for part in field.value.split("."):
        value = getattr(value, part, None)
    return value
