"""Realistic demo objects built from the domain dataclasses, and small in-memory services.

Used by ``ui.screenshots`` and the UI tests; the real demo property comes from
``app.demo`` and the real services from ``app.services``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from app.actor import Actor
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
    Role,
    Tier,
    TravelRiskProfile,
)
from app.domain.guest import PersonalLimits
from app.permissions import GuestCardView, build_card_view
from app.services.errors import AccountLocked, GuestNotFound, SignInFailed
from app.services.guests import GuestSummary
from app.swipe import mask_card_number, parse_swipe
from ui.board.rows import BoardRow

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 27)
DEMO_HINT = "Demo data — host: H001 / PIN 1234 · pit boss: P001 / PIN 1234"


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


# -- in-memory services -------------------------------------------------------------------


@dataclass
class DemoAuth:
    """Accepts PIN 1234 for H001 (host) and P001 (pit boss); L001 is locked."""

    attempts: dict[str, int] = field(default_factory=dict)
    max_attempts: int = 5

    def sign_in(self, staff_id: str, pin: str) -> Actor:
        staff = {"H001": ("Amelia Chen", Role.HOST), "P001": ("Маркус Ли", Role.PIT_BOSS)}
        if staff_id == "L001":
            raise AccountLocked(NOW + timedelta(minutes=15))
        if staff_id in staff and pin == "1234":
            name, role = staff[staff_id]
            return Actor(staff_id=staff_id, role=role, device_id="TAB-PIT2-03", name=name)
        used = self.attempts.get(staff_id, 0) + 1
        self.attempts[staff_id] = used
        raise SignInFailed(max(self.max_attempts - used, 0))


HOST_NAMES = {"H001": "Amelia Chen", "H002": "Rafael Ortiz"}


@dataclass
class DemoGuestService:
    """Guests in memory, cards built by the core's own ``build_card_view``."""

    guests: list[Guest] = field(default_factory=demo_guests)

    def _view(self, guest: Guest, actor: Actor) -> GuestCardView:
        incidents = tuple(i for i in demo_incidents(self.guests) if i.guest_id == guest.id)
        return build_card_view(actor, guest, today=TODAY, incidents=incidents)

    def lookup_card(self, actor: Actor, raw_swipe: str) -> GuestCardView:
        number = parse_swipe(raw_swipe)
        for guest in self.guests:
            if guest.card_number == number:
                return self._view(guest, actor)
        raise GuestNotFound(card=mask_card_number(number))

    def search(self, actor: Actor, text: str, limit: int = 20) -> list[GuestSummary]:
        needle = text.casefold()
        found = [
            g
            for g in self.guests
            if needle in g.display_name.casefold() or (needle.isdigit() and needle in g.phone)
        ]
        return [
            GuestSummary(
                id=g.id,
                display_name=g.display_name,
                tier=g.tier,
                card_masked=mask_card_number(g.card_number),
                host_id=g.host_id,
                quiet_visit=g.quiet.enabled,
                self_excluded=g.rg.self_excluded,
                cooling_off=g.rg.is_cooling_off(TODAY),
                alias_shown=g.quiet.enabled and bool(g.quiet.alias),
                is_own_guest=g.host_id == actor.staff_id,
            )
            for g in found[:limit]
        ]

    def card(self, actor: Actor, guest_id: str) -> GuestCardView:
        for guest in self.guests:
            if guest.id == guest_id:
                return self._view(guest, actor)
        raise GuestNotFound(guest_id=guest_id)
