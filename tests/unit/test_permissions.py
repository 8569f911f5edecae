"""Least privilege: the role x action and role x field tables of SPEC §1 and §3."""

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from app.actor import Actor
from app.domain import (
    Category,
    Channel,
    Guest,
    Incident,
    ItineraryItem,
    PreferenceCard,
    Priority,
    QuietVisit,
    ResponsibleGambling,
    Role,
    Tier,
    TravelRiskProfile,
)
from app.domain.guest import ItineraryDisclosure, PersonalLimits
from app.guest_card import build_card_view
from app.messages import Message, label
from app.permissions import (
    ROLE_ACTIONS,
    Action,
    GuestField,
    allowed,
    redact_guest,
    redact_incident,
    require,
    visible_guest_fields,
)
from app.services.errors import PermissionDenied

TODAY = date(2026, 3, 14)

GUEST = Guest(
    id="g-1",
    card_number="9000012345",
    name="Margaret Chen",
    tier=Tier.VVIP,
    host_id="H001",
    phone="+61412345678",
    languages=("en", "zh"),
    currency="AUD",
    preferred_channels=(Channel.MESSENGER,),
    code_word_hash="scrypt$64$8$1$c2FsdA==$" + "A" * 43 + "=",
    credit_line=Decimal("500000"),
    table_limit=Decimal("25000"),
    adt=Decimal("12000"),
    theo=Decimal("30000"),
    sof_sow_status="verified",
    room="Suite 1203",
    preferences=PreferenceCard(
        drinks=("oolong tea",),
        meals=("no shellfish",),
        rooms=("high floor",),
        tables_games=("baccarat",),
        communication=("messenger only",),
        transfers=("black sedan",),
        travel=TravelRiskProfile(documents=("passport",), cash_limit=Decimal("9000")),
    ),
    rg=ResponsibleGambling(limits=PersonalLimits(time_per_day_minutes=240)),
    itinerary=(ItineraryItem(datetime(2026, 3, 16, 9, tzinfo=UTC), "flight", "QF1 to SYD"),),
)


def actor(role: Role, staff_id: str = "S9", covering_for: tuple[str, ...] = ()) -> Actor:
    return Actor(staff_id=staff_id, role=role, device_id="tab-1", covering_for=covering_for)


OWN_HOST = actor(Role.HOST, "H001")
OTHER_HOST = actor(Role.HOST, "H002")
COVERING_HOST = actor(Role.HOST, "H003", covering_for=("H001",))
PIT_BOSS = actor(Role.PIT_BOSS)
VIP_DESK = actor(Role.VIP_DESK)
CONCIERGE = actor(Role.CONCIERGE)
DUTY_MANAGER = actor(Role.DUTY_MANAGER)
ROLE_ACTORS = {
    "host": OWN_HOST,
    "pit_boss": PIT_BOSS,
    "vip_desk": VIP_DESK,
    "concierge": CONCIERGE,
    "duty_manager": DUTY_MANAGER,
}

Getter = Callable[[Guest], object]
# field, how to read it, and who sees it: host, pit boss, VIP desk, concierge, duty manager.
FIELD_MATRIX: list[tuple[GuestField, Getter, tuple[bool, bool, bool, bool, bool]]] = [
    (GuestField.NAME, lambda g: g.name, (True, True, True, True, True)),
    (GuestField.LANGUAGES, lambda g: g.languages, (True, True, True, True, True)),
    (GuestField.CARD_NUMBER, lambda g: g.card_number, (True, True, True, False, False)),
    (GuestField.PHONE, lambda g: g.phone, (True, False, True, False, False)),
    (GuestField.CURRENCY, lambda g: g.currency, (True, True, True, False, False)),
    (
        GuestField.PREFERRED_CHANNELS,
        lambda g: g.preferred_channels,
        (True, False, True, False, False),
    ),
    (GuestField.CREDIT_LINE, lambda g: g.credit_line, (True, False, False, False, False)),
    (GuestField.TABLE_LIMIT, lambda g: g.table_limit, (True, True, False, False, False)),
    (GuestField.ADT, lambda g: g.adt, (True, False, False, False, True)),
    (GuestField.THEO, lambda g: g.theo, (True, False, False, False, True)),
    (GuestField.SOF_SOW, lambda g: g.sof_sow_status, (True, False, False, False, False)),
    (GuestField.ROOM, lambda g: g.room, (True, False, True, True, False)),
    (GuestField.DRINKS, lambda g: g.preferences.drinks, (True, True, True, True, False)),
    (GuestField.MEALS, lambda g: g.preferences.meals, (True, True, True, True, False)),
    (GuestField.ROOM_PREFERENCES, lambda g: g.preferences.rooms, (True, False, True, True, False)),
    (
        GuestField.TABLES_GAMES,
        lambda g: g.preferences.tables_games,
        (True, True, True, False, False),
    ),
    (
        GuestField.COMMUNICATION,
        lambda g: g.preferences.communication,
        (True, False, True, False, False),
    ),
    (GuestField.TRANSFERS, lambda g: g.preferences.transfers, (True, False, True, True, False)),
    (GuestField.TRAVEL_RISK, lambda g: g.preferences.travel, (True, False, False, False, False)),
    (GuestField.PERSONAL_LIMITS, lambda g: g.rg.limits, (True, True, False, False, False)),
    (GuestField.ITINERARY, lambda g: g.itinerary, (True, False, True, False, False)),
]
BLANK = Guest(id="", card_number="", name="", tier=Tier.VIP, currency="", sof_sow_status="")

MATRIX_CASES = [
    pytest.param(ROLE_ACTORS[role], field, getter, visible, id=f"{role}-{field.value}")
    for field, getter, row in FIELD_MATRIX
    for role, visible in zip(ROLE_ACTORS, row, strict=True)
]


@pytest.mark.parametrize(("who", "field", "getter", "visible"), MATRIX_CASES)
def test_role_field_matrix(who: Actor, field: GuestField, getter: Getter, visible: bool) -> None:
    assert (field in visible_guest_fields(who, GUEST)) is visible
    shown = getter(redact_guest(who, GUEST))
    if visible:
        assert shown == getter(GUEST)
    else:
        assert shown == getter(BLANK), f"{who.role} can read {field}"
        assert shown != getter(GUEST)


def test_the_matrix_covers_every_role_dependent_field() -> None:
    always = {GuestField.ID, GuestField.TIER, GuestField.HOST, GuestField.QUIET_VISIT}
    always.add(GuestField.GAMBLING_STATUS)
    assert {f for f, _, _ in FIELD_MATRIX} | always == set(GuestField)


@pytest.mark.parametrize("who", [*ROLE_ACTORS.values(), OTHER_HOST], ids=lambda a: a.staff_id)
def test_nobody_gets_the_code_word_hash_or_loses_the_safety_flags(who: Actor) -> None:
    guest = replace(GUEST, rg=replace(GUEST.rg, self_excluded=True))
    shown = redact_guest(who, guest)
    assert shown.code_word_hash is None
    assert shown.rg.self_excluded and shown.tier is Tier.VVIP and shown.host_id == "H001"


def test_another_hosts_guest_card_is_still_full_when_not_quiet() -> None:
    assert visible_guest_fields(OTHER_HOST, GUEST) == frozenset(GuestField)


# -- quiet visit ----------------------------------------------------------------


def quiet_guest(**changes: object) -> Guest:
    quiet = replace(QuietVisit(enabled=True, alias="Mr Blue"), **changes)  # type: ignore[arg-type]
    return replace(GUEST, quiet=quiet)


@pytest.mark.parametrize("who", [OWN_HOST, COVERING_HOST], ids=["own", "covering"])
def test_quiet_guest_is_fully_visible_to_own_and_covering_host(who: Actor) -> None:
    guest = quiet_guest()
    shown = redact_guest(who, guest)
    assert shown.name == "Margaret Chen" and shown.itinerary == GUEST.itinerary
    assert shown.phone == GUEST.phone
    require(who, Action.GUEST_VIEW_ITINERARY, guest=guest)


@pytest.mark.parametrize("who", [OTHER_HOST, VIP_DESK, PIT_BOSS, CONCIERGE], ids=lambda a: a.role)
def test_quiet_guest_shows_only_the_alias_to_everyone_else(who: Actor) -> None:
    guest = quiet_guest()
    shown = redact_guest(who, guest)
    assert shown.name == "Mr Blue" and shown.display_name == "Mr Blue"
    assert "Margaret" not in repr(shown)
    assert shown.itinerary == () and shown.phone == "" and shown.room == ""
    with pytest.raises(PermissionDenied):
        require(who, Action.GUEST_VIEW_ITINERARY, guest=guest)


def test_quiet_guest_without_alias_keeps_the_name() -> None:
    shown = redact_guest(VIP_DESK, quiet_guest(alias=None))
    assert shown.name == "Margaret Chen"


def test_itinerary_disclosed_to_nobody_hides_it_from_the_own_host_too() -> None:
    guest = quiet_guest(itinerary_disclosure=ItineraryDisclosure.NOBODY)
    assert redact_guest(OWN_HOST, guest).itinerary == ()
    with pytest.raises(PermissionDenied, match="itinerary"):
        require(OWN_HOST, Action.GUEST_VIEW_ITINERARY, guest=guest)
    assert redact_guest(OWN_HOST, guest).name == "Margaret Chen"


def test_itinerary_disclosed_to_any_staff_follows_the_role_table() -> None:
    guest = quiet_guest(itinerary_disclosure=ItineraryDisclosure.ANY_STAFF)
    assert redact_guest(VIP_DESK, guest).itinerary == GUEST.itinerary
    assert redact_guest(PIT_BOSS, guest).itinerary == ()


def test_contact_not_host_only_leaves_phone_and_room_to_the_role_table() -> None:
    shown = redact_guest(VIP_DESK, quiet_guest(host_only_contact=False))
    assert shown.phone == GUEST.phone and shown.room == GUEST.room


def test_disclosure_setting_is_ignored_when_the_visit_is_not_quiet() -> None:
    guest = replace(GUEST, quiet=QuietVisit(enabled=False, alias="Mr Blue"))
    shown = redact_guest(VIP_DESK, guest)
    assert shown.name == "Margaret Chen" and shown.itinerary == GUEST.itinerary


# -- actions ----------------------------------------------------------------------

ACTION_CASES = [
    (PIT_BOSS, Action.INCIDENT_SIGN_ACT, True),
    (PIT_BOSS, Action.INCIDENT_ESCALATE, True),
    (PIT_BOSS, Action.GUEST_VERIFY_CODE_WORD, False),
    (PIT_BOSS, Action.GUEST_VIEW_ITINERARY, False),
    (PIT_BOSS, Action.WALKIN_REGISTER, False),
    (VIP_DESK, Action.WALKIN_REGISTER, True),
    (VIP_DESK, Action.GUEST_VERIFY_CODE_WORD, True),
    (VIP_DESK, Action.INCIDENT_SIGN_ACT, False),
    (VIP_DESK, Action.COMPENSATION_OFFER, False),
    (CONCIERGE, Action.GUEST_VIEW_CARD, True),
    (CONCIERGE, Action.INCIDENT_OPEN, True),
    (CONCIERGE, Action.INCIDENT_VIEW_AMOUNTS, False),
    (CONCIERGE, Action.INCIDENT_ESCALATE, False),
    (CONCIERGE, Action.GUEST_VERIFY_CODE_WORD, False),
    (OWN_HOST, Action.COMPENSATION_OFFER, True),
    (OWN_HOST, Action.GUEST_LIST_OWN, True),
    (VIP_DESK, Action.GUEST_LIST_OWN, False),
    # The shift handover: the floor's supervisors (the duty manager's own table too).
    (PIT_BOSS, Action.SHIFT_HANDOVER, True),
    (OWN_HOST, Action.SHIFT_HANDOVER, False),
    (VIP_DESK, Action.SHIFT_HANDOVER, False),
    (CONCIERGE, Action.SHIFT_HANDOVER, False),
]


@pytest.mark.parametrize(("who", "action", "expected"), ACTION_CASES)
def test_role_action_table(who: Actor, action: Action, expected: bool) -> None:
    assert allowed(who, action) is expected


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_every_denial_names_role_and_action(role: Role, action: Action) -> None:
    who = actor(role)
    if action in ROLE_ACTIONS[role]:
        require(who, action)
        return
    with pytest.raises(PermissionDenied) as caught:
        require(who, action)
    message = str(caught.value)
    assert (caught.value.key, caught.value.params) == (
        "permission.not_in_role",
        {"role": role.value, "action": action.value},
    )
    assert label("role", role.value) in message
    assert label("action", action.value) in message


@pytest.mark.parametrize(
    ("who", "expected"),
    [(OWN_HOST, True), (COVERING_HOST, True), (OTHER_HOST, False), (VIP_DESK, True)],
    ids=["own host", "covering host", "other host", "vip desk"],
)
def test_who_may_check_a_code_word(who: Actor, expected: bool) -> None:
    assert allowed(who, Action.GUEST_VERIFY_CODE_WORD, guest=GUEST) is expected


def test_other_host_is_told_why_the_code_word_is_out_of_reach() -> None:
    with pytest.raises(PermissionDenied, match="another host"):
        require(OTHER_HOST, Action.GUEST_VERIFY_CODE_WORD, guest=GUEST)


def test_hosts_edit_preferences_of_their_own_guests_only() -> None:
    assert allowed(OWN_HOST, Action.GUEST_EDIT_PREFERENCES, guest=GUEST)
    assert not allowed(OTHER_HOST, Action.GUEST_EDIT_PREFERENCES, guest=GUEST)


def test_unassigned_guest_is_nobody_s_own_guest() -> None:
    guest = replace(GUEST, host_id=None)
    assert not allowed(OWN_HOST, Action.GUEST_VERIFY_CODE_WORD, guest=guest)


# -- the card view ----------------------------------------------------------------

INCIDENT = Incident(
    id="i-1",
    provisional_number="TAB1-0001",
    opened_at=datetime(2026, 3, 14, 1, tzinfo=UTC),
    opened_by="P001",
    priority=Priority.P1,
    category=Category.PAYMENT_FAILED,
    channel=Channel.ONSITE,
    summary="payout failed",
    guest_id="g-1",
    amount=Decimal("12000"),
    transaction_ref="TX-99",
)


def test_card_view_flags_for_a_quiet_self_excluded_guest() -> None:
    guest = replace(quiet_guest(), rg=ResponsibleGambling(self_excluded=True))
    view = build_card_view(VIP_DESK, guest, today=TODAY)
    assert view.quiet_visit and view.alias_shown and view.guest.name == "Mr Blue"
    assert view.incentives_blocked and view.incentives_blocked_reason == Message(
        "card.self_excluded"
    )
    assert view.paging_blocked_reason == Message("card.quiet_visit_paging")
    assert not view.paging_allowed and "no public paging" in str(view.paging_blocked_reason)
    assert view.code_word_on_file and view.can_verify_code_word
    assert not view.is_own_guest and not view.shows(GuestField.NAME)


@pytest.mark.parametrize(
    ("until", "blocked"),
    [(date(2026, 3, 13), False), (date(2026, 3, 14), True), (date(2026, 3, 20), True)],
)
def test_cooling_off_blocks_incentives_through_its_last_day(until: date, blocked: bool) -> None:
    guest = replace(GUEST, rg=ResponsibleGambling(cooling_off_until=until))
    view = build_card_view(OWN_HOST, guest, today=TODAY)
    assert view.incentives_blocked is blocked
    reason = view.incentives_blocked_reason
    assert (reason == Message("card.cooling_off", {"until": until})) is blocked
    assert ("Cooling-off" in str(reason)) is blocked


def test_plain_guest_can_be_paged_and_offered_incentives() -> None:
    view = build_card_view(OWN_HOST, GUEST, today=TODAY)
    assert view.paging_allowed and view.paging_blocked_reason is None
    assert not view.incentives_blocked and view.is_own_guest and not view.alias_shown


def test_other_host_sees_the_card_but_cannot_check_the_code_word() -> None:
    view = build_card_view(OTHER_HOST, GUEST, today=TODAY)
    assert view.code_word_on_file and not view.can_verify_code_word


def test_no_code_word_on_file_cannot_be_checked() -> None:
    view = build_card_view(OWN_HOST, replace(GUEST, code_word_hash=None), today=TODAY)
    assert not view.code_word_on_file and not view.can_verify_code_word


def test_incident_amounts_are_hidden_from_the_concierge_only() -> None:
    concierge_view = build_card_view(CONCIERGE, GUEST, today=TODAY, incidents=(INCIDENT,))
    (seen,) = concierge_view.incidents
    assert seen.amount is None and seen.transaction_ref == "" and seen.summary == INCIDENT.summary
    assert redact_incident(PIT_BOSS, INCIDENT).amount == Decimal("12000")
    assert redact_incident(OWN_HOST, INCIDENT) is INCIDENT
