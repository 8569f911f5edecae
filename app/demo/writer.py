"""Writes a demo property into a store, in batches so 100,000 guests stay quick."""

import itertools
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from app.clock import Clock
from app.demo import generator
from app.demo.generator import DEMO_DEVICE
from app.domain import Guest
from app.ports import AuditEntry, Store
from app.settings import Settings, save_settings

log = logging.getLogger(__name__)

BATCH = 5_000
DEMO_MARKER = "demo-property.txt"  # tells the console this store holds demo data


@dataclass(frozen=True)
class DemoSummary:
    guests: int
    staff: int
    tables: int
    incidents: int


def write_demo_property(
    store: Store,
    data_dir: Path,
    guest_count: int,
    clock: Clock,
    seed: int = 7,
    progress: Callable[[int], None] | None = None,
) -> DemoSummary:
    from app.security.secrets import DEMO_COST, hash_demo_pin, hash_secret

    now = clock.now()
    tables = generator.make_tables()
    staff = generator.make_staff(hash_demo_pin, tables)
    hosts = [s.id for s in staff if s.role.value == "host"]
    # One salted hash for every demo guest: hashing 100,000 code words would take minutes.
    code_word_hash = hash_secret(generator.DEMO_CODE_WORD, cost=DEMO_COST)
    guests = generator.make_guests(guest_count, seed, hosts, now.date(), code_word_hash)
    sample: list[Guest] = []  # incidents are filed for some of the first guests
    written = 0
    while batch := list(itertools.islice(guests, BATCH)):
        with store.unit_of_work() as uow:
            uow.guests.save_many(batch)
        if not sample:
            sample = batch[:300]
        written += len(batch)
        if progress:
            progress(written)
    rng = random.Random(seed + 1)
    incidents = generator.make_incidents(rng, now, sample, tables, staff)
    with store.unit_of_work() as uow:
        for table in tables:
            uow.tables.save(table)
        for member in staff:
            uow.staff.save(member)
        # Numbered by the store's own counter, so the console's next one follows on.
        numbered = [
            replace(i, provisional_number=uow.incidents.next_provisional_number(DEMO_DEVICE))
            for i in incidents
        ]
        uow.incidents.save_many(numbered)
        uow.audit.append(_audit(now, f"{written} guests, {len(incidents)} incidents"))
    save_settings(data_dir, Settings({"device_id": DEMO_DEVICE}))
    (data_dir / DEMO_MARKER).write_text(generator.demo_sign_in_hint() + "\n", encoding="utf-8")
    write_demo_signing_pki(store, data_dir, now)
    log.info("demo property written to %s: %d guests", data_dir, written)
    return DemoSummary(written, len(staff), len(tables), len(incidents))


def write_demo_signing_pki(store: Store, data_dir: Path, now: datetime) -> None:
    """The demo PKI in ``<data_dir>/pki`` (acts CA, TSA, their CRLs: the embedded demo
    helpdesk's, see ``app.acts.pki``), and the demo tablet's own signing key and
    certificate in its store, as if the helpdesk had issued them at enrolment (the
    embedded helpdesk renews it)."""
    from app.acts.device_cert import store_material
    from app.acts.pki import PEM, write_demo_pki
    from app.settings import load_settings

    property_name = str(load_settings(data_dir).get("property_name"))
    pki = write_demo_pki(data_dir, now, property_name)
    with store.unit_of_work() as uow:
        material = pki.device_material(DEMO_DEVICE, now)
        store_material(uow, material, (pki.tsa_root.public_bytes(PEM),))


def demo_hint(data_dir: Path) -> generator.DemoSignIn | None:
    """Whom to sign in as, when ``data_dir`` holds a demo property (its marker file)."""
    return generator.demo_sign_in() if (data_dir / DEMO_MARKER).exists() else None


def _audit(now: datetime, detail: str) -> AuditEntry:
    return AuditEntry(
        at=now,
        staff_id="system",
        role="system",
        device_id=DEMO_DEVICE,
        action="demo.generate",
        target="store",
        detail=detail,
    )
