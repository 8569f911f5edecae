"""``serve --workers N``: several worker processes on one listening socket.

uvicorn's supervisor starts the workers, pings them and replaces one that dies; the
kernel hands each new connection to one of them. The database is prepared
(migrations, the demo seed) once, here, before any worker starts, so workers never
race to migrate it.

On Linux the workers are forked from the supervisor, which has imported the whole
service first, instead of spawned (uvicorn's way: a fresh interpreter importing
everything again). A spawned replacement for a worker that died spent some 1.5 s of
CPU importing, on the same cores as the workers then taking over the dead one's
streams (bench.helpdesk_load kills one halfway); a forked one starts with the
modules in memory. The supervisor holds no database connection and no thread when it
forks.

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
import multiprocessing
import os
import signal
import sys
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
    """The application of one worker (uvicorn's factory, in the worker's process)."""
    from helpdesk.app import create_app
    from helpdesk.server import heap_settled, serving_process

    serving_process()
    app = create_app(settings_from_json(os.environ[SETTINGS_ENV]))
    heap_settled()
    return app


def fork_workers() -> bool:
    """Whether workers are forked (Linux) rather than spawned."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _forked_worker(**kwargs: Any) -> None:
    """A forked worker's start: the supervisor's signal handlers (uvicorn's, which queue
    a signal for its loop) back to the defaults a spawned worker has; uvicorn's server
    installs its own for SIGINT and SIGTERM."""
    from uvicorn._subprocess import subprocess_started
    from uvicorn.supervisors.multiprocess import SIGNALS

    for number in SIGNALS:
        default = signal.default_int_handler if number == signal.SIGINT else signal.SIG_DFL
        signal.signal(number, default)
    subprocess_started(**kwargs)


def _fork_subprocess(config: Any, target: Any, sockets: Any) -> Any:
    """uvicorn's ``get_subprocess`` (the child process, not started), forking."""
    kwargs = {"config": config, "target": target, "sockets": sockets, "stdin_fileno": None}
    return multiprocessing.get_context("fork").Process(target=_forked_worker, kwargs=kwargs)


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
    if fork_workers():
        from uvicorn.supervisors import multiprocess

        import helpdesk.app  # noqa: F401 - imported once here, for every forked worker

        # uvicorn spawns its workers and has no setting for it: its supervisor's
        # factory of child processes is replaced, in this process only.
        multiprocess.get_subprocess = _fork_subprocess  # type: ignore[attr-defined]
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
