"""What one written change costs the helpdesk: SQL statements per batch, CPU per change.

    python -m bench.write_cost [--backend sqlite,postgresql] [--batches 40]

Counts that machine noise does not move, beside the CPU time: the helpdesk runs in its
own process (SQLite in a temporary directory, or a throwaway PostgreSQL server,
tests/pg_server.py) and counts the statements its engines execute (an executemany is
one) and its own ``time.process_time``, asked over its stdin between the batches.
Two shapes of ``POST /v1/batch``, one signed-in pit boss on one enrolled device:

- ``replay``: 25 incidents as a console's outbox replays them, each created, its
  "opened" event, a status patch and its event: 100 operations (bench.sync_replay);
- ``load``: 10 new incidents (bench.helpdesk_load); ``one`` and ``creates``: 1 and 100,
  so the cost of a batch itself and of each create can be told apart.

Figures per batch and per operation, after one warm-up batch of each shape.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from bench.common import Measure, write_result
from bench.sync_common import serve_script

DEVICE_ID = "TAB-COST"
ENROLMENT = "bench-write-cost"
SERVE = """
import collections, json, sys, time
from sqlalchemy import event
from helpdesk.config import Settings
from helpdesk.seed import seed_demo
from helpdesk.server import start_in_thread

running = start_in_thread(Settings(db_url=sys.argv[1], demo_enrolment_code=sys.argv[2]))
seed_demo(running.context, guest_count=12)
kinds = collections.Counter()

def count(conn, cursor, statement, parameters, context, executemany):
    kinds[" ".join(statement.split()[:3])[:48]] += 1

engines = {running.context.db.write_engine, running.context.db.read_engine}
for engine in engines:
    event.listen(engine, "before_cursor_execute", count)
print(running.url, flush=True)
for line in sys.stdin:  # each line: the counts so far
    print(json.dumps({"cpu_s": time.process_time(), "kinds": dict(kinds)}), flush=True)
running.stop()
"""


class CountingHelpdesk:
    """The helpdesk in a process of its own, telling its statements and CPU on demand."""

    def __init__(self, db_url: str) -> None:
        self._process, self.url = serve_script(SERVE, db_url, ENROLMENT)

    def counts(self) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write("\n")
        self._process.stdin.flush()
        answer: dict[str, Any] = json.loads(self._process.stdout.readline())
        return answer

    def stop(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(30)


def sign_in(client: httpx.Client) -> str:
    """Enrol the device, sign the pit boss in; the device token goes on the client."""
    from app.demo.generator import DEMO_PIN
    from tests.integration.conftest import enrol_body

    enrolled = client.post("/v1/devices/enrol", json=enrol_body(DEVICE_ID, ENROLMENT))
    enrolled.raise_for_status()
    client.headers["Authorization"] = f"Bearer {enrolled.json()['device_token']}"
    session = client.post("/v1/staff/sessions", json={"staff_id": "P001", "pin": DEMO_PIN})
    session.raise_for_status()
    token: str = session.json()["staff_token"]
    return token


def _op(method: str, path: str, body: dict[str, Any], token: str, **more: str) -> dict[str, Any]:
    from tests.integration.conftest import new_key

    operation = {"method": method, "path": path, "idempotency_key": new_key()}
    return {**operation, "staff_token": token, "body": body, **more}


def replay_batch(token: str) -> list[dict[str, Any]]:
    """25 incidents as an outbox replays them: 100 operations."""
    from tests.integration.conftest import event_body, incident_body

    operations = []
    for _ in range(25):
        body = incident_body(device_id=DEVICE_ID, status="new", amount=None, owner_id=None)
        path = f"/incidents/{body['id']}"
        opened = event_body(kind="opened", detail="")
        moved = event_body(kind="status_changed", from_value="new", to_value="in_progress")
        operations += [
            _op("POST", "/incidents", body, token),
            _op("POST", f"{path}/events", opened, token),
            _op("PATCH", path, {"status": "in_progress"}, token, if_match="1"),
            _op("POST", f"{path}/events", moved, token),
        ]
    return operations


def creates(count: int) -> Callable[[str], list[dict[str, Any]]]:
    """Batches of ``count`` new incidents (10: bench.helpdesk_load's)."""

    def batch(token: str) -> list[dict[str, Any]]:
        from tests.integration.conftest import incident_body

        bodies = [incident_body(device_id=DEVICE_ID) for _ in range(count)]
        return [_op("POST", "/incidents", body, token) for body in bodies]

    return batch


# By size too: what a batch costs whatever it holds, and what each create adds.
SHAPES = {"replay": replay_batch, "load": creates(10), "one": creates(1), "creates": creates(100)}


def measure(db_url: str, batches: int) -> dict[str, Any]:
    helpdesk = CountingHelpdesk(db_url)
    figures: dict[str, Any] = {}
    try:
        with httpx.Client(base_url=helpdesk.url, timeout=60) as client:
            token = sign_in(client)
            for shape, build in SHAPES.items():
                ops = 0
                for round_ in range(batches + 1):  # the first warms up
                    if round_ == 1:
                        before = helpdesk.counts()
                    operations = build(token)
                    reply = client.post("/v1/batch", json={"operations": operations})
                    reply.raise_for_status()
                    statuses = {r["status"] for r in reply.json()["results"]}
                    assert statuses <= {200, 201}, reply.text[:500]
                    ops += len(operations) if round_ else 0
                after = helpdesk.counts()
                kinds = {
                    kind: round((after["kinds"].get(kind, 0) - before["kinds"].get(kind, 0)), 2)
                    for kind in after["kinds"]
                }
                statements = sum(kinds.values())
                figures[shape] = {
                    "batches": batches,
                    "operations_per_batch": ops // batches,
                    "statements_per_batch": round(statements / batches, 2),
                    "cpu_ms_per_operation": round(
                        (after["cpu_s"] - before["cpu_s"]) * 1000 / ops, 3
                    ),
                    "cpu_ms_per_batch": round(
                        (after["cpu_s"] - before["cpu_s"]) * 1000 / batches, 2
                    ),
                    "statements_by_kind_per_batch": {
                        kind: round(n / batches, 2) for kind, n in sorted(kinds.items()) if n
                    },
                }
    finally:
        helpdesk.stop()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.write_cost", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--backend", default="sqlite,postgresql")
    parser.add_argument("--batches", type=int, default=40, help="batches of each shape")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    for backend in args.backend.split(","):
        if backend == "sqlite":
            with tempfile.TemporaryDirectory(prefix="vip-bench-cost-") as tmp:
                results[backend] = measure(f"sqlite:///{Path(tmp) / 'helpdesk.db'}", args.batches)
        else:
            from tests.integration.conftest import fresh_postgres_database
            from tests.pg_server import PostgresServer

            server = PostgresServer.start()
            try:
                results[backend] = measure(fresh_postgres_database(server.url), args.batches)
            finally:
                server.stop()
    measures = [
        Measure(f"{shape} batch, {backend}: {name}", figures[key], unit)
        for backend, shapes in results.items()
        for shape, figures in shapes.items()
        for name, key, unit in (
            ("SQL statements per batch", "statements_per_batch", ""),
            ("helpdesk CPU per operation", "cpu_ms_per_operation", "ms"),
        )
    ]
    write_result("write_cost", results, measures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
