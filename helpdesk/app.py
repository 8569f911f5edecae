"""``create_app(settings)``: the FastAPI application of the central helpdesk."""

import asyncio
import importlib
import importlib.util
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from helpdesk import __version__
from helpdesk.config import Settings
from helpdesk.context import open_context
from helpdesk.db import Database, iso, utcnow
from helpdesk.errors import describe_errors
from helpdesk.incidents import backfill_kpis
from helpdesk.json_logs import AccessLog
from helpdesk.metrics import RequestMetrics
from helpdesk.middleware import CONTRACT, BodyLimit, ServerTime
from helpdesk.ops import router as ops_router
from helpdesk.pg_wake import PgWakeListener
from helpdesk.routes import (
    attachments,
    batch,
    changes,
    devices,
    guests,
    incidents,
    kpis,
    staff,
)
from helpdesk.routes_audit import router as audit_router  # registers its table
from helpdesk.staff import StaffTokenRefused

log = logging.getLogger(__name__)

OPTIONAL_ROUTERS = ("helpdesk.pki",)
"""Routers other parts of the project may add, included when their module exists.

``helpdesk.pki`` (signed acts: RFC 3161 timestamps and the CRL) is owned by the
acts work; it must expose ``router: fastapi.APIRouter``."""


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    detail, items = describe_errors(error.errors())
    log.info("422 on %s %s: %s", request.method, request.url.path, detail)
    return JSONResponse({"detail": detail, "errors": items}, status_code=422)


async def _staff_token_refused(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StaffTokenRefused)
    log.info("401 on %s %s: %s", request.method, request.url.path, error.detail)
    headers = {"WWW-Authenticate": 'StaffToken realm="staff"'}
    return JSONResponse(error.body(), status_code=401, headers=headers)


def _include_optional_routers(app: FastAPI) -> None:
    # INCLUDE POINT for routers owned by other work (see OPTIONAL_ROUTERS).
    for name in OPTIONAL_ROUTERS:
        if importlib.util.find_spec(name) is not None:
            module = importlib.import_module(name)
            app.include_router(module.router)
            log.info("included optional router %s", name)


def _serve_updates(app: FastAPI, updates_dir: Path) -> None:
    """The signed update repository, as static files: TUF metadata and archives carry
    their own signatures and hashes, so they need no token (a tablet checks them)."""
    from fastapi.staticfiles import StaticFiles

    for part in ("metadata", "targets"):
        (updates_dir / part).mkdir(parents=True, exist_ok=True)
        app.mount(f"/updates/{part}", StaticFiles(directory=updates_dir / part), f"updates_{part}")
    log.info("serving console updates from %s under /updates", updates_dir)


class HelpdeskApp(FastAPI):
    """FastAPI whose whole stack, the 500 handler included, sends ``X-Server-Time``, is
    counted in the metrics and written to the access log."""

    def build_middleware_stack(self) -> Any:
        context = self.state.helpdesk
        inner = ServerTime(super().build_middleware_stack(), context.generation)
        return AccessLog(RequestMetrics(inner, context.metrics), context.settings.access_log)


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """The service over ``settings.db_url`` (schema created if missing)."""
    context = open_context(settings, database)
    with context.db.write() as session:  # a database from before the KPI facts gains them
        backfill_kpis(session, context.policy, datetime.now(UTC))
    feed = context.feed

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        feed.bind(asyncio.get_running_loop())
        # On PostgreSQL, another worker's (or host's) commit wakes this one's streams.
        listener = None if context.db.is_sqlite else PgWakeListener(settings.db_url, feed.notify)
        if listener is not None:
            listener.start()
        try:
            yield
        finally:
            feed.close()
            if listener is not None:
                await asyncio.to_thread(listener.stop)

    app = HelpdeskApp(
        title="VIP Host Console — central helpdesk",
        version=__version__,
        description="The sync contract between the console and the property's helpdesk "
        "(docs/helpdesk-api.md). Every response carries `X-Server-Time`.",
        lifespan=lifespan,
    )
    app.state.helpdesk = context
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StaffTokenRefused, _staff_token_refused)
    app.include_router(devices.router)
    app.include_router(staff.router)
    app.include_router(incidents.router)
    app.include_router(batch.router)
    app.include_router(attachments.router)
    app.include_router(changes.router)
    app.include_router(guests.router)
    app.include_router(kpis.router)
    app.include_router(audit_router)
    app.include_router(ops_router)
    _include_optional_routers(app)
    if settings.updates_dir is not None:
        _serve_updates(app, settings.updates_dir)

    @app.get("/v1/health", tags=["service"])
    def health() -> dict[str, str]:
        """Liveness, no authentication: the service answers and its clock."""
        return {"status": "ok", "server_time": iso(utcnow()), "contract": str(CONTRACT)}

    app.add_middleware(
        BodyLimit,
        default_limit=settings.max_body_bytes,
        attachment_limit=settings.max_attachment_bytes,
        batch_limit=settings.max_batch_bytes,
    )
    return app
