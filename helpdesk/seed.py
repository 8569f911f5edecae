"""The demo property on the service side, from the same generator and seed as
``vip-console demo-data``: guest, staff, table and incident ids match the console's
demo store, so a demo console syncs onto the same records. Demo incidents get
server ticket numbers (VIP-20001…) and their timelines.
"""

import itertools
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.demo import generator
from app.domain import Guest, Incident
from app.security.secrets import DEMO_COST, PIN_COST, PinCost, hash_demo_pin, hash_secret
from app.wire import codec  # the console's own encoding of domain objects
from helpdesk import changes, incidents
from helpdesk.config import Settings
from helpdesk.context import Context
from helpdesk.db import utcnow
from helpdesk.models import ALL_DEVICES, GuestRow, IncidentRow, StaffDevice, StaffRow, TableRow
from helpdesk.schemas import EventCreate, IncidentCreate

log = logging.getLogger(__name__)

BATCH = 5_000
SAMPLE = 300  # incidents are filed for some of the first guests, as the console's writer does
DEFAULT_SEED = 7  # ``vip-console demo-data --seed`` default
DEFAULT_GUESTS = 2000  # ``vip-console demo-data --guests`` default


@dataclass(frozen=True)
class SeedSummary:
    guests: int
    staff: int
    tables: int
    incidents: int
    skipped: bool = False


def seed_demo(
    context: Context,
    guest_count: int = DEFAULT_GUESTS,
    seed: int = DEFAULT_SEED,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    pin_cost: PinCost = PIN_COST,
) -> SeedSummary:
    """Write the demo property unless the database already holds guests."""
    db = context.db
    with db.read() as session:
        if session.execute(select(func.count()).select_from(GuestRow)).scalar_one():
            log.info("demo seed skipped: the database already holds guests")
            return SeedSummary(0, 0, 0, 0, skipped=True)
    now = now or utcnow()
    tables = generator.make_tables()
    staff = generator.make_staff(lambda pin: hash_demo_pin(pin, cost=pin_cost), tables)
    hosts = [s.id for s in staff if s.role.value == "host"]
    with db.write() as session:
        table_items = [(t.id, changes.dumps(codec.encode(t))) for t in tables]
        session.execute(
            insert(TableRow),
            [{"id": i, "data": text, "updated_at": now} for i, text in table_items],
        )
        changes.append_many(session, "table", table_items, now)
        staff_items = [(s.id, changes.dumps(codec.encode(s))) for s in staff]
        session.execute(
            insert(StaffRow),
            [
                {
                    "id": s.id,
                    "active": s.active,
                    "pin_hash": s.pin_hash,
                    "data": text,
                    "updated_at": now,
                }
                for s, (_, text) in zip(staff, staff_items, strict=True)
            ],
        )
        changes.append_many(session, "staff", staff_items, now)
        # The demo's staff work on every tablet; a real property assigns each one.
        _on_every_device(session, [s.id for s in staff])

    code_word_hash = hash_secret(generator.DEMO_CODE_WORD, cost=DEMO_COST)
    guests = generator.make_guests(guest_count, seed, hosts, now.date(), code_word_hash)
    encode_guest = codec.encoder_for(Guest)
    sample: list[Guest] = []
    written = 0
    while batch := list(itertools.islice(guests, BATCH)):
        items = [(g.id, changes.dumps(encode_guest(g))) for g in batch]
        with db.write() as session:
            session.execute(
                insert(GuestRow),
                [
                    {"id": g.id, "card_number": g.card_number, "data": text, "updated_at": now}
                    for g, (_, text) in zip(batch, items, strict=True)
                ],
            )
            changes.append_many(session, "guest", items, now)
        if not sample:
            sample = batch[:SAMPLE]
        written += len(batch)
        if progress:
            progress(written)

    demo_incidents = (
        generator.make_incidents(random.Random(seed + 1), now, sample, tables, staff)
        if sample
        else []
    )
    with db.write() as session:
        for incident in demo_incidents:
            _write_incident(session, context, incident, now)
    log.info("demo property seeded: %d guests, %d incidents", written, len(demo_incidents))
    return SeedSummary(written, len(staff), len(tables), len(demo_incidents))


def _write_incident(session: Session, context: Context, incident: Incident, now: datetime) -> None:
    body = IncidentCreate(
        id=incident.id,
        provisional_number=incident.provisional_number,
        device_id=generator.DEMO_DEVICE,
        opened_at=incident.opened_at,
        opened_by=incident.opened_by,
        priority=incident.priority,
        category=incident.category,
        channel=incident.channel,
        summary=incident.summary,
        status=incident.status,
        guest_id=incident.guest_id,
        owner_id=incident.owner_id,
        location=incident.location,
        table_id=incident.table_id,
        game=incident.game,
        machine=incident.machine,
        amount=incident.amount,
        currency=incident.currency,
        transaction_ref=incident.transaction_ref,
        desired_outcome=incident.desired_outcome,
        manual_escalation_level=incident.manual_escalation_level,
    )
    settings: Settings = context.settings
    incidents.create(session, body, now, context.policy, settings.ticket_prefix)
    for event in incident.events:
        incidents.add_event(
            session,
            incident.id,
            EventCreate(
                id=event.id,
                at=event.at,
                kind=event.kind,
                actor_id=event.actor_id,
                detail=event.detail,
                from_value=event.from_value,
                to_value=event.to_value,
            ),
            now,
            context.policy,
            refresh_sla=False,
        )
    row = session.get(IncidentRow, incident.id)
    assert row is not None
    incidents.refresh_and_publish(session, row, context.policy, now)


def assign_demo_staff(context: Context) -> int:
    """A demo database seeded before staff were assigned to devices: its staff work on
    every tablet, as the seed now writes (without it nobody could sign in, nor keep a
    PIN verifier, on a demo console). Nothing when any assignment exists already."""
    with context.db.write() as session:
        if session.execute(select(func.count()).select_from(StaffDevice)).scalar_one():
            return 0
        ids = list(session.scalars(select(StaffRow.id)))
        _on_every_device(session, ids)
    if ids:
        log.info("demo staff assigned to every device (a database seeded before)")
    return len(ids)


def _on_every_device(session: Session, staff_ids: list[str]) -> None:
    if staff_ids:
        session.execute(
            insert(StaffDevice), [{"staff_id": i, "device_id": ALL_DEVICES} for i in staff_ids]
        )
