"""Structured logs: one JSON object per line (``serve --log-format json``).

What a line may carry is a closed list (``FIELDS``): the time, level, logger, the
message (already masked of card numbers by ``helpdesk.logs``), and for an answered
request its method, route *template*, status, duration, device and request id. No
query string, no body, no raw path: a URL may hold a card number or a guest's id, a
body a guest's name or a note. Our own messages name staff and devices by id only.
"""

import json
import logging
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from helpdesk.metrics import route_template

ACCESS_LOGGER = "helpdesk.access"
FIELDS = ("method", "route", "status", "duration_ms", "device", "request_id")
REQUEST_ID_HEADER = b"x-request-id"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info:
            # The exception's type and where it was raised, not its text (it may quote
            # a value); the full traceback is for a debugging session, not the log.
            kind = record.exc_info[0]
            line["exception"] = kind.__name__ if kind is not None else "unknown"
        return json.dumps(line, ensure_ascii=False)


def log_config(level: str = "INFO") -> dict[str, Any]:
    """``logging.config.dictConfig`` for a served helpdesk logging JSON lines to stderr.

    uvicorn's own access log is off (it writes the raw path): ``AccessLog`` writes ours."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": "app.security.log_redaction.CardNumberRedactionFilter"}},
        "formatters": {"json": {"()": "helpdesk.json_logs.JsonFormatter"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["redact"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True, "level": level},
            "uvicorn.error": {"handlers": [], "propagate": True, "level": level},
            "uvicorn.access": {"handlers": [], "propagate": False, "level": "WARNING"},
        },
    }


class AccessLog:
    """Pure ASGI: one ``helpdesk.access`` line per answered request, fields only.

    A request id comes from ``X-Request-Id`` when the reverse proxy set a sane one, else
    is made here, and goes back on the answer so a user's report can be found."""

    def __init__(self, app: ASGIApp, enabled: bool) -> None:
        self.app = app
        self.enabled = enabled
        self.log = logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [*message.get("headers", []), (REQUEST_ID_HEADER, request_id.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if self.enabled:
                self._write(scope, status, started, request_id)

    def _write(self, scope: Scope, status: int, started: float, request_id: str) -> None:
        route = route_template(scope)
        fields = {
            "method": scope["method"],
            "route": route,
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "device": scope.get("state", {}).get("device"),
            "request_id": request_id,
        }
        self.log.info("%s %s %d", scope["method"], route, status, extra=fields)


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID_HEADER:
            text: str = value.decode("latin-1")
            if 0 < len(text) <= 64 and all(c.isalnum() or c in "-_." for c in text):
                return text
            break
    return uuid.uuid4().hex
