"""The shift handover: the floor for the incoming team as a signed PDF, for the pit boss
and the duty manager only, audited; nothing without the tablet's certificate."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from app.actor import Actor
from app.acts.pki import Pki, make_pki
from app.acts.signing import IdentityProvider, SigningUnavailable
from app.clock import FakeClock
from app.domain import EventKind, IncidentStatus, Role
from app.policy import load_policy
from app.services.errors import PermissionDenied
from app.services.handover import OWED_LOOKBACK, HandoverService
from app.services.incidents import IncidentService
from offline_cache import SqliteStore
from tests.unit.kpi_fixtures import NOW, H, cases, deliver, promise
from tests.unit.reports_fixtures import fixture_store, validated

PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-1")
DUTY_MANAGER = Actor("M001", Role.DUTY_MANAGER, "TAB-1")
HOST = Actor("H001", Role.HOST, "TAB-1")


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki(NOW)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = fixture_store(tmp_path / "data")
    yield opened
    opened.close()


def _service(store: SqliteStore, pki: Pki | None, now: datetime = NOW) -> HandoverService:
    clock = FakeClock(now)
    policy = load_policy()
    material = None if pki is None else pki.device_material("TAB-1", NOW)
    identity = IdentityProvider(lambda: material, clock.now)
    incidents = IncidentService(store, clock, policy)
    return HandoverService(
        store, clock, incidents, identity, "Harbour Crown Casino", policy.calendar.zone, "TAB-1"
    )


@pytest.mark.parametrize("actor", [PIT_BOSS, DUTY_MANAGER], ids=["pit boss", "duty manager"])
def test_the_handover_lists_the_open_floor_signed(
    store: SqliteStore, pki: Pki, actor: Actor
) -> None:
    signed = _service(store, pki).write(actor)
    handover = signed.handover
    open_now = [c.incident for c in cases() if c.incident.status.is_open]
    listed = handover.breached + handover.waiting + handover.open
    assert sorted(i.number for i in listed) == sorted(i.display_number for i in open_now)
    assert all(i.breached for i in handover.breached)
    assert not any(i.breached for i in handover.waiting + handover.open)
    waiting = {i.display_number for i in open_now if i.status is IncidentStatus.WAITING}
    assert {i.number for i in handover.waiting} <= waiting
    assert all(i.next_update_at is not None for i in handover.waiting)

    status = validated(signed.pdf, pki, NOW)
    assert (status.intact, status.valid, status.trusted, status.docmdp_ok) == (True,) * 4
    names = PdfFileReader(io.BytesIO(signed.pdf)).root["/Names"]["/EmbeddedFiles"]["/Names"]
    embedded = json.loads(names[1]["/EF"]["/F"].data)
    assert [i["number"] for i in embedded["breached"]] == [i.number for i in handover.breached]
    with store.unit_of_work() as uow:
        entry = uow.audit.recent(1)[0]
    assert (entry.action, entry.staff_id) == ("shift.handover", actor.staff_id)
    assert entry.detail.startswith(f"{len(handover.breached)} breached")


def test_only_the_promises_not_delivered_are_handed_over(store: SqliteStore, pki: Pki) -> None:
    """Open or closed since: a promise is often kept after the resolution (B's and C's
    never were; D's was, after it)."""
    by_name = {c.name: c.incident for c in cases()}
    g = by_name["G"]  # open: a room overbooking
    kept = deliver(promise(g, g.opened_at + H / 6), g.opened_at + H / 4)
    incident = promise(kept, g.opened_at + H / 3)  # a second promise, still to keep
    with store.unit_of_work() as uow:
        uow.incidents.save(incident)
    promises = _service(store, pki).write(PIT_BOSS).handover.promises
    assert not by_name["B"].status.is_open and not by_name["C"].status.is_open
    assert [(p.number, p.items) for p in promises] == [
        (incident.display_number, "Lounge credit"),
        (by_name["B"].display_number, "Lounge credit"),
        (by_name["C"].display_number, "Lounge credit"),
    ]


def test_a_promise_owed_from_over_a_month_ago_is_left_to_the_recovery_tab(
    store: SqliteStore, pki: Pki
) -> None:
    b = next(c.incident for c in cases() if c.name == "B")
    promised = next(e.at for e in b.events if e.kind is EventKind.COMPENSATION_PROMISED)
    later = _service(store, pki, promised + OWED_LOOKBACK + timedelta(minutes=1))
    numbers = [p.number for p in later.write(PIT_BOSS).handover.promises]
    assert b.display_number not in numbers


def test_a_host_may_not_write_the_handover(store: SqliteStore, pki: Pki) -> None:
    with pytest.raises(PermissionDenied):
        _service(store, pki).write(HOST)
    with store.unit_of_work() as uow:
        entry = uow.audit.recent(1)[0]
    assert (entry.action, entry.detail) == ("permission.denied", "shift.handover")


def test_without_a_certificate_nothing_is_signed_or_recorded(store: SqliteStore) -> None:
    with pytest.raises(SigningUnavailable) as refused:
        _service(store, None).write(PIT_BOSS)
    assert refused.value.key == "act.no_certificate"
    with store.unit_of_work() as uow:
        assert all(e.action != "shift.handover" for e in uow.audit.recent(5))


def test_a_guest_named_in_chinese_is_written_not_drawn_as_boxes(
    store: SqliteStore, pki: Pki, tmp_path: Path
) -> None:
    import dataclasses
    import subprocess

    from tests.unit.reports_fixtures import VVIP

    with store.unit_of_work() as uow:
        uow.guests.save(dataclasses.replace(VVIP, name="刘磊"))
    signed = _service(store, pki).write(PIT_BOSS)
    listed = signed.handover.breached + signed.handover.waiting + signed.handover.open
    assert "刘磊" in {i.guest for i in listed}, {i.guest for i in listed}
    pdf = tmp_path / "handover.pdf"
    pdf.write_bytes(signed.pdf)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "刘磊" in text  # in the CJK font: DejaVu alone has no glyph for it
