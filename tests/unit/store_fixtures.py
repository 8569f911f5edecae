"""Shared helpers for the offline-store tests: an open store and populated domain objects."""

from collections.abc import Iterator
from copy import deepcopy
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.domain import (
    Category,
    Channel,
    EventKind,
    Guest,
    Incident,
    IncidentEvent,
    IncidentStatus,
    ItineraryItem,
    PreferenceCard,
    Priority,
    QuietVisit,
    ResponsibleGambling,
    Tier,
    TravelRiskProfile,
)
from app.domain.guest import ItineraryDisclosure, PersonalLimits
from app.wire.contract import guest_body
from offline_cache import SqliteStore, open_store

T0 = datetime(2026, 11, 27, 4, 18, 0, 123456, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


def full_guest(
    guest_id: str = "g-1",
    card_number: str = "600100200300",
    name: str = "Zoë Ångström",
    phone: str = "+61412345678",
    room: str = "1203",
    host_id: str | None = "H001",
) -> Guest:
    """A guest with every field set to something other than its default."""
    return Guest(
        id=guest_id,
        card_number=card_number,
        name=name,
        tier=Tier.VVIP,
        host_id=host_id,
        phone=phone,
        languages=("en", "zh-Hans", "ru"),
        currency="HKD",
        preferred_channels=(Channel.MESSENGER, Channel.PHONE),
        code_word_hash="scrypt$salt$hash",
        credit_line=Decimal("250000.00"),
        table_limit=Decimal("5E+4"),
        adt=Decimal("12345.678"),
        theo=Decimal("-0.10"),
        sof_sow_status="verified",
        room=room,
        preferences=PreferenceCard(
            drinks=("Krug 2008", "green tea"),
            meals=("no shellfish",),
            rooms=("high floor", "twin"),
            tables_games=("Baccarat", "BJ-07"),
            communication=("text first",),
            transfers=("Maybach from SYD",),
            travel=TravelRiskProfile(
                documents=("passport CN",),
                visas=("AU subclass 600",),
                insurance="Allianz gold",
                cash_limit=Decimal("9999.99"),
            ),
        ),
        quiet=QuietVisit(
            enabled=True,
            host_only_contact=False,
            no_public_paging=False,
            no_camera_press=True,
            private_corridors=True,
            itinerary_disclosure=ItineraryDisclosure.NOBODY,
            alias="Mr Lotus",
        ),
        rg=ResponsibleGambling(
            self_excluded=True,
            cooling_off_until=date(2027, 1, 31),
            limits=PersonalLimits(time_per_day_minutes=240, bankroll_per_visit=Decimal("1000")),
        ),
        itinerary=(
            ItineraryItem(starts_at=T0, kind="flight", detail="CX 101 HKG-SYD"),
            ItineraryItem(starts_at=T0.replace(microsecond=0), kind="stay", detail="Villa 3"),
        ),
    )


def plain_guest(guest_id: str, card_number: str, name: str, **fields: object) -> Guest:
    return Guest(id=guest_id, card_number=card_number, name=name, tier=Tier.VIP, **fields)  # type: ignore[arg-type]


def event(incident_id: str, event_id: str, kind: EventKind = EventKind.NOTE) -> IncidentEvent:
    return IncidentEvent(
        id=event_id,
        incident_id=incident_id,
        at=T0,
        kind=kind,
        actor_id="PB01",
        detail=f"detail of {event_id}",
        from_value="new",
        to_value="in_progress",
    )


def full_incident(
    incident_id: str = "i-1",
    provisional_number: str = "T-TAB01-000001",
    status: IncidentStatus = IncidentStatus.IN_PROGRESS,
    guest_id: str | None = "g-1",
    opened_at: datetime = T0,
) -> Incident:
    return Incident(
        id=incident_id,
        provisional_number=provisional_number,
        opened_at=opened_at,
        opened_by="PB01",
        priority=Priority.P1,
        category=Category.PAYMENT_DISPUTE,
        channel=Channel.ONSITE,
        summary="Payout disputed at BJ-07 — 争议",
        status=status,
        number=f"HD-{incident_id}",
        guest_id=guest_id,
        owner_id="H001",
        location="Pit 2",
        table_id="BJ-07",
        game="Blackjack",
        machine="shoe 4",
        amount=Decimal("10000.50"),
        currency="AUD",
        transaction_ref="TX-9",
        desired_outcome="refund",
        attachments=("sha256:aa", "sha256:bb"),
        manual_escalation_level=2,
        events=(
            event(incident_id, f"{incident_id}-e1", EventKind.OPENED),
            event(incident_id, f"{incident_id}-e2", EventKind.ESCALATED),
        ),
    )


def guest_with(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """The full guest as the feed sends it, with the value at ``path`` replaced."""
    data = deepcopy(guest_body(full_guest()))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data
