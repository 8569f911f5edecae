"""Service recovery (SPEC §7): one row per line of the compensation table, by tier."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import (
    Category,
    Channel,
    EventKind,
    Guest,
    Incident,
    Priority,
    ResponsibleGambling,
    Role,
    Tier,
)
from app.policy import PolicyError, load_policy
from app.recovery.matrix import RecoveryEvent, load_matrix
from app.recovery.proposals import promises_of, propose
from app.services.errors import PermissionDenied
from app.services.recovery import RecoveryRefused, RecoveryService
from app.sla import sla_status
from offline_cache import SqliteStore, open_store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)
POLICY = load_policy()
MATRIX = load_matrix()
P, C = Priority, Category  # short names for the table below
CLEAR = ResponsibleGambling()
SELF_EXCLUDED = ResponsibleGambling(self_excluded=True)
COOLING_OFF = ResponsibleGambling(cooling_off_until=TODAY + timedelta(days=7))


def incident(priority: Priority, category: Category, minutes_ago: int) -> Incident:
    return Incident(
        id="i-1",
        provisional_number="TAB-1-0001",
        opened_at=NOW - timedelta(minutes=minutes_ago),
        opened_by="P001",
        priority=priority,
        category=category,
        channel=Channel.PHONE,
        summary="",
        guest_id="g-1",
    )


def offered(inc: Incident, tier: Tier, rg: ResponsibleGambling = CLEAR) -> list[str]:
    status = sla_status(inc, tier, POLICY, NOW)
    return [item.kind for item in propose(inc, tier, rg, status, MATRIX, TODAY).offers]


@pytest.mark.parametrize(
    ("priority", "category", "minutes_ago", "tier", "kinds"),
    [
        # P1 delay beyond SLA: free play / bonus play by tier + next tournament priority
        (P.P1, C.GAME_UNAVAILABLE, 180, Tier.VIP, ["free_play", "tournament_priority"]),
        (P.P1, C.GAME_UNAVAILABLE, 180, Tier.VVIP, ["bonus_play", "tournament_priority"]),
        # room overbooking: immediate upgrade + F&B credit
        (P.P2, C.ROOM_OVERBOOKING, 5, Tier.VIP, ["room_upgrade", "fnb_credit"]),
        (P.P2, C.ROOM_OVERBOOKING, 5, Tier.VVIP, ["room_upgrade", "fnb_credit"]),
        # broken transfer: separate transfer / return
        (P.P2, C.BROKEN_TRANSFER, 5, Tier.VIP, ["separate_transfer"]),
        (P.P2, C.BROKEN_TRANSFER, 5, Tier.VVIP, ["separate_transfer"]),
        # billing or comp error: same-day correction + written report
        (P.P3, C.BILLING_ERROR, 5, Tier.VIP, ["same_day_correction", "written_report"]),
        (P.P3, C.BILLING_ERROR, 5, Tier.VVIP, ["same_day_correction", "written_report"]),
        # wait > 10 min in the VIP room: standard drinks / lounge credits
        (P.P3, C.SERVICE_WAIT, 12, Tier.VIP, ["drinks"]),
        (P.P3, C.SERVICE_WAIT, 12, Tier.VVIP, ["drinks", "lounge_credit"]),
    ],
)  # fmt: skip
def test_one_row_per_line_of_the_matrix(
    priority: Priority, category: Category, minutes_ago: int, tier: Tier, kinds: list[str]
) -> None:
    assert offered(incident(priority, category, minutes_ago), tier) == kinds


def test_a_p1_within_its_sla_triggers_nothing() -> None:
    assert offered(incident(Priority.P1, Category.GAME_UNAVAILABLE, 5), Tier.VIP) == []


@pytest.mark.parametrize("rg", [SELF_EXCLUDED, COOLING_OFF])
def test_play_incentives_are_replaced_for_a_blocked_guest(rg: ResponsibleGambling) -> None:
    inc = incident(Priority.P1, Category.GAME_UNAVAILABLE, 180)
    status = sla_status(inc, Tier.VVIP, POLICY, NOW)
    proposal = propose(inc, Tier.VVIP, rg, status, MATRIX, TODAY)
    assert [i.kind for i in proposal.refused] == ["bonus_play"]
    assert not any(i.play_incentive for i in proposal.offers)
    assert proposal.offers[0].amount == Decimal("2500")  # equal value, not gaming
    assert proposal.refusal_reason is not None
    assert proposal.refusal_reason.key in ("recovery.self_excluded", "recovery.cooling_off")
    assert "never offered" in str(proposal.refusal_reason)


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (("amount = 500", "amount = -5"), "events.p1_delay.VIP[0].amount"),
        (("[events.vip_room_wait]", "[events.vip_lounge_wait]"), "events.vip_lounge_wait"),
        (('currency = "AUD"', 'currency = "dollars"'), "currency"),
        (("play = true", 'play = "yes"'), "events.p1_delay.VIP[0].play"),
    ],
)
def test_a_bad_matrix_is_refused_naming_the_key(
    tmp_path: Path, edit: tuple[str, str], key: str
) -> None:
    text = (Path(__file__).parents[2] / "app/recovery/default_compensation.toml").read_text()
    bad = tmp_path / "compensation.toml"
    bad.write_text(text.replace(*edit, 1), encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_matrix(bad)
    assert caught.value.key_path == key


# -- the service, on a real store ----------------------------------------------------

HOST = Actor("H001", Role.HOST, "TAB-1")
PIT_BOSS = Actor("P001", Role.PIT_BOSS, "TAB-2")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


def service_with(store: SqliteStore, rg: ResponsibleGambling) -> RecoveryService:
    with store.unit_of_work() as uow:
        uow.guests.save(Guest("g-1", "9000000001", "Ann Lee", Tier.VVIP, "H001", rg=rg))
        uow.incidents.save(incident(Priority.P1, Category.GAME_UNAVAILABLE, 180))
    return RecoveryService(store, FakeClock(NOW), POLICY, MATRIX)


def test_a_promise_lands_on_the_timeline_and_in_the_outbox(store: SqliteStore) -> None:
    service = service_with(store, CLEAR)
    proposal = service.proposal(HOST, "i-1")
    assert RecoveryEvent.P1_DELAY in proposal.events
    service.promise(HOST, "i-1", proposal.offers, "Agreed with the guest at the table")
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id("i-1")
        actions = [a.action for a in uow.audit.recent(10)]
        pending, _dead = uow.outbox.counts()
    assert stored is not None
    (promise,) = promises_of(stored)
    assert [i.kind for i in promise.items] == ["bonus_play", "tournament_priority"]
    assert promise.note == "Agreed with the guest at the table"
    assert stored.events[-1].kind is EventKind.COMPENSATION_PROMISED
    assert actions[0] == "compensation.promise"
    assert pending == 1  # the timeline event, queued for the helpdesk


def test_a_play_incentive_for_a_self_excluded_guest_is_refused_in_the_service(
    store: SqliteStore,
) -> None:
    service = service_with(store, SELF_EXCLUDED)
    play = MATRIX.items(RecoveryEvent.P1_DELAY, Tier.VVIP)
    with pytest.raises(RecoveryRefused, match="self-excluded"):
        service.promise(HOST, "i-1", play)
    with store.unit_of_work() as uow:
        stored = uow.incidents.by_id("i-1")
        actions = [a.action for a in uow.audit.recent(10)]
    assert stored is not None and promises_of(stored) == []
    assert actions[0] == "compensation.refused"


def test_a_pit_boss_cannot_promise(store: SqliteStore) -> None:
    service = service_with(store, CLEAR)
    with pytest.raises(PermissionDenied):
        service.promise(PIT_BOSS, "i-1", MATRIX.items(RecoveryEvent.P1_DELAY, Tier.VIP))
