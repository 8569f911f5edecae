"""A single-property helpdesk from before properties (its schema at h0003, its rows
written as that helpdesk wrote them) is upgraded: every record goes to the default
property named in its configuration, the ticket numbers go on, and a console that
synced before the upgrade resumes with the cursor it holds, losing and repeating
nothing. On SQLite, and on PostgreSQL in ``make test``'s second pass."""

import base64
import hashlib
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import sqlalchemy as sa

from app.domain import Guest, Role, Staff, Tier
from app.security.secrets import DEMO_PIN_COST, hash_pin
from app.wire import codec
from app.wire.contract import guest_body
from helpdesk.db import Database
from helpdesk.migrate import upgrade_to_head
from helpdesk.models import UtcDateTime
from tests.integration.conftest import (
    database_url_for,
    incident_body,
    query_helpdesk,
    start_service,
)

PIT_BOSS, PIN = "P900", "135790"
BEFORE = "h0003_incident_kpis"  # the last schema without properties


def _old_cursor(seq: int) -> str:
    """A cursor as the helpdesk before properties issued it to a pit boss's device."""
    tag = hashlib.sha256(b"pit_boss").hexdigest()[:12]
    return base64.urlsafe_b64encode(f"v2:{tag}:{seq}".encode()).decode().rstrip("=")


def _old_helpdesk(url: str) -> list[tuple[str, int]]:
    """The database an older helpdesk left: a pit boss, five guests, the counters;
    returns each guest's id with the seq of its change."""
    database = Database(url)
    now = datetime.now(UTC)
    changes = sa.table(
        "changes",
        sa.column("type"),
        sa.column("entity_id"),
        sa.column("op"),
        sa.column("data"),
        sa.column("created_at", UtcDateTime()),
    )
    staff = sa.table(
        "staff",
        sa.column("id"),
        sa.column("active"),
        sa.column("pin_hash"),
        sa.column("data"),
        sa.column("updated_at", UtcDateTime()),
    )
    guests = sa.table(
        "guests",
        sa.column("id"),
        sa.column("card_number"),
        sa.column("data"),
        sa.column("updated_at", UtcDateTime()),
    )
    seqs: list[tuple[str, int]] = []
    try:
        with database.write_engine.begin() as connection:
            upgrade_to_head(connection, revision=BEFORE)
        with database.write_engine.begin() as connection:
            counters = sa.table("counters", sa.column("name"), sa.column("value"))
            connection.execute(
                counters.insert(),
                [
                    {"name": "ticket", "value": 20004},
                    {"name": "changes", "value": 0},
                    {"name": "generation", "value": 4242},
                ],
            )
            record = codec.encode(
                Staff(id=PIT_BOSS, name="Pat Boss", role=Role.PIT_BOSS, pin_hash="")
            )
            verifier = hash_pin(PIN, cost=DEMO_PIN_COST)
            connection.execute(
                staff.insert().values(
                    id=PIT_BOSS,
                    active=True,
                    pin_hash=verifier,
                    data=json.dumps(record),
                    updated_at=now,
                )
            )
            connection.execute(
                sa.text("INSERT INTO staff_devices VALUES (:s, '*')"), {"s": PIT_BOSS}
            )
            connection.execute(
                changes.insert().values(
                    type="staff",
                    entity_id=PIT_BOSS,
                    op="upsert",
                    data=json.dumps(record),
                    created_at=now,
                )
            )
            for n in range(5):
                guest = Guest(
                    id=str(uuid.uuid4()), card_number=f"4000{n}", name=f"Guest {n}", tier=Tier.VIP
                )
                text = json.dumps(guest_body(guest))
                connection.execute(
                    guests.insert().values(
                        id=guest.id, card_number=guest.card_number, data=text, updated_at=now
                    )
                )
                seq = connection.execute(
                    changes.insert()
                    .values(
                        type="guest", entity_id=guest.id, op="upsert", data=text, created_at=now
                    )
                    .returning(sa.column("seq"))
                ).scalar_one()
                seqs.append((guest.id, int(seq)))
    finally:
        database.dispose()
    return seqs


def test_a_console_synced_before_properties_resumes_after_the_upgrade(tmp_path: Path) -> None:
    db_path = tmp_path / "before-properties.db"
    guests = _old_helpdesk(database_url_for(db_path))
    held = _old_cursor(guests[2][1])  # the console had read up to the third guest

    service = start_service(db_path, seed=False, property_code="OLDTOWN", property_name="Old Town")
    try:
        token = service.staff_token(PIT_BOSS, pin=PIN)
        headers = {"Authorization": f"Bearer {service.device_token}", "X-Staff-Token": token}
        with httpx.Client(base_url=service.url, timeout=10) as client:
            body = incident_body(opened_by=PIT_BOSS, owner_id=None)
            created = client.post(
                "/v1/incidents",
                json=body,
                headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
            )
            page = client.get(
                "/v1/changes", params={"cursor": held, "limit": 1000}, headers=headers
            )
    finally:
        service.server.stop()

    assert created.status_code == 201, created.text
    assert created.json()["number"] == "VIP-20005"  # the old counter, now the property's
    assert page.status_code == 200, page.text
    items = page.json()["items"]
    seqs = [item["seq"] for item in items]
    assert seqs == sorted(set(seqs))  # in order, none twice
    assert [i["data"]["id"] for i in items if i["type"] == "guest"] == [g for g, _ in guests[3:]]
    assert min(seqs) == guests[3][1]  # nothing between the held cursor and the fourth guest lost
    assert body["id"] in {i["data"]["id"] for i in items if i["type"] == "incident"}
    assert not [i for i in items if i["type"] == "staff"]  # read before: not sent again
    url = database_url_for(db_path)
    assert query_helpdesk(url, "SELECT id, code, name FROM properties") == [
        (1, "OLDTOWN", "Old Town")
    ]
    assert query_helpdesk(url, "SELECT DISTINCT property_id FROM changes") == [(1,)]
    assert query_helpdesk(url, "SELECT DISTINCT property_id FROM guests") == [(1,)]
