"""``/v1/guests``: walk-ins registered at a console (create, idempotent by UUID),
preference edits (last writer wins, ordered by the helpdesk's time), and one guest read
by id: the device's property's, or another's for a group duty manager
(``?property=CODE|ALL``, helpdesk/property_scope.py; audited, read-only).

The two writes append a ``guest`` change, so every console receives the guest through
the feed. Bodies are checked as every body is (``helpdesk.guest_schema``,
``helpdesk.edge``).
"""

import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, status
from fastapi.responses import Response
from sqlalchemy import select

from app.domain import Guest
from app.permissions import Action
from app.wire import codec
from app.wire.codec import DecodeError
from helpdesk import changes, idempotency, roles, views
from helpdesk.auth import AuthDevice, AuthProperty, AuthStaff
from helpdesk.context import Context, get_context
from helpdesk.cross_property_audit import GUEST, one_record_answer
from helpdesk.edge import EdgeRoute, validate_body
from helpdesk.guest_schema import GuestCreate, GuestPatch
from helpdesk.models import GuestRow
from helpdesk.properties import owned, refused
from helpdesk.property_scope import AskedProperty, read_scope, scoped_row
from helpdesk.schemas import UuidStr, canonical

router = APIRouter(prefix="/v1/guests", tags=["guests"], route_class=EdgeRoute)

Ctx = Annotated[Context, Depends(get_context)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]


def _decode_guest(body: dict[str, Any]) -> Guest:
    """The guest in ``body``: checked at the edge (422 naming the field), then decoded."""
    validate_body(GuestCreate, body)
    try:
        guest = codec.decode(body, Guest)
    except DecodeError as error:  # the field named, the value never echoed (a card number?)
        message = error.field_message if error.path else f"body: {error.problem}"
        raise HTTPException(422, message[:200]) from None
    assert isinstance(guest, Guest)
    return guest


@router.post("", status_code=status.HTTP_201_CREATED)
def create_guest(
    body: Annotated[dict[str, Any], Body()],
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Create a guest from the console's record.

    The same id and create body again (a retry, under any key) answer 200 with the
    guest as it is now, however it was edited since; another body with that id, 409."""
    guest = _decode_guest(body)
    text = changes.dumps(body)
    create_sha = idempotency.fingerprint(body)

    def work(session: Any, now: Any) -> tuple[int, str]:
        roles.check_guest_create(session, staff, guest)
        existing = session.get(GuestRow, guest.id)
        if existing is not None and existing.property_id != property_id:
            refused("GuestRow", guest.id, property_id, existing.property_id, device)
            return status.HTTP_403_FORBIDDEN, changes.dumps(
                {"detail": "id: not a guest of this property"}
            )
        if existing is not None:
            if existing.create_sha256 == create_sha:
                # The guest as it is now, as this role may see it.
                return status.HTTP_200_OK, views.guest_for(staff, existing.data)
            return status.HTTP_409_CONFLICT, changes.dumps(
                {"detail": f"id: guest {guest.id} already exists with a different body"}
            )
        taken = session.scalar(
            select(GuestRow.id).where(
                GuestRow.card_number == guest.card_number, GuestRow.property_id == property_id
            )
        )
        if taken is not None:
            return status.HTTP_409_CONFLICT, changes.dumps(
                {"detail": "card_number: already belongs to another guest"}
            )
        session.add(
            GuestRow(
                id=guest.id,
                property_id=property_id,
                card_number=guest.card_number,
                data=text,
                updated_at=now,
                create_sha256=create_sha,
            )
        )
        changes.append(session, "guest", guest.id, body, now)
        return status.HTTP_201_CREATED, text

    request = "POST /v1/guests"
    return idempotency.run(
        context,
        idempotency_key,
        request,
        body,
        device,
        staff.staff_id,
        work,
        property_id=property_id,
    )


@router.get("/{guest_id}")
def get_guest(
    guest_id: UuidStr,
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    property_code: AskedProperty = None,
) -> Response:
    """The guest as the device holds it for this role (as the feed sends it); one of
    another property (a group duty manager) as the role's screen shows it, with its
    ``property`` code: no card number, no code word, the quiet-visit alias."""
    roles.require(staff, Action.GUEST_VIEW_CARD)
    scope = read_scope(context.db, staff, property_id, property_code, "a guest")
    with context.db.read() as session:
        row = scoped_row(session, GuestRow, guest_id, scope, device)
        shown = None
        if row is not None:
            # Another property's guest goes to no device's store: the screen's cut.
            render = views.guest_card_for if scope.crosses else views.guest_dict_for
            shown = (row.property_id, render(staff, row.data))
    return one_record_answer(context.db, staff, scope, GUEST, guest_id, shown)


@router.patch("/{guest_id}")
def patch_guest(
    guest_id: UuidStr,
    body: GuestPatch,
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """``{"preferences": {list: [str, ...]}}``: those lists replace the stored ones.

    No ``If-Match``: the last write the helpdesk receives wins, list by list."""
    prefs = body.lists()

    def work(session: Any, now: Any) -> tuple[int, str]:
        row = owned(session, GuestRow, guest_id, property_id, device)
        if row is not None:
            roles.check_guest_patch(session, staff, guest_id)
        else:
            roles.require(staff, Action.GUEST_EDIT_PREFERENCES)
        if row is None:
            return status.HTTP_404_NOT_FOUND, changes.dumps({"detail": f"no guest {guest_id}"})
        data = json.loads(row.data)
        data.setdefault("preferences", {}).update(prefs)
        row.data = changes.dumps(data)
        row.updated_at = now
        changes.append(session, "guest", guest_id, data, now)
        return status.HTTP_200_OK, views.guest_for(staff, row.data)

    request = f"PATCH /v1/guests/{guest_id}"
    plain = canonical(body, only_set=True)
    return idempotency.run(
        context,
        idempotency_key,
        request,
        plain,
        device,
        staff.staff_id,
        work,
        property_id=property_id,
    )
