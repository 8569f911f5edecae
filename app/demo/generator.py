"""A realistic demo property, made deterministically from a seed.

Guests of both tiers with Latin, Cyrillic and CJK names, some on a quiet visit,
some self-excluded or cooling off; hosts, pit bosses, desk staff, concierges, a duty manager;
tables in pits; open incidents of every priority at every stage of their life.
"""

import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from app.demo import catalogue as cat
from app.demo import names
from app.domain import (
    Category,
    Channel,
    GamingTable,
    Guest,
    Incident,
    IncidentStatus,
    ItineraryItem,
    PreferenceCard,
    Priority,
    QuietVisit,
    ResponsibleGambling,
    Role,
    Staff,
    Tier,
    TravelRiskProfile,
)
from app.domain.enums import EventKind
from app.domain.guest import ItineraryDisclosure, PersonalLimits
from app.domain.incident import change_status, escalate, record_milestone

DEMO_PIN = "2468"
DEMO_CODE_WORD = "opal"  # every demo guest's code word, so the demo can be tried
DEMO_DEVICE = "TAB-DEMO"

# (staff id, name, role, pits); the first of each role is named in the sign-in hint.
DEMO_STAFF: tuple[tuple[str, str, Role, tuple[str, ...]], ...] = (
    ("H001", "Sophie Laurent", Role.HOST, ()),
    ("H002", "Daniel Cho", Role.HOST, ()),
    ("H003", "Marina Volkova", Role.HOST, ()),
    ("H004", "Kenji Watanabe", Role.HOST, ()),
    ("H005", "Aisha Rahman", Role.HOST, ()),
    ("H006", "Liam O'Connor", Role.HOST, ()),
    ("P001", "Grace Thompson", Role.PIT_BOSS, ("Pit 1", "Pit 2")),
    ("P002", "Victor Nguyen", Role.PIT_BOSS, ("Pit 3", "Pit 4")),
    ("P003", "Elena Rossi", Role.PIT_BOSS, ("Pit 5", "Pit 6")),
    ("D001", "Noah Williams", Role.VIP_DESK, ()),
    ("D002", "Mei Lin", Role.VIP_DESK, ()),
    ("C001", "Camille Dubois", Role.CONCIERGE, ()),
    ("C002", "Oliver Brown", Role.CONCIERGE, ()),
    ("M001", "Harriet Okafor", Role.DUTY_MANAGER, ()),
)

Hasher = Callable[[str], str]


@dataclass(frozen=True)
class DemoProperty:
    staff: tuple[Staff, ...]
    tables: tuple[GamingTable, ...]
    guests: tuple[Guest, ...]
    incidents: tuple[Incident, ...]


@dataclass(frozen=True)
class DemoSignIn:
    """Whom to sign in as on a demo property: the first staff id of each role, the PIN.
    The sign-in screen words it in the console's language."""

    staff: tuple[tuple[str, Role], ...]
    pin: str


def demo_sign_in() -> DemoSignIn:
    firsts: dict[Role, str] = {}
    for staff_id, _name, role, _pits in DEMO_STAFF:
        firsts.setdefault(role, staff_id)
    return DemoSignIn(tuple((sid, role) for role, sid in firsts.items()), DEMO_PIN)


def demo_sign_in_hint() -> str:
    """The same in English (the demo property's marker file, for whoever opens it)."""
    hint = demo_sign_in()
    ids = ", ".join(f"{sid} ({role.value.replace('_', ' ')})" for sid, role in hint.staff)
    return f"Demo property — staff {ids}; PIN {hint.pin}"


def loyalty_card_number(index: int) -> str:
    """Ten digits starting with 9: the property's loyalty range (see ``app.swipe``)."""
    return f"9{index:09d}"


def make_tables() -> tuple[GamingTable, ...]:
    tables = []
    for pit_index, (pit, game) in enumerate(cat.PITS, start=1):
        for n in range(1, 9):
            prefix = cat.TABLE_PREFIX[game]
            min_bet = 100 * (1 + (n % 4))
            tables.append(
                GamingTable(
                    id=f"{prefix}-{pit_index}{n:02d}",
                    pit=pit,
                    game=game,
                    min_bet=min_bet,
                    max_bet=min_bet * 500,
                )
            )
    return tuple(tables)


def make_staff(hasher: Hasher, tables: tuple[GamingTable, ...]) -> tuple[Staff, ...]:
    pin_hash = hasher(DEMO_PIN)  # one salted hash shared: hashing is slow on purpose
    staff = []
    for staff_id, name, role, pits in DEMO_STAFF:
        covered = tuple(t.id for t in tables if t.pit in pits)
        staff.append(
            Staff(
                id=staff_id,
                name=name,
                role=role,
                pin_hash=pin_hash,
                device_id=DEMO_DEVICE,
                pits=pits,
                tables=covered,
            )
        )
    return tuple(staff)


def _pick_name(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.55:
        return f"{rng.choice(names.LATIN_FIRST)} {rng.choice(names.LATIN_LAST)}", "latin"
    if roll < 0.75:
        return f"{rng.choice(names.CYRILLIC_FIRST)} {rng.choice(names.CYRILLIC_LAST)}", "cyrillic"
    if roll < 0.88:
        family, given = rng.choice(names.CJK_CHINESE_FAMILY), rng.choice(names.CJK_CHINESE_GIVEN)
        return family + given, "cjk"
    if roll < 0.95:
        return rng.choice(names.CJK_JAPANESE), "cjk"
    return rng.choice(names.HANGUL), "cjk"


def _some(rng: random.Random, pool: tuple[str, ...], low: int, high: int) -> tuple[str, ...]:
    return tuple(rng.sample(pool, rng.randint(low, high)))


def _make_guest(
    rng: random.Random, index: int, hosts: list[str], today: date, code_word_hash: str
) -> Guest:
    name, script = _pick_name(rng)
    tier = Tier.VVIP if rng.random() < 0.18 else Tier.VIP
    quiet = rng.random() < 0.08
    rg_roll = rng.random()
    rg = ResponsibleGambling(
        self_excluded=rg_roll < 0.02,
        cooling_off_until=today + timedelta(days=rng.randint(3, 90))
        if 0.02 <= rg_roll < 0.05
        else None,
        limits=PersonalLimits(
            time_per_day_minutes=rng.choice((None, 240, 360, 480)),
            bankroll_per_visit=rng.choice((None, Decimal(50000), Decimal(200000))),
        ),
    )
    adt = Decimal(rng.randrange(2_000, 60_000 if tier is Tier.VVIP else 15_000, 250))
    arrival = datetime(today.year, today.month, today.day, tzinfo=UTC) + timedelta(
        hours=rng.randint(-72, 96)
    )
    return Guest(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        card_number=loyalty_card_number(index),
        name=name,
        tier=tier,
        host_id=rng.choice(hosts),
        phone=f"+614{rng.randint(10_000_000, 99_999_999)}",
        languages=rng.choice(cat.LANGUAGES_BY_SCRIPT[script]),
        currency=rng.choice(cat.CURRENCY_BY_SCRIPT[script]),
        preferred_channels=tuple(
            rng.sample([Channel.PHONE, Channel.MESSENGER, Channel.EMAIL, Channel.ONSITE], 2)
        ),
        code_word_hash=code_word_hash,
        credit_line=Decimal(rng.choice((0, 100_000, 250_000, 500_000, 1_000_000))),
        table_limit=Decimal(rng.choice((10_000, 25_000, 50_000, 100_000))),
        adt=adt,
        theo=adt * rng.randint(1, 4),
        sof_sow_status=rng.choice(("verified", "verified", "pending", "not_checked")),
        room=f"{rng.randint(20, 58)}{rng.randint(1, 20):02d}" if rng.random() < 0.4 else "",
        preferences=PreferenceCard(
            drinks=_some(rng, cat.DRINKS, 1, 3),
            meals=_some(rng, cat.MEALS, 1, 2),
            rooms=_some(rng, cat.ROOMS, 1, 2),
            tables_games=_some(rng, cat.GAMES, 1, 2),
            communication=_some(rng, cat.COMMUNICATION, 0, 2),
            transfers=_some(rng, cat.TRANSFERS, 0, 1),
            travel=TravelRiskProfile(
                documents=_some(rng, cat.DOCUMENTS, 1, 2),
                visas=(rng.choice(cat.VISAS),),
                insurance=rng.choice(cat.INSURANCE),
                cash_limit=Decimal(rng.choice((10_000, 50_000, 100_000))),
            ),
        ),
        quiet=QuietVisit(
            enabled=quiet,
            no_camera_press=quiet and rng.random() < 0.6,
            private_corridors=quiet and rng.random() < 0.5,
            itinerary_disclosure=ItineraryDisclosure.HOST_ONLY,
            alias=rng.choice(names.ALIASES) if quiet and rng.random() < 0.8 else None,
        ),
        rg=rg,
        itinerary=(
            ItineraryItem(arrival, "flight", "CX 101 HKG → SYD"),
            ItineraryItem(arrival + timedelta(hours=2), "transfer", "Limousine to the hotel"),
        )
        if rng.random() < 0.5
        else (),
    )


def make_guests(
    count: int, seed: int, hosts: list[str], today: date, code_word_hash: str
) -> Iterator[Guest]:
    rng = random.Random(seed)
    for index in range(1, count + 1):
        yield _make_guest(rng, index, hosts, today, code_word_hash)


# (priority, category, channel, age in minutes, stage) — every priority and stage.
_INCIDENT_PLAN: tuple[tuple[Priority, Category, Channel, int, str], ...] = (
    (Priority.P1, Category.GAME_UNAVAILABLE, Channel.ONSITE, 3, "new"),
    (Priority.P1, Category.PAYMENT_FAILED, Channel.ONSITE, 12, "reacted"),
    (Priority.P1, Category.ACCOUNT_BLOCKED, Channel.PHONE, 40, "stabilised"),
    (Priority.P1, Category.EQUIPMENT_DOWN, Channel.ONSITE, 150, "stabilised"),
    (Priority.P2, Category.PAYMENT_DISPUTE, Channel.EMAIL, 25, "in_progress"),
    (Priority.P2, Category.TABLE_DISPUTE, Channel.ONSITE, 8, "decided"),
    (Priority.P2, Category.ROOM_OVERBOOKING, Channel.ONSITE, 70, "waiting"),
    (Priority.P2, Category.BROKEN_TRANSFER, Channel.MESSENGER, 300, "in_progress"),
    (Priority.P3, Category.BILLING_ERROR, Channel.CHAT, 90, "in_progress"),
    (Priority.P3, Category.SERVICE_WAIT, Channel.ONSITE, 14, "new"),
    (Priority.P3, Category.OTHER, Channel.PHONE, 600, "waiting"),
    (Priority.P3, Category.BILLING_ERROR, Channel.EMAIL, 1500, "in_progress"),
    (Priority.P4, Category.OTHER, Channel.EMAIL, 2000, "in_progress"),
    (Priority.P4, Category.SERVICE_WAIT, Channel.CHAT, 300, "new"),
    (Priority.P4, Category.OTHER, Channel.MESSENGER, 6000, "waiting"),
)


def make_incidents(
    rng: random.Random,
    now: datetime,
    guests: list[Guest],
    tables: tuple[GamingTable, ...],
    staff: tuple[Staff, ...],
    repeat: int = 1,
) -> list[Incident]:
    pit_bosses = [s for s in staff if s.role is Role.PIT_BOSS]
    incidents = []
    number = 0
    for _round in range(repeat):
        for priority, category, channel, age, stage in _INCIDENT_PLAN:
            number += 1
            guest = rng.choice(guests)
            table = rng.choice(tables) if channel is Channel.ONSITE else None
            boss = next((b for b in pit_bosses if table and table.pit in b.pits), pit_bosses[0])
            opener = boss.id if table else "D001"
            opened = now - timedelta(minutes=age + rng.randint(0, 4))
            incident = Incident(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                provisional_number=f"{DEMO_DEVICE}-{number:04d}",
                opened_at=opened,
                opened_by=opener,
                priority=priority,
                category=category,
                channel=channel,
                summary=cat.INCIDENT_SUMMARIES[category.value],
                guest_id=guest.id,
                owner_id=guest.host_id,
                location=f"{table.pit}, {table.id}" if table else "VIP desk",
                table_id=table.id if table else None,
                game=table.game if table else "",
                amount=Decimal(rng.randrange(5_000, 80_000, 500))
                if category in (Category.PAYMENT_FAILED, Category.PAYMENT_DISPUTE)
                else None,
                desired_outcome="Resume play at the same table" if table else "Call back",
            )
            incidents.append(_advance(incident, stage, opener, opened, now))
    return incidents


def _advance(
    incident: Incident, stage: str, actor: str, opened: datetime, now: datetime
) -> Incident:
    """Walk the incident through its life up to ``stage``, with plausible times."""
    from app.domain.incident import new_event, with_event

    incident = with_event(incident, new_event(incident, EventKind.OPENED, actor, opened))
    if stage == "new":
        return incident
    step = min((now - opened) / 4, timedelta(minutes=1, seconds=30))
    at = opened + step
    incident = change_status(incident, IncidentStatus.IN_PROGRESS, actor, at)
    if stage in ("reacted", "decided", "stabilised"):
        incident = record_milestone(incident, EventKind.REACTED, actor, at)
    if stage in ("decided", "stabilised"):
        incident = record_milestone(incident, EventKind.DECIDED, actor, at + step)
    if stage == "stabilised":
        incident = record_milestone(incident, EventKind.STABILISED, actor, at + 2 * step)
        if incident.category in (Category.ACCOUNT_BLOCKED, Category.EQUIPMENT_DOWN):
            incident = escalate(incident, 2, actor, at + 2 * step, "Games technical support")
    if stage == "waiting":
        incident = change_status(
            incident, IncidentStatus.WAITING, actor, at + step, "Waiting on a third party"
        )
    return incident
