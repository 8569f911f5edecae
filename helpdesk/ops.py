"""What operations ask of a running helpdesk: is it alive, can it serve, what is it doing.

- ``GET /healthz``: liveness. The process answers; nothing else is touched, so a
  slow database never gets a live worker restarted.
- ``GET /readyz``: readiness. The database answers a read of the change log and
  the live feed is open; 503 with the failing check otherwise, so a load balancer
  sends no console to a worker that cannot serve it.
- ``GET /metrics``: Prometheus text, behind ``Authorization: Bearer <metrics token>``
  (``VIP_HELPDESK_METRICS_TOKEN``); without a configured token it is off (404).
"""

import hmac
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from helpdesk.context import Context, get_context
from helpdesk.models import Change

log = logging.getLogger(__name__)

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(context: Annotated[Context, Depends(get_context)]) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        with context.db.read() as session:
            session.execute(select(func.max(Change.seq))).scalar()
        checks["database"] = "ok"
    except SQLAlchemyError as error:
        log.warning("not ready: the database does not answer (%s)", type(error).__name__)
        checks["database"] = "unavailable"
    checks["feed"] = "closed" if context.feed.closed else "ok"
    ready = all(value == "ok" for value in checks.values())
    body = {"status": "ready" if ready else "not ready", "checks": checks}
    return JSONResponse(body, status_code=200 if ready else 503)


@router.get("/metrics")
def metrics(
    context: Annotated[Context, Depends(get_context)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    expected = context.settings.metrics_token
    if not expected:
        raise HTTPException(404, "metrics are off: set VIP_HELPDESK_METRICS_TOKEN")
    scheme, _, presented = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        presented.strip().encode(), expected.encode()
    ):
        raise HTTPException(
            401, "Authorization: the metrics token", headers={"WWW-Authenticate": "Bearer"}
        )
    body = generate_latest(context.metrics.registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
