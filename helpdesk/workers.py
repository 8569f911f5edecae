"""``serve --workers N``: several worker processes on one listening socket.

uvicorn's supervisor starts the workers (spawned: each imports ``worker_app`` afresh),
pings them and replaces one that dies; the kernel hands each new connection to one
of them. The database is prepared (migrations, the demo seed) once, here, before any
worker starts, so workers never race to migrate it.

Several workers need PostgreSQL: a commit in one worker wakes the streams of every
other through ``LISTEN``/``NOTIFY`` (helpdesk/pg_wake.py). On SQLite the wake-up would
stay inside its process, so ``serve`` refuses more than one worker there.

The settings reach the spawned workers as JSON in ``VIP_HELPDESK_WORKER_SETTINGS``:
the environment a process passes to its own children, never a command line (`ps`).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from helpdesk.config import Settings

SETTINGS_ENV = "VIP_HELPDESK_WORKER_SETTINGS"
HEALTHCHECK_SECONDS = 5.0


class WorkersNeedPostgres(ValueError):
    pass


def settings_json(settings: Settings) -> str:
    def encode(value: Any) -> Any:
        if isinstance(value, timedelta):
            return {"seconds": value.total_seconds()}
        if isinstance(value, bytes):
            return {"base64": base64.b64encode(value).decode("ascii")}
        if isinstance(value, Path):
            return {"path": str(value)}
        return value

    fields = {f.name: encode(getattr(settings, f.name)) for f in dataclasses.fields(Settings)}
    return json.dumps(fields)


def settings_from_json(text: str) -> Settings:
    def decode(value: Any) -> Any:
        if isinstance(value, dict) and "seconds" in value:
            return timedelta(seconds=value["seconds"])
        if isinstance(value, dict) and "base64" in value:
            return base64.b64decode(value["base64"])
        if isinstance(value, dict) and "path" in value:
            return Path(value["path"])
        return value

    return Settings(**{name: decode(value) for name, value in json.loads(text).items()})


def worker_app() -> Any:
    """The application of one worker (uvicorn's factory, in the spawned process)."""
    from helpdesk.app import create_app

    return create_app(settings_from_json(os.environ[SETTINGS_ENV]))


def serve_workers(
    settings: Settings, host: str, port: int, workers: int, logging_config: dict[str, Any]
) -> None:
    """Prepare the database, then run ``workers`` processes until interrupted."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from helpdesk.context import open_context
    from helpdesk.server import GRACEFUL_SHUTDOWN_SECONDS, bind

    if settings.db_url.startswith("sqlite"):
        raise WorkersNeedPostgres(
            "several workers need PostgreSQL (their live feeds wake each other through "
            "LISTEN/NOTIFY); on SQLite serve with one worker"
        )
    open_context(settings).db.dispose()  # migrations run once, before any worker
    os.environ[SETTINGS_ENV] = settings_json(settings)
    config = uvicorn.Config(
        "helpdesk.workers:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=logging_config,
        lifespan="on",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        timeout_worker_healthcheck=int(HEALTHCHECK_SECONDS),
        server_header=False,
    )
    sock = bind(host, port)
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
