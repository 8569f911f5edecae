"""``GET /v1/kpis``: the property's KPIs (docs/kpis.md), for roles with ``kpi.view``;
``GET /v1/kpis/strip``: the three figures of the strip above every board, for every role
(``kpi.strip``), the device's property only.

A group-scoped staff member (a group duty manager, ``StaffRow.scope`` "group") may ask
for another property's (``?property=CODE``) or the whole group's (``?property=ALL``):
reading only, and audited (helpdesk/cross_property_audit.py); every write stays the
device's property's."""

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import Response

from app.kpis import KpiReport, build_report, strip_of, strip_to_json, to_json
from app.permissions import Action
from helpdesk import idempotency, kpis, roles
from helpdesk.auth import AuthDevice, AuthProperty, AuthStaff
from helpdesk.changes import dumps
from helpdesk.context import Context, get_context
from helpdesk.cross_property_audit import KPIS, record_read
from helpdesk.edge import EdgeRoute
from helpdesk.property_scope import AskedProperty, read_scope
from helpdesk.schemas import ErrorOut

router = APIRouter(prefix="/v1/kpis", tags=["kpis"], route_class=EdgeRoute)

Ctx = Annotated[Context, Depends(get_context)]
DEFAULT_WINDOW = timedelta(days=30)
STRIP_WINDOW = timedelta(hours=24)  # the console's live window (app.services.kpis)
Since = Annotated[datetime | None, Query(description="start of the period (default: 30 days ago)")]
Until = Annotated[datetime | None, Query(description="end of the period (default: now)")]


@router.get(
    "",
    responses={
        403: {
            "model": ErrorOut,
            "description": "the role may not see KPIs, or not beyond its property",
        },
        404: {"model": ErrorOut, "description": "no property by that code"},
        422: {"model": ErrorOut, "description": "a bad or empty period"},
    },
)
def get_kpis(
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    since: Since = None,
    until: Until = None,
    property_code: AskedProperty = None,
) -> Response:
    """Incidents opened in [since, until), counted as of now; the backlog is now's."""
    roles.require(staff, Action.KPI_VIEW)
    scope = read_scope(context.db, staff, property_id, property_code, "KPIs")
    report = _report(context, since, until, DEFAULT_WINDOW, scope.counted())
    record_read(context.db, staff, scope, KPIS)
    answer = idempotency.json_response(200, dumps(to_json(report)))
    answer.headers["X-Property"] = scope.label
    return answer


@router.get(
    "/strip",
    responses={
        422: {"model": ErrorOut, "description": "a bad or empty period"},
    },
)
def get_kpi_strip(
    context: Ctx,
    device: AuthDevice,
    property_id: AuthProperty,
    staff: AuthStaff,
    since: Since = None,
    until: Until = None,
) -> Response:
    """The strip's figures (SLA attainment, the queue, P1s and triggers) of the incidents
    opened in [since, until) (default: the last 24 h), the device's property only."""
    roles.require(staff, Action.KPI_STRIP)
    report = _report(context, since, until, STRIP_WINDOW, [property_id])
    return idempotency.json_response(200, dumps(strip_to_json(strip_of(report))))


def _report(
    context: Context,
    since: datetime | None,
    until: datetime | None,
    default_window: timedelta,
    counted: list[int] | None,
) -> KpiReport:
    exact_now = kpis.utc_now()
    now = exact_now.replace(microsecond=0)
    # The facts count whole seconds: the period ends at the end of the second ``until``
    # falls in, so a write a moment before a live read is in it (not after the next).
    end = _utc(until if until is not None else exact_now, "until", up=True)
    start = _utc(since, "since") if since is not None else end - default_window
    if end <= start:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "until: must come after since")
    triggers = [c.value for c in context.policy.escalation.trigger_categories]
    with context.db.read() as session:
        return build_report(kpis.totals(session, start, end, now, triggers, counted))


def _utc(value: datetime, name: str, *, up: bool = False) -> datetime:
    """``value`` in UTC to the whole second: down, or ``up`` (a fraction to the next)."""
    if value.tzinfo is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"{name}: a time needs its offset (Z)"
        )
    exact = value.astimezone(UTC)
    whole = exact.replace(microsecond=0)
    return whole + timedelta(seconds=1) if up and whole != exact else whole
