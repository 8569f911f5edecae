"""Property: whatever two or three consoles do offline, with answers lost on the way and
reconnects in any order, the sync keeps its promises (docs/sync.md, "Merge rules").

Each example is played against the real helpdesk on loopback, every console behind a
fault proxy of its own, and then checked:

- every timeline entry a console wrote is on the helpdesk exactly once;
- no status change is lost without a conflict shown: every change of status the
  helpdesk made is one a console made from that same status (nobody's edit was
  overwritten unseen), and every status change a console made was applied or put to
  its user as a conflict;
- every console converges to the helpdesk's incident and timeline;
- no console's feed stops: a later note reaches every console.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from app.domain import EventKind, IncidentEvent, IncidentStatus
from app.messages import KeyedError
from tests.integration.conftest import HelpdeskService
from tests.integration.fault_proxy import Fault, FaultProxy, Plan
from tests.integration.sync_consoles import Console, all_synced, eventually, make_console

STATUSES = (IncidentStatus.IN_PROGRESS, IncidentStatus.WAITING, IncidentStatus.RESOLVED)
WRITES = ("/v1/batch", "/v1/incidents")
# How the first console opens the incident: online, offline, or online with the
# create's answer lost after the commit and the link gone dark.
OPENINGS = ("online", "offline", "lose_dark")


@dataclass(frozen=True)
class Step:
    console: int
    action: str  # offline, online, status, note, escalate, lose, lose_dark, pause
    status: IncidentStatus = IncidentStatus.IN_PROGRESS


steps = st.lists(
    st.builds(
        Step,
        console=st.integers(0, 2),
        action=st.sampled_from(
            (
                "offline",
                "online",
                "status",
                "status",
                "note",
                "escalate",
                "lose",
                "lose_dark",
                "pause",
            )
        ),
        status=st.sampled_from(STATUSES),
    ),
    min_size=4,
    max_size=12,
)


def lose_next_answer(proxy: FaultProxy, *, then_dark: bool = False) -> Plan:
    """The next write is done by the helpdesk and its answer cut (then, with
    ``then_dark``, the link goes down until an ``online`` step)."""
    used = threading.Event()

    def plan(method: str, path: str) -> Fault | None:
        if method in ("POST", "PATCH") and path.startswith(WRITES) and not used.is_set():
            used.set()
            proxy.down = proxy.down or then_dark
            return Fault.DROP_AFTER_COMMIT
        return None

    return plan


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # timing differs between runs: no shrinking
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(consoles=st.integers(2, 3), opening=st.sampled_from(OPENINGS), plan=steps)
def test_offline_edits_lost_answers_and_reconnects_keep_the_sync_promises(
    helpdesk: HelpdeskService, consoles: int, opening: str, plan: list[Step]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        asyncio.run(_play(helpdesk, Path(scratch), consoles, opening, plan))


async def _play(
    helpdesk: HelpdeskService, scratch: Path, count: int, opening: str, plan: list[Step]
) -> None:
    proxies = [FaultProxy(helpdesk.url).start() for _ in range(count)]
    run = uuid.uuid4().hex[:6]  # fresh device ids: provisional numbers never meet old ones
    names = [f"{letter}{run}" for letter in "abc"[:count]]
    consoles = [
        make_console(scratch, n, p.url, issuer=helpdesk)
        for n, p in zip(names, proxies, strict=True)
    ]
    written: dict[str, list[IncidentEvent]] = {name: [] for name in names}  # by console
    try:
        for console in consoles:
            await console.engine.start()
        if opening == "offline":
            proxies[0].down = True
        elif opening == "lose_dark":
            proxies[0].plan = lose_next_answer(proxies[0], then_dark=True)
        opened = consoles[0].open_incident("Interleaved")
        written[names[0]].extend(opened.events)
        for step in plan:
            await _do(step, consoles, proxies, opened.id, written)
        for proxy in proxies:
            proxy.plan, proxy.down = (lambda method, path: None), False
        for console in consoles:
            console.engine.sync_now()
        await eventually(all_synced(*consoles), "every outbox drained", timeout=60)
        held = _on_helpdesk(helpdesk, opened.id)
        try:
            await eventually(lambda: all(_same(c, held) for c in consoles), "convergence")
        except AssertionError:
            raise AssertionError(_apart(consoles, held)) from None

        ids = Counter(e["id"] for e in held["events"])
        mine = [e.id for events in written.values() for e in events]
        assert all(ids[i] == 1 for i in mine), "a timeline entry missing or doubled"
        history = _status_history(helpdesk, opened.id)
        made = {(e.from_value, e.to_value) for e in _all_status_events(consoles, opened.id)}
        for before, after in zip(history, history[1:], strict=False):
            if before != after:
                assert (before, after) in made, f"{before} -> {after} overwrote an edit unseen"
        for console in consoles:
            shown = {c.local_value for c in await console.engine.open_conflicts()}
            own = [e for e in written[console.name] if e.kind is EventKind.STATUS_CHANGED]
            for event in own:
                assert event.to_value in history or event.to_value in shown, (
                    f"{console.name}: {event.from_value} -> {event.to_value} lost, no conflict"
                )

        late = consoles[-1].incidents.add_note(consoles[-1].actor, opened.id, "Feed alive?")
        note = late.events[-1].id
        await eventually(
            lambda: all(_has_event(c, opened.id, note) for c in consoles), "every feed goes on"
        )
    finally:
        for console in consoles:
            await console.engine.stop()
            console.store.close()
        for proxy in proxies:
            proxy.stop()


async def _do(
    step: Step,
    consoles: list[Console],
    proxies: list[FaultProxy],
    incident: str,
    written: dict[str, list[IncidentEvent]],
) -> None:
    if step.console >= len(consoles):
        return
    console, proxy = consoles[step.console], proxies[step.console]
    out = written[console.name]
    if step.action in ("status", "note", "escalate") and console.incident(incident) is None:
        await asyncio.sleep(0.05)  # not here yet: nothing to act on
        return
    try:
        if step.action == "offline":
            proxy.down = True
            proxy.cut_streams()
        elif step.action == "online":
            proxy.down = False
            console.engine.sync_now()
        elif step.action == "status":
            done = console.incidents.change_status(console.actor, incident, step.status)
            out.append(done.events[-1])
        elif step.action == "note":
            done = console.incidents.add_note(console.actor, incident, f"by {console.name}")
            out.append(done.events[-1])
        elif step.action == "escalate":
            level = (console.incident(incident).manual_escalation_level or 0) + 1  # type: ignore[union-attr]
            done = console.incidents.escalate(console.actor, incident, level, "step")
            out.append(done.events[-1])
        elif step.action in ("lose", "lose_dark"):
            proxy.plan = lose_next_answer(proxy, then_dark=step.action == "lose_dark")
        else:
            await asyncio.sleep(0.2)  # let the replays and feeds move meanwhile
    except KeyedError:
        pass  # a move the core refuses here (a transition, a level): nothing was written
    await asyncio.sleep(0.02)


def _on_helpdesk(helpdesk: HelpdeskService, incident_id: str) -> dict[str, Any]:
    with httpx.Client(base_url=helpdesk.url) as client:
        answer = client.get(f"/v1/incidents/{incident_id}", headers=helpdesk.headers())
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _status_history(helpdesk: HelpdeskService, incident_id: str) -> list[str]:
    """The incident's status at each version, from the helpdesk's change log."""
    by_version: dict[int, str] = {}
    cursor: str | None = None
    with httpx.Client(base_url=helpdesk.url) as client:
        while True:
            params: dict[str, Any] = {"limit": 1000}
            if cursor:
                params["cursor"] = cursor
            page = client.get("/v1/changes", params=params, headers=helpdesk.headers()).json()
            for item in page["items"]:
                data = item["data"]
                if item["type"] == "incident" and data["id"] == incident_id:
                    by_version[data["version"]] = data["status"]
            cursor = page["next_cursor"]
            if page["end_of_stream"]:
                break
    return [by_version[v] for v in sorted(by_version)]


def _apart(consoles: list[Console], held: dict[str, Any]) -> str:
    """Who did not converge, and how (for the failure message)."""
    lines = [f"helpdesk: v{held['version']} {held['status']} L{held['manual_escalation_level']}"]
    for console in consoles:
        mine = console.incident(held["id"])
        if mine is None:
            lines.append(f"{console.name}: does not have it")
            continue
        missing = {e["id"] for e in held["events"]} - {e.id for e in mine.events}
        extra = {e.id for e in mine.events} - {e["id"] for e in held["events"]}
        lines.append(
            f"{console.name}: v{mine.version} {mine.status.value} "
            f"L{mine.manual_escalation_level} events missing {len(missing)} extra {len(extra)}"
            f" status {console.engine.status}"
        )
    return "consoles did not converge:\n" + "\n".join(lines)


def _same(console: Console, held: dict[str, Any]) -> bool:
    mine = console.incident(held["id"])
    if mine is None:
        return False
    fields = (mine.version, mine.status.value, mine.manual_escalation_level)
    theirs = (held["version"], held["status"], held["manual_escalation_level"])
    return fields == theirs and {e.id for e in mine.events} == {e["id"] for e in held["events"]}


def _all_status_events(consoles: list[Console], incident_id: str) -> list[Any]:
    incident = consoles[0].incident(incident_id)
    events = () if incident is None else incident.events
    kinds = (EventKind.STATUS_CHANGED, EventKind.CONFLICT_SETTLED)
    return [e for e in events if e.kind in kinds]


def _has_event(console: Console, incident_id: str, event_id: str) -> bool:
    incident = console.incident(incident_id)
    return incident is not None and any(e.id == event_id for e in incident.events)
