"""Shared pieces of the acts tests: drawn signatures, a test PKI, a store with an incident.

Poppler's tools (``pdfsig``, ``pdftotext``, ``pdffonts``, ``pdftoppm``) are called
where a test needs a reader we did not write; without them those tests skip and say
so (CI installs ``poppler-utils``).
"""

import contextlib
import functools
import math
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.actor import Actor
from app.acts.device_cert import store_material
from app.acts.model import (
    ActDraft,
    CompensationKind,
    CompensationPromise,
    GuestSignature,
    GuestSignatureStatus,
)
from app.acts.pki import PEM, Pki, PkiPaths, SigningMaterial, make_pki, write_pki
from app.acts.service import ActService
from app.acts.signing import IdentityProvider
from app.acts.store import ActFileStore
from app.acts.strokes import DrawnSignature, InputKind, StrokeRecorder
from app.acts.trust import Trust, load_certificates
from app.clock import FakeClock
from app.domain import (
    Category,
    Channel,
    EventKind,
    Guest,
    Incident,
    IncidentStatus,
    Priority,
    Role,
    Staff,
    Tier,
)
from app.domain.guest import QuietVisit, ResponsibleGambling
from app.domain.incident import add_note, change_status, new_event, record_milestone, with_event
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 11, 27, 4, 18, tzinfo=UTC)
ZONE = ZoneInfo("Australia/Sydney")
DEVICE = "TAB-TEST01"
CYRILLIC_NAME = "Людмила Соколова"
CJK_NAME = "王秀英"
PIT_BOSS = Actor(staff_id="P001", role=Role.PIT_BOSS, device_id="TAB-TEST01", name="Маркус Ли")
HOST = Actor(staff_id="H001", role=Role.HOST, device_id="TAB-TEST01", name="Amelia Chen")
CONCIERGE = Actor(staff_id="C001", role=Role.CONCIERGE, device_id="TAB-TEST01", name="Camille")
DUTY_MANAGER = Actor(
    staff_id="M001", role=Role.DUTY_MANAGER, device_id="TAB-TEST01", name="Harriet"
)


PACKAGES = {"zbarimg": "zbar-tools"}  # everything else here is poppler-utils


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        package = PACKAGES.get(name, "poppler-utils")
        pytest.skip(f"{name} is not installed: apt-get install -y {package}")
    return path


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    need_tool(args[0])
    return subprocess.run(list(args), capture_output=True, text=True, timeout=60, check=False)


def pdftotext(path: Path) -> str:
    result = run_tool("pdftotext", "-enc", "UTF-8", str(path), "-")
    assert result.returncode == 0, result.stderr
    return result.stdout


def exported(pdf: bytes, directory: Path, name: str = "act.pdf") -> Path:
    """``pdf`` written out for a tool that reads files (an export, as staff would)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(pdf)
    return path


def pdfsig(path: Path) -> str:
    """pdfsig's report; it exits 0 even on a digest mismatch, so read the text."""
    result = run_tool("pdfsig", "-nocert", str(path))
    return result.stdout + result.stderr


def drawn(seed: float = 0.0, kind: InputKind = InputKind.PEN) -> DrawnSignature:
    """A plausible three-loop signature with varying pressure."""
    recorder = StrokeRecorder(400, 150)
    t = 0
    for s in range(3):
        pressure = 0.3 if kind is InputKind.PEN else None
        recorder.begin(40 + s * 110, 80, t, pressure, kind)
        for i in range(60):
            t += 8
            p = 0.2 + 0.8 * abs(math.sin(i / 10)) if kind is InputKind.PEN else None
            recorder.add(40 + s * 110 + i * 1.6, 80 + 30 * math.sin(i / 6 + seed + s), t, p)
        recorder.end()
    return recorder.signature()


def act_draft(incident_id: str = "i-1", **changes: object) -> ActDraft:
    draft = ActDraft(
        incident_id=incident_id,
        decision="Refund the last hand after review of the footage; table stays open.",
        staff_signature=drawn(0),
        guest=GuestSignature(GuestSignatureStatus.SIGNED, drawn(1)),
        statement="The guest states the dealer paid the wrong hand. 客人表示荷官赔错了。",
        compensation=(
            CompensationPromise(
                CompensationKind.FNB_CREDIT,
                "Dinner for two at the Jade Room",
                "Valid 30 days, this property only",
                Decimal("300"),
                agreed_by="H001",
            ),
        ),
    )
    from dataclasses import replace

    return replace(draft, **changes)  # type: ignore[arg-type]


def incident(
    incident_id: str = "i-1",
    guest_id: str | None = "g-cyr",
    priority: Priority = Priority.P1,
    status: IncidentStatus = IncidentStatus.IN_PROGRESS,
) -> Incident:
    base = Incident(
        id=incident_id,
        provisional_number=f"TAB-TEST01-{incident_id}",
        opened_at=T0,
        opened_by="P001",
        priority=priority,
        category=Category.TABLE_DISPUTE,
        channel=Channel.ONSITE,
        summary="Payout disputed at BJ-07 after a shoe change",
        guest_id=guest_id,
        location="Pit 2, BJ-07",
        table_id=None,
        game="Blackjack",
        amount=Decimal("12000.00"),
        desired_outcome="Refund of the last hand",
    )
    base = with_event(base, new_event(base, EventKind.OPENED, "P001", T0))
    if status is not IncidentStatus.NEW:  # reaching the table moves it to In progress
        base = record_milestone(base, EventKind.REACTED, "P001", T0 + timedelta(minutes=2))
    base = add_note(
        base, "Footage requested. Заметка по-русски.", "P001", T0 + timedelta(minutes=4)
    )
    if status in (IncidentStatus.RESOLVED, IncidentStatus.CLOSED):
        base = change_status(base, IncidentStatus.RESOLVED, "P001", T0 + timedelta(minutes=50))
    if status is IncidentStatus.CLOSED:
        base = change_status(base, IncidentStatus.CLOSED, "P001", T0 + timedelta(minutes=55))
    return base


@functools.cache
def shared_pki() -> Pki:
    """One test PKI per session (real time: the validator checks certificates against the
    machine's clock). Its CRL URL goes nowhere: unit tests never fetch it."""
    return make_pki(datetime.now(UTC), "http://127.0.0.1:9")


@dataclass
class ActsEnv:
    store: SqliteStore
    service: ActService
    clock: FakeClock
    data_dir: Path
    pki_paths: PkiPaths
    device: SigningMaterial  # the tablet's key and certificate, as the helpdesk issued them


def build_env(
    data_dir: Path, pki: Pki, store_key: bytes | None = None, device_id: str = DEVICE
) -> ActsEnv:
    """The tablet holds its own key and a certificate from ``pki``'s acts CA (real
    time: the validator checks it against the machine's clock), as after enrolment."""
    paths = write_pki(pki, data_dir / "pki")
    store = open_store(data_dir, key=store_key)
    clock = FakeClock(T0 + timedelta(minutes=9))
    device = pki.device_material(device_id, datetime.now(UTC))
    with store.unit_of_work() as uow:
        store_material(uow, device, (pki.tsa_root.public_bytes(PEM),))
        uow.staff.save(Staff(id="P001", name="Маркус Ли", role=Role.PIT_BOSS, pin_hash="x"))
        uow.staff.save(Staff(id="H001", name="Amelia Chen", role=Role.HOST, pin_hash="x"))
        uow.staff.save(Staff(id="C001", name="Camille Dubois", role=Role.CONCIERGE, pin_hash="x"))
        uow.staff.save(
            Staff(id="M001", name="Harriet Okafor", role=Role.DUTY_MANAGER, pin_hash="x")
        )
        uow.guests.save(
            Guest(
                id="g-cyr",
                card_number="9000001234",
                name=CYRILLIC_NAME,
                tier=Tier.VVIP,
                host_id="H001",
            )
        )
        uow.guests.save(
            Guest(
                id="g-cjk", card_number="9000005678", name=CJK_NAME, tier=Tier.VIP, host_id="H001"
            )
        )
        uow.guests.save(
            Guest(
                id="g-quiet",
                card_number="9000009999",
                name="Real Name Hidden",
                tier=Tier.VVIP,
                quiet=QuietVisit(enabled=True, alias="Mr Lotus"),
                rg=ResponsibleGambling(self_excluded=True),
            )
        )
        uow.incidents.save(incident("i-1", "g-cyr"))
        uow.incidents.save(incident("i-2", "g-cjk"))
        uow.incidents.save(incident("i-quiet", "g-quiet"))
        uow.incidents.save(incident("i-closed", "g-cyr", status=IncidentStatus.CLOSED))
    service = ActService(
        store,
        clock,
        files=ActFileStore.for_store(data_dir, store),
        identity=IdentityProvider.from_store(store, clock.now),
        property_name="Harbour Crown Casino",
        device_id=device_id,
        venue_tz=ZONE,
    )
    return ActsEnv(store, service, clock, data_dir, paths, device)


def trust_in(paths: PkiPaths, crls: tuple[bytes, ...] = ()) -> Trust:
    """What ``act verify`` trusts with ``paths``: its acts CA, its TSA root, ``crls``."""
    return Trust(load_certificates(paths.ca), load_certificates(paths.tsa_ca), crls)


@contextlib.contextmanager
def open_env(
    directory: Path,
    pki: Pki | None = None,
    store_key: bytes | None = None,
    device_id: str = DEVICE,
) -> Iterator[ActsEnv]:
    """A store with staff, guests and incidents and an ``ActService`` over it.

    Each test module wraps this in its own ``acts_env`` fixture."""
    env = build_env(directory, pki or shared_pki(), store_key, device_id)
    try:
        yield env
    finally:
        env.store.close()
