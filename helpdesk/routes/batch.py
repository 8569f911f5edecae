"""``/v1/batch``: a console's queued incident writes, many per request (helpdesk.batch)."""

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from app.gc_rest import cyclic_gc_paused
from helpdesk import batch
from helpdesk.auth import AuthDevice, AuthProperty
from helpdesk.context import Context, get_context
from helpdesk.edge import EdgeRoute
from helpdesk.idempotency import json_response
from helpdesk.schemas import BatchAnswer, BatchRequest, ErrorOut

router = APIRouter(prefix="/v1", tags=["sync"], route_class=EdgeRoute)

Ctx = Annotated[Context, Depends(get_context)]


@router.post(
    "/batch",
    responses={
        200: {"model": BatchAnswer, "description": "one result per operation, in order"},
        401: {"model": ErrorOut, "description": "missing or bad device token"},
        413: {"model": ErrorOut, "description": "body too large"},
        422: {"model": ErrorOut, "description": "not a batch; `detail` names the field"},
    },
)
def run_batch(
    body: BatchRequest, context: Ctx, device: AuthDevice, property_id: AuthProperty
) -> Response:
    """Up to 100 incident writes (create, change, event), each as if sent alone.

    Each operation carries what would be its headers (`idempotency_key`,
    `staff_token`, `if_match`) and gets its own result: the status and body the write
    alone would have answered, its Idempotency-Key stored and replayed the same way.
    Operations run in order, in one transaction, each in a savepoint of its own.
    """
    signed_in = batch.staff_lookup(context, device)
    # A hundred writes make ORM rows, answers and facts that live until the commit:
    # collections set off meanwhile would only walk them (6 % of a batch's CPU).
    with cyclic_gc_paused():
        prepared = [batch.prepare(context, op, signed_in) for op in body.operations]
        results = batch.execute(context, device, prepared, property_id)
    return json_response(200, batch.answer_json(results))
