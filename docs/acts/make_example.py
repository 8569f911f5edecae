"""Regenerate ``docs/acts/example-act.pdf`` and its PNGs (needs poppler's pdftoppm).

    .venv/bin/python docs/acts/make_example.py

A throw-away data directory with a fresh demo PKI, a P1 table dispute for a guest
with a Cyrillic and a CJK name, drawn signatures (pen with pressure), a compensation
promise agreed by the host; then the act is recorded by the real ``ActService`` and
verified. The PDF is signed at B-B (offline) with a demo key made on the spot, so
``act verify`` needs that run's CA: the script writes it next to the example
(``example-ca.pem``).
"""

import math
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from app.actor import Actor  # noqa: E402
from app.acts.model import (  # noqa: E402
    ActDraft,
    CompensationKind,
    CompensationPromise,
    GuestSignature,
    GuestSignatureStatus,
)
from app.acts.pki import make_pki, write_pki  # noqa: E402
from app.acts.service import ActService  # noqa: E402
from app.acts.signing import IdentityProvider  # noqa: E402
from app.acts.store import ActFileStore  # noqa: E402
from app.acts.strokes import InputKind, StrokeRecorder  # noqa: E402
from app.acts.verify import load_trust, verify_pdf  # noqa: E402
from app.clock import FakeClock  # noqa: E402
from app.domain import Category, Channel, Guest, Incident, Priority, Role, Staff, Tier  # noqa: E402
from app.domain.enums import EventKind  # noqa: E402
from app.domain.incident import (  # noqa: E402
    add_note,
    escalate,
    new_event,
    record_milestone,
    with_event,
)
from offline_cache import open_store  # noqa: E402

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=40)


def signature(word_count: int, seed: float) -> object:
    recorder = StrokeRecorder(600, 200)
    t = 0
    for w in range(word_count):
        recorder.begin(60 + w * 150, 120, t, 0.25, InputKind.PEN)
        for i in range(70):
            t += 7
            x = 60 + w * 150 + i * 1.8
            y = 120 - 45 * math.sin(i / 5 + seed + w) * math.exp(-i / 90)
            recorder.add(x, y, t, 0.25 + 0.7 * abs(math.sin(i / 12 + w)))
        recorder.end()
        t += 180
    recorder.begin(70, 165, t, 0.5, InputKind.PEN)
    recorder.add(70 + word_count * 150, 160, t + 300, 0.6)
    recorder.end()
    return recorder.signature()


def incident() -> Incident:
    base = Incident(
        id="4c1d5b8e-0d7a-4f43-9a55-3a0c3f2b9e01",
        provisional_number="TAB-DEMO-0042",
        opened_at=T0,
        opened_by="P001",
        priority=Priority.P1,
        category=Category.TABLE_DISPUTE,
        channel=Channel.ONSITE,
        summary="Payout disputed on the last hand after a mid-shoe change — 对最后一手的赔付有争议",
        guest_id="g-1",
        owner_id="H003",
        location="Pit 2, BJ-07",
        game="Blackjack",
        machine="Shoe 4",
        amount=Decimal("12000.00"),
        transaction_ref="TX-88213",
        desired_outcome="Payout of the last hand at the agreed limit",
    )
    base = with_event(base, new_event(base, EventKind.OPENED, "P001", T0))
    # Reaching the table moves the incident to In progress.
    base = record_milestone(base, EventKind.REACTED, "P001", T0 + timedelta(minutes=2))
    base = add_note(
        base,
        "Surveillance asked for the footage of BJ-07, 21:40–21:55.",
        "P001",
        T0 + timedelta(minutes=5),
    )
    base = escalate(base, 3, "P001", T0 + timedelta(minutes=12), "Guest asks for the director")
    return record_milestone(base, EventKind.DECIDED, "P001", T0 + timedelta(minutes=25))


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="vip-act-example-"))
    try:
        pki = make_pki(datetime.now(UTC), "http://127.0.0.1:8765")
        paths = write_pki(pki, work / "pki")
        # A tablet's certificate lives 30 days; the example's ten years, so that an
        # untimestamped (B-B) example still verifies when someone reads this.
        material = pki.device_material("TAB-DEMO", datetime.now(UTC), days=3650)
        store = open_store(work)
        with store.unit_of_work() as uow:
            uow.staff.save(
                Staff(id="P001", name="Grace Thompson", role=Role.PIT_BOSS, pin_hash="x")
            )
            uow.staff.save(Staff(id="H003", name="Marina Volkova", role=Role.HOST, pin_hash="x"))
            uow.guests.save(
                Guest(
                    id="g-1",
                    card_number="9000031337",
                    name="Людмила Ван 王秀英",
                    tier=Tier.VVIP,
                    host_id="H003",
                )
            )
            uow.incidents.save(incident())
        clock = FakeClock(T0 + timedelta(minutes=31))
        service = ActService(
            store,
            clock,
            files=ActFileStore.for_store(work, store),
            identity=IdentityProvider(lambda: material, clock.now),
            property_name="Harbour Crown Casino",
            device_id="TAB-DEMO",
            venue_tz=ZoneInfo("Australia/Sydney"),
        )
        draft = ActDraft(
            incident_id="4c1d5b8e-0d7a-4f43-9a55-3a0c3f2b9e01",
            decision=(
                "The footage shows the dealer paid the wrong box. The last hand is paid at "
                "AUD 1,200; the shoe is replaced and the table reopens with a new dealer."
            ),
            statement=(
                "The guest states the dealer swept her winning hand. 客人表示荷官收走了她赢的牌。"
            ),
            staff_signature=signature(2, 0.0),
            guest=GuestSignature(GuestSignatureStatus.SIGNED, signature(3, 1.3)),
            compensation=(
                CompensationPromise(
                    CompensationKind.FNB_CREDIT,
                    "Dinner for two at the Jade Room",
                    "Valid 30 days at this property; not exchangeable for cash",
                    Decimal("300"),
                    agreed_by="H003",
                ),
                CompensationPromise(
                    CompensationKind.TOURNAMENT_PRIORITY,
                    "Priority seat at the December baccarat tournament",
                    "Confirmed by the host in writing before 1 December",
                    agreed_by="H003",
                ),
            ),
        )
        actor = Actor(
            staff_id="P001", role=Role.PIT_BOSS, device_id="TAB-DEMO", name="Grace Thompson"
        )
        recorded = service.record_act(actor, replace(draft))
        store.close()
        verdict = verify_pdf(recorded.pdf, load_trust(paths.ca))
        print(verdict.report("example-act.pdf"))
        if not verdict.ok:
            return 1
        (HERE / "example-act.pdf").write_bytes(recorded.pdf)
        shutil.copyfile(paths.ca, HERE / "example-ca.pem")
        for old in HERE.glob("example-act*.png"):
            old.unlink()
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                str(HERE / "example-act.pdf"),
                str(HERE / "example-act"),
            ],
            check=True,
        )
        pages = sorted(HERE.glob("example-act-*.png"))
        pages[0].rename(HERE / "example-act.png")
        for index, page in enumerate(pages[1:], 2):
            page.rename(HERE / f"example-act-page{index}.png")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
