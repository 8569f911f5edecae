"""Operations on a running helpdesk: liveness, readiness, Prometheus metrics, and the
outbox lag each console reports (real service on 127.0.0.1)."""

import asyncio
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.integration.conftest import HelpdeskService, incident_body, new_key
from tests.integration.fault_proxy import Fault, FaultProxy
from tests.integration.sync_consoles import all_synced, eventually, make_console

METRICS_TOKEN = "scrape-" + "7" * 24
CARD_LIKE = "4111111111111111"


def _metrics(service: HelpdeskService) -> str:
    answer = httpx.get(
        f"{service.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return answer.text


def _sample(text: str, name: str, **labels: str) -> float | None:
    """The value of ``name{labels}`` in Prometheus text, labels in any order."""
    for line in text.splitlines():
        match = re.fullmatch(r"(\w+)(?:\{(.*)\})? (\S+)", line)
        if match is None or match.group(1) != name:
            continue
        found = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', match.group(2) or ""))
        if all(found.get(key) == value for key, value in labels.items()):
            return float(match.group(3))
    return None


def test_alive_and_ready(helpdesk: HelpdeskService) -> None:
    assert httpx.get(f"{helpdesk.url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{helpdesk.url}/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "checks": {"database": "ok", "feed": "ok"}}


def test_not_ready_when_the_database_is_gone_but_still_alive(
    helpdesk_factory: Callable[..., HelpdeskService], tmp_path: Path
) -> None:
    service = helpdesk_factory(seed=False)
    db = service.server.context.db
    db.dispose()  # the pool would keep the old file (or server connections) open
    if db.is_sqlite:
        shutil.move(next(tmp_path.glob("helpdesk-*.db")), tmp_path / "moved-away.db")
    else:  # the database renamed away under the server's feet
        _rename_postgres_database(service.server.context.settings.db_url)
    ready = httpx.get(f"{service.url}/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"] == "unavailable"
    assert httpx.get(f"{service.url}/healthz").status_code == 200


def test_metrics_are_off_without_a_token(helpdesk: HelpdeskService) -> None:
    answer = httpx.get(f"{helpdesk.url}/metrics")
    assert answer.status_code == 404
    assert "VIP_HELPDESK_METRICS_TOKEN" in answer.json()["detail"]


def test_metrics_need_their_token(helpdesk_factory: Callable[..., HelpdeskService]) -> None:
    service = helpdesk_factory(metrics_token=METRICS_TOKEN)
    url = f"{service.url}/metrics"
    assert httpx.get(url).status_code == 401
    assert httpx.get(url, headers={"Authorization": "Bearer wrong"}).status_code == 401
    device = {"Authorization": f"Bearer {service.device_token}"}
    assert httpx.get(url, headers=device).status_code == 401  # a tablet is no scraper


def test_requests_are_counted_by_route_template_never_by_path(
    helpdesk_factory: Callable[..., HelpdeskService],
) -> None:
    service = helpdesk_factory(metrics_token=METRICS_TOKEN)
    headers = service.headers()
    with httpx.Client(base_url=service.url, headers=headers) as client:
        body = incident_body()
        created = client.post("/v1/incidents", json=body, headers={"Idempotency-Key": new_key()})
        assert created.status_code == 201, created.text
        assert client.get(f"/v1/incidents/{body['id']}").status_code == 200
        assert client.get(f"/v1/incidents/{CARD_LIKE}").status_code in (404, 422)
        assert client.get(f"/v1/no-such/{CARD_LIKE}").status_code == 404
    text = _metrics(service)
    assert CARD_LIKE not in text and body["id"] not in text
    route = "/v1/incidents/{incident_id}"
    got = _sample(text, "helpdesk_requests_total", method="GET", route=route, status="200")
    assert got == 1.0
    created_count = _sample(
        text, "helpdesk_requests_total", method="POST", route="/v1/incidents", status="201"
    )
    assert created_count == 1.0
    unmatched = _sample(text, "helpdesk_requests_total", route="unmatched", status="404")
    assert unmatched == 1.0
    count = _sample(text, "helpdesk_request_duration_seconds_count", method="GET", route=route)
    assert count is not None and count >= 2
    assert _sample(text, "helpdesk_feed_subscribers") == 0.0


def test_each_device_s_outbox_lag_is_kept_under_the_id_its_token_proves(
    helpdesk_factory: Callable[..., HelpdeskService],
) -> None:
    service = helpdesk_factory(metrics_token=METRICS_TOKEN)
    other_token = service.enrol("TAB-OTHER")
    report = {"X-Outbox-Pending": "7", "X-Outbox-Oldest-Seconds": "120"}
    answer = httpx.get(
        f"{service.url}/v1/changes", headers={**service.headers(), **report, "X-Device-Id": "X"}
    )
    assert answer.status_code == 200
    absurd = {"X-Outbox-Pending": "-5", "X-Outbox-Oldest-Seconds": "nan-ish"}
    other = {"Authorization": f"Bearer {other_token}", **absurd}
    httpx.get(f"{service.url}/v1/changes", headers=other)
    text = _metrics(service)
    pending = _sample(text, "helpdesk_device_outbox_pending", device=service.device_id)
    assert pending == 7.0
    oldest = _sample(text, "helpdesk_device_outbox_oldest_seconds", device=service.device_id)
    assert oldest == 120.0
    assert _sample(text, "helpdesk_device_outbox_pending", device="TAB-OTHER") is None
    assert _sample(text, "helpdesk_device_last_seen_timestamp_seconds", device="TAB-OTHER")
    assert 'device="X"' not in text


def _writes_fail(method: str, path: str) -> Fault | None:
    writes = path.startswith(("/v1/batch", "/v1/incidents"))
    return Fault.ERROR_500 if method == "POST" and writes else None


def test_a_console_reports_its_outbox_while_the_helpdesk_refuses_its_writes(
    helpdesk_factory: Callable[..., HelpdeskService], tmp_path: Path
) -> None:
    """IT sees a tablet's writes piling up (every write answered 500, reads pass) and the
    lag cleared once the writes go through."""
    service = helpdesk_factory(metrics_token=METRICS_TOKEN)

    def reported(name: str) -> float | None:
        return _sample(_metrics(service), name, device="TAB-ALPHA")

    async def scenario() -> None:
        with FaultProxy(service.url) as proxy:
            console = make_console(tmp_path, "alpha", proxy.url, issuer=service)
            await console.engine.start()
            try:
                await eventually(lambda: console.engine.status.online, "alpha online")
                proxy.plan = _writes_fail
                for n in range(3):
                    console.open_incident(f"Waiting {n}")
                waiting = console.outbox_counts()[0]
                await eventually(
                    lambda: (reported("helpdesk_device_outbox_pending") or 0) >= 3,
                    "the helpdesk to hear of the waiting writes",
                )
                assert (reported("helpdesk_device_outbox_pending") or 0) <= waiting
                assert reported("helpdesk_device_outbox_oldest_seconds") is not None
                proxy.plan = lambda method, path: None
                await eventually(all_synced(console), "the writes to go through")
                await eventually(
                    lambda: reported("helpdesk_device_outbox_pending") == 0.0,
                    "the lag reported cleared",
                )
            finally:
                await console.engine.stop()
                console.store.close()

    asyncio.run(scenario())


def _rename_postgres_database(db_url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"),
                {"d": url.database},
            )
            name = url.database
            connection.execute(text(f'ALTER DATABASE "{name}" RENAME TO "{name}_gone"'))
    finally:
        admin.dispose()
