"""Running the service: ``serve`` (the CLI, blocking) and ``start_in_thread`` (embedded).

``start_in_thread`` binds 127.0.0.1 on an ephemeral port and returns once the
service answers; the console's ``make run`` and the integration tests use it::

    running = start_in_thread(Settings(db_url="sqlite:///…/helpdesk.db"))
    try:
        httpx.get(f"{running.url}/v1/health")
    finally:
        running.stop()
"""

import copy
import gc
import logging
import socket
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any

import uvicorn
from fastapi import FastAPI

from helpdesk import json_logs
from helpdesk.app import create_app
from helpdesk.config import Settings
from helpdesk.context import Context
from helpdesk.logs import FILTER_FACTORY

log = logging.getLogger(__name__)

GRACEFUL_SHUTDOWN_SECONDS = 3

# How long a thread may hold the GIL while another waits for it (Python's default: 5 ms).
# A batch's thread gives it up at each of its database round trips and waits for it
# again while the event loop wakes the worker's streams, some fifteen times a batch,
# all the while holding its property's change lock, which every other write of the
# property then waits for. bench.helpdesk_load, one worker, 1,000 subscribers, 200
# writes/s, load average 6-7: p95 7.2-8.2 s and 148-153 writes/s with 5 ms; 1.7-2.8 s
# and 178-187 writes/s with 0.5 ms.
SWITCH_INTERVAL_SECONDS = 0.0005


def serving_process() -> None:
    """What a process that serves the helpdesk sets for itself (``serve``, a worker)."""
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)


def heap_settled() -> None:
    """The start-up heap of a process that only serves (modules, routes, schemas, the
    engine: objects that live as long as it) frozen out of the cyclic collector's way,
    as the console does with its own (app/gc_rest.py): otherwise each full collection
    walks it again, in the middle of a write (~0.1 s during bench.sync_replay)."""
    gc.collect()
    gc.freeze()


class _Server(uvicorn.Server):
    """Ends the live feed's streams first, so shutdown need not wait them out."""

    def __init__(self, config: uvicorn.Config, context: Context) -> None:
        super().__init__(config)
        self._context = context

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._context.feed.close()
        await super().shutdown(sockets)


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with card numbers masked on every handler."""
    config: dict[str, Any] = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config.setdefault("filters", {})["redact"] = {"()": FILTER_FACTORY}
    for handler in config["handlers"].values():
        handler.setdefault("filters", []).append("redact")
    return config


def _config(
    app: FastAPI, host: str, port: int, log_level: str, logging_config: dict[str, Any] | None
) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        # Embedded, the host process's logging is left alone (records propagate to it).
        log_config=logging_config,
        lifespan="on",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        server_header=False,
    )


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, with ``TCP_NODELAY`` (accepted sockets inherit it).

    Without it every answer waits ~40 ms for a delayed ACK (uvicorn writes the head
    and the body apart): 25 requests a second per connection."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    return sock


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8765,
    log_format: str = "text",
    workers: int = 1,
) -> None:
    """Run until interrupted (Ctrl-C / SIGTERM), then shut down gracefully.

    ``log_format="json"``: structured lines without personal data (helpdesk.json_logs).
    ``workers`` > 1: that many processes on PostgreSQL (helpdesk.workers)."""
    serving_process()  # a forked worker keeps it; a spawned one sets it (helpdesk.workers)
    json_lines = log_format == "json"
    settings = replace(settings, access_log=json_lines)
    logging_config = json_logs.log_config() if json_lines else log_config()
    if workers > 1:
        from helpdesk.workers import serve_workers

        serve_workers(settings, host, port, workers, logging_config)
        return
    app = create_app(settings)
    heap_settled()
    server = _Server(_config(app, host, port, "info", logging_config), app.state.helpdesk)
    sock = bind(host, port)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the signal once it has shut down
        pass
    finally:
        sock.close()
        app.state.helpdesk.db.dispose()


@dataclass
class RunningServer:
    url: str  # "http://127.0.0.1:<port>", no trailing slash
    app: FastAPI
    _server: _Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def context(self) -> Context:
        context: Context = self.app.state.helpdesk
        return context

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving, close the live feed's streams, and release the database."""
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout)
        self.context.db.dispose()

    def __enter__(self) -> "RunningServer":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def start_in_thread(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    ready_timeout: float = 15.0,
    log_level: str = "warning",
    own_process: bool = False,
) -> RunningServer:
    """Serve on ``host`` (loopback) and ``port`` (0: ephemeral) in a daemon thread;
    ``own_process``: the process does nothing else (``heap_settled`` once it answers)."""
    app = create_app(settings)
    sock = bind(host, port)
    bound_port = sock.getsockname()[1]
    server = _Server(_config(app, host, bound_port, log_level, None), app.state.helpdesk)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as error:  # noqa: BLE001 - reported to the starting thread
            failure.append(error)
        finally:
            sock.close()

    thread = threading.Thread(target=run, name=f"helpdesk:{bound_port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + ready_timeout
    while not server.started:
        if failure or not thread.is_alive():
            raise RuntimeError(f"the helpdesk did not start: {failure[:1]!r}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the helpdesk did not start in time")
        time.sleep(0.01)
    if own_process:
        heap_settled()
    url = f"http://{host}:{bound_port}"
    log.info("helpdesk serving on %s", url)
    return RunningServer(url=url, app=app, _server=server, _thread=thread)


__all__ = ["RunningServer", "heap_settled", "serve", "start_in_thread"]
