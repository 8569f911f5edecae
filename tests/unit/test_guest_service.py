"""Guest lookup, search, card and code word checks against the real SQLite store."""

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.actor import Actor
from app.clock import FakeClock
from app.domain import (
    Category,
    Channel,
    Guest,
    Incident,
    Priority,
    QuietVisit,
    ResponsibleGambling,
    Role,
    Tier,
)
from app.ports import AuditEntry, Store
from app.security.secrets import DEMO_COST, hash_secret
from app.services.errors import (
    GuestNotFound,
    MalformedSwipe,
    NoCodeWordOnFile,
    PaymentCardSwiped,
    PermissionDenied,
)
from app.services.guests import GuestService, PagingKind
from offline_cache import SqliteStore, open_store
from tests.unit.failing_store import FailingStore

NOW = datetime(2026, 3, 14, 20, 0, tzinfo=UTC)  # 15 March, 07:00 in Sydney
CARD = "9000012345"
QUIET_CARD = "9000067890"

MARGARET = Guest(
    id="g-margaret",
    card_number=CARD,
    name="Margaret Chen",
    tier=Tier.VVIP,
    host_id="H001",
    phone="+61412345678",
    code_word_hash=hash_secret("Tigre", cost=DEMO_COST),
    credit_line=Decimal("500000"),
    room="1203",
)
QUIET = Guest(
    id="g-quiet",
    card_number=QUIET_CARD,
    name="Robert Quill",
    tier=Tier.VIP,
    host_id="H002",
    phone="+61499887766",
    room="Suite 9",
    code_word_hash=hash_secret("azul", cost=DEMO_COST),
    quiet=QuietVisit(enabled=True, alias="Mr Blue"),
)
PLAIN = Guest(id="g-plain", card_number="9000011111", name="Marco Rossi", tier=Tier.VIP)

HOST = Actor("H001", Role.HOST, "tab-1", covering_for=())
QUIET_HOST = Actor("H002", Role.HOST, "tab-2")
COVERING = Actor("H003", Role.HOST, "tab-3", covering_for=("H002",))
DESK = Actor("D001", Role.VIP_DESK, "desk-1")
PIT_BOSS = Actor("P001", Role.PIT_BOSS, "pit-1")
CONCIERGE = Actor("C001", Role.CONCIERGE, "con-1")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = open_store(tmp_path)
    with store.unit_of_work() as uow:
        for guest in (MARGARET, QUIET, PLAIN):
            uow.guests.save(guest)
        uow.incidents.save(
            Incident(
                id="i-1",
                provisional_number="TAB1-0001",
                opened_at=NOW,
                opened_by="P001",
                priority=Priority.P1,
                category=Category.PAYMENT_FAILED,
                channel=Channel.ONSITE,
                summary="payout failed",
                guest_id=MARGARET.id,
                amount=Decimal("12000"),
            )
        )
    yield store
    store.close()


@pytest.fixture
def service(store: SqliteStore) -> GuestService:
    return GuestService(store, FakeClock(NOW))


def audit_rows(store: Store) -> list[AuditEntry]:
    with store.unit_of_work() as uow:
        return list(reversed(uow.audit.recent(1000)))


# -- card swipe ---------------------------------------------------------------------


def test_swipe_opens_the_card_and_is_audited(service: GuestService, store: SqliteStore) -> None:
    view = service.lookup_card(HOST, f";{CARD}=2512?\n")
    assert view.guest.id == MARGARET.id and view.guest.credit_line == Decimal("500000")
    assert view.guest.code_word_hash is None and view.can_verify_code_word
    assert [i.id for i in view.incidents] == ["i-1"]
    (row,) = audit_rows(store)
    assert (row.action, row.target, row.staff_id, row.device_id) == (
        "guest.view",
        MARGARET.id,
        "H001",
        "tab-1",
    )
    assert CARD not in row.detail and "2345" in row.detail


def test_swipe_by_concierge_shows_preferences_not_money(service: GuestService) -> None:
    view = service.lookup_card(CONCIERGE, CARD)
    assert view.guest.credit_line is None and view.guest.card_number == ""
    assert view.guest.phone == "" and view.guest.room == "1203"
    (incident,) = view.incidents
    assert incident.amount is None


def test_unknown_card_offers_a_walk_in_and_is_audited(
    service: GuestService, store: SqliteStore
) -> None:
    with pytest.raises(GuestNotFound) as caught:
        service.lookup_card(DESK, "9999999999")
    assert "walk-in" in str(caught.value) and "9999999999" not in str(caught.value)
    (row,) = audit_rows(store)
    assert (row.action, row.detail) == ("guest.lookup_card", "not found")
    assert "9999999999" not in repr(row)


def test_payment_card_swipe_is_refused_and_never_recorded(
    service: GuestService, store: SqliteStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(PaymentCardSwiped):
        service.lookup_card(DESK, "%B4111111111111111^DOE/JANE^2512101?")
    (row,) = audit_rows(store)
    assert row.action == "guest.lookup_card" and row.detail == "rejected: payment_card"
    assert "4111" not in repr(row) and "4111" not in caplog.text


def test_garbled_swipe_is_a_malformed_swipe(service: GuestService) -> None:
    with pytest.raises(MalformedSwipe):
        service.lookup_card(DESK, ";90000?")


def test_quiet_guest_swiped_at_the_desk_shows_the_alias(service: GuestService) -> None:
    view = service.lookup_card(DESK, QUIET_CARD)
    assert view.guest.name == "Mr Blue" and view.alias_shown
    assert not view.paging_allowed and view.guest.phone == "" and view.guest.room == ""


# -- card by id -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "name"),
    [(QUIET_HOST, "Robert Quill"), (COVERING, "Robert Quill"), (HOST, "Mr Blue")]
    + [(DESK, "Mr Blue"), (PIT_BOSS, "Mr Blue"), (CONCIERGE, "Mr Blue")],
    ids=lambda v: v.staff_id if isinstance(v, Actor) else v,
)
def test_quiet_guest_real_name_only_for_own_or_covering_host(
    service: GuestService, who: Actor, name: str
) -> None:
    assert service.card(who, QUIET.id).guest.name == name


def test_opening_a_card_is_audited(service: GuestService, store: SqliteStore) -> None:
    service.card(PIT_BOSS, MARGARET.id)
    (row,) = audit_rows(store)
    assert (row.action, row.target, row.role, row.at) == (
        "guest.view",
        MARGARET.id,
        "pit_boss",
        NOW,
    )


def test_unknown_guest_id(service: GuestService, store: SqliteStore) -> None:
    with pytest.raises(GuestNotFound):
        service.card(HOST, "nope")
    assert audit_rows(store)[-1].detail == "not found"


def test_cooling_off_is_counted_in_the_venue_s_local_date(store: SqliteStore) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save(replace(PLAIN, rg=ResponsibleGambling(cooling_off_until=date(2026, 3, 14))))
    in_utc = GuestService(store, FakeClock(NOW))
    in_sydney = GuestService(store, FakeClock(NOW), venue_tz=ZoneInfo("Australia/Sydney"))
    assert in_utc.card(HOST, PLAIN.id).incentives_blocked
    assert not in_sydney.card(HOST, PLAIN.id).incentives_blocked


def broken_incidents(store: SqliteStore) -> GuestService:
    """Reading a guest's incidents fails (after the card's audit row was added)."""
    return GuestService(
        FailingStore(store, "incidents", RuntimeError("disk I/O error")), FakeClock(NOW)
    )


def test_view_and_its_audit_row_roll_back_together(store: SqliteStore) -> None:
    broken = broken_incidents(store)
    with pytest.raises(RuntimeError, match="disk I/O"):
        broken.card(HOST, MARGARET.id)
    # The "guest.view" row (see test_opening_a_card_is_audited) went with the failed unit.
    assert audit_rows(store) == []


def test_refusals_commit_their_audit_row(store: SqliteStore) -> None:
    broken = broken_incidents(store)
    with pytest.raises(GuestNotFound):
        broken.card(HOST, "nope")
    assert [r.detail for r in audit_rows(store)] == ["not found"]


# -- search -----------------------------------------------------------------------------


def test_search_by_name_lists_summaries(service: GuestService, store: SqliteStore) -> None:
    (row,) = service.search(DESK, "margaret")
    assert (row.id, row.display_name, row.tier, row.card_masked) == (
        MARGARET.id,
        "Margaret Chen",
        Tier.VVIP,
        "••••2345",
    )
    assert row.host_id == "H001" and not row.quiet_visit and not row.alias_shown
    audit = audit_rows(store)[-1]
    assert audit.action == "guest.search" and "margaret" not in audit.detail.casefold()
    assert audit.detail.startswith("1 results")


def test_search_by_card_number(service: GuestService) -> None:
    assert [g.id for g in service.search(PIT_BOSS, CARD)] == [MARGARET.id]


def test_concierge_search_rows_hide_the_card(service: GuestService) -> None:
    (row,) = service.search(CONCIERGE, "margaret")
    assert row.card_masked == ""


def test_quiet_guest_is_not_found_by_real_name_unless_own_host(service: GuestService) -> None:
    assert service.search(DESK, "Quill") == []
    assert service.search(HOST, "Robert") == []
    (own,) = service.search(QUIET_HOST, "Quill")
    assert own.display_name == "Robert Quill" and own.is_own_guest


def test_quiet_guest_is_found_by_alias_showing_only_the_alias(service: GuestService) -> None:
    (row,) = service.search(DESK, "blue")
    assert row.id == QUIET.id and row.display_name == "Mr Blue" and row.alias_shown
    assert row.quiet_visit


def test_quiet_guest_is_not_found_by_room_but_is_by_phone(service: GuestService) -> None:
    assert service.search(CONCIERGE, "Suite 9") == []
    assert [g.id for g in service.search(DESK, "0499 887 766")] == [QUIET.id]


def test_flags_in_search_rows(store: SqliteStore, service: GuestService) -> None:
    with store.unit_of_work() as uow:
        uow.guests.save(replace(PLAIN, rg=ResponsibleGambling(self_excluded=True)))
    (row,) = service.search(HOST, "Marco")
    assert row.self_excluded and not row.cooling_off


def test_empty_search_returns_nothing(service: GuestService) -> None:
    assert service.search(DESK, "   ") == []


# -- code word ------------------------------------------------------------------------


@pytest.mark.parametrize(("spoken", "expected"), [("tigre ", True), ("lion", False)])
def test_code_word_check_answers_and_is_audited_without_the_word(
    service: GuestService,
    store: SqliteStore,
    caplog: pytest.LogCaptureFixture,
    spoken: str,
    expected: bool,
) -> None:
    caplog.set_level(logging.DEBUG)
    assert service.verify_code_word(HOST, MARGARET.id, spoken) is expected
    (row,) = audit_rows(store)
    assert row.action == "guest.code_word_check"
    assert row.detail == ("match" if expected else "no match")
    for secret in ("tigre", "lion"):
        assert secret not in repr(row).casefold() and secret not in caplog.text.casefold()


def test_desk_and_covering_host_may_check_a_code_word(service: GuestService) -> None:
    assert service.verify_code_word(DESK, QUIET.id, "Azul")
    assert service.verify_code_word(COVERING, QUIET.id, "AZUL")


@pytest.mark.parametrize("who", [HOST, PIT_BOSS, CONCIERGE], ids=lambda a: a.staff_id)
def test_code_word_check_denied_is_audited(
    service: GuestService, store: SqliteStore, who: Actor
) -> None:
    with pytest.raises(PermissionDenied):
        service.verify_code_word(who, QUIET.id, "azul")
    (row,) = audit_rows(store)
    assert (row.action, row.detail, row.staff_id) == (
        "permission.denied",
        "guest.verify_code_word",
        who.staff_id,
    )


def test_guest_without_code_word(service: GuestService, store: SqliteStore) -> None:
    with pytest.raises(NoCodeWordOnFile):
        service.verify_code_word(DESK, PLAIN.id, "anything")
    assert audit_rows(store)[-1].detail == "no code word on file"


# -- my guests ----------------------------------------------------------------------


def test_guests_of_host_includes_covered_guests(service: GuestService, store: SqliteStore) -> None:
    assert [g.id for g in service.guests_of_host(HOST)] == [MARGARET.id]
    (covered,) = service.guests_of_host(COVERING)
    assert covered.id == QUIET.id and covered.display_name == "Robert Quill"
    assert covered.is_own_guest
    assert audit_rows(store)[-1].action == "guest.list_own"


def test_only_hosts_have_guests_of_their_own(service: GuestService) -> None:
    with pytest.raises(PermissionDenied, match="VIP desk"):
        service.guests_of_host(DESK)


# -- paging requests (SPEC §3: never for a quiet visit) ------------------------------


@pytest.mark.parametrize("actor", [HOST, DESK], ids=["host", "desk"])
@pytest.mark.parametrize("kind", list(PagingKind))
def test_a_paging_request_is_recorded_and_audited(
    service: GuestService, store: SqliteStore, actor: Actor, kind: PagingKind
) -> None:
    service.request_paging(actor, PLAIN.id, kind)
    (row,) = audit_rows(store)
    assert (row.action, row.target, row.detail) == ("guest.paging_request", PLAIN.id, kind.value)
    assert row.staff_id == actor.staff_id
    assert PLAIN.name not in row.detail  # the guest by id only


@pytest.mark.parametrize("actor", [QUIET_HOST, HOST, DESK], ids=["own-host", "host", "desk"])
def test_a_quiet_visit_guest_is_never_paged_whoever_asks(
    service: GuestService, store: SqliteStore, actor: Actor
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        service.request_paging(actor, QUIET.id, PagingKind.ANNOUNCE)
    assert refused.value.reason == "quiet_visit_no_paging"
    assert [(r.action, r.detail) for r in audit_rows(store)] == [
        ("permission.denied", "guest.page")
    ]


@pytest.mark.parametrize("actor", [PIT_BOSS, CONCIERGE], ids=["pit-boss", "concierge"])
def test_roles_without_paging_are_refused(
    service: GuestService, store: SqliteStore, actor: Actor
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        service.request_paging(actor, PLAIN.id, PagingKind.PAGE)
    assert refused.value.reason == "not_in_role"
    assert [r.action for r in audit_rows(store)] == ["permission.denied"]


def test_the_card_says_who_may_page(service: GuestService) -> None:
    assert service.card(DESK, PLAIN.id).can_page
    assert not service.card(CONCIERGE, PLAIN.id).can_page
    quiet = service.card(QUIET_HOST, QUIET.id)
    assert quiet.can_page and not quiet.paging_allowed
