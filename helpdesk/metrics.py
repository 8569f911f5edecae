"""Prometheus metrics of one helpdesk process (``GET /metrics``, helpdesk/ops.py).

Each app has its own registry: the tests run several helpdesks in one process, and
a multi-worker deployment scrapes each worker (or sums them at the proxy).

- requests and their latency, by method, route *template* and status: a path never
  becomes a label (it could hold a card number or an id per request);
- the live feed's subscribers;
- per enrolled device, what its console reports of its outbox on every request
  (``X-Outbox-Pending``, ``X-Outbox-Oldest-Seconds``) and when it was last heard:
  the outbox lag IT watches. The device is the one its token proves, never a header.
"""

import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_REPORTED_PENDING = 10_000_000
MAX_REPORTED_AGE_S = 365 * 24 * 3600.0
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
UNMATCHED_ROUTE = "unmatched"  # a 404 for a path no route knows: one label, not the path


class HelpdeskMetrics:
    def __init__(self, subscriber_count: Callable[[], int]) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "helpdesk_requests",
            "Requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "helpdesk_request_duration_seconds",
            "Time to the end of the answer (a feed stream: its whole life).",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        subscribers = Gauge(
            "helpdesk_feed_subscribers",
            "Live feed streams open on this process.",
            registry=self.registry,
        )
        subscribers.set_function(lambda: float(subscriber_count()))
        self.outbox_pending = Gauge(
            "helpdesk_device_outbox_pending",
            "Writes waiting in the device's outbox, as it last reported.",
            ["device"],
            registry=self.registry,
        )
        self.outbox_oldest = Gauge(
            "helpdesk_device_outbox_oldest_seconds",
            "Age of the oldest write waiting in the device's outbox, as it last reported.",
            ["device"],
            registry=self.registry,
        )
        self.last_seen = Gauge(
            "helpdesk_device_last_seen_timestamp_seconds",
            "When the device last made an authenticated request (Unix time).",
            ["device"],
            registry=self.registry,
        )

    def device_seen(self, device: str, pending: str | None, oldest: str | None) -> None:
        """Record a request of ``device`` (authenticated) and its outbox report, if any.

        A malformed or absurd report is ignored: it is a measure, never trusted input."""
        self.last_seen.labels(device).set(time.time())
        count = _bounded(pending, MAX_REPORTED_PENDING, whole=True)
        if count is not None:
            self.outbox_pending.labels(device).set(count)
        age = _bounded(oldest, MAX_REPORTED_AGE_S, whole=False)
        if age is not None:
            self.outbox_oldest.labels(device).set(age)

    def forget_device(self, device: str) -> None:
        for gauge in (self.outbox_pending, self.outbox_oldest, self.last_seen):
            try:
                gauge.remove(device)
            except KeyError:
                pass


def _bounded(text: str | None, limit: float, *, whole: bool) -> float | None:
    if text is None or len(text) > 20:
        return None
    try:
        value = float(int(text)) if whole else float(text)
    except ValueError:
        return None
    return value if 0 <= value <= limit else None


class RequestMetrics:
    """Pure ASGI (the feed is a stream: never buffered): counts and times each answer."""

    def __init__(self, app: ASGIApp, metrics: HelpdeskMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app raises before answering

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            route = route_template(scope)
            method = scope["method"]
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(time.perf_counter() - started)


def route_template(scope: Scope) -> str:
    """``/v1/incidents/{incident_id}``, not the path asked for."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED_ROUTE
