"""The replay's own writes coming back on the live feed are not decoded (app/sync/echoes.py),
and the store ends as it would have had they been: the same records, the same position."""

import asyncio
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.sync.apply import LAST_SEQ_KEY
from app.sync.decode import decode_items
from app.sync.echoes import OwnEchoes
from app.sync.live_apply import LiveApplier
from app.sync.storeio import StoreWorker
from app.wire import codec
from app.wire.contract import MalformedResponse
from offline_cache import open_store
from tests.unit.store_fixtures import event, full_incident


def incident_item(seq: int, version: int, summary: str) -> dict[str, Any]:
    incident = replace(full_incident("i-1"), version=version, summary=summary, events=())
    return {"seq": seq, "type": "incident", "op": "upsert", "data": codec.encode(incident)}


def event_item(seq: int, event_id: str) -> dict[str, Any]:
    data = codec.encode(event("i-1", event_id))
    return {"seq": seq, "type": "incident_event", "op": "upsert", "data": data}


def noted() -> OwnEchoes:
    echoes = OwnEchoes()
    echoes.incident_settled("i-1", 2)
    echoes.event_settled("i-1-e1")
    return echoes


def test_what_is_noted_is_what_the_apply_step_would_skip() -> None:
    echoes = noted()
    assert echoes.held("incident", incident_item(1, 2, "x")["data"])
    assert echoes.held("incident", incident_item(1, 1, "x")["data"])
    assert not echoes.held("incident", incident_item(1, 3, "x")["data"])  # newer: applied
    assert echoes.held("incident_event", event_item(1, "i-1-e1")["data"])
    assert not echoes.held("incident_event", event_item(1, "i-1-e9")["data"])
    assert not echoes.held("incident", {"id": "i-1", "version": "2"})
    assert not echoes.held("incident", ["i-1"])
    assert not echoes.held("guest", {"id": "i-1", "version": 1})
    echoes.incident_settled("i-1", 1)  # a restored helpdesk answered a lower version
    assert not echoes.held("incident", incident_item(1, 2, "x")["data"])
    echoes.clear()
    assert not echoes.held("incident_event", event_item(1, "i-1-e1")["data"])


def test_the_oldest_notes_leave_first() -> None:
    echoes = OwnEchoes(limit=2)
    for n in range(3):
        echoes.event_settled(f"e-{n}")
    assert [echoes.held("incident_event", {"id": f"e-{n}"}) for n in range(3)] == [
        False,
        True,
        True,
    ]


def test_a_held_item_keeps_its_frame_checked_and_its_seq() -> None:
    echoes = noted()
    items = [incident_item(7, 2, "echo"), event_item(8, "i-1-e1"), event_item(9, "i-1-e2")]
    decoded = decode_items(items, held=echoes.held)
    assert decoded.held == [("incident", "i-1"), ("incident_event", "i-1-e1")]
    assert [e.id for e in decoded.events] == ["i-1-e2"]
    assert decoded.last_seq == 9
    with pytest.raises(MalformedResponse):
        decode_items([{**incident_item(7, 2, "echo"), "seq": "7"}], held=echoes.held)


def stored_after(tmp_path: Path, echoes: OwnEchoes | None) -> tuple[Any, ...]:
    store = open_store(tmp_path)
    with store.unit_of_work() as uow:
        uow.incidents.save(replace(full_incident("i-1"), version=2))
    texts = [
        json.dumps(incident_item(10, 2, "the echo, never newer than what is held")),
        json.dumps(event_item(11, "i-1-e1")),
        json.dumps(event_item(12, "i-1-e3")),
    ]
    applied: list[int] = []

    async def run() -> None:
        worker = StoreWorker(store)
        applier = LiveApplier(worker, applied.append, lambda _n: None, echoes)
        for text in texts:
            applier.add(f"event: change\ndata: {text}\n\n")
        await applier.drain()
        await worker.aclose()

    asyncio.run(run())
    with store.unit_of_work() as uow:
        found = uow.incidents.by_ids(["i-1"])["i-1"]
        position = uow.sync_state.get(LAST_SEQ_KEY)
    store.close()
    return found, position, sum(applied)


def test_the_store_ends_the_same_with_echoes_skipped(tmp_path: Path) -> None:
    skipped = stored_after(tmp_path / "skipped", noted())
    decoded = stored_after(tmp_path / "decoded", None)
    assert skipped == decoded
    incident, position, applied = skipped
    assert position == "12" and applied == 3
    assert [e.id for e in incident.events] == ["i-1-e1", "i-1-e2", "i-1-e3"]
