"""Realistic demo objects built from the domain dataclasses: guests, incidents, board rows.

Test data for the UI tests (small, hand-picked: a quiet visit, a self-exclusion, names
in three scripts); the real demo property, which ``make run`` and the journey tests use,
comes from ``app.demo``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from app.domain import (
    Category,
    Channel,
    Guest,
    Incident,
    IncidentStatus,
    PreferenceCard,
    Priority,
    QuietVisit,
    ResponsibleGambling,
    Tier,
    TravelRiskProfile,
)
from app.domain.guest import PersonalLimits
from ui.board.rows import BoardRow

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 27)


def _gid(n: int) -> str:
    return str(uuid.UUID(int=n))


def demo_guests() -> list[Guest]:
    prefs = PreferenceCard(
        drinks=("Krug Grande Cuvée", "sparkling water, no ice"),
        meals=("pescatarian", "no shellfish"),
        rooms=("high floor, harbour view", "king bed"),
        tables_games=("Baccarat, Salon Privé", "Blackjack BJ-07"),
        communication=("WhatsApp via host", "no calls after 22:00"),
        transfers=("Maybach from SYD T1",),
        travel=TravelRiskProfile(
            documents=("passport (AU)",), visas=(), insurance="AIG travel", cash_limit=None
        ),
    )
    return [
        Guest(
            id=_gid(1),
            card_number="9001234567890",
            name="Charlotte Whitfield",
            tier=Tier.VVIP,
            host_id="H001",
            phone="+61412345678",
            languages=("English", "French"),
            preferred_channels=(Channel.MESSENGER, Channel.PHONE),
            code_word_hash="x",
            credit_line=Decimal("500000"),
            table_limit=Decimal("50000"),
            adt=Decimal("18500"),
            theo=Decimal("42000"),
            room="3105",
            preferences=prefs,
        ),
        Guest(
            id=_gid(2),
            card_number="9001234567891",
            name="Дмитрий Соколов",
            tier=Tier.VIP,
            host_id="H001",
            phone="+61498765432",
            languages=("Русский", "English"),
            currency="AUD",
            table_limit=Decimal("20000"),
            adt=Decimal("6400"),
            preferences=PreferenceCard(
                drinks=("Beluga vodka, chilled",),
                meals=("борщ", "steak, medium"),
                tables_games=("Roulette",),
                communication=("Telegram via host",),
            ),
        ),
        Guest(
            id=_gid(3),
            card_number="9001234567892",
            name="王伟",
            tier=Tier.VVIP,
            host_id="H002",
            languages=("中文", "English"),
            currency="HKD",
            credit_line=Decimal("2000000"),
            table_limit=Decimal("200000"),
            preferences=PreferenceCard(
                drinks=("普洱茶", "Moutai"),
                meals=("粤菜", "no beef"),
                rooms=("Sky Villa 8", "no floor 4"),
                tables_games=("Baccarat, room 8",),
                transfers=("private jet, Kingsford Smith",),
            ),
        ),
        Guest(
            id=_gid(4),
            card_number="9001234567893",
            name="山本 武",
            tier=Tier.VVIP,
            host_id="H001",
            languages=("日本語", "English"),
            currency="JPY",
            credit_line=Decimal("80000000"),
            table_limit=Decimal("5000000"),
            quiet=QuietVisit(
                enabled=True,
                host_only_contact=True,
                no_public_paging=True,
                no_camera_press=True,
                private_corridors=True,
                alias="Mr. Lotus",
            ),
            preferences=PreferenceCard(
                drinks=("Yamazaki 18, neat",),
                rooms=("private lift access",),
                tables_games=("Baccarat, Salon Privé",),
                communication=("host only",),
            ),
        ),
        Guest(
            id=_gid(5),
            card_number="9001234567894",
            name="Liam O'Connor",
            tier=Tier.VIP,
            host_id="H002",
            languages=("English",),
            adt=Decimal("2100"),
            rg=ResponsibleGambling(
                self_excluded=True,
                limits=PersonalLimits(time_per_day_minutes=120, bankroll_per_visit=Decimal("2000")),
            ),
            preferences=PreferenceCard(drinks=("lemon lime bitters",), meals=("burger",)),
        ),
        Guest(
            id=_gid(6),
            card_number="9001234567895",
            name="Ngọc Anh Trần",
            tier=Tier.VIP,
            host_id="H002",
            languages=("Tiếng Việt", "English"),
            rg=ResponsibleGambling(cooling_off_until=TODAY + timedelta(days=20)),
        ),
    ]


def demo_incidents(guests: Sequence[Guest]) -> list[Incident]:
    g = {x.id: x for x in guests}
    ids = list(g)

    def inc(n: int, prio: Priority, cat: Category, minutes_ago: int, **kw: object) -> Incident:
        return Incident(
            id=_gid(100 + n),
            provisional_number=f"TAB3-{n:04d}",
            opened_at=NOW - timedelta(minutes=minutes_ago),
            opened_by="P001",
            priority=prio,
            category=cat,
            channel=Channel.ONSITE,
            summary="",
            **kw,  # type: ignore[arg-type]
        )

    return [
        inc(
            1,
            Priority.P1,
            Category.PAYMENT_FAILED,
            140,
            guest_id=ids[0],
            number="VIP-20431",
            status=IncidentStatus.RESOLVED,
            table_id="BJ-07",
        ),
        inc(
            2,
            Priority.P3,
            Category.SERVICE_WAIT,
            60 * 24 * 9,
            guest_id=ids[0],
            number="VIP-19877",
            status=IncidentStatus.CLOSED,
            location="VIP lounge",
        ),
    ]


@dataclass(frozen=True, slots=True)
class _RowSpec:
    ticket: str
    provisional: bool
    priority: Priority
    category: Category
    guest: int
    location: str
    status: IncidentStatus
    level: int
    breach_in: timedelta
    update_in: timedelta | None = None


def demo_board_rows(guests: Sequence[Guest], now: datetime = NOW) -> list[BoardRow]:
    m = timedelta(minutes=1)
    s = timedelta(seconds=1)
    specs = [
        _RowSpec(
            "VIP-20512",
            False,
            Priority.P1,
            Category.PAYMENT_FAILED,
            0,
            "BJ-07 · Pit 2",
            IncidentStatus.IN_PROGRESS,
            3,
            -(3 * m + 12 * s),
            -(1 * m),
        ),
        _RowSpec(
            "TAB3-0042",
            True,
            Priority.P1,
            Category.GAME_UNAVAILABLE,
            2,
            "BAC-08 · Salon",
            IncidentStatus.NEW,
            2,
            9 * m + 41 * s,
            4 * m,
        ),
        _RowSpec(
            "VIP-20507",
            False,
            Priority.P2,
            Category.ACCOUNT_BLOCKED,
            1,
            "Cage",
            IncidentStatus.IN_PROGRESS,
            4,
            -(27 * m),
            2 * m,
        ),
        _RowSpec(
            "VIP-20498",
            False,
            Priority.P2,
            Category.ROOM_OVERBOOKING,
            3,
            "Hotel desk",
            IncidentStatus.IN_PROGRESS,
            2,
            38 * m + 5 * s,
            12 * m,
        ),
        _RowSpec(
            "TAB3-0043",
            True,
            Priority.P3,
            Category.TABLE_DISPUTE,
            4,
            "RO-03 · Pit 1",
            IncidentStatus.WAITING,
            1,
            5 * 60 * m,
            45 * m,
        ),
        _RowSpec(
            "VIP-20470",
            False,
            Priority.P3,
            Category.SERVICE_WAIT,
            5,
            "VIP lounge",
            IncidentStatus.NEW,
            1,
            21 * 60 * m + 3 * m,
            60 * m,
        ),
        _RowSpec(
            "VIP-20455",
            False,
            Priority.P4,
            Category.BILLING_ERROR,
            0,
            "Room 3105",
            IncidentStatus.WAITING,
            1,
            2 * 24 * 60 * m + 5 * 60 * m,
            6 * 60 * m,
        ),
        _RowSpec(
            "VIP-20511",
            False,
            Priority.P2,
            Category.BROKEN_TRANSFER,
            2,
            "Porte-cochère",
            IncidentStatus.NEW,
            2,
            52 * m,
            8 * m,
        ),
    ]
    rows = []
    for i, spec in enumerate(specs):
        guest = guests[spec.guest]
        rows.append(
            BoardRow(
                incident_id=_gid(500 + i),
                ticket=spec.ticket,
                provisional=spec.provisional,
                priority=spec.priority,
                category=spec.category,
                guest_name=guest.display_name,
                location=spec.location,
                status=spec.status,
                escalation_level=spec.level,
                breach_at=now + spec.breach_in,
                next_update_at=now + spec.update_in if spec.update_in is not None else None,
            )
        )
    return rows
