"""Answers lost after the helpdesk committed: the retry must not overwrite anyone's edit.

A records an incident offline and moves it on; its create lands but the answer is
lost and A goes dark; B changes the same incident meanwhile. When A comes back, its
queued change was made on the version A's own create produced (1), not on B's: the
helpdesk must refuse it (412) and A must put the clash to its user.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter, defaultdict
from pathlib import Path

import httpx
import pytest

from app.domain import IncidentStatus
from tests.integration.conftest import HelpdeskService
from tests.integration.fault_proxy import Fault, FaultProxy, Plan, SeenRequest
from tests.integration.sync_consoles import Console, all_synced, eventually, make_console

WRITE_PATHS = ("/v1/batch", "/v1/incidents")


def lose_first_write_then_go_dark(proxy: FaultProxy) -> Plan:
    """The first write is done by the helpdesk, its answer cut, then the link goes down."""
    lost = threading.Event()

    def plan(method: str, path: str) -> Fault | None:
        if method == "POST" and path.startswith(WRITE_PATHS) and not lost.is_set():
            lost.set()
            proxy.down = True  # this request still goes through; nothing after it
            return Fault.DROP_AFTER_COMMIT
        return None

    return plan


@pytest.mark.parametrize("batch_writes", [True, False], ids=["batched", "single"])
def test_a_change_queued_behind_a_lost_create_answer_is_a_conflict_not_an_overwrite(
    helpdesk: HelpdeskService, tmp_path: Path, batch_writes: bool
) -> None:

    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            a = make_console(
                tmp_path, "alpha", proxy.url, batch_writes=batch_writes, issuer=helpdesk
            )
            b = make_console(tmp_path, "bravo", helpdesk.url, issuer=helpdesk)
            proxy.down = True  # A starts offline
            await a.engine.start()
            await b.engine.start()
            try:
                opened = a.open_incident("Shoe jammed at BJ-301")
                a.incidents.change_status(a.actor, opened.id, IncidentStatus.IN_PROGRESS)
                proxy.plan = lose_first_write_then_go_dark(proxy)
                proxy.down = False
                a.engine.sync_now()

                await eventually(lambda: b.incident(opened.id) is not None, "bravo has it")
                seen = b.incident(opened.id)
                assert seen is not None and seen.version == 1
                assert seen.status is IncidentStatus.NEW  # A's change never went out
                b.incidents.change_status(b.actor, opened.id, IncidentStatus.WAITING)
                await eventually(all_synced(b), "bravo's change")
                assert _on_helpdesk(helpdesk, opened.id)["version"] == 2

                proxy.plan = lambda method, path: None
                proxy.down = False
                await eventually(all_synced(a), "alpha to replay")
                await eventually(lambda: a.engine.status.conflicts == 1, "one conflict")
                conflicts = await a.engine.open_conflicts()
                assert [(c.field, c.local_value, c.server_value) for c in conflicts] == [
                    ("status", "in_progress", "waiting")
                ]
                held = _on_helpdesk(helpdesk, opened.id)
                assert (held["status"], held["version"]) == ("waiting", 2)  # B's edit stands
                shown = a.incident(opened.id)
                assert shown is not None and shown.status is IncidentStatus.WAITING
                assert shown.number == held["number"]
            finally:
                await a.engine.stop()
                await b.engine.stop()
                a.store.close()
                b.store.close()

    asyncio.run(scenario())


def _on_helpdesk(helpdesk: HelpdeskService, incident_id: str) -> dict[str, object]:
    with httpx.Client(base_url=helpdesk.url) as client:
        answer = client.get(f"/v1/incidents/{incident_id}", headers=helpdesk.headers())
    assert answer.status_code == 200
    body = answer.json()
    assert isinstance(body, dict)
    return body


def lose_every_first_answer(proxy: FaultProxy) -> Plan:
    """Each write is done by the helpdesk the first time it is seen, and its answer cut."""
    seen_before: set[str] = set()

    def plan(method: str, path: str) -> Fault | None:
        if method not in ("POST", "PATCH") or not path.startswith(WRITE_PATHS):
            return None
        request = proxy.seen[-1]  # recorded just before the plan is asked
        identities = {identity for identity, _key in writes_in(request)}
        new = identities - seen_before
        seen_before.update(identities)
        return Fault.DROP_AFTER_COMMIT if new else None

    return plan


def writes_in(request: SeenRequest) -> list[tuple[str, str]]:
    """(what is written, its Idempotency-Key) for each write a request carries."""
    body = json.loads(request.body or b"null")
    if request.path == "/v1/batch":
        return [
            (_identity(op["method"], "/v1" + op["path"], op["body"]), op["idempotency_key"])
            for op in body["operations"]
        ]
    return [(_identity(request.method, request.path, body), request.headers["idempotency-key"])]


def _identity(method: str, path: str, body: object) -> str:
    return f"{method} {path} {json.dumps(body, sort_keys=True)}"


@pytest.mark.parametrize("batch_writes", [True, False], ids=["batched", "single"])
def test_a_retry_after_a_lost_answer_carries_the_rows_own_idempotency_key(
    helpdesk: HelpdeskService, tmp_path: Path, batch_writes: bool
) -> None:

    async def scenario() -> None:
        with FaultProxy(helpdesk.url) as proxy:
            a = make_console(
                tmp_path, "alpha", proxy.url, batch_writes=batch_writes, issuer=helpdesk
            )
            proxy.down = True
            await a.engine.start()
            try:
                opened = a.open_incident("Chip tray short")
                a.incidents.add_note(a.actor, opened.id, "Cage called")
                a.incidents.change_status(a.actor, opened.id, IncidentStatus.IN_PROGRESS)
                a.incidents.escalate(a.actor, opened.id, 2, "Guest upset")
                proxy.plan = lose_every_first_answer(proxy)
                proxy.down = False
                a.engine.sync_now()
                await eventually(all_synced(a), "alpha to replay through lost answers")
            finally:
                await a.engine.stop()
                a.store.close()

            keys: dict[str, set[str]] = defaultdict(set)
            sends: Counter[str] = Counter()
            for request in proxy.seen:
                if request.method in ("POST", "PATCH") and request.path.startswith(WRITE_PATHS):
                    for identity, key in writes_in(request):
                        keys[identity].add(key)
                        sends[identity] += 1
            assert keys and all(len(k) == 1 for k in keys.values()), keys
            resent = [identity for identity, count in sends.items() if count >= 2]
            # Every write but the create was sent again (the create is looked up instead).
            assert len(resent) == len(sends) - 1, sends
            assert any(
                r.method == "GET" and r.path == f"/v1/incidents/{opened.id}" for r in proxy.seen
            )
            held = _on_helpdesk(helpdesk, opened.id)
            assert (held["status"], held["manual_escalation_level"]) == ("in_progress", 2)

    asyncio.run(scenario())


def test_an_answer_overtaken_by_the_feed_leaves_the_helpdesks_values_not_ours(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    """A's patch is applied (v2) but its answer is slow; B changes the incident (v3) and
    A's feed brings v3 first, keeping A's pending value; A's late answer must not leave
    A's value at v3: the incident is read again and A shows B's change."""

    async def scenario() -> None:
        with FaultProxy(helpdesk.url, delay_s=3.0) as proxy:
            a = make_console(tmp_path, "alpha", proxy.url, issuer=helpdesk)
            b = make_console(tmp_path, "bravo", helpdesk.url, issuer=helpdesk)
            await a.engine.start()
            await b.engine.start()
            try:
                opened = a.open_incident("Slow answer")
                await eventually(all_synced(a), "alpha's create")
                await eventually(lambda: b.incident(opened.id) is not None, "bravo has it")
                slowed = threading.Event()

                def slow_first_write(method: str, path: str) -> Fault | None:
                    if method == "POST" and path.startswith(WRITE_PATHS) and not slowed.is_set():
                        slowed.set()
                        return Fault.SLOW_ANSWER
                    return None

                proxy.plan = slow_first_write
                a.incidents.change_status(a.actor, opened.id, IncidentStatus.IN_PROGRESS)
                await eventually(
                    lambda: _status_of(b, opened.id) is IncidentStatus.IN_PROGRESS, "bravo sees v2"
                )
                b.incidents.change_status(b.actor, opened.id, IncidentStatus.WAITING)
                await eventually(all_synced(a, b), "both drained")
                held = _on_helpdesk(helpdesk, opened.id)
                assert (held["status"], held["version"]) == ("waiting", 3)
                await eventually(
                    lambda: _status_of(a, opened.id) is IncidentStatus.WAITING,
                    "alpha to show the helpdesk's status, not its own",
                )
                assert a.incident(opened.id).version == 3  # type: ignore[union-attr]
            finally:
                await a.engine.stop()
                await b.engine.stop()
                a.store.close()
                b.store.close()

    asyncio.run(scenario())


def _status_of(console: Console, incident_id: str) -> IncidentStatus | None:
    incident = console.incident(incident_id)
    return None if incident is None else incident.status
