"""``/v1/staff``: signing in (PIN, or a sign-in the device vouches for), signing out,
and the verifiers a device keeps for offline sign-in (helpdesk.staff)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, status
from fastapi.responses import Response

from app.security.session_assertion import SessionAssertion
from helpdesk import staff
from helpdesk.auth import AuthDevice
from helpdesk.changes import dumps
from helpdesk.context import Context, get_context
from helpdesk.edge import EdgeRoute
from helpdesk.idempotency import json_response
from helpdesk.schemas import ErrorOut, SessionAssertionBody, StaffSessionCreate, StaffSessionOut

router = APIRouter(prefix="/v1/staff", tags=["authentication"], route_class=EdgeRoute)

Ctx = Annotated[Context, Depends(get_context)]

_SIGN_IN_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorOut, "description": "device token refused, or staff id, PIN or code"},
    429: {"model": ErrorOut, "description": "too many wrong attempts; see Retry-After"},
}


@router.post("/sessions", responses={200: {"model": StaffSessionOut}, **_SIGN_IN_ERRORS})
def create_session(body: StaffSessionCreate, context: Ctx, device: AuthDevice) -> Response:
    """Sign in on this device: a staff token (``X-Staff-Token``) bound to it.

    Only for a staff member assigned to the device, active, within its role scope;
    the authenticator code is required when the property's policy asks for it. A wrong
    id, PIN or code is one and the same 401, counted toward the lockout."""
    granted = staff.sign_in(
        context, device, body.staff_id, body.pin, body.totp_code, body.session_id or ""
    )
    return json_response(200, dumps(granted.to_json()))


@router.post(
    "/sessions/assertion",
    responses={
        200: {"model": StaffSessionOut},
        403: {"model": ErrorOut, "description": "not vouched for: who, how old, or signature"},
    },
)
def vouched_session(body: SessionAssertionBody, context: Ctx, device: AuthDevice) -> Response:
    """A sign-in made offline on this device, signed with its key: a staff token for it."""
    assertion = SessionAssertion(**body.model_dump())
    granted = staff.exchange(context, device, assertion)
    return json_response(200, dumps(granted.to_json()))


@router.delete("/sessions/current", status_code=status.HTTP_204_NO_CONTENT)
def end_session(
    context: Ctx,
    device: AuthDevice,
    x_staff_token: Annotated[str | None, Header(alias="X-Staff-Token")] = None,
) -> Response:
    """Sign out: the token, and the sign-in it came from, are refused from now on."""
    staff.revoke(context, device, x_staff_token or "")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/verifiers")
def verifiers(context: Ctx, device: AuthDevice) -> Response:
    """The staff assigned to this device, each with the PIN verifier (and authenticator
    secret) an offline sign-in checks: what this device keeps in its encrypted store.
    Nobody else's: the change feed never carries a verifier."""
    return json_response(200, dumps({"staff": staff.verifiers_for(context, device)}))
